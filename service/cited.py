"""The documents measures cite (issue 13: the citations table), one entry a cited document, and
/api/v1/cited-documents listing them.

The citations table has no id of a cited document: a row is one citation, by title in 《》. A cited
document is named here by its title as the build compares titles (``build.cited_documents.title_key``:
folded to Simplified and lowercase, without quotation marks and spaces), so the same title cited in
either script, or with different spacing, is one document, and its key stays the same from release to
release for as long as its title does. Citations are a few per document: they are grouped in Python.
"""

from typing import Any

from flask.views import MethodView

from dbay.build.cited_documents import title_key
from dbay.service.arguments import ApiBlueprint, ListArgs
from dbay.service.context import db, language, link, meta, release, text
from dbay.service.errors import not_found
from dbay.service.paging import links, offset_from_cursor
from dbay.service.queries import has_table, rows
from dbay.service.topic_schemas import CitedSummarySchema

blueprint = ApiBlueprint(
    "cited_documents",
    __name__,
    url_prefix="/api/v1/cited-documents",
    description="Cited documents: every document the measures cite by title (《广东省数据条例》), with its document "
    "numbers, how many measures cite it, and the dataset's own document where it holds it.",
)


def cited_key(title: str) -> str:
    """The key naming a cited document in URLs: its title as the build compares titles (the title itself
    in the unlikely case that leaves nothing: a URL needs a key)."""
    return title_key(title) or title


def _citations() -> list[dict[str, Any]]:
    """Every citation (its title as ``cited``), in the order of the texts, with its measure's document, path and titles."""
    if not has_table(db(), "citations"):  # a release built before citations were extracted
        return []
    return rows(
        db(),
        """select c.measure_id, c.raw, c.title as cited, c.doc_number, c.document_id as cited_document_id,
                  m.document_id, m.path, m.title, m.title_hant, m.title_en
           from citations c join measures m on m.id = c.measure_id order by m.rowid, c.start""",
    )


def cited_documents(lang: str) -> list[dict[str, Any]]:
    """Each cited document once, by key: its title as first cited, every document number printed after it,
    the dataset's document it is (if any), and how many measures cite it and how many times."""
    grouped: dict[str, dict[str, Any]] = {}
    for citation in _citations():
        key = cited_key(citation["cited"])
        cited = grouped.setdefault(
            key,
            {
                "key": key,
                "title": text(citation, "cited", lang),
                "doc_numbers": [],
                "document_id": None,
                "counts": {"measures": 0, "citations": 0},
                "links": {"page": link("topics.cited_document", key=key)},
                "measure_ids": set(),
            },
        )
        number = text(citation, "doc_number", lang) if citation["doc_number"] else None
        if number and number not in cited["doc_numbers"]:
            cited["doc_numbers"].append(number)
        if citation["cited_document_id"] and not cited["document_id"]:
            cited["document_id"] = citation["cited_document_id"]
            cited["links"]["document"] = link("documents.Document", document_id=cited["document_id"])
        cited["measure_ids"].add(citation["measure_id"])
        cited["counts"] = {"measures": len(cited["measure_ids"]), "citations": cited["counts"]["citations"] + 1}
    return [{k: v for k, v in cited.items() if k != "measure_ids"} for _, cited in sorted(grouped.items())]


def citing(key: str, lang: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The cited document named ``key`` and every citation of it, in the order of the texts, each with its
    measure (a 404 problem if no measure cites it)."""
    chosen = next((cited for cited in cited_documents(lang) if cited["key"] == key), None)
    if chosen is None:
        raise not_found(f"cited document {key!r}", release().version)
    citations = [
        {
            "measure_id": citation["measure_id"],
            "document_id": citation["document_id"],
            "path": citation["path"],
            "title": text(citation, "title", lang),
            "raw": citation["raw"],
        }
        for citation in _citations()
        if cited_key(citation["cited"]) == key
    ]
    return chosen, citations


@blueprint.route("")
class CitedDocuments(MethodView):
    @blueprint.listing("CitedDocumentList", CitedSummarySchema, ListArgs)
    def get(self, limit: int, cursor: str | None = None, **_: Any) -> dict[str, Any]:
        """Every document the measures cite, by key (its title as compared), each once whatever the script or
        spacing it is cited in. A release built before citations were extracted has none."""
        offset = offset_from_cursor(cursor)
        every = cited_documents(language())
        return {
            "data": every[offset : offset + limit],
            "meta": meta(total=len(every), limit=limit),
            "links": links("cited_documents.CitedDocuments", offset, limit, len(every)),
        }
