"""Datasette's pages for journalists: highlighted matches, links that lead somewhere, CORS, CSV for Excel, row URLs."""

import asyncio
import csv
import html
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from datasette.utils import tilde_encode

from dbay.datasette.plugin import marked_snippet
from dbay.datasette.wrappers import tilde_encoded_row_path
from dbay.releases import ReleaseFolder
from dbay.service.asgi import create_datasette
from tests.conftest import query
from tests.service.conftest import NEW, PLAN

NEW_URL = NEW.replace(".", "-")
SEARCHED = urllib.parse.quote("数据")


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


@pytest.mark.parametrize(
    "path", ["/data/dbay/measures.csv", "/data/dbay/measures.csv?_stream=on", f"/data/dbay/search.csv?q={SEARCHED}"]
)
def test_datasette_csv_starts_with_a_byte_order_mark_for_excel(server: str, data_dir: Path, path: str) -> None:
    with urllib.request.urlopen(f"{server}{path}") as response:
        body = response.read()
        length = response.headers["Content-Length"]
    assert body.startswith(b"\xef\xbb\xbf")
    assert length is None or int(length) == len(body)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    texts = {row["id"]: row["title"] for row in query(data_dir / f"dbay-{NEW}.db", "select id, title from measures")}
    assert rows and all(texts[row["id"]] == row["title"] for row in rows)
    assert any("数据" in row["title"] for row in rows)


def test_a_json_answer_has_no_byte_order_mark(server: str) -> None:
    with urllib.request.urlopen(f"{server}/data/dbay/measures.json?_shape=array&_size=1") as response:
        assert response.read().startswith(b"[")


ROW = f"{PLAN}.1.1"


@pytest.mark.parametrize(
    ("written", "redirected"),
    [
        (f"/data/dbay/measures/{ROW}", f"/data/dbay/measures/{tilde_encode(ROW)}"),
        (f"/data/dbay/measures/{ROW}.json?_shape=objects", f"/data/dbay/measures/{tilde_encode(ROW)}.json?_shape=objects"),
        (f"/data/dbay-{NEW_URL}/measures/{ROW}.csv", f"/data/dbay-{NEW_URL}/measures/{tilde_encode(ROW)}.csv"),
    ],
)
def test_a_row_url_with_the_dots_of_its_id_redirects_to_the_row(server: str, written: str, redirected: str) -> None:
    with urllib.request.urlopen(f"{server}{written}") as response:
        assert response.status == 200
        assert response.url == f"{server}{redirected}"
        assert ROW in response.read().decode("utf-8")


def test_a_row_path_is_tilde_encoded_in_any_database_name() -> None:
    databases, formats = {"dbay", "dbay-2026.1"}, {"json", "csv"}
    # plain `datasette serve dbay-2026.1.db` names the database with its dot, ~2E in its URLs
    assert tilde_encoded_row_path("/dbay-2026~2E1/measures/a.1.json", databases, formats) == "/dbay-2026~2E1/measures/a~2E1.json"
    assert tilde_encoded_row_path("/dbay/measures/a.1.txt", databases, formats) == "/dbay/measures/a~2E1~2Etxt"
    for untouched in (
        "/dbay/measures/a~2E1.json",
        "/dbay/measures/a.json",
        "/-/static/app.css",
        "/other/measures/a.1",
        "/dbay/measures.json",
    ):
        assert tilde_encoded_row_path(untouched, databases, formats) is None


def test_table_and_static_urls_with_dots_are_not_redirected(server: str) -> None:
    with urllib.request.urlopen(f"{server}/data/dbay/measures.json?_shape=array&_size=1") as response:
        assert response.url == f"{server}/data/dbay/measures.json?_shape=array&_size=1"
        assert json.loads(response.read())[0]["id"]
    assert status_of(f"{server}/data/-/static/app.css") == 200
    assert status_of(f"{server}/data/dbay/measures/no.such.measure") == 404


def test_the_redirect_of_a_row_url_is_open_to_every_origin(server: str) -> None:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(f"{server}/data/dbay/measures/{ROW}.json")
    assert answer.value.code == 301
    assert answer.value.headers["Location"] == f"/data/dbay/measures/{tilde_encode(ROW)}.json"
    assert answer.value.headers["Access-Control-Allow-Origin"] == "*"


def test_every_link_of_datasette_alone_leads_somewhere(data_dir: Path) -> None:
    datasette = create_datasette(ReleaseFolder(data_dir), base_url="/")  # as `dbay datasette` serves it

    async def broken_links() -> dict[str, int]:
        broken: dict[str, int] = {}
        for path in ("/", "/dbay", "/dbay/measures", f"/dbay/measures/{tilde_encode(ROW)}"):
            page = await datasette.client.get(path)
            assert page.status_code == 200, path
            hrefs = {html.unescape(href) for href in re.findall(r'href="([^"#]+)"', page.text)}
            for url in {urllib.parse.urljoin(f"http://localhost{path}", href) for href in hrefs}:
                inner = url.removeprefix("http://localhost")
                if inner.startswith("/") and (status := (await datasette.client.get(inner)).status_code) >= 400:
                    broken[inner] = status
        return broken

    assert not asyncio.run(broken_links())
