"""Substring search (dbay.search) on the index built from the project's own measures."""

import random
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dbay import search
from dbay.build.scripts import to_hans, to_hant

# (Simplified, Traditional): the same words in the two scripts, one to six characters long.
PAIRS = [
    ("养", "養"),
    ("数", "數"),
    ("网", "網"),
    ("养老", "養老"),
    ("数据", "數據"),
    ("湾区", "灣區"),
    ("服务", "服務"),
    ("互联网", "互聯網"),
    ("大湾区", "大灣區"),
    ("区块链", "區塊鏈"),
    ("人工智能", "人工智能"),
    ("数字经济", "數字經濟"),
    ("数据要素", "數據要素"),
    ("粤港澳大湾区", "粵港澳大灣區"),
]
# Taiwan vocabulary is another word, not another script: the mainland texts do not use it.
TAIWAN_WORDS = ["數位", "人工智慧", "網路"]
LATIN = ["5G", "5g", "CIM", "cim", "IPv6", "ipv6", "DNA"]
# Present in some titles and in further texts: title matches must rank first.
IN_SOME_TITLES = ["数据", "湾区", "服务", "大湾区", "数字经济", "数据要素", "网络", "5G"]
HOSTILE = [
    "",
    "   ",
    '"',
    '""',
    "*",
    "。，",
    "()",
    "—",
    "\u3000",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "NEAR(养 老)",
    '养老"OR"',
    "养老 OR 数据",
    "养*",
    "^养",
    "-养",
    "+养",
    "title:养",
    "{title text}:养",
    "养 AND",
    "a'b",
    "\x00养",
    "养\ud800老",
    "(((",
    "养\\老",
    ":",
    "养" * 500,
    " ".join(["养老"] * 300),
]


@pytest.fixture(scope="module")
def indexed(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seed release with the search index (seed_db itself is read-only)."""
    copy = tmp_path_factory.mktemp("search") / seed_db.name
    shutil.copy(seed_db, copy)
    with sqlite3.connect(copy) as connection:
        search.create_index(connection)
    connection.close()
    return copy


@pytest.fixture(scope="module")
def connection(indexed: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(indexed)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def measures(connection: sqlite3.Connection) -> list[tuple[str, str, str, str, str]]:
    return connection.execute("select id, title, text, title_hant, text_hant from measures").fetchall()


def found(connection: sqlite3.Connection, query: str, columns: str = "{title text}") -> list[str]:
    """Measure ids for a query, best first: by default matched in the measures' own title and text
    (an FTS5 column filter), leaving aside the renditions' wording, which its own tests check."""
    expression = search.match_expression(query)
    assert expression is not None, query
    if columns:
        expression = f"{columns} : ({expression})"
    return [row[0] for row in connection.execute(search.search_sql("measures.id"), {"match": expression})]


def hans_scan(measures: list[tuple[str, str, str, str, str]], query: str) -> set[str]:
    return {row[0] for row in measures if query in row[1] or query in row[2]}


def hant_scan(measures: list[tuple[str, str, str, str, str]], query: str) -> set[str]:
    return {row[0] for row in measures if query in row[3] or query in row[4]}


def folded_scan(measures: list[tuple[str, str, str, str, str]], term: str) -> set[str]:
    """The documented semantics: a (folded) term in the folded title or text of either script."""
    return {row[0] for row in measures if any(term in search.fold(column) for column in row[1:])}


# --- the index -----------------------------------------------------------------------------


def test_tokens_give_every_character_its_own_token() -> None:
    assert search.tokens("5G+養老，IPv6 x") == "5 g u2b 养 老 ， i p v 6 u20 x"
    assert search.tokens("") == ""


def test_fold_keeps_length_converts_script_and_lowercases(measures: list[tuple[str, str, str, str, str]]) -> None:
    assert search.fold("養老 IPv6") == "养老 ipv6"
    for row in measures:
        for column in row[1:]:
            assert len(search.fold(column)) == len(column)


def test_index_has_a_row_a_measure_under_its_rowid(connection: sqlite3.Connection) -> None:
    pairs = connection.execute(
        f"select measures.id, {search.TABLE}.measure_id from measures left join {search.TABLE} on {search.JOIN_SQL}"
    ).fetchall()
    assert pairs
    assert all(measure_id == indexed_id for measure_id, indexed_id in pairs)
    assert connection.execute(f"select count(*) from {search.TABLE}").fetchone()[0] == len(pairs)


def test_vocabulary_is_single_characters_and_code_points(connection: sqlite3.Connection) -> None:
    connection.execute(f"create virtual table temp.vocabulary using fts5vocab(main, {search.TABLE}, 'row')")
    terms = [term for (term,) in connection.execute("select term from temp.vocabulary")]
    assert "养" in terms and "，" in terms and "g" in terms
    assert [term for term in terms if len(term) > 1 and not re.fullmatch("u[0-9a-f]+", term)] == []


def test_create_index_again_replaces_it(indexed: Path, tmp_path: Path) -> None:
    copy = tmp_path / "again.db"
    shutil.copy(indexed, copy)
    with sqlite3.connect(copy) as connection:
        before = connection.execute(f"select count(*) from {search.TABLE}").fetchone()[0]
        search.create_index(connection)
        assert connection.execute(f"select count(*) from {search.TABLE}").fetchone()[0] == before
    connection.close()


def test_failed_rebuild_leaves_the_old_index(indexed: Path, tmp_path: Path) -> None:
    copy = tmp_path / "failed.db"
    shutil.copy(indexed, copy)
    connection = sqlite3.connect(copy)
    before = connection.execute(f"select count(*) from {search.TABLE}").fetchone()[0]
    connection.execute("alter table measures drop column text_hant")
    connection.commit()
    with pytest.raises(sqlite3.OperationalError):
        search.create_index(connection)
    assert connection.execute(f"select count(*) from {search.TABLE}").fetchone()[0] == before
    connection.close()


# --- what a query finds ----------------------------------------------------------------------


@pytest.mark.parametrize(("hans", "hant"), PAIRS)
def test_both_scripts_find_exactly_the_measures_containing_the_word(
    connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]], hans: str, hant: str
) -> None:
    assert to_hant(hans) == hant and to_hans(hant) == hans  # the pair is one word in two scripts
    expected = hans_scan(measures, hans)
    assert expected, f"{hans} should occur in the seed data"
    assert set(found(connection, hans)) == expected
    assert set(found(connection, hant)) == hant_scan(measures, hant) == expected


@pytest.mark.parametrize("word", TAIWAN_WORDS)
def test_taiwan_vocabulary_is_not_a_script_variant(
    connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]], word: str
) -> None:
    assert found(connection, word) == []
    assert hant_scan(measures, word) == set()


@pytest.mark.parametrize("query", LATIN)
def test_latin_terms_match_as_substrings_ignoring_case(
    connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]], query: str
) -> None:
    expected = {row[0] for row in measures if query.lower() in row[1].lower() or query.lower() in row[2].lower()}
    assert expected
    assert set(found(connection, query)) == expected


def test_a_phrase_does_not_run_across_punctuation(
    connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]]
) -> None:
    # 大数据、云计算 is in the seed texts: 据云 is not a substring, 据、云 is.
    assert hans_scan(measures, "据、云")
    assert found(connection, "据云") == []
    assert set(found(connection, "据、云")) == hans_scan(measures, "据、云")


def test_punctuation_at_the_ends_of_a_term_is_ignored(
    connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]]
) -> None:
    assert set(found(connection, '"养老"')) == set(found(connection, "「養老」")) == hans_scan(measures, "养老")
    assert set(found(connection, "5G+")) == set(found(connection, "5g"))


def test_several_terms_must_all_occur(connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]]) -> None:
    expected = hans_scan(measures, "数据") & hans_scan(measures, "互联网")
    assert expected and expected != hans_scan(measures, "数据")
    assert set(found(connection, "数据 互聯網")) == expected
    assert set(found(connection, "数据\u3000互联网 数据")) == expected


def test_characters_fold_one_by_one(connection: sqlite3.Connection) -> None:
    # The Simplified text prints the brand name 昇腾; t2s folds 昇 to 升, on both sides.
    assert found(connection, "昇腾") == found(connection, "升腾") != []
    # The Traditional column has 著 where the Simplified has 着: each script's word finds it.
    assert set(found(connection, "着")) < set(found(connection, "著"))


def test_random_substrings_match_the_folded_scan(
    connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]]
) -> None:
    chooser = random.Random(20240601)
    for _ in range(400):
        column = chooser.choice(chooser.choice(measures)[1:])
        start = chooser.randrange(len(column))
        query = column[start : start + chooser.randint(1, 6)]
        terms = search.query_terms(query)
        if len(terms) != 1:
            continue  # only punctuation, or cut by whitespace
        ids = set(found(connection, query))
        assert ids == folded_scan(measures, terms[0]), query
        assert ids  # the query was taken from a measure


# --- ranking ---------------------------------------------------------------------------------


@pytest.mark.parametrize("query", IN_SOME_TITLES)
def test_title_matches_rank_first(
    connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]], query: str
) -> None:
    in_title = {row[0] for row in measures if query.lower() in row[1].lower()}
    ranked = found(connection, query)
    assert in_title and len(ranked) > len(in_title)
    assert set(ranked[: len(in_title)]) == in_title


def test_stored_rank_scores_as_rank_sql(connection: sqlite3.Connection) -> None:
    expression = search.match_expression("数据 湾区")
    stored = connection.execute(
        f"select measure_id, rank from {search.TABLE} where {search.TABLE} match :match", {"match": expression}
    ).fetchall()
    computed = connection.execute(
        f"select measure_id, {search.RANK_SQL} from {search.TABLE} where {search.TABLE} match :match", {"match": expression}
    ).fetchall()
    assert len(stored) > 5 and sorted(stored) == sorted(computed)


def test_search_sql_takes_further_conditions(
    connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]]
) -> None:
    sql = search.search_sql("measures.id", where="measures.document_id = :document")
    rows = connection.execute(sql, {"match": '"数 据"', "document": "digital-bay-area-action-plan"}).fetchall()
    expected = {id_ for id_ in hans_scan(measures, "数据") if id_.startswith("digital-bay-area-action-plan.")}
    assert expected and {row[0] for row in rows} == expected


# --- hostile input ---------------------------------------------------------------------------


def _expression_or_refusal(query: str) -> str | None:
    """The MATCH expression, or None for nothing to search for or a query the syntax refuses
    (dbay.search_syntax; tests/test_search_syntax.py checks which and why)."""
    try:
        return search.match_expression(query)
    except search.QuerySyntaxError:
        return None


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_never_breaks_the_query(connection: sqlite3.Connection, query: str) -> None:
    expression = _expression_or_refusal(query)
    if expression is not None:
        connection.execute(search.search_sql(), {"match": expression}).fetchall()
        search.snippet("养老服务", query)


@pytest.mark.parametrize("query", ["", "   ", '""', "*", "。，", "()", "—", "\u3000", "((( )))", '"。" -"，"'])
def test_nothing_to_search_gives_none(query: str) -> None:
    assert search.match_expression(query) is None


def test_other_operators_are_ordinary_characters(
    connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]]
) -> None:
    # Only upper-case OR between two terms, a leading "-" and double quotes are syntax (test_search_syntax.py).
    assert search.match_expression("养老 AND 数据 NOT or") == '"养 老" AND "a n d" AND "数 据" AND "n o t" AND "o r"'
    assert search.match_expression("养* title:数据 NEAR(a") == '"养" AND "t i t l e u3a 数 据" AND "n e a r u28 a"'
    assert set(found(connection, "养老 or")) == hans_scan(measures, "养老") & folded_scan(measures, "or")


def test_random_input_never_breaks_the_query(connection: sqlite3.Connection) -> None:
    alphabet = "养老数据\"'*()^:-+{}[]NEARORANDNOT \\\x00\u3000，。“”"
    chooser = random.Random(7)
    for _ in range(500):
        query = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 20)))
        expression = _expression_or_refusal(query)
        if expression is not None:
            connection.execute(search.search_sql(), {"match": expression}).fetchall()


# --- snippets --------------------------------------------------------------------------------


def test_snippet_marks_the_match_and_escapes_html() -> None:
    assert search.snippet("<b>养老</b> & 服务", "养老") == "&lt;b&gt;<mark>养老</mark>&lt;/b&gt; &amp; 服务"


def test_snippet_matches_either_script_and_keeps_the_text_s_own() -> None:
    assert search.snippet("發展養老服務", "养老") == "發展<mark>養老</mark>服務"
    assert search.snippet("发展养老服务", "養老") == "发展<mark>养老</mark>服务"
    assert search.snippet("建设IPv6网络", "ipv6") == "建设<mark>IPv6</mark>网络"


def test_snippet_cuts_around_the_first_match() -> None:
    text = "甲" * 100 + "养老" + "乙" * 100
    assert search.snippet(text, "养老", width=20) == "…" + "甲" * 9 + "<mark>养老</mark>" + "乙" * 9 + "…"
    assert search.snippet("养老" + "乙" * 100, "养老", width=10) == "<mark>养老</mark>" + "乙" * 8 + "…"
    assert search.snippet("甲" * 100 + "养老", "养老", width=10) == "…" + "甲" * 8 + "<mark>养老</mark>"


def test_snippet_marks_every_term_and_never_cuts_a_match() -> None:
    assert search.snippet("养老服务养老", "养老 服务") == "<mark>养老</mark><mark>服务</mark><mark>养老</mark>"
    assert search.snippet("xx养老yy养老zz", "养老", width=7) == "xx<mark>养老</mark>yy<mark>养老</mark>…"


def test_snippet_with_plain_marks_does_not_escape() -> None:
    assert search.snippet("a<b>5G", "5g", mark=("[", "]"), escape=False) == "a<b>[5G]"


def test_snippet_without_a_match_is_none() -> None:
    assert search.snippet("发展养老服务", "数据") is None
    assert search.snippet("发展养老服务", "。") is None


def test_every_hit_has_a_snippet(connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]]) -> None:
    texts = {row[0]: (row[2], row[4]) for row in measures}
    for query in ["养老", "數據 互联网", "5G", "ipv6", "著"]:
        hits = found(connection, query)
        assert hits
        for measure_id in hits:
            snippets = [search.snippet(text, query) for text in texts[measure_id]]
            assert any(piece is not None and "<mark>" in piece for piece in snippets), (query, measure_id)


# --- from SQL --------------------------------------------------------------------------------


def test_sql_functions(indexed: Path) -> None:
    connection = sqlite3.connect(indexed)
    search.register_functions(connection)
    sql = f"select count(*) from {search.TABLE} where {search.TABLE} match dbay_match(?)"
    assert connection.execute(sql, ("養老",)).fetchone()[0] == connection.execute(sql, ("养老",)).fetchone()[0] > 0
    assert connection.execute(sql, ("。",)).fetchone()[0] == 0
    assert connection.execute(sql, (None,)).fetchone()[0] == 0
    assert connection.execute("select dbay_snippet('发展養老', '养老')").fetchone()[0] == "发展<mark>養老</mark>"
    connection.close()


def test_plain_sqlite_query_from_the_documentation(
    connection: sqlite3.Connection, measures: list[tuple[str, str, str, str, str]]
) -> None:
    rows = connection.execute("select measure_id from measures_fts where measures_fts match '\"养 老\"' order by rank").fetchall()
    assert [row[0] for row in rows] == found(connection, "养老")
    titles = connection.execute("select measure_id from measures_fts where measures_fts match 'title : \"数 据\"'")
    assert {row[0] for row in titles} == {row[0] for row in measures if "数据" in row[1]} != set()
