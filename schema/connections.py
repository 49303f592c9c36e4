"""How measures connect across documents (issue 14): the published records the connections stages add."""

from typing import ClassVar, Literal

from pydantic import Field

from dbay.schema.records import Identifier, Record

# --- relations

Direction = Literal["earlier", "later", "same-day", "unknown"]


class Relation(Record):
    table: ClassVar[str] = "relations"
    primary_key: ClassVar[tuple[str, ...]] = ("source_id", "target_id")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("source_id", "measures", "id"),
        ("target_id", "measures", "id"),
    )
    description: ClassVar[str] = (
        "For every measure, the measures of other documents that continue, repeat or implement it, best first: scored "
        "by the rare wording they share (character n-grams weighted by how few measures use them), the named things "
        "and the agencies they share (build/relations.py). A measure's relations are its own: the target's list "
        "need not name the source."
    )

    source_id: Identifier = Field(description="The measure whose relations these are.")
    target_id: Identifier = Field(description="A measure of another document related to it.")
    rank: int = Field(ge=1, description="The target's place among the source's relations: 1 is the best.")
    score: float = Field(
        ge=0,
        le=1,
        description="How closely the two are related, 0 to 1 (rounded to 3 places): the weighted sum of "
        "text_similarity and of the similarity of the entities and of the agencies they share, each of those weighted "
        "by how few measures name them (the weights are build/relation_scoring.py's).",
    )
    text_similarity: float = Field(
        ge=0,
        le=1,
        description="Cosine similarity of the two texts' character bigrams and trigrams, each weighted by its rarity "
        "among all measures (inverse document frequency), so that common words such as 推进 count for little.",
    )
    shared_entities: list[Identifier] = Field(
        description="Entities both measures mention (JSON array of entities.id), rarest first."
    )
    shared_agencies: list[Identifier] = Field(
        description="Agencies both measures name, lead or participating (JSON array of agencies.id), rarest first."
    )
    shared_terms: list[str] = Field(
        description="The most distinctive wording both texts share, as it reads in the target's Simplified text "
        "(JSON array, most distinctive first): overlapping shared n-grams merged into the longest shared strings."
    )
    direction: Direction = Field(
        description="When the target's document was issued compared with the source's (documents.issued): earlier, "
        "later, same-day, or unknown where either date is unknown. Follow the later ones to see where a promise went."
    )
