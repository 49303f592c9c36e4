"""The home page: what the dataset is, its release and licence, a search box, the documents, the agencies, the ways in."""

import re
from pathlib import Path

from flask.testing import FlaskClient

from tests.conftest import query
from tests.service.conftest import NEW
from tests.service.test_reading_pages import page, parsed


def test_the_home_page_names_the_latest_release_and_its_licence(client: FlaskClient, data_dir: Path) -> None:
    html = page(client, "/")
    (licence,) = query(data_dir / f"dbay-{NEW}.db", "select license, license_url from releases where version = ?", NEW)
    assert f"Current release: <strong>{NEW}</strong>" in html
    assert f'<a href="{licence["license_url"]}" rel="license">{licence["license"]}</a>' in html
    assert 'id="about"' in html


def test_the_home_page_searches_with_a_labelled_box(client: FlaskClient) -> None:
    html = page(client, "/?lang=zh-Hant")
    form = re.search(r'<form action="/search" method="get" id="search" role="search">(.*?)</form>', html, re.S)
    assert form and '<label for="q">' in form.group(1) and 'id="q" name="q"' in form.group(1)
    assert '<input type="hidden" name="lang" value="zh-Hant">' in form.group(1)  # the results keep the script


def test_the_home_page_links_every_document_in_the_chosen_script(client: FlaskClient, data_dir: Path) -> None:
    documents = query(data_dir / f"dbay-{NEW}.db", "select id, title_hant from documents")
    found = parsed(page(client, "/?lang=zh-Hant"))
    html = page(client, "/?lang=zh-Hant")
    for document in documents:
        assert f"/documents/{document['id']}?lang=zh-Hant" in found.hrefs
        assert document["title_hant"] in html


def test_the_home_page_lists_the_agencies_named_in_most_measures(client: FlaskClient, data_dir: Path) -> None:
    most = query(
        data_dir / f"dbay-{NEW}.db",
        "select agency_id, count(*) as named from measure_agencies group by agency_id order by named desc, agency_id",
    )
    html = page(client, "/")
    listed = re.findall(r'<li><a href="/agencies/([^"]+)">', re.search(r'<ol id="agencies">(.*?)</ol>', html, re.S).group(1))  # type: ignore[union-attr]
    assert len(listed) == 10 and listed[0] == most[0]["agency_id"]
    assert {row["agency_id"] for row in most if row["named"] > most[10]["named"]} <= set(listed)
    assert 'href="/agencies"' in html


def test_the_list_of_agencies_has_every_agency_a_measure_names(client: FlaskClient, data_dir: Path) -> None:
    named = {row[0] for row in query(data_dir / f"dbay-{NEW}.db", "select distinct agency_id from measure_agencies")}
    found = parsed(page(client, "/agencies"))
    assert {href.removeprefix("/agencies/") for href in found.hrefs if href.startswith("/agencies/")} == named


def test_the_home_page_links_datasette_the_api_and_the_downloads(client: FlaskClient) -> None:
    hrefs = set(parsed(page(client, "/")).hrefs)
    assert {"/data/", "/api/docs", "/api/v1/openapi.json", "/downloads/"} <= hrefs


def test_the_home_page_switches_script(client: FlaskClient) -> None:
    html = page(client, "/?lang=zh-Hant")
    assert '<html lang="zh-Hant">' in html and 'href="/?lang=zh-Hans"' in html
    assert page(client, "/?lang=klingon", 400)


def test_the_browser_language_chooses_the_script_of_the_home_page(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Language": "zh-HK"})
    assert '<html lang="zh-Hant">' in response.get_data(as_text=True) and "Accept-Language" in response.vary
