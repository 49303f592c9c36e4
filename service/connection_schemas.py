"""Response schemas of issue 14's connections, derived from schema/connections.py's records as service/schemas.py
derives the others (in a module of their own so that one stays under 400 lines)."""

from typing import Any

from marshmallow import fields

from dbay.schema.connections import Variant
from dbay.schema.records import Measure, Rendition
from dbay.service import schemas
from dbay.service.schemas import always_present, field_from, schema_from

# --- variants

VARIANT_FIELDS = [
    "rendition_id",
    "position",
    "kind",
    "canonical_fragment",
    "variant_fragment",
    "variant_fragment_hans",
    "canonical_start",
    "canonical_end",
    "variant_start",
    "variant_end",
]
_RENDITION_KIND = field_from(Rendition, "kind")
VariantSchema = schema_from("Variant", Variant, VARIANT_FIELDS, rendition_kind=_RENDITION_KIND)


def _links(description: str) -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=fields.String(), metadata={"description": description})


VariantSummarySchema = schema_from(
    "VariantSummary",
    Variant,
    ["measure_id", *VARIANT_FIELDS],
    document_id=field_from(Measure, "document_id"),
    rendition_kind=field_from(Rendition, "kind"),
    links=_links("measure: the measure the rendition words differently."),
)

_detail: dict[str, Any] = dict(schemas.MeasureDetailSchema._declared_fields)  # the same fields, and one more
_detail["variants"] = fields.List(
    fields.Nested(VariantSchema),
    metadata={
        "description": "Where each other rendition words the measure differently (script, vocabulary, punctuation and "
        "whitespace aside), by rendition, in text order; none for a rendition that agrees with the text. canonical_start/"
        "end are offsets into the measure's Simplified text, variant_start/end into the rendition's raw text."
    },
)
MeasureDetailSchema = always_present(_detail, "MeasureDetail")
