"""Response schemas of how measures connect across documents (issue 14), derived from schema/connections.py's
records as service/schemas.py derives the others; the measure detail gains ``related`` here."""

from marshmallow import fields

from dbay.schema.connections import Relation
from dbay.schema.records import Document, Measure
from dbay.service import schemas
from dbay.service.schemas import always_present, field_from, schema_from

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

MeasureDetailSchema = schemas.MeasureDetailSchema.from_dict(
    schemas.present(
        {
            "related": fields.List(
                fields.Nested(RelatedMeasureSchema),
                metadata={
                    "description": "The measures of other documents that continue, repeat or implement this one, best "
                    "first (the relations table): at most a few, each scoring above the build's minimum."
                },
            )
        }
    ),
    name="MeasureDetail",
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
