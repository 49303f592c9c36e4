"""What each measure is about, as published records (issue 13): the things it names, the places it
concerns, the targets it sets, its deadlines and the documents it cites.

Every mention is found in the measure's ``text`` (``measures.text``, Simplified): ``start`` and
``end`` are character offsets into it (``text[start:end]`` is the mention), and ``method`` says
what found it: a curated dictionary (data files under ``sources/``) or a pattern of the text.
"""

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from dbay.schema.records import UNOFFICIAL, Identifier, NonEmpty, Record

Method = Literal["dictionary", "pattern"]


# -- Deadlines and cited documents (issue 13: milestones, citations) -----------------------------

Precision = Literal["year", "half", "quarter", "month", "day"]
MilestoneKind = Literal["deadline", "step", "period"]
Resolution = Literal["stated", "issued", "unresolved"]


class Milestone(Record):
    table: ClassVar[str] = "milestones"
    primary_key: ClassVar[tuple[str, ...]] = ("measure_id", "start")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (("measure_id", "measures", "id"),)
    description: ClassVar[str] = (
        "Every date by which a measure's text says something is to happen (到2024年底, 2025年前, 年内), and each "
        "year of a staged plan's steps (2023年，…；2024年，…), with the last day of the period named."
    )

    measure_id: Identifier = Field(description="The measure whose text names the date.")
    start: int = Field(ge=0, description="Offset of the mention's first character in measures.text (0-based).")
    end: int = Field(ge=1, description="Offset just after its last character: measures.text[start:end] is raw.")
    raw: NonEmpty = Field(description="The mention as written, with the words that make it a deadline (到2024年底).")
    due: date | None = Field(
        description="The last day of the period named (ISO 8601): 2024年底 and 2024年 are 2024-12-31, 2024年6月底 is "
        "2024-06-30, 上半年 ends on 06-30, a quarter on its last day. Null where the text names the period relative "
        "to the document (年内) and the document's issue date is unknown (resolution = unresolved)."
    )
    precision: Precision = Field(description="How wide the period named is: year, half, quarter, month or day.")
    kind: MilestoneKind = Field(
        description="deadline: something is to be done by then (到…, …前, 年内); step: a year heading one step of a "
        "staged plan (2023年，启动…); period: a span something happens during (“十四五”期间), due at its end."
    )
    resolution: Resolution = Field(
        description="stated: the text names the date; issued: named relative to the document (年内, 三年内) and "
        "counted from documents.issued; unresolved: relative, and the document's issue date is unknown."
    )
    method: Method = Field(description="How it was found: pattern (the grammar in build/timeline.yml).")


class CitedDocument(Record):
    table: ClassVar[str] = "citations"
    primary_key: ClassVar[tuple[str, ...]] = ("measure_id", "start")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("measure_id", "measures", "id"),
        ("document_id", "documents", "id"),
    )
    description: ClassVar[str] = (
        "Documents a measure's text cites by title (《广东省数据条例》), with the document number printed after it. "
        "Not how to cite a measure (the API's citation of a measure): these are the documents a measure refers to. "
        "Newspapers and periodicals in 《》 are not documents and are not listed."
    )

    measure_id: Identifier = Field(description="The measure whose text cites the document.")
    start: int = Field(ge=0, description="Offset of the opening 《 in measures.text (0-based).")
    end: int = Field(ge=1, description="Offset just after the closing 》, or after the document number where one follows it.")
    raw: NonEmpty = Field(description="The citation as written: measures.text[start:end].")
    title: NonEmpty = Field(description="The cited title, inside 《》, Simplified.")
    doc_number: str | None = Field(description="The document number printed right after the title (粤府〔2021〕44号), or null.")
    document_id: Identifier | None = Field(
        description="The cited document where this dataset holds it (same title in either script, or same document "
        "number), else null."
    )
    method: Method = Field(description="How it was found: pattern (a title in 《》).")


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


# -- Named things: entities and measure_entities (issue 13) ----------------------------------------

EntityType = Literal["platform", "programme", "slogan", "technology"]


class Entity(Record):
    table: ClassVar[str] = "entities"
    primary_key: ClassVar[tuple[str, ...]] = ("id",)
    description: ClassVar[str] = (
        "A named thing measures mention: a government platform, a programme or campaign, a slogan or goal, or a "
        "technology or sector of the controlled vocabulary. One row an entry of the curated dictionary "
        "sources/entities.yml, whether or not a measure of this release mentions it."
    )

    id: Identifier = Field(description="Permanent identifier (pinyin of the name when first published).")
    type: EntityType = Field(
        description="platform (a government app, site or system), programme (a programme, project, campaign or "
        "reform), slogan (a goal or principle formula such as 要素通) or technology (a technology or sector: 5G, 人工智能 …)."
    )
    name: NonEmpty = Field(description="Name in Simplified Chinese (or as written where it has no Chinese, such as 5G).")
    name_hant: NonEmpty = Field(
        description="Name in Traditional Chinese: as used where the thing is named in Traditional (智方便, 一戶通), "
        "else converted from the Simplified name."
    )
    name_en: str | None = Field(
        default=None, description=f"English name, {UNOFFICIAL} (sources/entities.yml); null where none is written yet."
    )
    aliases: list[str] = Field(description="Other names and short forms matched in the texts, in either script (JSON array).")
    gloss_en: str | None = Field(description="A short English gloss, or null where the editors are not sure of one.")
    source: NonEmpty = Field(description="Where the name is attested: the seed documents that print it, or a public page.")


class MeasureEntity(Record):
    table: ClassVar[str] = "measure_entities"
    primary_key: ClassVar[tuple[str, ...]] = ("measure_id", "start")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("measure_id", "measures", "id"),
        ("entity_id", "entities", "id"),
    )
    description: ClassVar[str] = (
        "Every mention of an entity in a measure's text: the longest dictionary name at each place, in either script. "
        "Quoted strings that name no entity are listed by the build report, not here."
    )

    measure_id: Identifier = Field(description="The measure.")
    entity_id: Identifier = Field(description="The entity mentioned.")
    start: int = Field(ge=0, description="Offset of the mention's first character in measures.text (0-based).")
    end: int = Field(ge=1, description="Offset just after its last character: measures.text[start:end] is raw.")
    raw: NonEmpty = Field(description="The mention as it stands in measures.text.")
    method: Method = Field(description="What found it: dictionary (a name or alias of sources/entities.yml).")


# -- Places: places and measure_places (issue 13) --------------------------------------------------

PlaceKind = Literal["province", "city", "sar", "zone", "region", "group", "bridge", "mountains"]


class Place(Record):
    table: ClassVar[str] = "places"
    primary_key: ClassVar[tuple[str, ...]] = ("id",)
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (("parent_id", "places", "id"),)
    description: ClassVar[str] = (
        "A place measures name: a city of Guangdong, Hong Kong or Macao, a cooperation zone, a region (粤东, 长三角), "
        "a group of places named together (港澳, 粤东粤西粤北) or a crossing such as 港珠澳大桥. One row an entry of "
        "the curated dictionary sources/places.yml, whether or not a measure of this release names it."
    )

    id: Identifier = Field(description="Permanent identifier (pinyin of the short name when first published).")
    kind: PlaceKind = Field(
        description="province, city (a prefecture-level city), sar (a special administrative region), zone (a "
        "cooperation zone or new area), region (a part of a province or of the country), group (places named "
        "together as one: 港澳), bridge or mountains (a range such as 南岭)."
    )
    name: NonEmpty = Field(description="Name in Simplified Chinese: the full name where the texts use one (横琴粤澳深度合作区).")
    name_hant: NonEmpty = Field(
        description="Name in Traditional Chinese: as the place writes it (香港, 澳門), else converted from the Simplified name."
    )
    name_en: str | None = Field(
        default=None, description=f"English name (sources/places.yml), {UNOFFICIAL} unless in use by the place itself; or null."
    )
    aliases: list[str] = Field(description="Other names and short forms matched in the texts (JSON array): 横琴, 广州市.")
    parent_id: Identifier | None = Field(description="The place it lies in (横琴 in 珠海), or null.")
    latitude: float | None = Field(
        ge=-90, le=90, description="Latitude of a representative point (WGS 84, degrees north), or null (regions, unverified)."
    )
    longitude: float | None = Field(ge=-180, le=180, description="Longitude of the same point (degrees east), or null.")
    coordinate_source: NonEmpty = Field(description="The public page the coordinates were read on, or why the place has none.")


class MeasurePlace(Record):
    table: ClassVar[str] = "measure_places"
    primary_key: ClassVar[tuple[str, ...]] = ("measure_id", "start")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("measure_id", "measures", "id"),
        ("place_id", "places", "id"),
    )
    description: ClassVar[str] = (
        "Every mention of a place in a measure's text: the longest dictionary name at each place of the text, in "
        "either script (横琴粤澳深度合作区 is one mention of the zone, not of 横琴 and 澳门)."
    )

    measure_id: Identifier = Field(description="The measure.")
    place_id: Identifier = Field(description="The place named.")
    start: int = Field(ge=0, description="Offset of the mention's first character in measures.text (0-based).")
    end: int = Field(ge=1, description="Offset just after its last character: measures.text[start:end] is raw.")
    raw: NonEmpty = Field(description="The mention as it stands in measures.text.")
    method: Method = Field(description="What found it: dictionary (a name or alias of sources/places.yml).")


# -- Mentions in headings: section_entities and section_places (issue 13) -----------------------------
# A section's heading often names what all its measures serve (二（一）以数据流动带动要素市场化，实现湾区发展
# “要素通”): those names are found as in the measures' texts, with offsets into the heading or preamble.

SectionField = Literal["heading", "preamble"]


class SectionEntity(Record):
    table: ClassVar[str] = "section_entities"
    primary_key: ClassVar[tuple[str, ...]] = ("section_id", "field", "start")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("section_id", "sections", "id"),
        ("entity_id", "entities", "id"),
    )
    description: ClassVar[str] = (
        "Every mention of an entity in a section's heading or preamble, found as in measures' texts: a heading that "
        "names a goal or programme (实现湾区发展“要素通”) says what the measures under it serve."
    )

    section_id: Identifier = Field(description="The section.")
    field: SectionField = Field(description="Where the mention stands: heading or preamble (Simplified, as in sections).")
    entity_id: Identifier = Field(description="The entity mentioned.")
    start: int = Field(ge=0, description="Offset of the mention's first character in the section's heading or preamble.")
    end: int = Field(ge=1, description="Offset just after its last character: heading[start:end] (or preamble's) is raw.")
    raw: NonEmpty = Field(description="The mention as it stands in the heading or preamble.")
    method: Method = Field(description="What found it: dictionary (a name or alias of sources/entities.yml).")


class SectionPlace(Record):
    table: ClassVar[str] = "section_places"
    primary_key: ClassVar[tuple[str, ...]] = ("section_id", "field", "start")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("section_id", "sections", "id"),
        ("place_id", "places", "id"),
    )
    description: ClassVar[str] = (
        "Every mention of a place in a section's heading or preamble (加快粤东粤西粤北“数字融湾”), found as in measures' texts."
    )

    section_id: Identifier = Field(description="The section.")
    field: SectionField = Field(description="Where the mention stands: heading or preamble (Simplified, as in sections).")
    place_id: Identifier = Field(description="The place named.")
    start: int = Field(ge=0, description="Offset of the mention's first character in the section's heading or preamble.")
    end: int = Field(ge=1, description="Offset just after its last character: heading[start:end] (or preamble's) is raw.")
    raw: NonEmpty = Field(description="The mention as it stands in the heading or preamble.")
    method: Method = Field(description="What found it: dictionary (a name or alias of sources/places.yml).")
