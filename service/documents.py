"""/api/v1/documents: the documents, with their renditions and outline."""

import json
from typing import Any

from flask.views import MethodView

from dbay.service import searching
from dbay.service.arguments import ApiBlueprint, DocumentListArgs
from dbay.service.context import db, found, language, link, meta, release, text
from dbay.service.errors import unknown_record
from dbay.service.paging import links, offset_from_cursor
from dbay.service.queries import placeholders, rows
from dbay.service.schemas import DocumentDetailSchema, DocumentSummarySchema

blueprint = ApiBlueprint(
    "documents", __name__, url_prefix="/api/v1/documents", description="Policy documents, their renditions and outlines."
)


def titles(lang: str) -> dict[str, str]:
    """Every document's title in ``lang``, by id in id order: what pages listing provisions of several documents show."""
    return {
        d["id"]: text(d, "title", lang) for d in rows(db(), "select id, title, title_hant, title_en from documents order by id")
    }


def summary(record: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "id": record["id"],
        "title": text(record, "title", lang),
        "issuer": text(record, "issuer", lang),
        "doc_number": text(record, "doc_number", lang),
        "issued": record["issued"],
        "declared_measures": record["declared_measures"],
        "extracted_measures": record["extracted_measures"],
        "links": {"self": link("documents.Document", document_id=record["id"])},
    }


def outline(document_id: str, lang: str) -> list[dict[str, Any]]:
    """Sections and measures of a document as a tree, in document order."""
    nodes = rows(
        db(),
        """
        select 'section' as type, id, parent_id, path, label,
               heading as title, heading_hant as title_hant, heading_en as title_en, numbering, position
        from sections where document_id = ?
        union all
        select 'measure', id, section_id, path, label, title, title_hant, title_en, numbering, position
        from measures where document_id = ? order by position""",
        document_id,
        document_id,
    )
    by_id: dict[str, dict[str, Any]] = {}
    top: list[dict[str, Any]] = []
    for node in nodes:
        item = {
            "type": node["type"],
            "id": node["id"],
            "path": node["path"],
            "label": node["label"],
            "title": text(node, "title", lang),
            "numbering": node["numbering"],
            "children": [],
        }
        by_id[node["id"]] = item
        (by_id[node["parent_id"]]["children"] if node["parent_id"] else top).append(item)
    return top


def declared_count(count: dict[str, Any], lang: str) -> dict[str, Any]:
    """A count the document declares, its unit and phrase in the script asked for."""
    return {
        "unit": text(count, "unit", lang),
        "declared": count["declared"],
        "level": count["level"],
        "found": count["found"],
        "phrase": text(count, "phrase", lang),
    }


# Each order ends in the id, which is unique, so an offset pages it without gaps or repeats.
ORDERS = {
    "id": "id",
    "issued": "issued is null, issued, id",
    "-issued": "issued is null, issued desc, id",
    "title": "{title}, id",
}


@blueprint.route("")
class Documents(MethodView):
    @blueprint.listing("DocumentList", DocumentSummarySchema, DocumentListArgs)
    def get(self, limit: int, cursor: str | None = None, q: str | None = None, **args: Any) -> dict[str, Any]:
        """Every document in the release, or those issued between issued_after and issued_before (inclusive);
        with q, those whose title, issuer or number holds it."""
        offset = offset_from_cursor(cursor)
        lang = language()
        bounds = {"issued_after": "issued >= ?", "issued_before": "issued <= ?"}
        chosen = [(condition, args[name]) for name, condition in bounds.items() if args.get(name)]
        where = " and ".join(["1 = 1", *(condition for condition, _ in chosen)])
        params = [day for _, day in chosen]
        order = ORDERS[args.get("sort") or "id"].format(title="title_hant" if lang == "zh-Hant" else "title")
        extra: dict[str, Any] = {}
        if q is not None:  # documents are few: filtered in Python, by the measures' own rules
            ordered = rows(db(), f"select * from documents where {where} order by {order}", *params)
            every, extra["search"] = searching.filtered(ordered, q, searching.document_texts)
            total, found = len(every), every[offset : offset + limit]
        else:
            total = db().execute(f"select count(*) from documents where {where}", params).fetchone()[0]
            found = rows(db(), f"select * from documents where {where} order by {order} limit ? offset ?", *params, limit, offset)
        return {
            "data": [summary(d, lang) for d in found],
            "meta": meta(total=total, limit=limit, **extra),
            "links": links("documents.Documents", offset, limit, total),
        }


def detail(document_id: str) -> dict[str, Any]:
    """One document: its metadata, renditions with their coverage, and its outline (a 404 problem if none)."""
    record = found("select * from documents where id = ?", f"document {document_id!r}", document_id)
    lang = language()
    renditions = rows(
        db(),
        "select id, file, script, kind, url, sha256, canonical, measures_carried, coverage "
        "from renditions where document_id = ? order by canonical desc, id",
        document_id,
    )
    for rendition in renditions:
        rendition["canonical"] = bool(rendition["canonical"])
    data = summary(record, lang) | {
        "preamble": text(record, "preamble", lang),
        "canonical_rendition_id": record["canonical_rendition_id"],
        "notes": record["notes"],
        "declared_counts": [declared_count(count, lang) for count in json.loads(record["declared_counts"])],
        "renditions": renditions,
        "outline": outline(document_id, lang),
    }
    data["links"] = {
        "self": link("documents.Document", document_id=document_id),
        "measures": link("measures.Measures", document=document_id),
    }
    return data


@blueprint.route("/<document_id>")
class Document(MethodView):
    @blueprint.single("DocumentResponse", DocumentDetailSchema)
    def get(self, document_id: str, **_: Any) -> dict[str, Any]:
        """One document: its metadata, renditions with their coverage, and its outline."""
        data = detail(document_id)
        return {"data": data, "meta": meta(), "links": {"self": data["links"]["self"]}}


def known_records(table: str, parameter: str, ids: list[str]) -> list[str]:
    """A filter's ids of ``table``, each once, or a 400 naming ``parameter`` and the first the release lacks."""
    chosen = list(dict.fromkeys(ids))
    held = {r["id"] for r in rows(db(), f"select id from {table} where id in ({placeholders(chosen)})", *chosen)}
    for wanted in chosen:
        if wanted not in held:
            raise unknown_record(parameter, wanted, release().version)
    return chosen


def known_documents(documents: list[str]) -> list[str]:
    """A ``document=`` filter's ids, each once, or a 400 naming ``document`` and the first the release lacks."""
    return known_records("documents", "document", documents)
