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
