"""Related measures (issue 14) in the API: /api/v1/relations, and the part of one measure's answer listing the
measures of other documents that continue, repeat or implement it (``related``), from the build's relations table.

A release built before relations has none: there a measure is related to nothing.
"""

import json
import re
from typing import Any

from flask.views import MethodView
from markupsafe import Markup, escape

from dbay.service.arguments import ApiBlueprint, RelationListArgs
from dbay.service.connection_schemas import RelationSummarySchema
from dbay.service.context import db, link, meta, release, text
from dbay.service.documents import known_documents
from dbay.service.errors import unknown_record
from dbay.service.paging import links, offset_from_cursor
from dbay.service.queries import each_of, has_table, page_of, placeholders, rows

blueprint = ApiBlueprint(
    "relations",
    __name__,
    url_prefix="/api/v1/relations",
    description="Relations: for every measure, the measures of other documents that continue, repeat or implement it, "
    "best first, with the evidence (shared wording, named things, agencies) and whether the target came earlier or later.",
)

EVIDENCE = ("text_similarity", "shared_entities", "shared_agencies", "shared_terms")


def related(measure_id: str, lang: str) -> list[dict[str, Any]]:
    """The measure's relations, best first: each target with its document, score, rank, direction and evidence."""
    if not has_table(db(), "relations"):
        return []
    found = rows(
        db(),
        """select r.*, m.document_id, m.title, m.title_hant, m.title_en, d.title as document_title,
                  d.title_hant as document_title_hant, d.title_en as document_title_en, d.issued
           from relations r join measures m on m.id = r.target_id join documents d on d.id = m.document_id
           where r.source_id = ? order by r.rank""",
        measure_id,
    )
    return [
        {
            "id": relation["target_id"],
            "document_id": relation["document_id"],
            "document_title": text(relation, "document_title", lang),
            "issued": relation["issued"],
            "title": text(relation, "title", lang),
            "score": relation["score"],
            "rank": relation["rank"],
            "direction": relation["direction"],
            "evidence": _evidence(relation, lang),
            "url": link("measures.Measure", measure_id=relation["target_id"]),
        }
        for relation in found
    ]


def _evidence(relation: dict[str, Any], lang: str) -> dict[str, Any]:
    """The relation's evidence; shared terms in the script of ``lang`` (the build writes them in Simplified)."""
    evidence: dict[str, Any] = {name: relation[name] for name in EVIDENCE}
    for name in EVIDENCE[1:]:
        evidence[name] = json.loads(evidence[name])
    evidence["shared_terms"] = [text({"shared_terms": term}, "shared_terms", lang) for term in evidence["shared_terms"]]
    return evidence


def marked(title: str, terms: list[str]) -> Markup:
    """``title``, HTML-escaped, with each shared term it contains in ``<b class="shared">``: key words, seen
    where they stand (``<mark>`` is the page's mark of a source span). Terms come in the title's script."""
    shown = [term for term in sorted(terms, key=len, reverse=True) if term and term in title]
    if not shown:
        return escape(title)
    pattern = re.compile("|".join(re.escape(term) for term in shown))
    parts, position = [], 0
    for match in pattern.finditer(title):
        parts.append(escape(title[position : match.start()]) + Markup('<b class="shared">') + escape(match[0]) + Markup("</b>"))
        position = match.end()
    return Markup("").join([*parts, escape(title[position:])])


def _known_measures(ids: list[str]) -> list[str]:
    """A ``measure=`` filter's ids, each once, or a 400 naming ``measure`` and the first the release lacks."""
    chosen = list(dict.fromkeys(ids))
    held = {m["id"] for m in rows(db(), f"select id from measures where id in ({placeholders(chosen)})", *chosen)}
    for measure_id in chosen:
        if measure_id not in held:
            raise unknown_record("measure", measure_id, release().version)
    return chosen


def listing(args: dict[str, Any], limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """How many relations the filters keep, and one page of them: by source in reading order, then by rank."""
    if not has_table(db(), "relations"):
        return 0, []
    conditions, params = each_of(
        (
            ("r.source_id", _known_measures(args.get("measure") or [])),
            ("m.document_id", known_documents(args.get("document") or [])),
            ("r.direction", args.get("direction")),
        )
    )
    joined = f"from relations r join measures m on m.id = r.source_id where {' and '.join(['1 = 1', *conditions])}"
    total, found = page_of(db(), "r.*", joined, "order by m.rowid, r.rank", params, limit, offset)
    return total, [_summary(relation) for relation in found]


def _summary(relation: dict[str, Any]) -> dict[str, Any]:
    kept = ("source_id", "target_id", "rank", "score", "direction", "text_similarity")
    return (
        {name: relation[name] for name in kept}
        | {name: json.loads(relation[name]) for name in EVIDENCE[1:]}
        | {
            "links": {
                "source": link("measures.Measure", measure_id=relation["source_id"]),
                "target": link("measures.Measure", measure_id=relation["target_id"]),
            }
        }
    )


@blueprint.route("")
class Relations(MethodView):
    @blueprint.listing("RelationList", RelationSummarySchema, RelationListArgs)
    def get(self, limit: int, cursor: str | None = None, **args: Any) -> dict[str, Any]:
        """Every relation, by source measure in reading order and then best first, filtered by source measure,
        source document and direction. Shared terms are as the build wrote them (Simplified). A release built
        before relations has none."""
        offset = offset_from_cursor(cursor)
        total, found = listing(args, limit, offset)
        return {
            "data": found,
            "meta": meta(total=total, limit=limit),
            "links": links("relations.Relations", offset, limit, total),
        }
