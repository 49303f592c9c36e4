"""Maps in Datasette: the svg format of tables and queries with latitude and longitude, and the map on their pages."""

import re
import urllib.error
import urllib.request

from playwright.sync_api import Page

from tests.service.test_accessibility import BLOCKING, described, findings


def fetched(server: str, path: str) -> tuple[str, str]:
    with urllib.request.urlopen(f"{server}{path}") as response:
        return response.headers["Content-Type"], response.read().decode("utf-8")


def test_the_places_on_map_query_draws_each_place_sized_by_its_measures(server: str) -> None:
    """The plan names 横琴 (横琴粤澳深度合作区) in four measures, as read off its text for
    test_datasette.py's place_measures test; no other document names it."""
    kind, svg = fetched(server, "/data/dbay/places_on_map.svg")
    assert kind.startswith("image/svg+xml")
    assert svg.startswith("<svg") and "<style>" in svg
    dots = dict(re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', svg))
    assert dots["/data/dbay/places/heng-qin"] == "横琴粤澳深度合作区 (4)"
    assert ">横琴</text>" in svg  # labelled by its shortest alias
    # Only places with a point are drawn: regions such as 粤东 have none.
    assert all("yue-dong" not in url for url in dots)


def test_rows_of_one_place_make_one_dot_sized_by_their_number(server: str) -> None:
    """place_measures answers a row a measure and place: 珠海 finds 横琴 in four measures and 珠海 itself in one."""
    _, svg = fetched(server, "/data/dbay/place_measures.svg?name=%E7%8F%A0%E6%B5%B7")
    dots = dict(re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', svg))
    assert dots == {"/data/dbay/places/heng-qin": "横琴粤澳深度合作区 (4)", "/data/dbay/places/zhu-hai": "珠海 (1)"}


def test_the_svg_format_is_offered_only_where_rows_have_a_position(server: str) -> None:
    _, places = fetched(server, "/data/dbay/places")
    _, measures = fetched(server, "/data/dbay/measures")
    assert re.search(r'<a href="[^"]*places\.svg[^"]*">svg</a>', places)
    assert ">svg</a>" not in measures
    try:
        urllib.request.urlopen(f"{server}/data/dbay/measures.svg")
        raise AssertionError("measures.svg answered")
    except urllib.error.HTTPError as error:
        assert error.code in (400, 404)


def test_the_page_shows_its_map_above_the_rows_without_anything_from_elsewhere(server: str, page: Page) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}/data/dbay/places_on_map")
    page.wait_for_selector("figure.dbay-map-figure svg .dbay-map-point")
    assert page.locator("figure.dbay-map-figure + .table-wrapper").count() == 1
    assert page.locator("figure.dbay-map-figure a").count() == page.locator(".table-wrapper tbody tr").count()
    assert all(url.startswith(server) for url in requested), [url for url in requested if not url.startswith(server)]
    violations = findings(page)
    assert not [v for v in violations if v["impact"] in BLOCKING], described(violations)
