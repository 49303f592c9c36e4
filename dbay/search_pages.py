"""Pages of ranked search results, computed inside the index: only the page's measures are read.

The ranking is ``dbay.search``'s: bm25 (``search.RANK_SQL``), ties in reading order. The index's
rowids *are* the reading order (the build writes measures in reading order and
``search.create_index`` refuses a table that is not), so a page is ranked from the index alone,
with no join to ``measures`` for every match, and a document or section filter is a range of
rowids, which FTS5 seeks to instead of scanning.

Ranking still scores every match, about a microsecond each: too slow for a term found in most
measures of a large release (数 is in nine of ten). For every term of one to ``LONGEST`` characters
matched by at least ``FREQUENT`` measures, the release stores the first ``DEPTH`` rowids of its
ranking and its number of matches (``measures_fts_ranked``, written by ``store_frequent_terms``
when the index is built), and a search for that term alone, within those first ``DEPTH``
results, is answered from the list. The list is made by the same SQL as the live answer, so it
is a copy of that answer computed once, never a different one.
"""

import heapq
import sqlite3
import sys
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Any

from dbay import search

RANKED_TABLE = f"{search.TABLE}_ranked"
FREQUENT = 5_000  # matches above which a term's ranking is stored (see benchmarks/search_speed.py)
FEW = FREQUENT  # matches up to which a page is chosen from one pass (``_scored_few``)
DEPTH = 1_000  # ranked results kept per frequent term: 20 pages of 50
LONGEST = 4  # longest term (in characters) considered for a stored ranking
SAMPLE = 4_000  # measures read to find frequent multi-character terms; counts are then exact


@dataclass(frozen=True)
class Within:
    """The measures a search is confined to: a range of rowids and/or a condition on ``measures m``."""

    first: int | None = None
    last: int | None = None
    where: str | None = None
    params: tuple[Any, ...] = ()

    @property
    def everything(self) -> bool:
        return self.first is None and self.last is None and self.where is None

    def sql(self) -> tuple[str, list[Any]]:
        """Conditions to append to a query on the index, with their parameters."""
        conditions, params = [], []
        if self.first is not None:
            conditions.append("rowid >= ?")
            params.append(self.first)
        if self.last is not None:
            conditions.append("rowid <= ?")
            params.append(self.last)
        if self.where is not None:
            # Unary plus keeps SQLite from handing the IN to FTS5, which would run the match once per value.
            conditions.append(f"+rowid in (select m.rowid from measures m where {self.where})")
            params += self.params
        return "".join(f" and {condition}" for condition in conditions), params


EVERYTHING = Within()


def ranked_sql(conditions: str = "") -> str:
    """Rowids of the measures matching the first parameter, best first, then ``limit ? offset ?``."""
    return (
        f"select rowid from {search.TABLE} where {search.TABLE} match ?{conditions} "
        f"order by {search.RANK_SQL}, rowid limit ? offset ?"
    )


def _unpacked(blob: bytes) -> list[int]:
    numbers = array("I")
    numbers.frombytes(blob)
    if sys.byteorder == "big":  # stored little-endian, whatever machine built the release
        numbers.byteswap()
    return numbers.tolist()


def _packed(rowids: list[int]) -> bytes:
    numbers = array("I", rowids)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tobytes()


def _stored(connection: sqlite3.Connection, match: str, offset: int, limit: int) -> tuple[int, list[int]] | None:
    """(matches, the page's rowids) from the stored ranking, or None where it does not reach that far."""
    try:
        found = connection.execute(
            f"select hits, substr(rowids, ?, ?), length(rowids) / 4 from {RANKED_TABLE} where phrase = ?",
            (offset * 4 + 1, limit * 4, match),
        ).fetchone()
    except sqlite3.OperationalError:  # a release built before stored rankings existed
        return None
    if found is None:
        return None
    hits, blob, kept = found
    if offset + limit > kept and kept < hits:
        return None
    return hits, _unpacked(blob)


def _scored_few(
    connection: sqlite3.Connection, match: str, conditions: str, params: list[Any], needed: int
) -> tuple[int, list[int]] | None:
    """(matches, the best ``needed`` rowids) from one pass over the matches, or None past FEW of them.

    A count and a ranking are two passes over the index (three with bm25's own pass for the
    term's frequency), and for a phrase of common characters each pass costs several
    milliseconds even when few measures match. Up to FEW matches, reading their scores and
    choosing the best in Python costs less than a second pass.
    """
    cursor = connection.execute(
        f"select {search.RANK_SQL}, rowid from {search.TABLE} where {search.TABLE} match ?{conditions}", (match, *params)
    )
    scored = cursor.fetchmany(FEW + 1)
    if len(scored) > FEW:
        cursor.close()
        return None
    best = heapq.nsmallest(needed, scored, key=lambda row: (row[0], row[1]))  # score, then reading order
    return len(scored), [row[1] for row in best]


def ranked_page(
    connection: sqlite3.Connection, match: str, limit: int, offset: int = 0, within: Within = EVERYTHING
) -> tuple[int, list[int]]:
    """(number of matching measures, the rowids of ``limit`` of them from ``offset``, best first)."""
    if within.everything and (stored := _stored(connection, match, offset, limit)) is not None:
        return stored
    conditions, params = within.sql()
    if (few := _scored_few(connection, match, conditions, params, offset + limit)) is not None:
        return few[0], few[1][offset:]
    total = connection.execute(
        f"select count(*) from {search.TABLE} where {search.TABLE} match ?{conditions}", (match, *params)
    ).fetchone()[0]
    if total <= offset:
        return total, []
    rowids = [row[0] for row in connection.execute(ranked_sql(conditions), (match, *params, limit, offset))]
    return total, rowids


# --- build time ---------------------------------------------------------------------------


def _single_characters(connection: sqlite3.Connection, frequent: int) -> list[str]:
    """Characters in at least ``frequent`` measures, from the index's own vocabulary (exact)."""
    connection.execute(f"create virtual table temp.frequent_vocabulary using fts5vocab(main, {search.TABLE}, 'row')")
    try:
        tokens = connection.execute("select term from temp.frequent_vocabulary where doc >= ?", (frequent,)).fetchall()
    finally:
        connection.execute("drop table temp.frequent_vocabulary")
    return [token for (token,) in tokens if len(token) == 1 and token.isalnum()]


def _candidate_terms(connection: sqlite3.Connection, frequent: int, measures: int) -> list[str]:
    """Terms of 2 to LONGEST letters, digits or ideographs likely in ``frequent`` measures, from a sample.

    Every ``step``-th measure is read and each term counted once a measure; a term is a candidate
    when its share of the sample, with some slack, would reach ``frequent``. The caller counts
    each candidate exactly, so the sample only decides which terms are worth counting. It reads the
    measures' own columns, not the renditions' wording the index also holds: a term frequent only
    there is ranked live, as any term below the threshold.
    """
    step = max(1, measures // SAMPLE)
    counts: Counter[str] = Counter()
    rows = connection.execute("select title, text, title_hant, text_hant from measures where rowid % ? = 0", (step,))
    for row in rows:
        folded = {search.fold(value) for value in row if value}
        terms: set[str] = set()
        for text in folded:
            for size in range(2, LONGEST + 1):
                terms.update(text[i : i + size] for i in range(len(text) - size + 1))
        counts.update(term for term in terms if term.isalnum())
    least = frequent / step * 0.8
    return sorted(term for term, count in counts.items() if count >= least)


def store_frequent_terms(connection: sqlite3.Connection, frequent: int = FREQUENT, depth: int = DEPTH) -> int:
    """(Re)write ``measures_fts_ranked`` for the index just built; the number of terms stored.

    Call it inside the transaction that built the index (``search.create_index`` does).
    """
    connection.execute(f"drop table if exists {RANKED_TABLE}")
    connection.execute(f"create table {RANKED_TABLE} (phrase text primary key, hits integer not null, rowids blob not null)")
    measures = connection.execute("select count(*) from measures").fetchone()[0]
    if measures < frequent:
        return 0
    stored = 0
    for term in [*_single_characters(connection, frequent), *_candidate_terms(connection, frequent, measures)]:
        match = search.match_expression(term)
        if match is None:
            continue
        hits = connection.execute(f"select count(*) from {search.TABLE} where {search.TABLE} match ?", (match,)).fetchone()[0]
        if hits < frequent:
            continue
        rowids = [row[0] for row in connection.execute(ranked_sql(), (match, depth, 0))]
        connection.execute(f"insert or replace into {RANKED_TABLE} values (?, ?, ?)", (match, hits, _packed(rowids)))
        stored += 1
    return stored
