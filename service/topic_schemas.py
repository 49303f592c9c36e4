"""Response schemas of /milestones and /cited-documents (issue 13), derived from schema/enrichment.py's
records as service/schemas.py derives the others (in a module of their own so that one stays under 400 lines)."""

from marshmallow import fields

from dbay.schema.enrichment import Milestone
from dbay.schema.records import Measure
from dbay.service.schemas import MILESTONE_FIELDS, field_from, schema_from


def _links(description: str) -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=fields.String(), metadata={"description": description})


MilestoneSummarySchema = schema_from(
    "MilestoneSummary",
    Milestone,
    ["measure_id", *MILESTONE_FIELDS, "method"],
    document_id=field_from(Measure, "document_id"),
    links=_links("measure: the measure naming the milestone."),
)
