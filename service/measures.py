"""/api/v1/measures: every provision, filtered, searched and paged; one provision with its sources."""

from dataclasses import dataclass, field
from typing import Any

from flask.views import MethodView

from dbay import search, search_pages
from dbay.service import searching
from dbay.service.arguments import ApiBlueprint, MeasureListArgs
from dbay.service.context import datasette_url, db, found, language, link, meta, release, text
from dbay.service.errors import unknown_record
from dbay.service.lineage import predecessor_ids
from dbay.service.paging import links, offset_from_cursor
from dbay.service.queries import row, rows
from dbay.service.schemas import MeasureDetailSchema, MeasureSummarySchema

MISSING_FILTERED_RECORD = "Not Found: document= or agency= names a record the release does not have."

blueprint = ApiBlueprint(
    "measures",
    __name__,
    url_prefix="/api/v1/measures",
    description="Provisions: filter by document, section, agency and role; search; cite.",
)


def agencies_of(measure_ids: list[str], lang: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {measure_id: [] for measure_id in measure_ids}
    marks = ",".join("?" * len(measure_ids))
    for agency in rows(
        db(),
        f"""
            select ma.measure_id, a.id, a.name, a.name_hant, a.collective, ma.role, ma.inherited
            from measure_agencies ma join agencies a on a.id = ma.agency_id
            where ma.measure_id in ({marks}) order by ma.measure_id, ma.role, a.id""",
        *measure_ids,
    ):
        found[agency["measure_id"]].append(
            {
                "id": agency["id"],
                "name": text(agency, "name", lang),
                "collective": bool(agency["collective"]),
                "role": agency["role"],
                "inherited": bool(agency["inherited"]),
            }
        )
    return found


def summary(record: dict[str, Any], lang: str, agencies: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": record["id"],
        "document_id": record["document_id"],
        "section_id": record["section_id"],
        "path": record["path"],
        "label": record["label"],
        "title": text(record, "title", lang),
        "text": text(record, "text", lang),
        "numbering": record["numbering"],
        "converted_script": record["converted_script"],
        "agencies_open_ended": bool(record["agencies_open_ended"]),
        "agencies": agencies,
        "links": {"self": link("measures.Measure", measure_id=record["id"])},
    }


def _chosen_fields(requested: list[str] | None) -> set[str] | None:
    """The fields to answer with (MeasureListArgs has checked each name), or None for all."""
    return None if requested is None else {*requested, "id"}


@dataclass
class Filters:
    """The list's filters as SQL on ``measures m``: those on the outline (a document, a section), whose
    measures are consecutive in reading order, and the others (agency, role)."""

    outline: list[str] = field(default_factory=list)
    outline_params: list[Any] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    others_params: list[Any] = field(default_factory=list)

    def where(self) -> tuple[str, list[Any]]:
        return " and ".join(["1 = 1", *self.outline, *self.others]), [*self.outline_params, *self.others_params]

    def within(self) -> search_pages.Within | None:
        """Where a search may look: the outline filters' range of rowids and the other conditions;
        None when the outline filters leave no measure."""
        first = last = None
        if self.outline:
            first, last = (
                db()
                .execute(
                    f"select min(m.rowid), max(m.rowid) from measures m where {' and '.join(self.outline)}", self.outline_params
                )
                .fetchone()
            )
            if first is None:
                return None
        where = " and ".join(self.others) if self.others else None
        return search_pages.Within(first, last, where, tuple(self.others_params))


def _filters(args: dict[str, Any]) -> Filters:
    """The list's filters but q, each narrowing the list by itself.

    MeasureListArgs has checked every value's form; what remains is a record id the release lacks,
    a 404 naming its parameter (``errors.unknown_record``). ``predecessors`` widens ``agency`` and
    without it changes nothing.
    """
    filters = Filters()
    if document := args.get("document"):
        if row(db(), "select id from documents where id = ?", document) is None:
            raise unknown_record("document", document, release().version)
        filters.outline.append("m.document_id = ?")
        filters.outline_params.append(document)
    if section := args.get("section"):
        # Within one document a section's measures are consecutive; across documents they are not.
        conditions, params = (filters.outline, filters.outline_params) if document else (filters.others, filters.others_params)
        conditions.append("(m.path = ? or m.path like ? || '.%')")
        params += [section, section]
    agency, role = args.get("agency"), args.get("role")
    if agency:
        if row(db(), "select id from agencies where id = ?", agency) is None:
            raise unknown_record("agency", agency, release().version)
        agencies = [agency, *(predecessor_ids(db(), agency) if args.get("predecessors") else [])]
        marks = ", ".join("?" * len(agencies))
        filters.others.append(
            f"m.id in (select measure_id from measure_agencies where agency_id in ({marks})" + (" and role = ?)" if role else ")")
        )
        filters.others_params += [*agencies, role] if role else agencies
    elif role:
        filters.others.append("m.id in (select measure_id from measure_agencies where role = ?)")
        filters.others_params.append(role)
    return filters


def listing(args: dict[str, Any], limit: int, offset: int, lang: str) -> tuple[int, list[dict[str, Any]], dict[str, Any] | None]:
    """(matches, one page of measures as summaries, meta.search or None): filtered by ``args``
    (MeasureListArgs' names), and with ``q`` searched, best first, each with a snippet and what it
    matched; without it, in document order. The API's list and the search page both answer from it."""
    filters = _filters(args)
    searched = None
    if "q" in args:
        total, found, query, searched = searching.ranked_measures(args["q"], filters.within(), limit, offset)
        where_found = searching.matched(found, query)
    else:
        where, params = filters.where()
        total = db().execute(f"select count(*) from measures m where {where}", params).fetchone()[0]
        # Measures are stored in reading order (dbay.search), so rowid order is document order.
        found = rows(db(), f"select m.* from measures m where {where} order by m.rowid limit ? offset ?", *params, limit, offset)
    agencies = agencies_of([m["id"] for m in found], lang)
    items = []
    for record in found:
        item = summary(record, lang, agencies[record["id"]])
        if searched is not None:
            item["snippet"] = search.snippet(text(record, "text", lang), query) or search.snippet(
                text(record, "title", lang), query
            )
            item["matched"] = where_found[record["id"]]
        items.append(item)
    return total, items, searched


@blueprint.route("")
class Measures(MethodView):
    @blueprint.listing("MeasureList", MeasureSummarySchema, MeasureListArgs, missing=MISSING_FILTERED_RECORD)
    def get(self, limit: int, cursor: str | None = None, **args: Any) -> dict[str, Any]:
        """Measures, filtered (filters combine), searched with q, in pages.

        Without q, in document order; with q, best matches first, each with a snippet and what it
        matched, and meta.search saying which cross-strait variants were searched too.
        """
        chosen = _chosen_fields(args.get("fields_"))
        offset = offset_from_cursor(cursor)
        total, items, searched = listing(args, limit, offset, language())
        data = [{k: v for k, v in item.items() if chosen is None or k in chosen} for item in items]
        extra = {"search": searched} if searched is not None else {}
        return {
            "data": data,
            "meta": meta(total=total, limit=limit, **extra),
            "links": links("measures.Measures", offset, limit, total),
        }


def _notation(record: dict[str, Any], lang: str) -> str:
    """The measure's place in the document's own notation: 二（六）1; headings where numbers are inferred."""
    parts = []
    path = record["path"].split(".")
    for depth in range(1, len(path)):
        section = row(
            db(),
            "select label, heading, heading_hant from sections where id = ?",
            f"{record['document_id']}.{'.'.join(path[:depth])}",
        )
        if section:
            parts.append(section["label"] or f"{text(section, 'heading', lang)}／")
    parts.append(record["label"] or text(record, "title", lang))
    return "".join(parts)


def detail(measure_id: str) -> dict[str, Any]:
    """One measure: texts, place, document, agencies with roles, every source, and a citation (a 404 problem if none)."""
    record = found("select * from measures where id = ?", f"measure {measure_id!r}", measure_id)
    lang = language()
    document = found("select * from documents where id = ?", "its document", record["document_id"])
    sources = rows(
        db(),
        """
        select s.rendition_id, r.kind, r.script, s.start, s.end, s.raw_text, s.similarity,
            s.clause_start, s.clause_end, s.clause_raw_text
        from measure_sources s join renditions r on r.id = s.rendition_id
        where s.measure_id = ? order by r.canonical desc, s.rendition_id, s.start""",
        measure_id,
    )
    notation = _notation(record, lang)
    title = text(document, "title", lang)
    number = f"（{document['doc_number']}）" if document["doc_number"] else ""
    url = link("reading.measure", measure_id=measure_id, _external=True)  # people cite the page, which links the JSON
    data = summary(record, lang, agencies_of([measure_id], lang)[measure_id]) | {
        "level": record["level"],
        "position": record["position"],
        "agency_clause": record["agency_clause"],
        "agency_clause_inherited_from": record["agency_clause_inherited_from"],
        "text_rendition_id": record["text_rendition_id"],
        "document": {
            "id": document["id"],
            "title": title,
            "doc_number": document["doc_number"],
            "issuer": document["issuer"],
            "issued": document["issued"],
        },
        "sources": sources,
        "citation": {
            "text": f"《{title}》{number}{notation}",
            "document_title": title,
            "doc_number": document["doc_number"],
            "notation": notation,
            "url": url,
        },
    }
    data["links"] = {
        "self": link("measures.Measure", measure_id=measure_id),
        "document": link("documents.Document", document_id=record["document_id"]),
        "datasette": datasette_url("measures", measure_id),
    }
    return data


@blueprint.route("/<measure_id>")
class Measure(MethodView):
    @blueprint.single("MeasureResponse", MeasureDetailSchema)
    def get(self, measure_id: str, **_: Any) -> dict[str, Any]:
        """One measure: texts, place, document, agencies with roles, every source, and a citation."""
        data = detail(measure_id)
        return {"data": data, "meta": meta(), "links": {"self": data["links"]["self"]}}
