"""``q`` in the API: parsing it, widening it with cross-strait variants, and saying what it matched.

One owner for what the lists of measures, agencies and documents share: the syntax
(``dbay.search_syntax``), the variants (``dbay.search_variants``), the ``meta.search`` of an
answer, and a measure's ``matched``. Measures are searched in the index; agencies and documents,
a few hundred rows at most, by folded substring over their fields in Python, with the same test
(``search_syntax.matches``) that ``matched`` uses.
"""

import json
from collections.abc import Callable, Sequence
from typing import Any

from dbay import search, search_pages, search_variants
from dbay.search_syntax import Query, QuerySyntaxError, fold, matches
from dbay.search_variants import Expansion
from dbay.service.context import db
from dbay.service.errors import bad_parameter
from dbay.service.queries import placeholders, rows


def parsed(query: str) -> Query:
    """The parsed ``q``, or a 400 problem naming q and what to change."""
    try:
        return search.parse(query)
    except QuerySyntaxError as error:
        raise bad_parameter("q", f"{error} (in {query!r})") from error


def search_meta(query: str, expanded: list[Expansion]) -> dict[str, Any]:
    """``meta.search``: the query as given and the words it also searched for (service/schemas.py)."""
    return {"query": query, "expanded": [{"term": e.term, "variants": list(e.variants)} for e in expanded]}


def widened(query: str) -> tuple[Query, dict[str, Any]]:
    """The parsed ``q`` with the variants that occur in the release's measures, and its meta.search:
    what the list, its facets and the search page all search for."""
    query_widened, expanded = search_variants.expand(parsed(query), *search_variants.measures_probes(db()))
    return query_widened, search_meta(query, expanded)


def ranked_measures(
    query: str, within: search_pages.Within | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]], Query, dict[str, Any]]:
    """(matches, the page's measures best first, the query searched, meta.search): ranked inside the
    index with the variants that occur in it, only the page read."""
    searched, meta_search = widened(query)
    expression = search.match_expression(searched)
    if expression is None or within is None:  # nothing to search for matches nothing, as in Datasette
        return 0, [], searched, meta_search
    total, rowids = search_pages.ranked_page(db(), expression, limit, offset, within)
    marks = placeholders(rowids)
    by_rowid = {
        record["rowid"]: record for record in rows(db(), f"select rowid, * from measures where rowid in ({marks})", *rowids)
    }
    return total, [by_rowid[rowid] for rowid in rowids], searched, meta_search


def _occurs(phrase: str, text: str | None) -> bool:
    # Folding is idempotent, so a folded phrase found in the text as written (lowercased) is in its
    # folded form too: most are found so, without folding the text.
    return text is not None and (phrase in text.lower() or phrase in fold(text))


def _spans(measure_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {measure_id: [] for measure_id in measure_ids}
    marks = placeholders(measure_ids)
    for span in rows(
        db(),
        f"select measure_id, rendition_id, raw_text from measure_sources where measure_id in ({marks}) "
        "order by measure_id, rendition_id, start",
        *measure_ids,
    ):
        found[span["measure_id"]].append(span)
    return found


def matched(records: Sequence[dict[str, Any]], query: Query) -> dict[str, list[dict[str, str]]]:
    """For each measure (by id), where the query's words and phrases occur: its title, its text (either
    script), and each rendition whose span holds one that the measure's own title and text lack."""
    phrases = query.positive
    where: dict[str, list[dict[str, str]]] = {}
    lacking: dict[str, list[str]] = {}
    for record in records:
        own = {
            name: {phrase for phrase in phrases if _occurs(phrase, record[name]) or _occurs(phrase, record.get(f"{name}_hant"))}
            for name in ("title", "text")
        }
        where[record["id"]] = [{"field": name} for name, found in own.items() if found]
        if missing := [phrase for phrase in phrases if phrase not in own["title"] | own["text"]]:
            lacking[record["id"]] = missing
    if lacking:  # the renditions are read only for measures found by their wording
        for measure_id, spans in _spans(list(lacking)).items():
            for span in spans:
                entry = {"field": "rendition", "rendition_id": span["rendition_id"]}
                if entry not in where[measure_id] and any(_occurs(phrase, span["raw_text"]) for phrase in lacking[measure_id]):
                    where[measure_id].append(entry)
    return where


def filtered(
    records: list[dict[str, Any]], query: str, texts: Callable[[dict[str, Any]], list[str | None]]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The records whose ``texts`` (folded, together) match ``q``, in their order, and meta.search.

    A variant is searched for where it occurs in some record's texts, as in the index for measures."""
    folded = [fold("\n".join(text for text in texts(record) if text)) for record in records]
    widened, expanded = search_variants.expand(parsed(query), lambda phrase: any(phrase in text for text in folded))
    kept = [record for record, text in zip(records, folded, strict=True) if matches(widened, text)]
    return kept, search_meta(query, expanded)


def name_texts(record: dict[str, Any]) -> list[str | None]:
    """What ``q`` is matched against for a named record (an agency, an entity, a place): its names and aliases."""
    return [record["name"], record["name_hant"], *json.loads(record["aliases"])]


def document_texts(record: dict[str, Any]) -> list[str | None]:
    return [record["title"], record["title_hant"], record["issuer"], record["doc_number"]]
