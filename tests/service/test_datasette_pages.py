"""Datasette's pages for journalists: highlighted matches, links that lead somewhere, CORS, CSV for Excel, row URLs."""

import urllib.error
import urllib.parse
import urllib.request

from dbay.datasette.plugin import marked_snippet


def get_page(server: str, path: str, **params: str) -> str:
    query = f"?{urllib.parse.urlencode(params)}" if params else ""
    with urllib.request.urlopen(f"{server}{path}{query}") as response:
        text: str = response.read().decode("utf-8")
        return text


def test_the_search_query_highlights_its_matches_as_html(server: str) -> None:
    page = get_page(server, "/data/dbay/search", q="養老")
    assert "<mark>养老</mark>" in page
    assert "&lt;mark&gt;" not in page


def test_a_snippet_keeps_only_its_mark_tags() -> None:
    assert marked_snippet("a &amp; b <mark>养老</mark>") == "a &amp; b <mark>养老</mark>"
    hostile = marked_snippet('<script>alert("x")</script><mark onclick="x">养</mark><mark>老</mark>')
    assert hostile == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;mark onclick=&quot;x&quot;&gt;养</mark><mark>老</mark>"
    )


def test_a_hostile_snippet_in_any_query_stays_escaped(server: str) -> None:
    sql = "select '<script>alert(1)</script> <mark>养老</mark>' as snippet_html"
    page = get_page(server, "/data/dbay", sql=sql)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>养老</mark>" in page
