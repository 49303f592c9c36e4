"""Datasette's pages for journalists: highlighted matches, links that lead somewhere, CORS, CSV for Excel, row URLs."""

import html
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from datasette.utils import tilde_encode

from dbay.datasette.plugin import marked_snippet
from dbay.releases import ReleaseFolder
from dbay.service.asgi import create_datasette
from tests.service.conftest import NEW, PLAN

NEW_URL = NEW.replace(".", "-")


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


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as error:
        return error.code


def links_on(server: str, path: str) -> set[str]:
    """The same-origin URLs a page links to (its anchors' and stylesheets' hrefs), absolute."""
    page_url = f"{server}{path}"
    hrefs = {html.unescape(href) for href in re.findall(r'href="([^"#]+)"', get_page(server, path))}
    return {url for url in (urllib.parse.urljoin(page_url, href) for href in hrefs) if url.startswith(f"{server}/")}


@pytest.mark.parametrize(
    "path", ["/data/dbay", "/data/dbay/measures", f"/data/dbay/measures/{tilde_encode(f'{PLAN}.1.1')}", f"/data/dbay-{NEW_URL}"]
)
def test_every_link_on_the_database_table_and_row_pages_leads_somewhere(server: str, path: str) -> None:
    links = links_on(server, path)
    database = "/".join(path.split("/")[:3])
    assert f"{server}{database}/search" in links  # the search query, from its description or the list of queries
    broken = {url: status for url in sorted(links) if (status := status_of(url)) >= 400}
    assert not broken


@pytest.mark.parametrize("path", ["/data/dbay/measures.json", "/data/dbay/search.json?q=养老", "/data/dbay.json?sql=select+1"])
def test_datasette_json_is_open_to_every_origin(server: str, path: str) -> None:
    request = urllib.request.Request(
        f"{server}{urllib.parse.quote(path, safe='/?=+.')}", headers={"Origin": "https://example.org"}
    )
    with urllib.request.urlopen(request) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_datasette_alone_is_open_to_every_origin_too(data_dir: Path) -> None:
    assert create_datasette(ReleaseFolder(data_dir), base_url="/").cors  # what `dbay datasette` serves
