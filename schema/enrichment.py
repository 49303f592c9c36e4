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
