"""Named things and places (issue 13): their lists with mention counts, and the measures mentioning one,
as the API answers and the pages list them."""

from collections.abc import Iterable
from typing import Any, Literal

from dbay.service import searching
from dbay.service.context import db, link, text
from dbay.service.queries import has_table, placeholders, rows

Kind = Literal["entity", "place"]
# Each kind's table, the table of its mentions, and the column of that naming what is mentioned.
MENTIONS = {"entity": ("entities", "measure_entities", "entity_id"), "place": ("places", "measure_places", "place_id")}
# Each kind's mentions in section headings and preambles.
SECTION_MENTIONS = {"entity": "section_entities", "place": "section_places"}


def counted(kind: Kind) -> str:
    """A select of the kind's rows with ``mentions`` and ``measures`` counts (add where, group by x.id)."""
    table, mentions, column = MENTIONS[kind]
    return f"""select x.*, count(y.measure_id) as mentions, count(distinct y.measure_id) as measures
               from {table} x left join {mentions} y on y.{column} = x.id"""


def listed(kind: Kind, column: str, values: list[str] | None, q: str | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every row of the kind, most mentioned first (then by id), only those whose ``column`` is one of
    ``values`` if given, and with ``q`` those whose names hold it; and the answer's meta.search, if any.
    A release built before the kind was extracted has none."""
    table = MENTIONS[kind][0]
    every: list[dict[str, Any]] = []
    if has_table(db(), table):
        chosen = list(dict.fromkeys(values or []))
        where = f"where x.{column} in ({placeholders(chosen)})" if chosen else ""
        every = rows(db(), f"{counted(kind)} {where} group by x.id order by mentions desc, x.id", *chosen)
    if q is None:
        return every, {}
    # A few hundred entries at most: filtered in Python, as agencies are.
    kept, search_meta = searching.filtered(every, q, searching.name_texts)
    return kept, {"search": search_meta}


def mentioning_measures(
    kind: Kind, named_ids: list[str], lang: str, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """The measures mentioning any of ``named_ids``, in document order, each once with how often and
    every way its text writes them (``raw``); with ``limit``, only that many from ``offset`` (a page)."""
    _, table, column = MENTIONS[kind]
    where, params = f"x.{column} in ({placeholders(named_ids)})", list(named_ids)
    if limit is not None:
        page = [
            m["id"]
            for m in rows(
                db(),
                f"""select m.id from measures m where m.id in (select x.measure_id from {table} x where {where})
                    order by m.rowid limit ? offset ?""",
                *params,
                limit,
                offset,
            )
        ]
        where, params = f"{where} and x.measure_id in ({placeholders(page)})", [*params, *page]
    measures: dict[str, dict[str, Any]] = {}
    for mention in rows(
        db(),
        f"""
            select m.id, m.document_id, m.path, m.title, m.title_hant, m.title_en, x.raw
            from {table} x join measures m on m.id = x.measure_id
            where {where} order by m.rowid, x.start""",
        *params,
    ):
        measure = measures.setdefault(
            mention["id"],
            {
                "id": mention["id"],
                "document_id": mention["document_id"],
                "path": mention["path"],
                "title": text(mention, "title", lang),
                "raw": [],
                "mentions": 0,
                "url": link("measures.Measure", measure_id=mention["id"]),
            },
        )
        measure["mentions"] += 1
        if mention["raw"] not in measure["raw"]:
            measure["raw"].append(mention["raw"])
    return list(measures.values())


def measures_mentioning(kind: Kind, named_ids: list[str]) -> int:
    """How many measures mention any of ``named_ids``."""
    _, table, column = MENTIONS[kind]
    sql = f"select count(distinct measure_id) as n from {table} where {column} in ({placeholders(named_ids)})"
    return int(rows(db(), sql, *named_ids)[0]["n"])


def naming_sections(kind: Kind, named_ids: list[str], lang: str) -> list[dict[str, Any]]:
    """The sections whose heading or preamble names any of ``named_ids``, in reading order: a heading that
    names a goal (实现湾区发展“要素通”) says what every measure under it serves. A release built before
    headings were searched has none."""
    table, column = SECTION_MENTIONS[kind], MENTIONS[kind][2]
    if not has_table(db(), table) or not named_ids:
        return []
    found = rows(
        db(),
        f"""select s.id, s.document_id, s.path, s.heading, s.heading_hant, s.heading_en, x.field, x.raw, x.start, x.end
            from {table} x join sections s on s.id = x.section_id
            where x.{column} in ({placeholders(named_ids)}) order by s.reading_order, x.field, x.start""",
        *named_ids,
    )
    return [
        {
            "section_id": mention["id"],
            "document_id": mention["document_id"],
            "path": mention["path"],
            "heading": text(mention, "heading", lang),
            **{name: mention[name] for name in ("field", "raw", "start", "end")},
            "links": {
                "measures": link("measures.Measures", document=mention["document_id"], section=mention["path"]),
                "document": link("documents.Document", document_id=mention["document_id"]),
            },
        }
        for mention in found
    ]


def in_measure(record: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """Something a measure's text holds (a target, a milestone), as the lists answer it: the measure and
    its document, the record's ``fields``, how it was found and a link to the measure."""
    return {
        "measure_id": record["measure_id"],
        "document_id": record["document_id"],
        **{name: record[name] for name in fields},
        "method": record["method"],
        "links": {"measure": link("measures.Measure", measure_id=record["measure_id"])},
    }
