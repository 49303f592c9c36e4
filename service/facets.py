"""Facets of /measures: the whole filtered (and searched) result counted by document, agency, role
and year of issue.

A facet value's count is the total the list would have with that value added as a filter: an
agency's counts the measures it has a role in among the result, in the roles ``role=`` asks for if
any; a role's counts those in which an agency ``agency=`` names has it, if any. Each facet lists
at most ``FACET_VALUES`` values, most measures first then by value, and says how many more there
are; undated documents' measures count under the year null.

Grouped counts in SQL joined every measure of the result to its agencies again for each facet:
over a second on a corpus of 113,000 measures. So the result is read once as rowids (the
filters' SQL, and the index's matches for ``q``) and counted in Python against a compact copy of
who is named where, made once per release and worker (``_Index``, about 0.4 s and a few MB at
that size). The time grows with the size of the result, the answer's size does not
(benchmarks/in_process.py measures both on the large corpus).
"""

import threading
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dbay import search
from dbay.service.context import db, release, text
from dbay.service.queries import rows
from dbay.service.schemas import FACET_VALUES

if TYPE_CHECKING:  # measures imports this module
    from dbay.service.measures import Filters

ROLES = ("lead", "participating")


@dataclass(frozen=True)
class _Index:
    """Per measure rowid: its document, and its agencies with their roles (pairs ``starts[r]`` to ``starts[r + 1]``)."""

    documents: list[str]
    document_of: "array[int]"  # rowid -> index in documents (-1: no measure)
    years: list[str | None]  # per document, its year of issue
    agencies: list[str]
    starts: "array[int]"
    agency_of: "array[int]"  # pair -> index in agencies
    role_of: "array[int]"  # pair -> index in ROLES


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
    starts, agency_of, role_of = array("I", [0]) * (last + 2), array("H"), array("B")
    pairs = connection.execute(
        "select m.rowid, ma.agency_id, ma.role from measure_agencies ma join measures m on m.id = ma.measure_id order by m.rowid"
    )
    for rowid, agency, role in pairs:
        starts[rowid + 1] += 1
        agency_of.append(number[agency])
        role_of.append(ROLES.index(role))
    for rowid in range(1, last + 2):
        starts[rowid] += starts[rowid - 1]
    return _Index(documents, document_of, years, agencies, starts, agency_of, role_of)


def _result(filters: "Filters", query: str | None) -> list[int] | None:
    """The rowids of the whole result; None for a query with nothing to search for."""
    where, params = filters.where()
    filtered = [rowid for (rowid,) in db().execute(f"select m.rowid from measures m where {where}", params)]
    if query is None:
        return filtered
    expression = search.match_expression(query)
    if expression is None:
        return None
    sql = f"select rowid from {search.TABLE} where {search.TABLE} match ?"
    matched = {rowid for (rowid,) in db().execute(sql, (expression,))}
    return [rowid for rowid in filtered if rowid in matched]


def _grouped(names: list[str], result: list[int], filters: "Filters", index: _Index) -> dict[str, Counter[Any]]:
    by_document = Counter(index.document_of[rowid] for rowid in result)
    counts: dict[str, Counter[Any]] = {
        "document": Counter({index.documents[d]: n for d, n in by_document.items()}),
        "year": Counter(),
    }
    for document, n in by_document.items():
        counts["year"][index.years[document]] += n
    if {"agency", "role"} & set(names):
        roles = {ROLES.index(role) for role in filters.roles} or set(range(len(ROLES)))
        named = filters.agencies
        agencies = {index.agencies.index(a) for a in named} if named is not None else None
        by_agency: Counter[int] = Counter()
        by_role: Counter[int] = Counter()
        starts, agency_of, role_of = index.starts, index.agency_of, index.role_of
        for rowid in result:
            had = 0
            for pair in range(starts[rowid], starts[rowid + 1]):
                agency, role = agency_of[pair], role_of[pair]
                if role in roles:
                    by_agency[agency] += 1  # one pair a measure and agency (measure_agencies' key)
                if agencies is None or agency in agencies:
                    had |= 1 << role
            for role in range(len(ROLES)):
                by_role[role] += had >> role & 1
        counts["agency"] = Counter({index.agencies[a]: n for a, n in by_agency.items()})
        counts["role"] = Counter({ROLES[r]: n for r, n in by_role.items() if n})
    return counts


def _labels(name: str, values: list[Any], lang: str) -> dict[Any, Any]:
    marks = ",".join("?" * len(values))
    if name == "document" and values:
        found = rows(db(), f"select id, title, title_hant from documents where id in ({marks})", *values)
        return {d["id"]: text(d, "title", lang) for d in found}
    if name == "agency" and values:
        found = rows(db(), f"select id, name, name_hant from agencies where id in ({marks})", *values)
        return {a["id"]: text(a, "name", lang) for a in found}
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
