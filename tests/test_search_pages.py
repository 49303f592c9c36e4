"""Pages of ranked search results from the index alone, and the rankings the build stores for frequent terms.

The corpus is written here so that every count and rank can be worked out by hand: five measures
of document a read 数据共享 and one character of their own, three of document b read 数据 and
one of their own. With FREQUENT = 5 the terms in at least five measures are the substrings of
数据共享 (those of 数据 are in all eight), and nothing else: every other character, and every
term that touches one, is in a single measure.
"""

import sqlite3
from collections.abc import Iterator

import pytest

from dbay import search, search_pages

OWN = "甲乙丙丁戊己庚辛"
LONG = [("a", position, f"数据共享{OWN[position - 1]}") for position in range(1, 6)]
SHORT = [("b", position, f"数据{OWN[4 + position]}") for position in range(1, 4)]
FREQUENT = 5


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    connection.execute("create table measures (id, document_id, position, path, title, text, title_hant, text_hant)")
    for document, position, text in LONG + SHORT:
        connection.execute(
            "insert into measures values (?, ?, ?, ?, '', ?, '', ?)",
            (f"{document}.{position}", document, position, str(position), text, text),
        )
    search.create_index(connection)
    yield connection
    connection.close()


def ids(connection: sqlite3.Connection, rowids: list[int]) -> list[str]:
    names = dict(connection.execute("select rowid, id from measures").fetchall())
    return [names[rowid] for rowid in rowids]


def stored_phrases(connection: sqlite3.Connection) -> dict[str, int]:
    return dict(connection.execute(f"select phrase, hits from {search_pages.RANKED_TABLE}").fetchall())


def test_the_build_stores_every_term_in_enough_measures_and_no_other(connection: sqlite3.Connection) -> None:
    assert search_pages.store_frequent_terms(connection, frequent=FREQUENT, depth=3) == 10
    in_all = {'"数"': 8, '"据"': 8, '"数 据"': 8}
    in_long = ["共", "享", "据共", "共享", "数据共", "据共享", "数据共享"]
    assert stored_phrases(connection) == in_all | {'"' + " ".join(term) + '"': 5 for term in in_long}


def test_a_small_release_stores_nothing(connection: sqlite3.Connection) -> None:
    assert search_pages.store_frequent_terms(connection, frequent=9) == 0
    assert stored_phrases(connection) == {}


def test_shorter_texts_rank_first_and_ties_go_in_reading_order(connection: sqlite3.Connection) -> None:
    total, rowids = search_pages.ranked_page(connection, '"数 据"', limit=10)
    assert total == 8
    assert ids(connection, rowids) == ["b.1", "b.2", "b.3", "a.1", "a.2", "a.3", "a.4", "a.5"]


def test_the_stored_ranking_is_the_live_one_page_by_page(connection: sqlite3.Connection) -> None:
    live = [search_pages.ranked_page(connection, '"数 据"', 2, offset) for offset in range(0, 10, 2)]
    search_pages.store_frequent_terms(connection, frequent=FREQUENT, depth=4)
    stored = [search_pages.ranked_page(connection, '"数 据"', 2, offset) for offset in range(0, 10, 2)]
    assert stored == live
    assert [len(rowids) for _total, rowids in stored] == [2, 2, 2, 2, 0]


def test_the_stored_ranking_answers_within_its_depth_and_the_index_beyond(connection: sqlite3.Connection) -> None:
    search_pages.store_frequent_terms(connection, frequent=FREQUENT, depth=4)
    # Reverse the stored list: answers read from it come out reversed, answers from the index do not.
    (blob,) = connection.execute(f"select rowids from {search_pages.RANKED_TABLE} where phrase = '\"数 据\"'").fetchone()
    reversed_blob = b"".join(blob[i : i + 4] for i in range(len(blob) - 4, -1, -4))
    connection.execute(f"update {search_pages.RANKED_TABLE} set rowids = ? where phrase = '\"数 据\"'", (reversed_blob,))
    assert ids(connection, search_pages.ranked_page(connection, '"数 据"', 2, 0)[1]) == ["a.1", "b.3"]
    assert ids(connection, search_pages.ranked_page(connection, '"数 据"', 2, 3)[1]) == ["a.1", "a.2"]


def test_a_release_without_stored_rankings_is_answered_by_the_index(connection: sqlite3.Connection) -> None:
    connection.execute(f"drop table if exists {search_pages.RANKED_TABLE}")
    total, rowids = search_pages.ranked_page(connection, '"共 享"', 2)
    assert (total, ids(connection, rowids)) == (5, ["a.1", "a.2"])


def test_a_range_of_rowids_confines_the_search(connection: sqlite3.Connection) -> None:
    first, last = connection.execute("select min(rowid), max(rowid) from measures where document_id = 'a'").fetchone()
    total, rowids = search_pages.ranked_page(connection, '"数 据"', 10, 0, search_pages.Within(first, last))
    assert (total, ids(connection, rowids)) == (5, ["a.1", "a.2", "a.3", "a.4", "a.5"])


def test_a_condition_on_measures_confines_the_search(connection: sqlite3.Connection) -> None:
    search_pages.store_frequent_terms(connection, frequent=FREQUENT)
    within = search_pages.Within(where="m.position = ?", params=(2,))
    total, rowids = search_pages.ranked_page(connection, '"数 据"', 10, 0, within)
    assert (total, ids(connection, rowids)) == (2, ["b.2", "a.2"])


def test_a_page_past_the_end_is_empty(connection: sqlite3.Connection) -> None:
    assert search_pages.ranked_page(connection, '"甲"', 10, 5) == (1, [])


def test_few_matches_are_ranked_in_one_pass_as_many_are_in_two(
    connection: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = [(term, offset) for term in ('"数 据"', '"共 享"', '"甲"') for offset in range(0, 9, 2)]
    one_pass = [search_pages.ranked_page(connection, term, 2, offset) for term, offset in pages]
    monkeypatch.setattr(search_pages, "FEW", 0)  # every page from a count and a ranking
    two_passes = [search_pages.ranked_page(connection, term, 2, offset) for term, offset in pages]
    assert one_pass == two_passes
    assert one_pass[0] == (8, [6, 7])  # b.1 and b.2, the shortest texts, are rowids 6 and 7


# --- reading order: the ties of every ranking ------------------------------------------------------


def _measures_table(rows: list[tuple[str, str, int, str, str, str, str]]) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("create table measures (id, document_id, position, title, text, title_hant, text_hant)")
    connection.executemany("insert into measures values (?, ?, ?, ?, ?, ?, ?)", rows)
    return connection


SAME = ("推进数据共享", "推进政务数据共享。", "推進數據共享", "推進政務數據共享。")


def test_ties_in_rank_are_in_reading_order() -> None:
    # The same title and text score the same; c.1 is shorter and scores higher.
    connection = _measures_table(
        [
            ("a.3", "a", 3, *SAME),
            ("a.9", "a", 9, *SAME),
            ("b.1", "b", 1, *SAME),
            ("b.2", "b", 2, *SAME),
            ("c.1", "c", 1, "数据", "数据", "數據", "數據"),
        ]
    )
    search.create_index(connection)
    ranked = [row[0] for row in connection.execute(search.search_sql("measures.id"), {"match": '"数 据"'})]
    assert ranked == ["c.1", "a.3", "a.9", "b.1", "b.2"]


def test_the_index_refuses_measures_out_of_reading_order() -> None:
    connection = _measures_table([("b.2", "b", 2, *SAME), ("a.9", "a", 9, *SAME)])
    with pytest.raises(search.OutOfReadingOrder, match=r"'a\.9' .* after 'b\.2'"):
        search.create_index(connection)
    assert connection.execute("select count(*) from sqlite_master where name = ?", (search.TABLE,)).fetchone() == (0,)
