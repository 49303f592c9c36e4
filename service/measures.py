"""/api/v1/measures: every provision, filtered, searched and paged; one provision with its sources."""

from dataclasses import dataclass, field
from typing import Any

from flask.views import MethodView

from dbay import search, search_pages
from dbay.service import agency_names, facets, measure_topics, relations, searching, variants
from dbay.service.arguments import ApiBlueprint, MeasureListArgs
from dbay.service.connection_schemas import MeasureDetailSchema
from dbay.service.context import datasette_url, db, found, language, link, meta, text
from dbay.service.documents import known_documents
from dbay.service.envelopes import MeasureListMetaSchema
from dbay.service.errors import bad_parameter
from dbay.service.languages import ENGLISH
from dbay.service.paging import links, offset_from_cursor
from dbay.service.queries import placeholders, row, rows
from dbay.service.schemas import MeasureSummarySchema

blueprint = ApiBlueprint(
    "measures",
    __name__,
    url_prefix="/api/v1/measures",
    description="Provisions: filter by document, section, agency, role, entity, place, target and deadline; search; cite.",
)


def agencies_of(measure_ids: list[str], lang: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {measure_id: [] for measure_id in measure_ids}
    marks = placeholders(measure_ids)
    for agency in rows(
        db(),
        f"""
            select ma.measure_id, a.id, a.name, a.name_hant, a.name_en, a.collective, ma.role, ma.inherited
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
    """The list's filters as SQL on ``measures m``: those on the outline (one document, one section),
    whose measures are consecutive in reading order, and the others (several documents or sections,
    agency, role, dates). ``agencies`` and ``roles`` are kept for the facets (service/facets.py)."""

    outline: list[str] = field(default_factory=list)
    outline_params: list[Any] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    others_params: list[Any] = field(default_factory=list)
    agencies: list[str] | None = None
    roles: list[str] = field(default_factory=list)

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

    def add(self, condition: str, params: list[Any], outline: bool = False) -> None:
        (self.outline if outline else self.others).append(condition)
        (self.outline_params if outline else self.others_params).extend(params)


def _values(args: dict[str, Any], name: str) -> list[str]:
    """A filter's values, each once: a list from MeasureListArgs, one string from the search page."""
    value = args.get(name) or []
    return list(dict.fromkeys([value] if isinstance(value, str) else value))


def _filters(args: dict[str, Any]) -> Filters:
    """The list's filters but q, each narrowing the list by itself (AND), each value of one widening it (OR).

    MeasureListArgs has checked every value's form; what remains is a value naming no record of the
    release, a 400 naming its parameter (``errors.unknown_record``). ``predecessors`` widens ``agency``
    and without it changes nothing.
    """
    filters = Filters()
    documents, sections = known_documents(_values(args, "document")), _values(args, "section")
    # One document's measures are consecutive, and one section's within it: a range of rowids a search seeks to.
    in_one_range = len(documents) == 1 and len(sections) <= 1
    if documents:
        filters.add(f"m.document_id in ({placeholders(documents)})", documents, outline=in_one_range)
    if sections:
        condition = " or ".join(["(m.path = ? or m.path like ? || '.%')"] * len(sections))
        filters.add(f"({condition})", [value for section in sections for value in (section, section)], outline=in_one_range)
    filters.roles = _values(args, "role")
    role = f" and role in ({placeholders(filters.roles)})" if filters.roles else ""
    named = False
    for parameter in ("agency", "agency_lineage"):
        if values := _values(args, parameter):
            ids = agency_names.resolved(parameter, values)
            ids = agency_names.lineages(ids) if parameter == "agency_lineage" else ids
            ids = agency_names.with_predecessors(ids) if args.get("predecessors") else ids
            filters.add(
                f"m.id in (select measure_id from measure_agencies where agency_id in ({placeholders(ids)}){role})",
                [*ids, *filters.roles],
            )
            filters.agencies = ids if filters.agencies is None else filters.agencies
            named = True
    if filters.roles and not named:
        filters.add(
            f"m.id in (select measure_id from measure_agencies where role in ({placeholders(filters.roles)}))", filters.roles
        )
    dated = {"issued_after": "d.issued >= ?", "issued_before": "d.issued <= ?"}
    if bounds := [(condition, args[name]) for name, condition in dated.items() if args.get(name)]:
        where = " and ".join(condition for condition, _ in bounds)
        filters.add(f"m.document_id in (select d.id from documents d where {where})", [day for _, day in bounds])
    measure_topics.narrow(filters, args, _values(args, "entity"), _values(args, "technology"), _values(args, "place"))
    return filters


# Each order ends in the rowid, which is unique, so an offset pages it without gaps or repeats.
_DATED = " join documents d on d.id = m.document_id"
ORDERS = {
    "position": ("", "m.rowid"),  # measures are stored in reading order (dbay.search)
    "issued": (_DATED, "d.issued is null, d.issued, m.rowid"),
    "-issued": (_DATED, "d.issued is null, d.issued desc, m.rowid"),
}


def _order(args: dict[str, Any]) -> str:
    """``sort=`` as an ORDERS key; with q, only relevance (the ranking inside the index), without it never."""
    chosen = args.get("sort")
    if "q" in args:
        if chosen not in (None, "relevance"):
            raise bad_parameter("sort", f"{chosen!r}: with q results are ranked; use sort=relevance or leave sort out")
        return "relevance"
    if chosen == "relevance":
        raise bad_parameter("sort", "'relevance' needs q: without a search there is nothing to rank by")
    return str(chosen or "position")


def listing(
    args: dict[str, Any], limit: int, offset: int, lang: str, filters: Filters | None = None
) -> tuple[int, list[dict[str, Any]], dict[str, Any] | None]:
    """(matches, one page of measures as summaries, meta.search or None): filtered by ``args``
    (MeasureListArgs' names), and with ``q`` searched, best first, each with a snippet and what it
    matched; without it, in document order or by ``sort``. The API's list and the search page both
    answer from it; ``filters`` are ``_filters(args)`` if the caller has them."""
    filters = filters or _filters(args)
    order = _order(args)
    searched = None
    if "q" in args:
        total, found, query, searched = searching.ranked_measures(args["q"], filters.within(), limit, offset)
        where_found = searching.matched(found, query)
    else:
        where, params = filters.where()
        total = db().execute(f"select count(*) from measures m where {where}", params).fetchone()[0]
        join, order_by = ORDERS[order]
        found = rows(
            db(), f"select m.* from measures m{join} where {where} order by {order_by} limit ? offset ?", *params, limit, offset
        )
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
    @blueprint.listing("MeasureList", MeasureSummarySchema, MeasureListArgs, meta=MeasureListMetaSchema)
    def get(self, limit: int, cursor: str | None = None, **args: Any) -> dict[str, Any]:
        """Measures, filtered (filters combine; a filter's comma-separated values are alternatives),
        searched with q, sorted, counted by facets, in pages.

        Without q, in document order or by sort; with q, best matches first, each with a snippet and
        what it matched, and meta.search saying which cross-strait variants were searched too.
        """
        chosen = _chosen_fields(args.get("fields_"))
        offset = offset_from_cursor(cursor)
        lang = language()
        filters = _filters(args)
        total, items, searched = listing(args, limit, offset, lang, filters)
        data = [{k: v for k, v in item.items() if chosen is None or k in chosen} for item in items]
        extra: dict[str, Any] = {"search": searched} if searched is not None else {}
        if args.get("facets"):
            extra["facets"] = facets.counted(args["facets"], filters, args.get("q"), lang)
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
            "select label, heading, heading_hant, heading_en from sections where id = ?",
            f"{record['document_id']}.{'.'.join(path[:depth])}",
        )
        if section:
            parts.append(section["label"] or f"{text(section, 'heading', lang)}／")
    parts.append(record["label"] or text(record, "title", lang))
    return "".join(parts)


def cited_title(document: dict[str, Any], lang: str) -> tuple[str, str]:
    """The title a citation gives, and what follows it: in English the document's own (Chinese) title
    followed by its translation in square brackets, as one cites a work in another language."""
    if lang != ENGLISH:
        return text(document, "title", lang), ""
    return document["title"], f" [{document['title_en']}]" if document.get("title_en") else ""


def detail(measure_id: str) -> dict[str, Any]:
    """One measure: texts, place, document, agencies with roles, every source, a citation, and what it is
    about (entities, places, targets, milestones, cited documents) and the measures of other documents related
    to it; a 404 problem if none."""
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
    title, doc_number = text(document, "title", lang), text(document, "doc_number", lang)
    number = f"（{doc_number}）" if doc_number else ""
    cited = cited_title(document, lang)
    url = link("reading.measure", measure_id=measure_id, _external=True)  # people cite the page, which links the JSON
    data = (
        summary(record, lang, agencies_of([measure_id], lang)[measure_id])
        | {
            "level": record["level"],
            "position": record["position"],
            "agency_clause": text(record, "agency_clause", lang),
            "agency_clause_inherited_from": record["agency_clause_inherited_from"],
            "text_rendition_id": record["text_rendition_id"],
            "document": {
                "id": document["id"],
                "title": title,
                "doc_number": doc_number,
                "issuer": text(document, "issuer", lang),
                "issued": document["issued"],
            },
            "sources": sources,
            "citation": {
                "text": f"《{cited[0]}》{cited[1]}{number}{' ' if cited[1] else ''}{notation}",
                "document_title": "".join(cited),
                "doc_number": doc_number,
                "notation": notation,
                "url": url,
            },
        }
        | measure_topics.about(measure_id, lang)
        | {"variants": variants.of_measure(measure_id)}
        | {"related": relations.related(measure_id, lang)}
    )
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
        """One measure: texts, place, document, agencies with roles, every source, a citation, and the entities
        it mentions, the places it names, the targets it sets, its deadlines, the documents it cites and the measures
        of other documents that continue, repeat or implement it (related)."""
        data = detail(measure_id)
        return {"data": data, "meta": meta(), "links": {"self": data["links"]["self"]}}
