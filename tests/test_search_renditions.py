"""The renditions' wording in the search index (dbay.search): which clauses are indexed, and a measure
found by a word only a repost of it uses. A self-made release of two measures, written here."""

import sqlite3

import pytest

from dbay import search

OWN_TEXT = "推进数字化转型。建设网络基础设施，提升信息服务能力。"
# A Traditional repost in Taiwan usage: the first clause reworded, the second the same bar layout.
REPOST = "（一）推進數位化轉型。\n  建設網路基礎設施, 提升資訊服務能力。"
NEWS = "建设网络基础设施"  # an abridged news sentence: all of it in the measure's own text


def test_only_clauses_in_other_wording_are_kept() -> None:
    own = ["（一）" + OWN_TEXT]
    assert search.rendition_wording(own, [REPOST, NEWS]) == ["（一）推进数位化转型", "建设网路基础设施", "提升资讯服务能力"]
    assert search.rendition_wording(own, [NEWS, "（一）推進數字化轉型。"]) == []  # another script or layout only


@pytest.fixture
def connection() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("create table measures (id, document_id, position, label, title, text, title_hant, text_hant)")
    connection.execute("create table measure_sources (measure_id, rendition_id, start, raw_text)")
    rows = [
        ("d.1", "d", 1, "（一）", "数字化", OWN_TEXT, "數字化", OWN_TEXT),
        ("d.2", "d", 2, "（二）", "养老", "发展养老服务。", "養老", "發展養老服務。"),
    ]
    connection.executemany("insert into measures values (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    sources = [("d.1", "d.tw", 0, REPOST), ("d.1", "d.news", 0, NEWS), ("d.2", "d.tw", 90, "（二）發展養老服務。")]
    connection.executemany("insert into measure_sources values (?, ?, ?, ?)", sources)
    search.create_index(connection)
    return connection


def _found(connection: sqlite3.Connection, query: str) -> list[str]:
    expression = search.match_expression(query)
    return [row[0] for row in connection.execute(search.search_sql("measures.id"), {"match": expression})]


def test_a_word_only_a_repost_uses_finds_the_measure(connection: sqlite3.Connection) -> None:
    assert _found(connection, "數位化") == ["d.1"]
    assert _found(connection, "资讯服务") == ["d.1"]
    assert _found(connection, "养老") == ["d.2"]
    # Clauses are separate lines: no phrase runs from one into the next.
    assert _found(connection, "转型建设") == []
    stored = connection.execute(f"select renditions from {search.TABLE} order by rowid").fetchall()
    assert stored == [(search.tokens("（一）推进数位化转型\n建设网路基础设施\n提升资讯服务能力"),), ("",)]


def test_the_renditions_wording_weighs_less_than_the_text(connection: sqlite3.Connection) -> None:
    connection.execute(
        "insert into measures values ('d.3', 'd', 3, '（三）', '服务', '提升资讯服务能力。', '服務', '提升資訊服務能力。')"
    )
    search.create_index(connection)
    assert _found(connection, "资讯") == ["d.3", "d.1"]  # d.3's own text says 资讯; d.1's repost does
