"""Substring search over measures, in either script: one implementation for the JSON API and Datasette.

Semantics
---------
A query (syntax: ``dbay.search_syntax``) is words and ``"phrases"``, all of which must match,
``A OR B`` for either, and ``-word`` or ``-"phrase"`` to leave measures out. A word or phrase
matches a measure when it occurs as a substring of its title or text, in Simplified or
Traditional script, or of the wording of a rendition that carries it (see Index). Matching
compares *folded* text: each character converted to Simplified on its own (OpenCC t2s) and
ASCII-style lowercased, so 養老 finds 养老, ipv6 finds IPv6, and a term found inside a text is
always found by the index (folding character by character maps every substring of a text to a
substring of its folded form, which whole-text conversion, choosing characters by context,
would not guarantee). Punctuation inside a word must match exactly; punctuation at its ends is
ignored, so 「养老」 means 养老; a phrase is matched as typed, spaces included. A query without a
letter, digit or ideograph searches nothing (``match_expression`` returns None); a malformed
one raises ``QuerySyntaxError``. ``AND``, ``NOT``, lower-case ``or``, ``*``, ``:`` and the like
are ordinary characters, never operators. Cross-strait vocabulary (人工智慧 for 人工智能) is
another word, not another script: ``dbay.search_variants`` adds it at query time.

Index
-----
SQLite's tokenizers cannot do this unaided: ``unicode61`` takes a run of ideographs as one word
and ``trigram`` cannot match terms shorter than three characters. So the index stores a
tokenised copy of each measure in which every character is its own token, and a term becomes
an FTS5 phrase: consecutive tokens, that is a substring. The table::

    create virtual table measures_fts using fts5(measure_id unindexed, title, text, renditions, tokenize='ascii')

has one row a measure, ``measures_fts.rowid = measures.rowid``. A character's token is:

* an ASCII letter or digit: itself, lowercased (``5G`` is ``5 g``);
* any other ASCII character and any whitespace: ``u`` and its code point in lowercase hex
  (``+`` is ``u2b``, a line break ``ua``), because the ``ascii`` tokenizer would otherwise drop
  it and a phrase could then run across it; being longer than one character, such a token never
  equals a letter's;
* any other character (ideographs, full-width punctuation ，、。): itself. The ``ascii``
  tokenizer takes every non-ASCII character as a token character and changes none, so the
  tokens stored are exactly those written; ``unicode61`` would drop the full-width punctuation
  (letting a phrase run across it) and fold case and diacritics by its own tables.

The title and text columns hold the folded Simplified form; where the Traditional column folds
to something else (rarely: 2 of the 113 seed measures, with 著 for 着 and 鍊 for 链), its folded form follows on a
new line, so Traditional-only characters are found too and no phrase spans the two. The
renditions column holds the wording of the renditions that carry the measure
(``measure_sources.raw_text``: news reposts, Traditional reposts in Taiwan usage) where it is
not the measure's own: each span is cut into clauses at sentence and clause punctuation, and a
clause is kept when its letters, digits and ideographs do not occur, in order, in the measure's
label, title and text (``rendition_wording``); kept clauses are folded, one a line.

Ranking is bm25 with the title weighted twenty times the text and the renditions' wording a quarter
of it (``RANK_SQL``; bm25 counts every column in a measure's length, so the title's weight makes up
for the renditions' length and a title match still ranks first), ties in reading
order: ``order_by`` states it once for the API, the Datasette canned query and any other caller.
The same weights are stored as the table's default ``rank``, so ``order by rank`` ranks the same way.
The build writes measures in reading order and ``create_index`` refuses them otherwise, so the
index's rowids are the reading order: ties are broken by rowid, and a page can be ranked inside
the index without reading the measures (``dbay.search_pages``, whose ``store_frequent_terms``
the build runs after ``create_index``).

Without any plugin
------------------
The release file is downloadable; plain SQLite (3.9 or later) can query the index by writing
terms the way the index stores them: Simplified, characters space-separated, ASCII lowercase,
each term a double-quoted phrase::

    select measure_id, title from measures_fts where measures_fts match '"养 老"' order by rank;
    select measure_id from measures_fts where measures_fts match '"数 据" AND "5 g"';
    select measure_id from measures_fts where measures_fts match 'title : "互 联 网"';  -- titles only
    select measure_id from measures_fts where measures_fts match '("人 工 智 能" OR "人 工 智 慧") NOT "试 点"';
    select m.* from measures_fts join measures m on m.rowid = measures_fts.rowid
      where measures_fts match '"大 湾 区"' order by rank;

A bare ``养老`` is one token, which the index never holds, and matches nothing. ``measure_id``
joins to ``measures.id`` as well; that join holds even if a copy of the file is vacuumed, since
SQLite does not promise to keep the rowids of a table without an INTEGER PRIMARY KEY. The slow
way needs no index at all: ``where text like '%养老%' or text_hant like '%養老%'``.
"""

import html
import json
import re
import sqlite3
from collections.abc import Callable, Iterator

from dbay.search_syntax import Query, QuerySyntaxError, fold, parse

__all__ = ["Query", "QuerySyntaxError", "fold", "parse"]  # re-exported: callers need only this module

TABLE = "measures_fts"
TITLE_WEIGHT = 20.0
TEXT_WEIGHT = 1.0
RENDITIONS_WEIGHT = 0.25  # another wording of the text: a match there counts, for less

# bm25 takes one weight a column: measure_id is unindexed, so its weight is never used.
WEIGHTS = f"0.0, {TITLE_WEIGHT}, {TEXT_WEIGHT}, {RENDITIONS_WEIGHT}"
RANK_SQL = f"bm25({TABLE}, {WEIGHTS})"
JOIN_SQL = f"{TABLE}.rowid = measures.rowid"

# A valid expression that matches no row, for SQL callers that cannot skip an empty search.
MATCH_NOTHING = '""'


class _Tokens(dict[int, str]):
    """str.translate table from a folded character to its index token and a separating space."""

    def __missing__(self, code_point: int) -> str:
        character = chr(code_point)
        # The ascii tokenizer drops ASCII punctuation, whitespace must leave a boundary behind,
        # and a lone surrogate cannot be encoded for SQLite: these are written as code points.
        opaque = (character.isascii() and not character.isalnum()) or character.isspace()
        opaque = opaque or 0xD800 <= code_point <= 0xDFFF
        self[code_point] = (f"u{code_point:x}" if opaque else character) + " "
        return self[code_point]


_TOKENS = _Tokens()


def _folded_tokens(folded: str) -> str:
    return folded.translate(_TOKENS).rstrip(" ")


def tokens(text: str) -> str:
    """The indexed form of a text: its folded characters as space-separated tokens.

    >>> tokens("5G+養老，IPv6")
    '5 g u2b 养 老 ， i p v 6'
    """
    return _folded_tokens(fold(text))


def query_terms(query: str | Query) -> list[str]:
    """The folded words and phrases a query searches for, each once, in the order typed (exclusions
    and ``OR`` aside); ``QuerySyntaxError`` for a malformed query."""
    return (parse(query) if isinstance(query, str) else query).positive


def _phrase(term: str) -> str:
    # Tokens never hold a double quote (ASCII punctuation becomes u22), but doubling quotes keeps
    # the phrase a valid FTS5 string whatever the token rules become.
    return '"' + _folded_tokens(term).replace('"', '""') + '"'


def _clause(phrases: tuple[str, ...]) -> str:
    return _phrase(phrases[0]) if len(phrases) == 1 else "(" + " OR ".join(map(_phrase, phrases)) + ")"


def match_expression(query: str | Query) -> str | None:
    """The FTS5 MATCH string for a query (``dbay.search_syntax``), or None when it has nothing to search for.

    Every word and phrase becomes an FTS5 phrase of single-character tokens; clauses are joined by
    AND, a clause's alternatives by OR, and exclusions follow NOT. User input only ever reaches
    the expression as tokens inside double quotes, so it can use no FTS5 operator and cause no
    FTS5 syntax error; a malformed query raises ``QuerySyntaxError`` before any SQL. A plain query
    gives the same string it always did (``"养 老" AND "数 据"``), which stored rankings are keyed by.
    """
    parsed = parse(query) if isinstance(query, str) else query
    if not parsed.clauses:
        return None
    positive = " AND ".join(_clause(clause) for clause in parsed.clauses)
    if not parsed.excluded:
        return positive
    if len(parsed.clauses) > 1:
        positive = f"({positive})"
    return f"{positive} NOT {_clause(parsed.excluded)}"


def order_by() -> str:
    """The one ranking of search results, for every caller: bm25 with the title weighted ``TITLE_WEIGHT``
    times the text, ties in reading order (the index's rowids), so that every page is stable."""
    return f"{RANK_SQL}, {TABLE}.rowid"


def search_sql(columns: str = "measures.*", where: str | None = None, match: str = ":match") -> str:
    """A select of ``columns`` from measures matching ``match``, best first (``order_by``).

    ``match`` is an SQL expression for the MATCH string: by default the parameter ``:match``, to be
    bound to ``match_expression(query)`` (skip the search when that is None); in SQL that cannot
    call Python first, ``dbay_match(:q)``. ``where`` adds conditions on ``measures`` (and their
    parameters are the caller's); append ``limit`` and ``offset`` as needed.
    """
    condition = f"{TABLE} match {match}" if where is None else f"{TABLE} match {match} and ({where})"
    return f"select {columns} from {TABLE} join measures on {JOIN_SQL} where {condition} order by {order_by()}"


def _indexed(simplified: str, traditional: str | None) -> str:
    """The tokens a column pair is indexed by: the Simplified, and the Traditional where it differs."""
    folded = fold(simplified)
    # One column is converted from the other, so the two usually fold alike; where they do not,
    # index both, the line break between them keeping any phrase from spanning the two.
    folded_traditional = fold(traditional) if traditional else folded
    if folded_traditional != folded:
        folded = f"{folded}\n{folded_traditional}"
    return _folded_tokens(folded)


class OutOfReadingOrder(ValueError):
    """The measures table is not stored in reading order, which the ranking's ties rely on."""


def _letters(folded: str) -> str:
    return "".join(character for character in folded if character.isalnum())


# Where a rendition's span is cut into clauses: sentence and clause punctuation, either width.
_CLAUSE_BREAK = re.compile("[，。；：！？、,.;:!?\n\r]+")


def rendition_wording(own: list[str], spans: list[str]) -> list[str]:
    """The folded clauses of rendition spans worth indexing beside a measure's own text: those whose
    letters, digits and ideographs are not all, in order, in one of ``own`` (the measure's label,
    title and text in either script). Punctuation and layout differ in nearly every repost, so they
    do not count; another wording (資訊 for 信息, an abridged news sentence) does. Only such clauses
    are kept, which keeps the measure's length, and so its bm25 score, near its own text's."""
    mine = [_letters(fold(text)) for text in own]
    kept: list[str] = []
    for span in spans:
        for clause in _CLAUSE_BREAK.split(fold(span)):
            letters = _letters(clause)
            clause = clause.strip()
            if letters and not any(letters in text for text in mine) and clause not in kept:
                kept.append(clause)
    return kept


def _index_sql(connection: sqlite3.Connection) -> str:
    """The measures' columns the index is made from; a database without labels or sources (a test's)
    reads as having none."""
    columns = {row[1] for row in connection.execute("pragma table_info(measures)")}
    label = "label" if "label" in columns else "''"
    has_sources = connection.execute("select 1 from sqlite_master where name = 'measure_sources'").fetchone()
    spans = (
        "(select json_group_array(raw_text) from (select raw_text from measure_sources s "
        "where s.measure_id = measures.id order by s.rendition_id, s.start))"
        if has_sources
        else "'[]'"
    )
    return (
        f"select rowid, id, document_id, position, title, text, title_hant, text_hant, {label}, {spans} "
        "from measures order by rowid"
    )


def _index_rows(connection: sqlite3.Connection) -> Iterator[tuple[int, str, str, str, str]]:
    previous: tuple[str, int, str] | None = None
    for rowid, measure_id, document_id, position, title, text, title_hant, text_hant, label, spans in connection.execute(
        _index_sql(connection)
    ):
        if previous is not None and previous > (document_id, position, measure_id):
            raise OutOfReadingOrder(
                f"measure {measure_id!r} (rowid {rowid}) is stored after {previous[2]!r}; write measures in reading order"
            )
        previous = (document_id, position, measure_id)
        label = label or ""
        own = [label + text, label + title + text, label + (text_hant or ""), label + (title_hant or "") + (text_hant or "")]
        # A line break between clauses keeps any phrase from running from one into the next.
        renditions = _folded_tokens("\n".join(rendition_wording(own, json.loads(spans))))
        yield rowid, measure_id, _indexed(title, title_hant), _indexed(text, text_hant), renditions


def create_index(connection: sqlite3.Connection) -> None:
    """(Re)create ``measures_fts`` from the ``measures`` table of an open database.

    Runs in one savepoint: it commits when no transaction was open, and otherwise becomes part of
    the caller's transaction (which the caller then commits).
    """
    connection.execute("savepoint create_search_index")
    try:
        connection.execute(f"drop table if exists {TABLE}")
        connection.execute(
            f"create virtual table {TABLE} using fts5(measure_id unindexed, title, text, renditions, tokenize='ascii')"
        )
        connection.executemany(
            f"insert into {TABLE}(rowid, measure_id, title, text, renditions) values (?, ?, ?, ?, ?)", _index_rows(connection)
        )
        # The stored default makes a plain `order by rank` rank as RANK_SQL does.
        connection.execute(f"insert into {TABLE}({TABLE}, rank) values ('rank', ?)", (f"bm25({WEIGHTS})",))
        # The release is read-only: merging the index into one segment makes every query cheaper.
        connection.execute(f"insert into {TABLE}({TABLE}) values ('optimize')")
    except BaseException:
        connection.execute("rollback to create_search_index")
        connection.execute("release create_search_index")
        raise
    connection.execute("release create_search_index")


def _occurrences(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of the terms in a folded text, leftmost first, the longest at a tie."""
    pattern = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return [match.span() for match in re.finditer(pattern, folded)]


def _window(length: int, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """About ``width`` characters centred on the first span, widened so that no span is cut."""
    first_start, first_end = spans[0]
    size = max(width, first_end - first_start)
    start = max(0, min(first_start - (size - (first_end - first_start)) // 2, length - size))
    end = min(length, start + size)
    for span_start, span_end in spans:
        if span_start < start < span_end:
            start = span_start
        if span_start < end < span_end:
            end = span_end
    return start, end


def snippet(
    text: str, query: str | Query, width: int = 60, mark: tuple[str, str] = ("<mark>", "</mark>"), escape: bool = True
) -> str | None:
    """About ``width`` characters of ``text`` around the first occurrence of a word or phrase searched for.

    Exclusions are not marked (the text lacks them). Terms are found in either script (on the folded
    text) but the text's own characters are returned, every occurrence in the window wrapped in
    ``mark``, with "…" where the text is cut.
    With ``escape`` (the default, as the default marks are HTML) the text is HTML-escaped and the
    marks are not; pass ``escape=False`` for plain-text marks. None when no term occurs in the
    text (the measure may have matched by its title or its other script).
    """
    terms = query_terms(query)
    spans = _occurrences(fold(text), terms) if terms else []
    if not spans:
        return None
    start, end = _window(len(text), spans, width)
    quote = html.escape if escape else str
    pieces = ["…"] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        if start <= span_start and span_end <= end:
            pieces += [quote(text[cursor:span_start]), mark[0], quote(text[span_start:span_end]), mark[1]]
            cursor = span_end
    pieces.append(quote(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return "".join(pieces)


Widen = Callable[[Query], Query]  # what a caller adds to a parsed query (the cross-strait variants)


def _unchanged(query: Query) -> Query:
    return query


def match_or_nothing(query: str | None, widen: Widen = _unchanged) -> str:
    """``match_expression`` (of the query ``widen`` makes of it), or an expression that matches no row
    where there is nothing to search for or the query is malformed: for SQL that cannot skip an empty
    search or report a syntax error in words (a canned query, Datasette's search box), a malformed
    query finds nothing, as an empty one."""
    try:
        return match_expression(widen(parse(query or ""))) or MATCH_NOTHING
    except QuerySyntaxError:
        return MATCH_NOTHING


def _snippet_or_none(text: str | None, query: str | None, widen: Widen) -> str | None:
    try:
        return snippet(text or "", widen(parse(query or "")))
    except QuerySyntaxError:
        return None


def register_functions(connection: sqlite3.Connection, widen: Widen = _unchanged) -> None:
    """Make the search usable from SQL on this connection (for Datasette's prepare_connection).

    ``dbay_match(query)`` gives the MATCH expression for the same syntax as the API, widened by
    ``widen`` (Datasette's plugin passes the cross-strait variants of ``dbay.search_variants``), or
    one that matches nothing where the query has nothing to search for or is malformed, so a canned
    query returns no rows rather than an error; ``dbay_snippet(text, query)`` gives the HTML snippet
    of the same words (NULL for a malformed query); ``dbay_fold(text)`` the text as search compares
    it (Simplified, lowercase), for ``instr`` on columns the index lacks.
    """
    connection.create_function("dbay_match", 1, lambda query: match_or_nothing(query, widen), deterministic=True)
    connection.create_function("dbay_fold", 1, lambda text: fold(text) if isinstance(text, str) else text, deterministic=True)
    connection.create_function("dbay_snippet", 2, lambda text, query: _snippet_or_none(text, query, widen), deterministic=True)
