"""How the published records connect across documents and renditions (issue 14).

Each block is the work of one part of the issue; the blocks share ``dbay.schema.records.Record``.
"""

from typing import ClassVar, Literal

from pydantic import Field

from dbay.schema.records import Identifier, Record

# --- variants

VariantKind = Literal["changed", "added", "dropped"]


class Variant(Record):
    table: ClassVar[str] = "variants"
    primary_key: ClassVar[tuple[str, ...]] = ("measure_id", "rendition_id", "position")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("measure_id", "measures", "id"),
        ("rendition_id", "renditions", "id"),
    )
    description: ClassVar[str] = (
        "Every place where a rendition words a measure differently from the measure's text (measures.text_rendition_id), "
        "once script (Simplified/Traditional), cross-strait vocabulary (数字/数位, 网络/网路), punctuation forms and "
        "whitespace are set aside: a word changed, added or dropped, with offsets into both texts."
    )

    measure_id: Identifier = Field(description="The measure.")
    rendition_id: Identifier = Field(description="The rendition that words it differently (never the measure's text rendition).")
    position: int = Field(ge=1, description="Order of the difference in the measure's text (1 = first), per rendition.")
    kind: VariantKind = Field(
        description="changed: the rendition has other words in place of the fragment; added: words only the "
        "rendition has (canonical_fragment is null); dropped: words the rendition leaves out (variant_fragment is null)."
    )
    canonical_fragment: str | None = Field(
        description="The measure's words here, Simplified, as in measures.text; null when added."
    )
    variant_fragment: str | None = Field(
        description="The rendition's words here exactly as it publishes them (its script, vocabulary and punctuation); "
        "null when dropped."
    )
    variant_fragment_hans: str | None = Field(
        description="The rendition's words converted to Simplified script, without whitespace, to read beside "
        "canonical_fragment. Null when dropped."
    )
    canonical_start: int = Field(ge=0, description="Offset of the fragment in measures.text (0-based characters).")
    canonical_end: int = Field(
        ge=0,
        description="Offset just after it: measures.text[canonical_start:canonical_end] is canonical_fragment "
        "(empty where that is null: the point where words were added).",
    )
    variant_start: int = Field(
        ge=0, description="Offset of the fragment in the rendition's renditions.raw_text (as measure_sources.start)."
    )
    variant_end: int = Field(
        ge=0,
        description="Offset just after it: renditions.raw_text[variant_start:variant_end] is variant_fragment "
        "(empty where that is null).",
    )


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
