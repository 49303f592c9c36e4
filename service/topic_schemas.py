"""Response schemas of /milestones and /cited-documents (issue 13), derived from schema/enrichment.py's
records as service/schemas.py derives the others (in a module of their own so that one stays under 400 lines)."""

from marshmallow import fields

from dbay.schema.enrichment import CitedDocument, Milestone
from dbay.schema.records import Measure
from dbay.service.schemas import BILINGUAL_NOTE, MILESTONE_FIELDS, always_present, field_from, schema_from


def _links(description: str) -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=fields.String(), metadata={"description": description})


MilestoneSummarySchema = schema_from(
    "MilestoneSummary",
    Milestone,
    ["measure_id", *MILESTONE_FIELDS, "method"],
    document_id=field_from(Measure, "document_id"),
    links=_links("measure: the measure naming the milestone."),
)


CitedSummarySchema = always_present(
    {
        "key": fields.String(
            metadata={
                "description": "The cited document's key: its title folded to Simplified and lowercase, without quotation "
                "marks and spaces (the citations table has no id of a cited document). /cited/{key} lists its citations."
            }
        ),
        "title": field_from(CitedDocument, "title", bilingual=True),
        "doc_numbers": fields.List(
            fields.String(),
            metadata={"description": "Every document number printed right after the title, as first printed." + BILINGUAL_NOTE},
        ),
        "document_id": field_from(CitedDocument, "document_id"),
        "counts": fields.Dict(
            keys=fields.String(),
            values=fields.Integer(),
            metadata={"description": "measures: how many measures cite it; citations: how many times they do."},
        ),
        "links": _links("page: the page listing every provision citing it; document: the dataset's document, where it holds it."),
    },
    name="CitedSummary",
)
