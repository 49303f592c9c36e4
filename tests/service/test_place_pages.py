"""The place pages (issue 13): /places by kind with two counts each, /places/<id> with every provision naming
the place or a place within it, and the provision page's places linked to them.

Expected values were read off the plan's text (sources/digital-bay-area-action-plan/official.txt) and
sources/places.yml: 横琴 is named in the plan's 一（一） (横琴粤澳深度合作区（以下简称横琴）), 二（一）2 (珠海横琴
先进智能计算平台, the plan's only 珠海), 二（六）1 and 四（三） (在横琴、前海、南沙、河套; 充分发挥横琴、前海…);
no other seed measure names either. places.yml puts 横琴 in 珠海 and 珠海 in 广东. So 珠海 is named by one
measure itself and, with 横琴, by four.
"""

import re
from pathlib import Path

from flask.testing import FlaskClient

from dbay.maps import Tiles
from dbay.service.app import create_app
from tests.service.conftest import PLAN
from tests.service.test_api import every_page, get
from tests.service.test_reading_pages import page, parsed
from tests.service.test_topic_pages import cells, section

HENGQIN, ZHUHAI = "heng-qin", "zhu-hai"
NAMING_HENGQIN = [f"{PLAN}.1.1", f"{PLAN}.2.1.2", f"{PLAN}.2.6.1", f"{PLAN}.4.3"]


def test_the_places_page_lists_every_place_by_kind_with_both_counts(client: FlaskClient) -> None:
    html = page(client, "/places")
    every = every_page(client, "/api/v1/places?limit=500")
    linked = re.findall(r'<tr><td><a href="/places/([^"#?]+)"', html)
    assert sorted(linked) == sorted(place["id"] for place in every)  # each once, in its kind's table
    cities = cells(section(html, "table", "places-city"))
    assert ["珠海", "广东", "22.27417° N, 113.57194° E", "1", "4"] in cities
    zones = cells(section(html, "table", "places-zone"))
    assert ["横琴粤澳深度合作区", "珠海", "22.12° N, 113.5101° E", "4", "4"] in zones
    assert [int(row[4]) for row in cities] == sorted((int(row[4]) for row in cities), reverse=True)
    assert "naming it</strong> is how many measures name the place itself" in html  # the page says what each count is


def test_the_places_api_counts_the_measures_naming_a_place_or_a_place_within_it(client: FlaskClient) -> None:
    zhuhai = get(client, f"/api/v1/places/{ZHUHAI}")["data"]
    assert zhuhai["counts"] == {"mentions": 1, "measures": 1, "measures_within": 4}
    # The count is what place= finds and what the place facet counts, for every place.
    facet = get(client, "/api/v1/measures?facets=place&limit=1")["meta"]["facets"]["place"]["values"]
    for place in every_page(client, "/api/v1/places?limit=500"):
        found = get(client, f"/api/v1/measures?place={place['id']}&limit=1")["meta"]["total"]
        assert place["counts"]["measures_within"] == found, place["id"]
        assert place["counts"]["measures"] <= found
    for value in facet:
        assert value["count"] == get(client, f"/api/v1/places/{value['value']}")["data"]["counts"]["measures_within"]


def test_a_place_page_links_its_parent_children_source_and_every_provision_within(client: FlaskClient) -> None:
    html = page(client, f"/places/{ZHUHAI}")
    assert parsed(html).texts["h1"] == ["珠海"]
    assert '<a href="/places/guang-dong">广东</a>' in section(html, "td", "parent")
    assert f'<a href="/places/{HENGQIN}">横琴粤澳深度合作区</a>' in section(html, "td", "children")
    assert '<a href="https://wiki.av1.space/content/wikipedia_en_all_mini_2025-06/Zhuhai">' in section(
        html, "td", "coordinate-source"
    )
    measures = [href for href in parsed(html).hrefs if href.startswith("/measures/")]
    assert measures == [f"/measures/{m}" for m in NAMING_HENGQIN]
    assert f'<h3><a href="/documents/{PLAN}">“数字湾区”建设三年行动方案</a></h3>' in html
    assert "(珠海、横琴; 2 times)" in html  # 二（一）2's names, in the order of its text
    assert 'href="/data/dbay/place_measures?name=zhu-hai"' in html
    assert 'href="/data/dbay/place_measures.csv?name=zhu-hai&amp;_size=max&amp;_dl=1"' in html


def test_a_place_page_answers_in_traditional(client: FlaskClient) -> None:
    html = page(client, f"/places/{HENGQIN}?lang=zh-Hant")
    assert "<h1>橫琴粵澳深度合作區</h1>" in html
    assert "(橫琴粵澳深度合作區、橫琴; 2 times)" in html and f'href="/measures/{PLAN}.1.1?lang=zh-Hant"' in html
    assert '<a href="/places/zhu-hai?lang=zh-Hant">珠海</a>' in page(client, "/places?lang=zh-Hant")


def test_an_unknown_place_is_a_404_page(client: FlaskClient) -> None:
    assert "does not exist in release" in page(client, "/places/nowhere", 404)


def test_a_provision_page_links_each_place_it_names_to_its_page(client: FlaskClient) -> None:
    places = section(page(client, f"/measures/{PLAN}.2.1.2"), "ul", "named-places")
    assert f'<a href="/places/{ZHUHAI}">珠海</a>' in places and f'<a href="/places/{HENGQIN}">横琴粤澳深度合作区</a>' in places


def dots(html: str, figure: str) -> dict[str, str]:
    """A page's map: each dot's link and its label, by the link."""
    drawn = section(html, "figure", figure)
    return {url: label for url, label in re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', drawn)}


def test_the_places_page_maps_every_place_with_a_point_sized_by_the_measures_naming_it(client: FlaskClient) -> None:
    html = page(client, "/places")
    mapped = dots(html, "places-map")
    assert mapped[f"/places/{HENGQIN}"] == "横琴粤澳深度合作区：4 条 measures"
    assert mapped[f"/places/{ZHUHAI}"] == "珠海：1 条 measures"
    assert "/places/yue-dong" not in mapped  # a region: no point, listed only
    assert html.index('<figure id="places-map">') > html.index("<h1>")


def test_a_place_page_maps_the_place_and_the_places_within_it(client: FlaskClient) -> None:
    html = page(client, f"/places/{ZHUHAI}")
    assert dots(html, "place-map") == {
        f"/places/{ZHUHAI}": "珠海：1 条 measures",
        f"/places/{HENGQIN}": "横琴粤澳深度合作区：4 条 measures",
    }
    highlighted = re.findall(r'<a href="/places/([^"]+)"[^>]*><circle class="dbay-map-point dbay-map-highlight"', html)
    assert highlighted == [ZHUHAI]
    hant = page(client, f"/places/{HENGQIN}?lang=zh-Hant")
    assert '<text class="dbay-map-label"' in hant and ">橫琴</text>" in hant  # its shortest name, in the page's script


def test_a_place_without_a_point_has_no_map(client: FlaskClient) -> None:
    assert '<figure id="place-map">' not in page(client, "/places/yue-dong")


def test_a_provision_page_maps_the_places_it_names(client: FlaskClient) -> None:
    """二（一）2's text: 国家超级计算广州中心、深圳中心 … 珠海横琴先进智能计算平台、东莞大科学智能计算平台, and
    粤港澳 and 大湾区, a group and a region, which have no point."""
    mapped = dots(page(client, f"/measures/{PLAN}.2.1.2"), "places-map")
    assert set(mapped) == {f"/places/{p}" for p in ("guang-zhou", "shen-zhen", ZHUHAI, HENGQIN, "dong-guan")}


def test_with_tiles_configured_the_pages_draw_them_in_place_of_the_base_map(data_dir: Path) -> None:
    tiles = Tiles("https://tiles.example.org/{z}/{x}/{y}.png", "© Example contributors")
    tiled = create_app({"DATA_DIR": data_dir, "TESTING": True, "MAP_TILES": tiles}).test_client()
    html = page(tiled, f"/places/{HENGQIN}")
    assert re.search(r'<image href="https://tiles\.example\.org/\d+/\d+/\d+\.png"', html) and "© Example contributors" in html
    assert 'class="dbay-map-area' not in html
    assert 'class="dbay-map-area' in page(create_app({"DATA_DIR": data_dir, "TESTING": True}).test_client(), f"/places/{HENGQIN}")


def test_a_place_page_says_its_counts_in_words(client: FlaskClient) -> None:
    """珠海 is named once, in one measure (二（一）2); with 横琴 within it, in four."""
    html = page(client, f"/places/{ZHUHAI}")
    assert "1 time in 1 measure;" in html and "with the places within it, in 4 measures" in html


def test_the_places_map_leaves_out_the_places_no_measure_names(client: FlaskClient) -> None:
    """佛山 has a point (sources/places.yml) and no seed measure names it (the /places table says 0)."""
    mapped = dots(page(client, "/places"), "places-map")
    assert "/places/fo-shan" not in mapped and f"/places/{ZHUHAI}" in mapped


def test_a_page_lists_the_provisions_a_page_at_a_time(data_dir: Path) -> None:
    """With pages of 2, 珠海's four provisions (itself and 横琴 within it) take two pages, in document order;
    数字湾区's eleven take six. Together the pages list what one page lists when it holds them all."""
    paged = create_app({"DATA_DIR": data_dir, "TESTING": True, "TOPIC_PAGE_SIZE": 2}).test_client()
    whole = create_app({"DATA_DIR": data_dir, "TESTING": True}).test_client()
    for path, pages in ((f"/places/{ZHUHAI}", 2), ("/entities/shu-zi-wan-qu", 6)):
        listed = re.findall(r'<li><a href="/measures/([^"?]+)[^"]*">', page(whole, path))
        seen: list[str] = []
        url: str | None = path
        for _ in range(pages):
            assert url is not None
            html = page(paged, url)
            seen += re.findall(r'<li><a href="/measures/([^"?]+)[^"]*">', html)  # a later page pins its release
            following = re.search(r'<a rel="next" href="([^"]+)">', html)
            url = following.group(1).replace("&amp;", "&") if following else None
        assert url is None and seen == listed and len(seen) == len(set(seen)) == {2: 4, 6: 11}[pages]
