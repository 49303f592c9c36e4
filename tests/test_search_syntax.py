"""The query syntax (dbay.search_syntax): what each form parses to, each malformed query's message,
the FTS5 expressions built from them, and the OpenAPI pattern agreeing with the parser."""

import random
import re
import sqlite3

import pytest

from dbay import search, search_syntax
from dbay.search_syntax import QUERY_PATTERN, Query, QuerySyntaxError, matches, parse


@pytest.mark.parametrize(
    ("query", "clauses", "excluded"),
    [
        ("养老 服务", (("养老",), ("服务",)), ()),
        ("養老 「服務」", (("养老",), ("服务",)), ()),  # folded; punctuation at a word's ends trimmed
        ("人工智能 OR 大数据", (("人工智能", "大数据"),), ()),
        ("a OR b OR c d", (("a", "b", "c"), ("d",)), ()),
        ("数据 -互联网", (("数据",),), ("互联网",)),
        ('数据 -"数据 要素"', (("数据",),), ("数据 要素",)),
        ('"数字 湾区"', (("数字 湾区",),), ()),
        ('" 5G+ "', (("5g+",),), ()),  # a phrase keeps its punctuation; spaces at its ends go
        ('"OR"', (("or",),), ()),  # quoted, OR is a word
        ("养老 or 数据", (("养老",), ("or",), ("数据",)), ()),  # lower case: a word
        ("-OR 养老", (("养老",),), ("or",)),
        ("养老\u3000数据", (("养老",), ("数据",)), ()),  # the ideographic space separates too
        ("养老 养老 OR 养老", (("养老",),), ()),  # repeated clauses count once
        ("a-b 5G-A", (("a-b",), ("5g-a",)), ()),  # a hyphen inside a word is a character
        ("。 OR 养老 -，", (("养老",),), ()),  # nothing searchable in 。 or ，: dropped
        ("", (), ()),
        ('"" 。', (), ()),
    ],
)
def test_each_form_parses(query: str, clauses: tuple[tuple[str, ...], ...], excluded: tuple[str, ...]) -> None:
    assert parse(query) == Query(clauses, excluded)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"养老', "unbalanced quote"),
        ('养老 "数据 服务', "unbalanced quote"),
        ('养老 -"数据', "unbalanced quote"),
        ("-", 'a bare "-"'),
        ("养老 - 数据", 'a bare "-"'),
        ("OR 养老", "OR at the start"),
        ("养老 OR", "OR at the end"),
        ("OR", "OR at the start"),
        ("养老 OR OR 数据", "OR twice in a row"),
        ("养老 OR -数据", "OR beside an exclusion"),
        ("-养老 OR 数据", "OR beside an exclusion"),
        ("-养老", "only exclusions: add a term to search for"),
        ('-养老 -"数据 要素"', "only exclusions: add a term to search for"),
        ('养老"数据"', "put a space between 养老 and the quote"),
        ('"养老"数据', 'put a space after the closing quote of "养老"'),
        ('"养老""数据"', 'put a space after the closing quote of "养老"'),
    ],
)
def test_each_malformed_query_says_what_to_change(query: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=re.escape(message)):
        parse(query)


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("养老", '"养 老"'),  # plain queries keep their expressions (and stored rankings)
        ("养老 数据", '"养 老" AND "数 据"'),
        ("养老 OR 数据", '("养 老" OR "数 据")'),
        ("养老 OR 数据 5G", '("养 老" OR "数 据") AND "5 g"'),
        ("数据 -互联网", '"数 据" NOT "互 联 网"'),
        ("数据 5G -互联网 -试点", '("数 据" AND "5 g") NOT ("互 联 网" OR "试 点")'),
        ('"数字 湾区"', '"数 字 u20 湾 区"'),
        ('"a""b" OR c', None),  # refused before any SQL (a glued quote)
    ],
)
def test_expressions_built(query: str, expression: str | None) -> None:
    if expression is None:
        with pytest.raises(QuerySyntaxError):
            search.match_expression(query)
    else:
        assert search.match_expression(query) == expression


def test_the_pattern_and_the_parser_agree() -> None:
    pattern = re.compile(QUERY_PATTERN)
    alphabet = ['"', "-", " ", "\u3000", "OR", "or", "O", "R", "养", "a", "。", "\t", "--"]
    chooser = random.Random(12)
    for _ in range(5000):
        query = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 9)))
        try:
            parse(query)
            accepted = True
        except QuerySyntaxError:
            accepted = False
        assert (pattern.fullmatch(query) is not None) == accepted, repr(query)


def test_matches_is_the_query_over_one_text() -> None:
    query = parse('人工智能 OR 大数据 -"试点" 广东')
    assert matches(query, "广东推进人工智能")
    assert matches(query, "广东大数据")
    assert not matches(query, "广东")  # no alternative of the first clause
    assert not matches(query, "人工智能")  # 广东 missing
    assert not matches(query, "广东人工智能试点")  # excluded
    assert not matches(parse("。"), "。")  # nothing to search for matches nothing


@pytest.fixture(scope="module")
def connection(seed_index: sqlite3.Connection) -> sqlite3.Connection:
    return seed_index


def _found(connection: sqlite3.Connection, query: str) -> set[str]:
    # The measures' own title and text only (an FTS5 column filter), to compare with a scan of them.
    expression = f"{{title text}} : ({search.match_expression(query)})"
    return {row[0] for row in connection.execute(search.search_sql("measures.id"), {"match": expression})}


def _scan(connection: sqlite3.Connection, word: str) -> set[str]:
    rows = connection.execute("select id, title, text, title_hant, text_hant from measures")
    return {row[0] for row in rows if any(word in search.fold(column) for column in row[1:])}


def test_or_exclusion_and_phrase_find_what_a_scan_finds(connection: sqlite3.Connection) -> None:
    pension, data, internet = _scan(connection, "养老"), _scan(connection, "数据"), _scan(connection, "互联网")
    assert pension and data and internet and data - internet and data & internet
    assert _found(connection, "养老 OR 数据") == pension | data
    assert _found(connection, "数据 -互联网") == data - internet
    assert _found(connection, '数据 -"互联网"') == data - internet
    assert _found(connection, "数据 OR 养老 -互联网") == (data | pension) - internet
    # 大数据、云计算 is in the seed texts: the phrase with its punctuation is found, without it not.
    assert _found(connection, '"据、云"') == _scan(connection, "据、云") != set()
    assert _found(connection, '"据 云"') == set()


def test_the_snippet_marks_what_is_searched_for_not_what_is_excluded() -> None:
    assert search.snippet("发展养老服务", "养老 -数据") == "发展<mark>养老</mark>服务"
    assert search.snippet("养老和数据", "养老 OR 数据") == "<mark>养老</mark>和<mark>数据</mark>"
    assert search.snippet("养老和数据", '"老和数" -养老') == "养<mark>老和数</mark>据"


def test_sql_functions_take_the_syntax_and_match_nothing_for_a_malformed_query(connection: sqlite3.Connection) -> None:
    search.register_functions(connection)
    sql = f"select measure_id from {search.TABLE} where {search.TABLE} match dbay_match(?)"
    found = {query: {row[0] for row in connection.execute(sql, (query,))} for query in ("养老 OR 数据", "养老", "数据")}
    assert found["养老 OR 数据"] == found["养老"] | found["数据"] != set()
    for malformed in ('"养老', "-养老", "养老 OR"):
        assert connection.execute(sql, (malformed,)).fetchall() == []
        assert connection.execute("select dbay_snippet('发展养老', ?)", (malformed,)).fetchone()[0] is None
    assert connection.execute("select dbay_snippet('发展养老服务', '养老 -服务')").fetchone()[0] == "发展<mark>养老</mark>服务"


def test_the_pattern_s_spaces_are_the_parser_s() -> None:
    spaces = re.compile(f"[{search_syntax.SPACE_CLASS}]")
    assert [chr(code) for code in range(0x3001) if spaces.fullmatch(chr(code))] == sorted(search_syntax.SPACES)
