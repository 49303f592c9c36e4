"""Facets of /measures: the whole filtered (and searched) result counted by document, agency, role
and year of issue, with grouped counts in SQL over the set the list pages through.

A facet value's count is the total the list would have with that value added as a filter: an
agency's counts the measures it has a role in among the result, in the roles ``role=`` asks for if
any; a role's counts those in which an agency ``agency=`` names has it, if any. Each facet lists
at most ``FACET_VALUES`` values, most measures first then by value, and says how many more there
are; undated documents' measures count under the year null. The cost grows with the size of the
result (benchmarks/in_process.py measures it on a large corpus), the answer's size does not.
"""

from typing import TYPE_CHECKING, Any

from dbay import search
from dbay.service.context import db, text
from dbay.service.queries import rows
from dbay.service.schemas import FACET_VALUES

if TYPE_CHECKING:  # measures imports this module
    from dbay.service.measures import Filters


def _matched(filters: "Filters", query: str | None) -> tuple[str, list[Any]] | None:
    """The result as a condition on ``measures m``; None for a query with nothing to search for."""
    where, params = filters.where()
    if query is None:
        return where, params
    expression = search.match_expression(query)
    if expression is None:
        return None
    return f"m.rowid in (select rowid from {search.TABLE} where {search.TABLE} match ?) and {where}", [expression, *params]


def _grouped(name: str, where: str, params: list[Any], filters: "Filters") -> list[tuple[Any, int]]:
    if name == "document":
        sql = f"select m.document_id, count(*) from measures m where {where} group by m.document_id"
    elif name == "year":
        sql = (
            "select substr(d.issued, 1, 4), count(*) from measures m join documents d on d.id = m.document_id "
            f"where {where} group by 1"
        )
    else:  # agency or role: a measure counted once a value (measure_agencies has one row a measure and agency)
        restricted, extra = (filters.roles, "ma.role") if name == "agency" else (filters.agencies or [], "ma.agency_id")
        column = "ma.agency_id" if name == "agency" else "ma.role"
        condition = f" and {extra} in ({','.join('?' * len(restricted))})" if restricted else ""
        sql = (
            f"select {column}, count(distinct ma.measure_id) from measure_agencies ma join measures m on m.id = ma.measure_id "
            f"where {where}{condition} group by 1"
        )
        params = [*params, *restricted]
    return [(value, count) for value, count in db().execute(sql, params)]


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
    matched = _matched(filters, query)
    facets = {}
    for name in dict.fromkeys(names):
        groups = _grouped(name, *matched, filters) if matched else []
        groups.sort(key=lambda group: (-group[1], group[0] is None, group[0] or ""))
        shown = groups[:FACET_VALUES]
        labels = _labels(name, [value for value, _ in shown if value is not None], lang)
        facets[name] = {
            "values": [{"value": value, "label": labels.get(value), "count": count} for value, count in shown],
            "more": len(groups) - len(shown),
        }
    return facets
