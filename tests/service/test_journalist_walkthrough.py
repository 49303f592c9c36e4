"""A journalist's first visit, in headless Chromium: search, facet, canned query, CSV export; the reading pages.

The screenshots it takes are the ones in README.md ("For journalists", "Pages"): `make screenshots` runs
it with DBAY_SCREENSHOTS=docs/screenshots; otherwise they go to a temporary folder, so that a test
run leaves the working tree as it was.
"""

import csv
import io
import os
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.conftest import query
from tests.service.conftest import NEW, PLAN

PROJECT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("DBAY_SCREENSHOTS")
    folder = PROJECT / chosen if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(page: Page, path: Path, start: str) -> None:
    """The viewport from ``start`` down."""
    page.locator(start).first.evaluate("element => element.scrollIntoView()")
    page.screenshot(path=str(path))


def shown_ids(page: Page) -> set[str]:
    return set(page.locator("table.rows-and-columns tbody td.col-id").all_inner_texts())


def test_typing_a_two_character_word_in_the_search_box_shows_the_measures(
    server: str, data_dir: Path, page: Page, screenshots: Path
) -> None:
    page.goto(f"{server}/data/dbay/measures")
    page.locator("input#_search").fill("養老")
    page.locator("input#_search").press("Enter")
    page.wait_for_url("**_search=*")
    database = data_dir / f"dbay-{NEW}.db"
    expected = {
        row["id"] for row in query(database, "select id from measures where title_hant like '%養老%' or text_hant like '%養老%'")
    }
    assert expected and shown_ids(page) == expected
    screenshot(page, screenshots / "1-search.png", "form.filters")

    # Facet: narrow the results to the measures the provincial data bureau shares.
    page.goto(f"{server}/data/dbay/measures?_search=数据")
    facet = page.locator(".facet-info[data-column=participating_agencies] a", has_text="省政务服务和数据管理局")
    facet.first.click()
    page.wait_for_url("**participating_agencies__arraycontains=*")
    narrowed = shown_ids(page)
    assert narrowed and all(i.startswith("digital-guangdong-2024-key-tasks.") for i in narrowed)
    screenshot(page, screenshots / "2-facet.png", "form.filters")

    # CSV export of what is shown: UTF-8 with the byte order mark Excel needs, the same rows.
    href = page.locator("a", has_text="CSV").first.get_attribute("href")
    assert href and ".csv" in href
    with urllib.request.urlopen(f"{server}{href}") as response:
        body = response.read()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {row["id"] for row in rows} == narrowed


def test_a_canned_query_answers_which_measures_an_agency_leads(server: str, page: Page, screenshots: Path) -> None:
    page.goto(f"{server}/data/dbay/agency_measures")
    page.locator("input[name=agency]").fill("省政务服务和数据管理局")
    page.locator("input[name=role]").fill("lead")
    page.locator("input[type=submit]").first.click()
    page.wait_for_url("**agency=*")
    assert page.locator("table.rows-and-columns tbody tr").count() == 21
    screenshot(page, screenshots / "3-canned-query.png", "h1")


def test_a_provision_page_highlights_its_source_and_switches_script_without_other_origins(
    server: str, page: Page, screenshots: Path
) -> None:
    origins: set[str] = set()
    page.on("request", lambda request: origins.add(urlsplit(request.url).netloc))
    measure = f"{PLAN}.2.6.1"
    page.goto(f"{server}/measures/{measure}?lang=zh-Hans")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    marked = page.locator("section.rendition mark").first
    assert marked.is_visible() and marked.inner_text().startswith("推动粤港澳政务服务一体化")
    screenshot(page, screenshots / "4-provision.png", "#crumbs")

    page.locator("#script a", has_text="繁體").click()
    page.wait_for_url("**lang=zh-Hant")
    assert page.locator("h1").inner_text() == "1. 推動粵港澳政務服務一體化"
    assert page.locator("html").get_attribute("lang") == "zh-Hant"

    page.goto(f"{server}/documents/{PLAN}")  # the browser's locale, zh-HK, chooses Traditional
    assert page.locator("h1").inner_text() == "“數字灣區”建設三年行動方案"
    screenshot(page, screenshots / "5-document.png", "h1")
    page.goto(f"{server}/agencies/sheng-zheng-wu-fu-wu-he-shu-ju-guan-li-ju")
    screenshot(page, screenshots / "6-agency.png", "h1")
    page.goto(f"{server}/search?q=養老")
    assert page.locator("#results mark").first.is_visible()
    screenshot(page, screenshots / "7-search.png", "h1")
    assert origins == {urlsplit(server).netloc}  # nothing from a CDN or any other origin


def test_the_search_box_is_near_the_top_and_the_texts_are_wide(server: str, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/data/dbay/measures")
    search_box = page.locator("input#_search").bounding_box()
    assert search_box and search_box["y"] < 400  # in the first screen, above the column descriptions
    descriptions = page.locator("dl.column-descriptions").bounding_box()
    rows = page.locator("table.rows-and-columns").bounding_box()
    assert descriptions and rows and descriptions["y"] > rows["y"]  # still on the page, after the rows
    text = page.locator("table.rows-and-columns td.col-text").first.bounding_box()
    assert text and text["width"] >= 400  # a paragraph, not a column of a few characters


def test_a_story_from_the_home_page_search_to_the_provision_its_agency_and_its_datasette_row(
    server: str, data_dir: Path, page: Page, screenshots: Path
) -> None:
    """README, "For journalists": who answers for public data? From the home page's search box to the agency."""
    page.goto(f"{server}/?lang=zh-Hans")
    screenshot(page, screenshots / "0-home.png", "h1")
    page.get_by_label("搜索条目 Search the measures").fill("公共数据")
    page.locator("form#search button").click()
    page.wait_for_url("**/search?q=*")
    database = data_dir / f"dbay-{NEW}.db"
    expected = query(database, "select count(*) from measures where title like '%公共数据%' or text like '%公共数据%'")[0][0]
    assert page.locator("#total").inner_text().startswith(f"{expected} measures")

    page.locator("#results a[href^='/measures/digital-guangdong-2024-key-tasks.5.21']").click()
    assert page.locator("h1").inner_text() == "（二十一）强化数据资源开发利用"
    assert page.locator("#citation").inner_text().startswith("《数字广东建设2024年工作要点》")
    assert page.locator("section.rendition mark").first.is_visible()

    page.locator("#lead a", has_text="省政务服务和数据管理局").click()
    assert page.locator("h1").inner_text() == "省政务服务和数据管理局"
    (led,) = query(
        database,
        "select count(*) from measure_agencies where agency_id = 'sheng-zheng-wu-fu-wu-he-shu-ju-guan-li-ju' and role = 'lead'",
    )[0]
    assert page.locator("h2#lead").inner_text() == f"牵头 Leads ({led})"

    page.go_back()
    page.locator("a", has_text="Datasette row").click()
    assert page.locator("h1").inner_text().startswith("measures:")


def test_where_and_how_much_a_map_of_places_and_the_targets_query(
    server: str, data_dir: Path, page: Page, screenshots: Path
) -> None:
    """README, "For journalists": which measures concern Hengqin, on a map; what the province promises in numbers."""
    page.goto(f"{server}/data/dbay/places_on_map")
    page.wait_for_selector("figure.dbay-map-figure svg .dbay-map-point")
    # The plan names 横琴 in four measures (test_datasette.py reads them off its text).
    hengqin = page.locator("table.rows-and-columns tbody tr", has=page.locator("td.col-place_id", has_text="heng-qin"))
    assert hengqin.locator("td.col-measures").inner_text() == "4"
    assert page.locator("figure.dbay-map-figure a[aria-label='横琴粤澳深度合作区 (4)']").count() == 1
    screenshot(page, screenshots / "8-map.png", "figure.dbay-map-figure")

    # The reading pages draw the same map: a place's page, the place and those within it.
    page.goto(f"{server}/places/zhu-hai?lang=zh-Hans")
    assert page.locator("#place-map a[aria-label='横琴粤澳深度合作区：4 条 measures']").is_visible()
    screenshot(page, screenshots / "10-place.png", "h1")

    page.goto(f"{server}/data/dbay/targets_by_document")
    database = data_dir / f"dbay-{NEW}.db"
    (targets,) = query(database, "select count(*) from targets")[0]
    assert page.locator("table.rows-and-columns tbody tr").count() == targets
    # 培育50家数据要素型企业, read off the 2024 work points (tests/test_seed_targets.py lists all nine).
    fifty = page.locator("table.rows-and-columns tbody tr", has=page.locator("td.col-raw", has_text="50家"))
    assert fifty.locator("td.col-value").inner_text() == "50" and fifty.locator("td.col-unit").inner_text() == "家"
    screenshot(page, screenshots / "9-targets.png", "h1")


def test_a_correspondent_who_reads_no_chinese_switches_to_english(server: str, page: Page, screenshots: Path) -> None:
    """README, "Without reading Chinese": the English switch, English titles and names, the Chinese text marked as such."""
    page.goto(f"{server}/measures/digital-guangdong-2024-key-tasks.1.4")
    page.locator("#script a", has_text="English").click()
    page.wait_for_url("**lang=en**")
    assert page.locator("html").get_attribute("lang") == "en"
    # sources/digital-guangdong-2024-key-tasks/english.yml, "1.4"; the lead agency from sources/english/agencies.yml.
    assert 'Build a Guangdong-Hong Kong-Macao Greater Bay Area "data special zone"' in page.locator("h1").inner_text()
    assert page.get_by_text("Guangdong Provincial Government Services and Data Administration").first.is_visible()
    assert page.locator("#text").get_attribute("lang") == "zh-Hans"
    assert "unofficial" in page.locator("#translation-note").inner_text()
    screenshot(page, screenshots / "11-english.png", "#translation-note")
    page.locator("a", has_text="Key Work Points for Building Digital Guangdong in 2024").first.click()
    assert page.locator("html").get_attribute("lang") == "en"  # the language is kept as one follows links
