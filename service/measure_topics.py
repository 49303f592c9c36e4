"""What a measure is about (issue 13) in the API: the filters of /measures on it (``entity``,
``technology``, ``place``, ``has_target``, ``deadline_before``) and the parts of one measure's answer
listing it (``entities``, ``places``, ``targets``, ``milestones``, ``cited_documents``).

The tables come from the build's enrich stage (schema/enrichment.py). A release built before them
has none: there a measure mentions nothing, sets no target and has no deadline.
"""

from typing import TYPE_CHECKING, Any

from dbay.service.context import db, link, release, text
from dbay.service.errors import bad_parameter, unknown_record
from dbay.service.queries import has_table, placeholders, rows

if TYPE_CHECKING:
    from dbay.service.measures import Filters

NOTHING = "0 = 1"  # a condition no measure meets
MENTIONING = "m.id in (select measure_id from measure_entities where entity_id in ({}))"  # entity= and technology=
TARGET_WORDS = ("unit", "counted")  # a target's words in the script of lang; raw stays a quote of measures.text


def in_script(record: dict[str, Any], names: tuple[str, ...], lang: str) -> dict[str, Any]:
    """The fields ``names`` of an extracted record, in the script of ``lang``: the build writes them in
    Simplified, as measures.text, and converts none (``context.text`` converts them here)."""
    return {name: text(record, name, lang) for name in names}


def _entity_types(parameter: str, ids: list[str]) -> dict[str, str]:
    """Each entity id's type, or a 400 naming ``parameter`` and the first id the release lacks."""
    known = {}
    if has_table(db(), "entities"):
        found = rows(db(), f"select id, type from entities where id in ({placeholders(ids)})", *ids)
        known = {entity["id"]: entity["type"] for entity in found}
    for entity_id in ids:
        if entity_id not in known:
            raise unknown_record(parameter, entity_id, release().version)
    return known


# Every place paired with itself and each place within it, however deep (横琴 lies in 珠海, which lies in
# 广东): the one definition of "a place or a place within it", for place= and the counts of /places alike.
WITHIN = """with recursive within(outer_id, id) as (select id, id from places
            union select w.outer_id, p.id from places p join within w on p.parent_id = w.id)"""


def places_within(ids: list[str]) -> list[str]:
    """The places ``ids`` with every place within them (parent_id chain), or a 400 naming ``place``
    and the first id the release lacks."""
    known = set()
    if has_table(db(), "places"):
        known = {p["id"] for p in rows(db(), f"select id from places where id in ({placeholders(ids)})", *ids)}
    for place_id in ids:
        if place_id not in known:
            raise unknown_record("place", place_id, release().version)
    sql = f"{WITHIN} select distinct id from within where outer_id in ({placeholders(ids)}) order by id"
    return [p["id"] for p in rows(db(), sql, *ids)]


def measures_within(ids: list[str] | None = None) -> dict[str, int]:
    """Each place's count (or only ``ids``'s) of the measures naming it or a place within it (what place=
    finds); a place no measure names is left out. A release built before places were extracted has none."""
    if not has_table(db(), "places"):
        return {}
    only = f"where w.outer_id in ({placeholders(ids)})" if ids is not None else ""
    sql = f"""{WITHIN} select w.outer_id as id, count(distinct mp.measure_id) as measures
              from within w join measure_places mp on mp.place_id = w.id {only} group by w.outer_id"""
    return {place["id"]: place["measures"] for place in rows(db(), sql, *(ids or []))}


def narrow(filters: "Filters", args: dict[str, Any], values: list[str], technology: list[str], places: list[str]) -> None:
    """Adds the filters on what measures are about to ``filters`` (each alone a condition on ``m``,
    as the search's ``Within`` takes them): ``values`` are entity=, ``technology`` technology=,
    ``places`` place= (each with the places within it)."""
    if values:
        _entity_types("entity", values)
        filters.add(MENTIONING.format(placeholders(values)), values)
    if technology:
        for entity_id, kind in _entity_types("technology", technology).items():
            if kind != "technology":
                raise bad_parameter("technology", f"{entity_id!r} is a {kind}, not a technology; use entity={entity_id}")
        filters.add(
            f"m.id in (select measure_id from measure_entities where entity_id in ({placeholders(technology)}))", technology
        )
    if places:
        within = places_within(places)
        filters.add(f"m.id in (select measure_id from measure_places where place_id in ({placeholders(within)}))", within)
    if (wanted := args.get("has_target")) is not None:
        if has_table(db(), "targets"):
            filters.add(f"m.id {'' if wanted else 'not '}in (select measure_id from targets)", [])
        elif wanted:
            filters.add(NOTHING, [])
    if day := args.get("deadline_before"):
        if has_table(db(), "milestones"):
            filters.add("m.id in (select measure_id from milestones where due <= ?)", [day])
        else:
            filters.add(NOTHING, [])


def _listed(table: str, sql: str, measure_id: str) -> list[dict[str, Any]]:
    return rows(db(), sql, measure_id) if has_table(db(), table) else []


def about(measure_id: str, lang: str) -> dict[str, list[dict[str, Any]]]:
    """The measure's entities, places, targets, milestones and cited documents, each in the order of its text."""
    entities = _listed(
        "measure_entities",
        """select e.id, e.type, e.name, e.name_hant, e.name_en, me.raw, me.start, me.end
           from measure_entities me join entities e on e.id = me.entity_id where me.measure_id = ? order by me.start""",
        measure_id,
    )
    places = _listed(
        "measure_places",
        """select p.id, p.kind, p.name, p.name_hant, p.name_en, mp.raw, mp.start, mp.end, p.latitude, p.longitude
           from measure_places mp join places p on p.id = mp.place_id where mp.measure_id = ? order by mp.start""",
        measure_id,
    )
    targets = _listed(
        "targets",
        "select raw, value, unit, unit_kind, qualifier, counted, start, end from targets where measure_id = ? order by start",
        measure_id,
    )
    milestones = _listed(
        "milestones",
        "select raw, due, precision, kind, resolution, start, end from milestones where measure_id = ? order by start",
        measure_id,
    )
    cited = _listed(
        "citations",
        "select raw, title, doc_number, document_id, start, end from citations where measure_id = ? order by start",
        measure_id,
    )
    return {
        "entities": [
            {
                "id": entity["id"],
                "type": entity["type"],
                "name": text(entity, "name", lang),
                "raw": entity["raw"],
                "start": entity["start"],
                "end": entity["end"],
                "url": link("entities.Entity", entity_id=entity["id"]),
            }
            for entity in entities
        ],
        "places": [
            {key: value for key, value in place.items() if key not in ("name_hant", "name_en")}
            | {"name": text(place, "name", lang), "url": link("places.Place", place_id=place["id"])}
            for place in places
        ],
        "targets": [target | in_script(target, TARGET_WORDS, lang) for target in targets],
        "milestones": milestones,
        "cited_documents": [
            citation
            | in_script(citation, ("title", "doc_number"), lang)
            | {"url": link("documents.Document", document_id=citation["document_id"]) if citation["document_id"] else None}
            for citation in cited
        ],
    }
