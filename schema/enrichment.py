"""What each measure is about, as published records (issue 13): the things it names, the places it
concerns, the targets it sets, its deadlines and the documents it cites.

Every mention is found in the measure's ``text`` (``measures.text``, Simplified): ``start`` and
``end`` are character offsets into it (``text[start:end]`` is the mention), and ``method`` says
what found it: a curated dictionary (data files under ``sources/``) or a pattern of the text.
"""

from typing import ClassVar, Literal

from pydantic import Field

from dbay.schema.records import Identifier, NonEmpty, Record

Method = Literal["dictionary", "pattern"]


# -- Quantified targets (issue 13: targets) ------------------------------------------------------

Qualifier = Literal["exactly", "at_least", "more_than", "about", "up_to", "cumulative", "increase_by", "decrease_by"]
"""How a target's number is meant; build/target_units.yml maps the words of the text to these."""


class Target(Record):
    table: ClassVar[str] = "targets"
    primary_key: ClassVar[tuple[str, ...]] = ("measure_id", "start")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (("measure_id", "measures", "id"),)
    description: ClassVar[str] = (
        "Every quantified target a measure sets (培育50家数据要素型企业, 诉求转派速度提升10%): its number, unit, "
        "qualifier and what is counted. Dates, editions, hotlines and document numbers are not targets."
    )

    measure_id: Identifier = Field(description="The measure whose text sets the target.")
    start: int = Field(ge=0, description="Offset of the phrase's first character in measures.text (0-based).")
    end: int = Field(ge=1, description="Offset just after the phrase's last character: text[start:end] is raw.")
    raw: NonEmpty = Field(description="The phrase as the measure's text writes it: qualifier, number and unit (超500项).")
    value: float = Field(ge=0, description="The number, with Chinese numerals, 万 and 亿 converted: 4万 is 40000.")
    unit: NonEmpty = Field(description="The unit without any 万 or 亿 (200万亩 has unit 亩), such as 家, 个, %, 亩, 元.")
    unit_kind: NonEmpty = Field(description="What the unit measures: count, percent, area, money, rate, duration …")
    qualifier: Qualifier = Field(
        description="How the number is meant: exactly (no qualifying word), at_least (以上, 不少于, 达到), more_than "
        "(超, 超过), about (约, 左右), up_to (以内, 不超过), cumulative (累计), increase_by or decrease_by "
        "(提升10%, 下降5%: a change, not a level)."
    )
    counted: str | None = Field(
        description="What is counted, as the text names it (数据要素型企业 in 培育50家数据要素型企业), or null where "
        "the text does not say."
    )
    method: Method = Field(description="What found it: always pattern (the units and qualifiers of build/target_units.yml).")
