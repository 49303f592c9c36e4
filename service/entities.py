"""/api/v1/entities: the platforms, programmes, slogans and technologies measures mention (issue 13)."""

import json
from typing import Any

from flask.views import MethodView

from dbay.service import mentions
from dbay.service.arguments import ApiBlueprint, EntityListArgs
from dbay.service.context import db, found, language, link, meta, text
from dbay.service.paging import links, offset_from_cursor
from dbay.service.queries import has_table
from dbay.service.schemas import EntitySummarySchema
from dbay.service.topic_schemas import EntityDetailSchema

blueprint = ApiBlueprint(
    "entities",
    __name__,
    url_prefix="/api/v1/entities",
    description="Entities: the government platforms, programmes, slogans and technologies measures mention, "
    "from the curated dictionary sources/entities.yml, with the measures mentioning each.",
)


def summary(record: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "id": record["id"],
        "type": record["type"],
        "name": text(record, "name", lang),
        "aliases": json.loads(record["aliases"]),
        "gloss_en": record["gloss_en"],
        "source": record["source"],
        "counts": {"mentions": record["mentions"], "measures": record["measures"]},
        "links": {
            "self": link("entities.Entity", entity_id=record["id"]),
            "measures": link("measures.Measures", entity=record["id"]),
        },
    }


@blueprint.route("")
class Entities(MethodView):
    @blueprint.listing("EntityList", EntitySummarySchema, EntityListArgs)
    def get(self, limit: int, cursor: str | None = None, q: str | None = None, **args: Any) -> dict[str, Any]:
        """Every entity, those mentioned most first (then by id); with type, only those types; with q, those
        whose names hold it. A release built before entities were extracted has none."""
        offset = offset_from_cursor(cursor)
        lang = language()
        every, extra = mentions.listed("entity", "type", args.get("type"), q)
        total, chosen = len(every), every[offset : offset + limit]
        return {
            "data": [summary(e, lang) for e in chosen],
            "meta": meta(total=total, limit=limit, **extra),
            "links": links("entities.Entities", offset, limit, total),
        }


def detail(entity_id: str, with_measures: bool = True) -> dict[str, Any]:
    """One entity with the measures that mention it, in document order (a 404 problem if none);
    without them for a page that lists them a page at a time."""
    what = f"entity {entity_id!r}"
    if not has_table(db(), "entities"):
        found("select 1 where 0", what)  # the release has no entities: a 404 naming it
    record = found(f"{mentions.counted('entity')} where x.id = ? group by x.id", what, entity_id)
    lang = language()
    return summary(record, lang) | {
        "measures": mentions.mentioning_measures("entity", [entity_id], lang) if with_measures else [],
        "sections": mentions.naming_sections("entity", [entity_id], lang),
    }


@blueprint.route("/<entity_id>")
class Entity(MethodView):
    @blueprint.single("EntityResponse", EntityDetailSchema)
    def get(self, entity_id: str, **_: Any) -> dict[str, Any]:
        """One entity with the measures that mention it, each with how its text writes the entity, and the
        sections whose heading names it."""
        data = detail(entity_id)
        return {"data": data, "meta": meta(), "links": {"self": data["links"]["self"]}}
