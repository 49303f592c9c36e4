"""Response schemas of /milestones, /cited-documents and one entity (issue 13), derived from schema/enrichment.py's
records as service/schemas.py derives the others (in a module of their own so that one stays under 400 lines)."""

from typing import Any

from marshmallow import fields

from dbay.schema.enrichment import CitedDocument, Entity, Milestone, SectionEntity
from dbay.schema.records import Measure, Section
from dbay.service.schemas import (
    BILINGUAL_NOTE,
    ENTITY_FIELDS,
    MILESTONE_FIELDS,
    MentioningMeasureSchema,
    always_present,
    entity_counts,
    field_from,
    schema_from,
)


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


NamingSectionSchema = always_present(
    {
        "section_id": field_from(SectionEntity, "section_id"),
        "document_id": field_from(Section, "document_id"),
        "path": field_from(Section, "path"),
        "heading": fields.String(metadata={"description": "The section's heading." + BILINGUAL_NOTE}),
        "field": field_from(SectionEntity, "field"),
        "raw": fields.String(metadata={"description": "The mention as it stands in the heading or preamble (Simplified)."}),
        "start": field_from(SectionEntity, "start"),
        "end": field_from(SectionEntity, "end"),
        "links": _links("measures: the measures under the section; document: its document."),
    },
    name="NamingSection",
)


def naming_sections() -> fields.List[Any]:
    """The ``sections`` of one entity or place (a field a schema: marshmallow binds each to its schema)."""
    return fields.List(
        fields.Nested(NamingSectionSchema),
        metadata={
            "description": "The sections whose heading or preamble names it, in reading order: what the measures "
            "under each serve."
        },
    )


EntityDetailSchema = schema_from(
    "EntityDetail",
    Entity,
    ENTITY_FIELDS,
    bilingual=("name",),
    counts=entity_counts(),
    measures=fields.List(
        fields.Nested(MentioningMeasureSchema), metadata={"description": "The measures mentioning it, in document order."}
    ),
    sections=naming_sections(),
    links=_links("self, measures."),
)
