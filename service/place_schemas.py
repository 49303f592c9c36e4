"""Response schemas of /places (issue 13), derived from schema/enrichment.py's Place as service/schemas.py
derives the others (in a module of their own so that one stays under 400 lines)."""

from marshmallow import fields

from dbay.schema.enrichment import Place
from dbay.service.schemas import always_present, field_from, mentioning_measure_schema, schema_from
from dbay.service.topic_schemas import naming_sections

PLACE_FIELDS = ["id", "kind", "name", "aliases", "parent_id", "latitude", "longitude", "coordinate_source"]


def _links(description: str) -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=fields.String(), metadata={"description": description})


def _counts() -> fields.Dict:
    description = (
        "mentions: how many times measures name the place itself; measures: how many measures do; "
        "measures_within: how many measures name it or a place within it, at any depth (what links.measures "
        "and the place facet count)."
    )
    return fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": description})


PlaceRefSchema = always_present(
    {
        "id": field_from(Place, "id"),
        "kind": field_from(Place, "kind"),
        "name": field_from(Place, "name", bilingual=True),
        "url": fields.String(metadata={"description": "The place's URL."}),
    },
    name="PlaceRef",
)


def _parent() -> fields.Nested:
    return fields.Nested(PlaceRefSchema, allow_none=True, metadata={"description": "The place it lies in, or null."})


PlaceSummarySchema = schema_from(
    "PlaceSummary",
    Place,
    PLACE_FIELDS,
    bilingual=("name",),
    parent=_parent(),
    counts=_counts(),
    links=_links("self: this place's URL; measures: the measures naming it or a place within it."),
)
NamingMeasureSchema = mentioning_measure_schema("NamingMeasure", "place")
PlaceDetailSchema = schema_from(
    "PlaceDetail",
    Place,
    PLACE_FIELDS,
    bilingual=("name",),
    parent=_parent(),
    children=fields.List(fields.Nested(PlaceRefSchema), metadata={"description": "The places lying in it, by id."}),
    counts=_counts(),
    measures=fields.List(
        fields.Nested(NamingMeasureSchema),
        metadata={
            "description": "The measures naming the place itself, in document order (the places within it: links.measures)."
        },
    ),
    sections=naming_sections(),
    links=_links("self, measures."),
)
