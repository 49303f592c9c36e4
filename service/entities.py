"""/api/v1/entities: the platforms, programmes, slogans and technologies measures mention (issue 13)."""

import json
from typing import Any

from flask.views import MethodView

from dbay.service import searching
from dbay.service.arguments import ApiBlueprint, EntityListArgs
from dbay.service.context import db, found, language, link, meta, text
from dbay.service.paging import links, offset_from_cursor
from dbay.service.queries import has_table, rows
from dbay.service.schemas import EntityDetailSchema, EntitySummarySchema

blueprint = ApiBlueprint(
    "entities",
    __name__,
    url_prefix="/api/v1/entities",
    description="Entities: the government platforms, programmes, slogans and technologies measures mention, "
    "from the curated dictionary sources/entities.yml, with the measures mentioning each.",
)

COUNTS = """select e.*, count(me.measure_id) as mentions, count(distinct me.measure_id) as measures
            from entities e left join measure_entities me on me.entity_id = e.id"""


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


def entity_texts(record: dict[str, Any]) -> list[str | None]:
    return [record["name"], record["name_hant"], *json.loads(record["aliases"])]


@blueprint.route("")
class Entities(MethodView):
    @blueprint.listing("EntityList", EntitySummarySchema, EntityListArgs)
    def get(self, limit: int, cursor: str | None = None, q: str | None = None, **args: Any) -> dict[str, Any]:
        """Every entity, those mentioned most first (then by id); with type, only those types; with q, those
        whose names hold it. A release built before entities were extracted has none."""
        offset = offset_from_cursor(cursor)
        lang = language()
        every: list[dict[str, Any]] = []
        if has_table(db(), "entities"):
            types = list(dict.fromkeys(args.get("type") or []))
            where = f"where e.type in ({', '.join('?' * len(types))})" if types else ""
            every = rows(db(), f"{COUNTS} {where} group by e.id order by mentions desc, e.id", *types)
        extra: dict[str, Any] = {}
        if q is not None:  # a few hundred entries at most: filtered in Python, as agencies are
            every, extra["search"] = searching.filtered(every, q, entity_texts)
        total, chosen = len(every), every[offset : offset + limit]
        return {
            "data": [summary(e, lang) for e in chosen],
            "meta": meta(total=total, limit=limit, **extra),
            "links": links("entities.Entities", offset, limit, total),
        }


def detail(entity_id: str) -> dict[str, Any]:
    """One entity with the measures that mention it, in document order (a 404 problem if none)."""
    what = f"entity {entity_id!r}"
    if not has_table(db(), "entities"):
        found("select 1 where 0", what)  # the release has no entities: a 404 naming it
    record = found(f"{COUNTS} where e.id = ? group by e.id", what, entity_id)
    lang = language()
    measures: dict[str, dict[str, Any]] = {}
    for mention in rows(
        db(),
        """
            select m.id, m.document_id, m.path, m.title, m.title_hant, me.raw
            from measure_entities me join measures m on m.id = me.measure_id
            where me.entity_id = ? order by m.rowid, me.start""",
        entity_id,
    ):
        measure = measures.setdefault(
            mention["id"],
            {
                "id": mention["id"],
                "document_id": mention["document_id"],
                "path": mention["path"],
                "title": text(mention, "title", lang),
                "raw": [],
                "mentions": 0,
                "url": link("measures.Measure", measure_id=mention["id"]),
            },
        )
        measure["mentions"] += 1
        if mention["raw"] not in measure["raw"]:
            measure["raw"].append(mention["raw"])
    return summary(record, lang) | {"measures": list(measures.values())}


@blueprint.route("/<entity_id>")
class Entity(MethodView):
    @blueprint.single("EntityResponse", EntityDetailSchema)
    def get(self, entity_id: str, **_: Any) -> dict[str, Any]:
        """One entity with the measures that mention it, each with how its text writes the entity."""
        data = detail(entity_id)
        return {"data": data, "meta": meta(), "links": {"self": data["links"]["self"]}}
