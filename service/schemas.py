"""Marshmallow schemas of every API response, derived from the record models in ``schema/``.

A field the API shares with a record takes its type and description from the Pydantic field, so
the OpenAPI description cannot drift from the data dictionary. Text that exists in both scripts
(``title``/``title_hant`` …) is one API field, in the script the request's ``lang`` selects. What
each request accepts is described in ``service/arguments.py``.
"""

import datetime as dt
from typing import Any

from marshmallow import Schema, fields
from pydantic import BaseModel

from dbay.schema.enrichment import CitedDocument, Entity, MeasureEntity, MeasurePlace, Milestone, Place, Target
from dbay.schema.records import (
    Agency,
    AgencySuccession,
    DeclaredCount,
    Document,
    Measure,
    MeasureSource,
    Release,
    Rendition,
)
from dbay.schema.tables import base_type

BILINGUAL_NOTE = " Here in the script the request's lang selects."

_SCALARS: dict[type, type[fields.Field[Any]]] = {
    str: fields.String,
    int: fields.Integer,
    float: fields.Float,
    bool: fields.Boolean,
}
# Dates come from SQLite as ISO 8601 text already: pass them through, documented by their format.
_TEXT_FORMATS = {dt.date: "date", dt.datetime: "date-time"}


def field_from(model: type[BaseModel], name: str, *, bilingual: bool = False) -> fields.Field[Any]:
    """The marshmallow field for ``model.name``: same type, nullability and description."""
    info = model.model_fields[name]
    base, nullable = base_type(info.annotation)
    description = (info.description or "") + (BILINGUAL_NOTE if bilingual else "")
    options: dict[str, Any] = {"allow_none": nullable, "metadata": {"description": description}}
    if base is None:  # JSON column: a list of strings, of models, or of objects
        return fields.List(fields.Raw(), **options)
    if base in _TEXT_FORMATS:
        options["metadata"]["format"] = _TEXT_FORMATS[base]
    return _SCALARS.get(base, fields.String)(**options)


def present(attributes: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """``attributes`` (a response schema's fields), each marked ``required`` but those named ``optional``.

    A required field is in every answer, as the description states (``required``) and the fuzz test
    checks; an optional one only some requests add (``snippet`` with ``q``)."""
    for name, field in attributes.items():
        field.required = name not in optional
    return attributes


def always_present(attributes: dict[str, Any], name: str, optional: tuple[str, ...] = ()) -> type[Schema]:
    """``Schema.from_dict`` for a response: its fields are in every answer but those named ``optional`` (``present``)."""
    return Schema.from_dict(present(attributes, optional), name=name)


def schema_from(
    name: str,
    model: type[BaseModel],
    names: list[str],
    bilingual: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
    **extra: fields.Field[Any],
) -> type[Schema]:
    """A response schema with ``names`` taken from ``model`` and ``extra`` fields of the API's own, all
    in every answer but those named ``optional`` (``present``)."""
    attributes: dict[str, Any] = {n: field_from(model, n, bilingual=n in bilingual) for n in names}
    attributes.update(extra)
    return always_present(attributes, name, optional)


def _links(description: str) -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=fields.String(), metadata={"description": description})


DeclaredCountSchema = schema_from(
    "DeclaredCount", DeclaredCount, ["unit", "declared", "level", "found", "phrase"], bilingual=("unit", "phrase")
)

AgencyRoleSchema = schema_from(
    "AgencyRole",
    Agency,
    ["id", "name", "collective"],
    bilingual=("name",),
    role=fields.String(metadata={"description": "lead (牵头) or participating (按职责分工负责)."}),
    inherited=fields.Boolean(metadata={"description": "True where the clause is inherited (下同, or a section's)."}),
)

MEASURE_SUMMARY = [
    "id",
    "document_id",
    "section_id",
    "path",
    "label",
    "title",
    "text",
    "numbering",
    "converted_script",
    "agencies_open_ended",
]
MeasureSummarySchema = schema_from(
    "MeasureSummary",
    Measure,
    MEASURE_SUMMARY,
    bilingual=("title", "text"),
    # fields= chooses what a list's items hold (id always), and snippet and matched come with q.
    optional=(*MEASURE_SUMMARY[1:], "agencies", "snippet", "matched", "links"),
    agencies=fields.List(fields.Nested(AgencyRoleSchema), metadata={"description": "Agencies and their roles."}),
    snippet=fields.String(
        allow_none=True, metadata={"description": "With q: the text around the match, matches in <mark>, HTML-escaped."}
    ),
    matched=fields.List(
        fields.Nested(
            Schema.from_dict(
                {
                    "field": fields.String(required=True, metadata={"description": "title, text, or rendition."}),
                    "rendition_id": fields.String(
                        metadata={"description": "For rendition: the rendition whose wording matched."}
                    ),
                },
                name="Matched",
            )
        ),
        metadata={
            "description": "With q: where the words searched for occur: the title, the text (either script), and any "
            "rendition whose span holds a word the measure's own title and text lack (a repost's wording)."
        },
    ),
    links=_links("self: this measure's URL."),
)

SourceSchema = schema_from(
    "MeasureSource",
    MeasureSource,
    ["rendition_id", "start", "end", "raw_text", "similarity", "clause_start", "clause_end", "clause_raw_text"],
    kind=fields.String(metadata={"description": Rendition.model_fields["kind"].description}),
    script=fields.String(metadata={"description": Rendition.model_fields["script"].description}),
)

CitationSchema = always_present(
    {
        "text": fields.String(metadata={"description": "A ready-made citation: title, number, place."}),
        "document_title": fields.String(metadata={"description": "The document's title."}),
        "doc_number": fields.String(allow_none=True, metadata={"description": "The document's number, if any." + BILINGUAL_NOTE}),
        "notation": fields.String(metadata={"description": "The place in the document's own notation, e.g. 二（六）1."}),
        "url": fields.String(metadata={"description": "The measure's permanent URL."}),
    },
    name="Citation",
)

_OFFSETS = ["start", "end"]  # into measures.text, the Simplified text, whatever the lang
MentionSchema = always_present(
    {
        "id": field_from(MeasureEntity, "entity_id"),
        "type": field_from(Entity, "type"),
        "name": field_from(Entity, "name", bilingual=True),
        **{name: field_from(MeasureEntity, name) for name in ["raw", *_OFFSETS]},
        "url": fields.String(metadata={"description": "The entity's URL."}),
    },
    name="Mention",
)
PlaceMentionSchema = always_present(
    {
        "id": field_from(MeasurePlace, "place_id"),
        "kind": field_from(Place, "kind"),
        "name": field_from(Place, "name", bilingual=True),
        **{name: field_from(MeasurePlace, name) for name in ["raw", *_OFFSETS]},
        **{name: field_from(Place, name) for name in ["latitude", "longitude"]},
        "url": fields.String(metadata={"description": "The place's URL."}),
    },
    name="PlaceMention",
)
TARGET_FIELDS = ["raw", "value", "unit", "unit_kind", "qualifier", "counted", *_OFFSETS]
MeasureTargetSchema = schema_from("MeasureTarget", Target, TARGET_FIELDS, bilingual=("unit", "counted"))
MILESTONE_FIELDS = ["raw", "due", "precision", "kind", "resolution", *_OFFSETS]
MilestoneSchema = schema_from("Milestone", Milestone, MILESTONE_FIELDS)
CitedDocumentSchema = schema_from(
    "CitedDocument",
    CitedDocument,
    ["raw", "title", "doc_number", "document_id", *_OFFSETS],
    bilingual=("title", "doc_number"),
    url=fields.String(allow_none=True, metadata={"description": "The cited document's URL where document_id is set, else null."}),
)


def _about(schema: type[Schema], description: str) -> fields.List[Any]:
    offsets = " start and end are offsets into the measure's Simplified text (text[start:end] is raw), whatever the lang."
    return fields.List(fields.Nested(schema), metadata={"description": description + offsets})


MeasureDetailSchema = schema_from(
    "MeasureDetail",
    Measure,
    [
        "id",
        "document_id",
        "section_id",
        "path",
        "label",
        "level",
        "position",
        "title",
        "text",
        "numbering",
        "converted_script",
        "agency_clause",
        "agency_clause_inherited_from",
        "agencies_open_ended",
        "text_rendition_id",
    ],
    bilingual=("title", "text", "agency_clause"),
    document=fields.Dict(metadata={"description": "The document: id, title, doc_number, issuer, issued."}),
    agencies=fields.List(fields.Nested(AgencyRoleSchema), metadata={"description": "Agencies and their roles."}),
    sources=fields.List(
        fields.Nested(SourceSchema), metadata={"description": "Every rendition that carries the measure, where and how."}
    ),
    citation=fields.Nested(CitationSchema),
    entities=_about(MentionSchema, "Every mention of an entity (platform, programme, slogan, technology), in text order."),
    places=_about(PlaceMentionSchema, "Every mention of a place (city, zone, region …), in text order."),
    targets=_about(MeasureTargetSchema, "Every quantified target the text sets, in text order."),
    milestones=_about(MilestoneSchema, "Every deadline, step or period the text names, in text order."),
    cited_documents=_about(CitedDocumentSchema, "Every document the text cites by title (《…》), in text order."),
    links=_links("self, document, and the measure in Datasette."),
)

RenditionSchema = schema_from(
    "Rendition", Rendition, ["id", "file", "script", "kind", "url", "sha256", "canonical", "measures_carried", "coverage"]
)


class OutlineNodeSchema(Schema):
    type = fields.String(required=True, metadata={"description": "section or measure."})
    id = fields.String(required=True, metadata={"description": "The section's or measure's id."})
    path = fields.String(required=True, metadata={"description": Measure.model_fields["path"].description})
    label = fields.String(required=True, allow_none=True, metadata={"description": Measure.model_fields["label"].description})
    title = fields.String(required=True, metadata={"description": "Heading or title." + BILINGUAL_NOTE})
    numbering = fields.String(required=True, metadata={"description": Measure.model_fields["numbering"].description})
    children = fields.List(fields.Nested(lambda: OutlineNodeSchema()), required=True, metadata={"description": "Nodes below."})


DOCUMENT_FIELDS = ["id", "title", "issuer", "doc_number", "issued", "declared_measures", "extracted_measures"]
DocumentSummarySchema = schema_from(
    "DocumentSummary",
    Document,
    DOCUMENT_FIELDS,
    bilingual=("title", "issuer", "doc_number"),
    links=_links("self: this document's URL."),
)
DocumentDetailSchema = schema_from(
    "DocumentDetail",
    Document,
    [*DOCUMENT_FIELDS, "preamble", "canonical_rendition_id", "notes"],
    bilingual=("title", "issuer", "doc_number", "preamble"),
    declared_counts=fields.List(
        fields.Nested(DeclaredCountSchema), metadata={"description": Document.model_fields["declared_counts"].description}
    ),
    renditions=fields.List(fields.Nested(RenditionSchema), metadata={"description": "The document's renditions."}),
    outline=fields.List(fields.Nested(OutlineNodeSchema), metadata={"description": "Sections and measures as a tree."}),
    links=_links("self, measures."),
)


def _agency_counts() -> fields.Dict:
    description = "Number of measures the agency leads and shares, by role."
    return fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": description})


AgencySummarySchema = schema_from(
    "AgencySummary",
    Agency,
    ["id", "name", "aliases", "collective", "lineage_id", "name_en_official", "name_en_source"],
    bilingual=("name",),
    counts=_agency_counts(),
    links=_links("self: this agency's URL; measures: its measures."),
)
PredecessorSchema = always_present(
    {
        "id": fields.String(metadata={"description": "The agency under an earlier name."}),
        "name": fields.String(metadata={"description": "That name." + BILINGUAL_NOTE}),
        "successor_id": fields.String(metadata={"description": AgencySuccession.model_fields["successor_id"].description}),
        "effective": fields.String(
            allow_none=True, metadata={"description": AgencySuccession.model_fields["effective"].description}
        ),
        "note": fields.String(allow_none=True, metadata={"description": AgencySuccession.model_fields["note"].description}),
        "sources": fields.List(fields.Dict(), metadata={"description": AgencySuccession.model_fields["sources"].description}),
        "links": _links("self: that agency; measures: the measures printed under that name."),
    },
    name="Predecessor",
)
AgencyDetailSchema = schema_from(
    "AgencyDetail",
    Agency,
    ["id", "name", "aliases", "collective", "lineage_id", "name_en_official", "name_en_source"],
    bilingual=("name",),
    optional=("predecessors",),
    counts=_agency_counts(),
    predecessors=fields.List(
        fields.Nested(PredecessorSchema),
        metadata={"description": "With include=predecessors: every earlier name of the body, nearest first."},
    ),
    measures=fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.Dict()),
        metadata={"description": "The measures it leads (lead) and shares (participating)."},
    ),
    links=_links("self, measures."),
)

ChangeSchema = always_present(
    {
        "record_type": fields.String(),
        "record_id": fields.String(),
        "change": fields.String(),
        "detail": fields.String(allow_none=True),
    },
    name="Change",
)
ReleaseSummarySchema = schema_from(
    "ReleaseSummary",
    Release,
    ["version", "built_at", "schema_version", "content_sha256", "previous_version", "dataset_description"],
    latest=fields.Boolean(metadata={"description": "True for the newest release."}),
    links=_links("self, and the release's downloads."),
)
ReleaseDetailSchema = schema_from(
    "ReleaseDetail",
    Release,
    ["version", "built_at", "schema_version", "content_sha256", "previous_version", "dataset_description", "source_files"],
    latest=fields.Boolean(metadata={"description": "True for the newest release."}),
    counts=fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": "Rows per table."}),
    changes=fields.List(fields.Nested(ChangeSchema), metadata={"description": "What changed since previous_version."}),
    links=_links("self, and the release's downloads."),
)


ENTITY_FIELDS = ["id", "type", "name", "aliases", "gloss_en", "source"]


def entity_counts() -> fields.Dict:
    description = "mentions: how many times measures mention the entity; measures: how many measures do."
    return fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": description})


EntitySummarySchema = schema_from(
    "EntitySummary",
    Entity,
    ENTITY_FIELDS,
    bilingual=("name",),
    counts=entity_counts(),
    links=_links("self: this entity's URL; measures: the measures mentioning it."),
)


def mentioning_measure_schema(name: str, noun: str) -> type[Schema]:
    """A measure as the answer about one entity or place lists it, with how its text writes the ``noun``."""
    return always_present(
        {
            "id": fields.String(metadata={"description": Measure.model_fields["id"].description}),
            "document_id": fields.String(metadata={"description": Measure.model_fields["document_id"].description}),
            "path": fields.String(metadata={"description": Measure.model_fields["path"].description}),
            "title": fields.String(metadata={"description": "The measure's title." + BILINGUAL_NOTE}),
            "raw": fields.List(fields.String(), metadata={"description": f"Each way the measure's text writes the {noun}."}),
            "mentions": fields.Integer(metadata={"description": f"How many times the measure names the {noun}."}),
            "url": fields.String(metadata={"description": "The measure's URL."}),
        },
        name=name,
    )


MentioningMeasureSchema = mentioning_measure_schema("MentioningMeasure", "entity")
TargetSummarySchema = schema_from(
    "TargetSummary",
    Target,
    ["measure_id", *TARGET_FIELDS, "method"],
    bilingual=("unit", "counted"),
    document_id=field_from(Measure, "document_id"),
    links=_links("measure: the measure setting the target."),
)
