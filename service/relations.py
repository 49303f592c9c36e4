"""Related measures (issue 14) in the API: the part of one measure's answer listing the measures of other
documents that continue, repeat or implement it (``related``), from the build's relations table.

A release built before relations has none: there a measure is related to nothing.
"""

import json
import re
from typing import Any

from markupsafe import Markup, escape

from dbay.service.context import db, link, text
from dbay.service.queries import has_table, rows

EVIDENCE = ("text_similarity", "shared_entities", "shared_agencies", "shared_terms")


def related(measure_id: str, lang: str) -> list[dict[str, Any]]:
    """The measure's relations, best first: each target with its document, score, rank, direction and evidence."""
    if not has_table(db(), "relations"):
        return []
    found = rows(
        db(),
        """select r.*, m.document_id, m.title, m.title_hant, d.title as document_title,
                  d.title_hant as document_title_hant, d.issued
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
    evidence["shared_terms"] = [text({"term": term}, "term", lang) for term in evidence["shared_terms"]]
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
