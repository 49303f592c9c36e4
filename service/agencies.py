"""/api/v1/agencies: the bodies named in agency clauses, with the measures they lead and share."""

import json
from typing import Any

from flask.views import MethodView

from dbay.service import searching
from dbay.service.arguments import AgencyArgs, AgencyListArgs, ApiBlueprint
from dbay.service.context import db, found, language, link, meta, text
from dbay.service.envelopes import AgencyListMetaSchema
from dbay.service.lineage import predecessors
from dbay.service.paging import links, offset_from_cursor
from dbay.service.queries import rows
from dbay.service.schemas import AgencyDetailSchema, AgencySummarySchema

blueprint = ApiBlueprint(
    "agencies",
    __name__,
    url_prefix="/api/v1/agencies",
    description="Agencies, the measures each leads (牵头) and shares (按职责分工负责), and the names a body had "
    "before (include=predecessors).",
)

COUNTS = """select a.*, sum(ma.role = 'lead') as leads, sum(ma.role = 'participating') as shares
            from agencies a left join measure_agencies ma on ma.agency_id = a.id"""


def summary(record: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "id": record["id"],
        "name": text(record, "name", lang),
        "aliases": json.loads(record["aliases"]),
        "collective": bool(record["collective"]),
        "lineage_id": record.get("lineage_id", record["id"]),  # releases before the register have none
        "name_en_official": None if record.get("name_en_official") is None else bool(record["name_en_official"]),
        "name_en_source": record.get("name_en_source"),
        "counts": {"lead": record["leads"] or 0, "participating": record["shares"] or 0},
        "links": {
            "self": link("agencies.Agency", agency_id=record["id"]),
            "measures": link("measures.Measures", agency=record["id"]),
        },
    }


def agency_clause_coverage() -> dict[str, list[str]]:
    """Which documents the agencies' counts cover: those some of whose provisions name agencies, and the others.

    Agency clauses are found only where a document words them (牵头 …, 按职责分工负责); a document
    without them adds to no agency's counts, which a ranking of agencies should say."""
    documents = rows(
        db(),
        "select d.id, exists (select 1 from measures m join measure_agencies ma on ma.measure_id = m.id "
        "where m.document_id = d.id) as named from documents d order by d.id",
    )
    return {
        "documents_with_agency_clauses": [d["id"] for d in documents if d["named"]],
        "documents_without_agency_clauses": [d["id"] for d in documents if not d["named"]],
    }


# Each order ends in the id, which is unique, so an offset pages it without gaps or repeats.
ORDERS = {
    "lead": "leads desc, shares desc, a.id",
    "participating": "shares desc, leads desc, a.id",
    "name": "{name}, a.id",
    "id": "a.id",
}


@blueprint.route("")
class Agencies(MethodView):
    @blueprint.listing("AgencyList", AgencySummarySchema, AgencyListArgs, meta=AgencyListMetaSchema)
    def get(self, limit: int, cursor: str | None = None, q: str | None = None, **args: Any) -> dict[str, Any]:
        """Every agency, those leading most measures first (or by sort); with q, those whose names hold it.

        The counts cover only the documents whose provisions name agencies: meta lists them
        (documents_with_agency_clauses) and the others (documents_without_agency_clauses).
        """
        offset = offset_from_cursor(cursor)
        lang = language()
        order = ORDERS[args.get("sort") or "lead"].format(name="a.name_hant" if lang == "zh-Hant" else "a.name")
        ordered = f"{COUNTS} group by a.id order by {order}"
        extra: dict[str, Any] = {}
        if q is not None:  # a few hundred agencies at most: filtered in Python, by the measures' own rules
            every, extra["search"] = searching.filtered(rows(db(), ordered), q, searching.name_texts)
            total, found = len(every), every[offset : offset + limit]
        else:
            total = db().execute("select count(*) from agencies").fetchone()[0]
            found = rows(db(), f"{ordered} limit ? offset ?", limit, offset)
        return {
            "data": [summary(a, lang) for a in found],
            "meta": meta(total=total, limit=limit, **agency_clause_coverage(), **extra),
            "links": links("agencies.Agencies", offset, limit, total),
        }


def detail(agency_id: str, with_predecessors: bool) -> dict[str, Any]:
    """One agency with the measures it leads and shares, and if asked its earlier names (a 404 problem if none)."""
    record = found(f"{COUNTS} where a.id = ? group by a.id", f"agency {agency_id!r}", agency_id)
    lang = language()
    measures: dict[str, list[dict[str, Any]]] = {"lead": [], "participating": []}
    for measure in rows(
        db(),
        """
            select m.id, m.document_id, m.path, m.title, m.title_hant, m.title_en, ma.role, ma.inherited
            from measure_agencies ma join measures m on m.id = ma.measure_id
            where ma.agency_id = ? order by m.document_id, m.position""",
        agency_id,
    ):
        measures[measure["role"]].append(
            {
                "id": measure["id"],
                "document_id": measure["document_id"],
                "path": measure["path"],
                "title": text(measure, "title", lang),
                "inherited": bool(measure["inherited"]),
                "url": link("measures.Measure", measure_id=measure["id"]),
            }
        )
    data = summary(record, lang) | {"measures": measures}
    if with_predecessors:
        data["predecessors"] = [_predecessor(p, lang) for p in predecessors(db(), agency_id)]
    return data


@blueprint.route("/<agency_id>")
class Agency(MethodView):
    @blueprint.single("AgencyResponse", AgencyDetailSchema, AgencyArgs)
    def get(self, agency_id: str, include: list[str] | None = None, **_: Any) -> dict[str, Any]:
        """One agency with the measures it leads and shares; include=predecessors adds its earlier names."""
        data = detail(agency_id, "predecessors" in set(include or ()))  # AgencyArgs has checked each name
        return {"data": data, "meta": meta(), "links": {"self": data["links"]["self"]}}


def _predecessor(record: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "id": record["id"],
        "name": text(record, "name", lang),
        "successor_id": record["successor_id"],
        "effective": record["effective"],
        "note": record["note"],
        "sources": record["sources"],
        "links": {
            "self": link("agencies.Agency", agency_id=record["id"]),
            "measures": link("measures.Measures", agency=record["id"]),
        },
    }
