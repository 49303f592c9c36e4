"""Response schemas of issue 14's connections, derived from schema/connections.py's records as service/schemas.py
derives the others (in a module of their own so that one stays under 400 lines)."""

from typing import Any

from marshmallow import fields

from dbay.schema.connections import Relation, Variant
from dbay.schema.records import Document, Measure, Rendition
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


# --- relations

RelationEvidenceSchema = always_present(
    {name: field_from(Relation, name) for name in ("text_similarity", "shared_entities", "shared_agencies")}
    | {"shared_terms": field_from(Relation, "shared_terms", bilingual=True)},
    name="RelationEvidence",
)

RelatedMeasureSchema = always_present(
    {
        "id": field_from(Relation, "target_id"),
        "document_id": field_from(Measure, "document_id"),
        "document_title": field_from(Document, "title", bilingual=True),
        "issued": field_from(Document, "issued"),
        "title": field_from(Measure, "title", bilingual=True),
        "score": field_from(Relation, "score"),
        "rank": field_from(Relation, "rank"),
        "direction": field_from(Relation, "direction"),
        "evidence": fields.Nested(RelationEvidenceSchema, metadata={"description": "Why the two are related."}),
        "url": fields.String(metadata={"description": "The related measure's URL."}),
    },
    name="RelatedMeasure",
)

RelationSummarySchema = schema_from(
    "RelationSummary",
    Relation,
    [
        "source_id",
        "target_id",
        "rank",
        "score",
        "direction",
        "text_similarity",
        "shared_entities",
        "shared_agencies",
        "shared_terms",
    ],
    links=fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "source and target: the two measures' URLs."},
    ),
)

# --- the measure detail, with both

_detail: dict[str, Any] = dict(schemas.MeasureDetailSchema._declared_fields)  # the same fields, and two more
_detail["variants"] = fields.List(
    fields.Nested(VariantSchema),
    metadata={
        "description": "Where each other rendition words the measure differently (script, vocabulary, punctuation and "
        "whitespace aside), by rendition, in text order; none for a rendition that agrees with the text. canonical_start/"
        "end are offsets into the measure's Simplified text, variant_start/end into the rendition's raw text."
    },
)
_detail["related"] = fields.List(
    fields.Nested(RelatedMeasureSchema),
    metadata={
        "description": "The measures of other documents that continue, repeat or implement this one, best "
        "first (the relations table): at most a few, each scoring above the build's minimum."
    },
)
MeasureDetailSchema = always_present(_detail, "MeasureDetail")
