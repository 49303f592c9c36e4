"""Facets of /measures: the whole filtered (and searched) result counted by document, agency, role,
year of issue, entity mentioned, technology mentioned and place named.

A facet value's count is the total the list would have with that value added as a filter: an
agency's counts the measures it has a role in among the result, in the roles ``role=`` asks for if
any; a role's counts those in which an agency ``agency=`` names has it, if any. Each facet lists
at most ``FACET_VALUES`` values, most measures first then by value, and says how many more there
are; undated documents' measures count under the year null. An entity's (or technology's) counts
the measures mentioning it, however many times each does; a place's counts the measures naming it or
a place within it (as ``place=`` finds them).

Grouped counts in SQL joined every measure of the result to its agencies again for each facet:
over a second on a corpus of 113,000 measures. So the result is read once as rowids (the
filters' SQL, and the index's matches for ``q``) and counted against a compact copy of who is
named where, made once per release and worker (``_Index``: about a second and a few MB at that
size), with slices and counters rather than a Python loop a pair. The time grows with the size
of the result, the answer's size does not (benchmarks/in_process.py measures it on the large corpus).
"""

import threading
from array import array
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

from dbay import search
from dbay.service import searching
from dbay.service.context import db, release, text
from dbay.service.envelopes import FACET_VALUES
from dbay.service.measure_topics import WITHIN
from dbay.service.queries import has_table, placeholders, rows

if TYPE_CHECKING:  # measures imports this module
    from dbay.service.measures import Filters

ROLES = ("lead", "participating")


@dataclass(frozen=True)
class _Index:
    """Per measure rowid: its document, and per role the agencies it names in that role (of role
    ``k``, ``agency_of[k][starts[k][r]:starts[k][r + 1]]``, indexes into ``agencies``), and the
    entities it mentions, each once (``entity_of[entity_starts[r]:entity_starts[r + 1]]``)."""

    documents: list[str]
    document_of: "array[int]"  # rowid -> index in documents (-1: no measure)
    years: list[str | None]  # per document, its year of issue
    agencies: list[str]
    starts: list["array[int]"]  # per role
    agency_of: list["array[int]"]  # per role
    entities: list[str]
    technologies: frozenset[int]  # indexes of the entities of type technology
    entity_starts: "array[int]"
    entity_of: "array[int]"
    places: list[str]
    place_starts: "array[int]"  # per measure rowid, the places it names and every place they lie in
    place_of: "array[int]"


_INDEXES: dict[str, _Index] = {}
_BUILDING = threading.Lock()


def _index() -> _Index:
    key = release().content_sha256
    with _BUILDING:
        if key not in _INDEXES:
            _INDEXES[key] = _built()
        return _INDEXES[key]


def _built() -> _Index:
    connection = db()
    last = connection.execute("select coalesce(max(rowid), 0) from measures").fetchone()[0]
    dated = connection.execute("select id, substr(issued, 1, 4) from documents order by id").fetchall()
    documents, years = [d for d, _ in dated], [year for _, year in dated]
    position = {document: index for index, document in enumerate(documents)}
    document_of = array("i", [-1]) * (last + 1)
    for rowid, document in connection.execute("select rowid, document_id from measures"):
        document_of[rowid] = position[document]
    agencies = [a for (a,) in connection.execute("select id from agencies order by id")]
    number = {agency: index for index, agency in enumerate(agencies)}
    starts = [array("I", [0]) * (last + 2) for _ in ROLES]
    agency_of = [array("H") for _ in ROLES]
    pairs = connection.execute(
        "select m.rowid, ma.agency_id, ma.role from measure_agencies ma join measures m on m.id = ma.measure_id order by m.rowid"
    )
    for rowid, agency, role in pairs:
        kind = ROLES.index(role)
        starts[kind][rowid + 1] += 1
        agency_of[kind].append(number[agency])
    for counts in starts:
        for rowid in range(1, last + 2):
            counts[rowid] += counts[rowid - 1]
    entities, technologies, entity_starts, entity_of = _entities(connection, last)
    places, place_starts, place_of = _places(connection, last)
    return _Index(
        documents,
        document_of,
        years,
        agencies,
        starts,
        agency_of,
        entities,
        technologies,
        entity_starts,
        entity_of,
        places,
        place_starts,
        place_of,
    )


def _per_measure(pairs: Any, number: dict[str, int], last: int) -> tuple["array[int]", "array[int]"]:
    """From (rowid, id) pairs in rowid order: per measure rowid, where its ids start, and the ids (as numbers)."""
    starts, of = array("I", [0]) * (last + 2), array("I")
    for rowid, value in pairs:
        starts[rowid + 1] += 1
        of.append(number[value])
    for rowid in range(1, last + 2):
        starts[rowid] += starts[rowid - 1]
    return starts, of


def _entities(connection: Any, last: int) -> tuple[list[str], frozenset[int], "array[int]", "array[int]"]:
    """The entities, those of type technology, and per measure rowid the entities it mentions (once each)."""
    if not has_table(connection, "entities"):  # a release built before entities were extracted
        return [], frozenset(), *_per_measure([], {}, last)
    typed = connection.execute("select id, type from entities order by id").fetchall()
    entities = [entity for entity, _ in typed]
    number = {entity: index for index, entity in enumerate(entities)}
    pairs = connection.execute(
        "select distinct m.rowid, me.entity_id from measure_entities me join measures m on m.id = me.measure_id order by m.rowid"
    )
    starts, entity_of = _per_measure(pairs, number, last)
    return entities, frozenset(i for i, (_, kind) in enumerate(typed) if kind == "technology"), starts, entity_of


def _places(connection: Any, last: int) -> tuple[list[str], "array[int]", "array[int]"]:
    """The places, and per measure rowid the places it names with every place they lie in (once each)."""
    if not has_table(connection, "places"):  # a release built before places were extracted
        return [], *_per_measure([], {}, last)
    places = [place for (place,) in connection.execute("select id from places order by id")]
    # place= and /places count a place with the places within it by the same WITHIN. Each measure's places
    # once before the join: a fifth faster on 113,000 measures than joining every mention.
    pairs = connection.execute(
        f"""{WITHIN}, named as (select distinct measure_id, place_id from measure_places)
            select distinct m.rowid, w.outer_id from named n join within w on w.id = n.place_id
            join measures m on m.id = n.measure_id order by m.rowid"""
    )
    return places, *_per_measure(pairs, {place: index for index, place in enumerate(places)}, last)


def _result(filters: "Filters", query: str | None) -> list[int] | None:
    """The rowids of the whole result; None for a query with nothing to search for."""
    where, params = filters.where()
    filtered = [rowid for (rowid,) in db().execute(f"select m.rowid from measures m where {where}", params)]
    if query is None:
        return filtered
    expression = search.match_expression(searching.widened(query)[0])  # as the list searches it
    if expression is None:
        return None
    sql = f"select rowid from {search.TABLE} where {search.TABLE} match ?"
    matched = {rowid for (rowid,) in db().execute(sql, (expression,))}
    return [rowid for rowid in filtered if rowid in matched]


def _grouped(names: list[str], result: list[int], filters: "Filters", index: _Index) -> dict[str, Counter[Any]]:
    """Each facet's counts: C-level slices and counters over the result, no Python loop a pair."""
    by_document = Counter(index.document_of[rowid] for rowid in result)
    counts: dict[str, Counter[Any]] = {
        "document": Counter({index.documents[d]: n for d, n in by_document.items()}),
        "year": Counter(),
        "agency": Counter(),
        "role": Counter(),
        "entity": Counter(),
        "technology": Counter(),
        "place": Counter(),
    }
    for document, n in by_document.items():
        counts["year"][index.years[document]] += n
    wanted = set(names)
    named = None if filters.agencies is None else {index.agencies.index(a) for a in filters.agencies}
    for kind, role in enumerate(ROLES):
        starts, agency_of = index.starts[kind], index.agency_of[kind]
        if "agency" in wanted and (not filters.roles or role in filters.roles):
            # One pair a measure and agency (measure_agencies' key), in one role: a pair is a measure.
            found = Counter(chain.from_iterable(agency_of[starts[r] : starts[r + 1]] for r in result))
            counts["agency"].update({index.agencies[a]: n for a, n in found.items()})
        if "role" in wanted:
            if named is None:
                having = sum(1 for r in result if starts[r] != starts[r + 1])
            else:
                having = sum(1 for r in result if not named.isdisjoint(agency_of[starts[r] : starts[r + 1]]))
            if having:
                counts["role"][role] = having
    if wanted & {"entity", "technology"}:
        starts, entity_of = index.entity_starts, index.entity_of
        mentioned = Counter(chain.from_iterable(entity_of[starts[r] : starts[r + 1]] for r in result))
        counts["entity"].update({index.entities[e]: n for e, n in mentioned.items()})
        counts["technology"].update({index.entities[e]: n for e, n in mentioned.items() if e in index.technologies})
    if "place" in wanted:
        starts, place_of = index.place_starts, index.place_of
        named_places = Counter(chain.from_iterable(place_of[starts[r] : starts[r + 1]] for r in result))
        counts["place"].update({index.places[p]: n for p, n in named_places.items()})
    return counts


def _labels(name: str, values: list[Any], lang: str) -> dict[Any, Any]:
    marks = placeholders(values)
    if name == "document" and values:
        found = rows(db(), f"select id, title, title_hant, title_en from documents where id in ({marks})", *values)
        return {d["id"]: text(d, "title", lang) for d in found}
    if name == "agency" and values:
        found = rows(db(), f"select id, name, name_hant, name_en from agencies where id in ({marks})", *values)
        return {a["id"]: text(a, "name", lang) for a in found}
    if name in ("entity", "technology") and values:
        found = rows(db(), f"select id, name, name_hant, name_en from entities where id in ({marks})", *values)
        return {e["id"]: text(e, "name", lang) for e in found}
    if name == "place" and values:
        found = rows(db(), f"select id, name, name_hant, name_en from places where id in ({marks})", *values)
        return {p["id"]: text(p, "name", lang) for p in found}
    return {value: value for value in values}  # a role or a year is its own label


def counted(names: list[str], filters: "Filters", query: str | None, lang: str) -> dict[str, dict[str, Any]]:
    """``{facet: {"values": [{"value", "label", "count"}, …], "more": n}}`` for each facet named."""
    result = _result(filters, query)
    counts = _grouped(names, result, filters, _index()) if result else {}
    facets = {}
    for name in dict.fromkeys(names):
        groups = sorted(counts.get(name, Counter()).items(), key=lambda group: (-group[1], group[0] is None, group[0] or ""))
        shown = groups[:FACET_VALUES]
        labels = _labels(name, [value for value, _ in shown if value is not None], lang)
        facets[name] = {
            "values": [{"value": value, "label": labels.get(value), "count": count} for value, count in shown],
            "more": len(groups) - len(shown),
        }
    return facets
