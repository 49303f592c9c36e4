"""/api/v1/places: the cities, zones, regions and other places measures name (issue 13)."""

import json
from typing import Any

from flask.views import MethodView

from dbay.service import mentions
from dbay.service.arguments import ApiBlueprint, PlaceListArgs
from dbay.service.context import db, found, language, link, meta, text
from dbay.service.measure_topics import measures_within
from dbay.service.paging import links, offset_from_cursor
from dbay.service.place_schemas import PlaceDetailSchema, PlaceSummarySchema
from dbay.service.queries import has_table, placeholders, rows

blueprint = ApiBlueprint(
    "places",
    __name__,
    url_prefix="/api/v1/places",
    description="Places: the cities, cooperation zones, regions and other places measures name, from the curated "
    "dictionary sources/places.yml, with a point where one was read, the place each lies in, and the measures naming each.",
)


def reference(record: dict[str, Any], lang: str) -> dict[str, Any]:
    """A place named inside another answer: its id, kind, name and URL."""
    return {
        "id": record["id"],
        "kind": record["kind"],
        "name": text(record, "name", lang),
        "url": link("places.Place", place_id=record["id"]),
    }


def _parents(records: list[dict[str, Any]], lang: str) -> dict[str, dict[str, Any]]:
    ids = sorted({r["parent_id"] for r in records if r["parent_id"]})
    found = rows(db(), f"select id, kind, name, name_hant, name_en from places where id in ({placeholders(ids)})", *ids)
    return {p["id"]: reference(p, lang) for p in found}


def summary(record: dict[str, Any], lang: str, parents: dict[str, dict[str, Any]], within: dict[str, int]) -> dict[str, Any]:
    """The place's fields and counts; ``within`` is ``measures_within()``, each place's count with the places within it."""
    return {
        "id": record["id"],
        "kind": record["kind"],
        "name": text(record, "name", lang),
        "aliases": json.loads(record["aliases"]),
        "parent_id": record["parent_id"],
        "parent": parents.get(record["parent_id"]) if record["parent_id"] else None,
        "latitude": record["latitude"],
        "longitude": record["longitude"],
        "coordinate_source": record["coordinate_source"],
        "counts": {
            "mentions": record["mentions"],
            "measures": record["measures"],
            "measures_within": within.get(record["id"], 0),
        },
        "links": {
            "self": link("places.Place", place_id=record["id"]),
            "measures": link("measures.Measures", place=record["id"]),
        },
    }


@blueprint.route("")
class Places(MethodView):
    @blueprint.listing("PlaceList", PlaceSummarySchema, PlaceListArgs)
    def get(self, limit: int, cursor: str | None = None, q: str | None = None, **args: Any) -> dict[str, Any]:
        """Every place, those named most first (then by id); with kind, only those kinds; with q, those
        whose names hold it. A release built before places were extracted has none."""
        offset = offset_from_cursor(cursor)
        lang = language()
        every, extra = mentions.listed("place", "kind", args.get("kind"), q)
        total, chosen = len(every), every[offset : offset + limit]
        parents, within = _parents(chosen, lang), measures_within()
        return {
            "data": [summary(p, lang, parents, within) for p in chosen],
            "meta": meta(total=total, limit=limit, **extra),
            "links": links("places.Places", offset, limit, total),
        }


def detail(place_id: str, with_measures: bool = True) -> dict[str, Any]:
    """One place with its parent, the places within it and the measures naming it (a 404 problem if none)."""
    what = f"place {place_id!r}"
    if not has_table(db(), "places"):
        found("select 1 where 0", what)  # the release has no places: a 404 naming it
    record = found(f"{mentions.counted('place')} where x.id = ? group by x.id", what, place_id)
    lang = language()
    children = rows(db(), "select id, kind, name, name_hant, name_en from places where parent_id = ? order by id", place_id)
    return summary(record, lang, _parents([record], lang), measures_within([place_id])) | {
        "children": [reference(child, lang) for child in children],
        "measures": mentions.mentioning_measures("place", [place_id], lang) if with_measures else [],
        "sections": mentions.naming_sections("place", [place_id], lang),
    }


@blueprint.route("/<place_id>")
class Place(MethodView):
    @blueprint.single("PlaceResponse", PlaceDetailSchema)
    def get(self, place_id: str, **_: Any) -> dict[str, Any]:
        """One place with the place it lies in, the places within it, and the measures naming it, each
        with how its text writes the place."""
        data = detail(place_id)
        return {"data": data, "meta": meta(), "links": {"self": data["links"]["self"]}}
