"""The pages on what measures are about: a provision's named things, targets, deadlines and cited
documents; an entity's page and the index of entities; every target; every deadline in date order.

Expected values are read off the seed texts (sources/*/official.txt)."""

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from dbay.service.app import create_app
from tests.service.conftest import NEW, PLAN
from tests.service.test_reading_pages import page, parsed

TASKS = "digital-guangdong-2024-key-tasks"
# 七（二十九）: 推进粤省心12345热线平台全面升级，推广“民意速办”改革，梳理细化超500项高频民生诉求事项职责清单，
# 实现诉求转派速度提升10%。做好与“粤平安”、“粤人大”、“粤当家”的协同对接
HOTLINE = f"{TASKS}.7.29"
# 湾事通 is named in the plan's 二（六）2 and the work points' 一（一） and 十（四十五）.
WAN_SHI_TONG = "wan-shi-tong"
# 二（八）: 确保到2024年底…; the plan's 一（三） steps: 2023年, 2024年, 2025年.
HELP_VILLAGES = f"{TASKS}.2.8"
STEPS = f"{PLAN}.1.3"
# 五（二十）: 贯彻落实《广东省数据条例》
DATA_REGULATION = f"{TASKS}.5.20"


def section(html: str, element: str, id_: str) -> str:
    found = re.search(rf'<{element} id="{id_}"[^>]*>(.*?)</{element}>', html, re.S)
    assert found, id_
    return found.group(1)


def cells(table: str) -> list[list[str]]:
    """Each row's cells as text, headers left out."""
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
        if "<td" in row
    ]


def test_a_provision_page_lists_the_things_it_names_its_targets_and_links_them(client: FlaskClient) -> None:
    html = page(client, f"/measures/{HOTLINE}")
    mentioned = parsed(section(html, "ul", "mentioned"))
    named = re.findall(r'<a href="/entities/[^"]+">([^<]+)</a>', section(html, "ul", "mentioned"))
    assert named == ["民意速办", "粤省心", "粤平安", "粤人大", "粤当家"]  # in the order of the text, each once
    assert all(href.startswith("/entities/") for href in mentioned.hrefs)
    targets = cells(section(html, "table", "measure-targets"))
    assert targets == [
        ["超500项", "500", "项", "more_than", "高频民生诉求事项"],
        ["提升10%", "10", "%", "increase_by", "诉求转派速度"],
    ]
    assert 'href="/targets"' in html and 'href="/entities/' in html
    assert 'id="measure-deadlines"' not in html and 'id="cited-documents"' not in html  # it has neither


def test_a_provision_page_lists_its_deadlines_and_the_documents_it_cites(client: FlaskClient) -> None:
    deadlines = cells(section(page(client, f"/measures/{HELP_VILLAGES}"), "table", "measure-deadlines"))
    assert deadlines == [["确保到2024年底", "2024-12-31", "deadline"]]
    cited = page(client, f"/measures/{DATA_REGULATION}")
    assert "《广东省数据条例》" in section(cited, "ul", "cited-documents")
    assert 'href="/documents/' not in section(cited, "ul", "cited-documents")  # the dataset does not hold it


def test_a_cited_document_the_dataset_holds_is_linked_to_its_page(client: FlaskClient, data_dir: Path, tmp_path: Path) -> None:
    # The seeds cite no document of their own: a copy of the release where 五（二十） cites the plan does.
    copy = tmp_path / "dist"
    copy.mkdir()
    shutil.copy(data_dir / f"dbay-{NEW}.db", copy)
    with sqlite3.connect(copy / f"dbay-{NEW}.db") as connection:
        connection.execute("update citations set document_id = ? where measure_id = ?", (PLAN, DATA_REGULATION))
    html = page(create_app({"DATA_DIR": copy, "TESTING": True}).test_client(), f"/measures/{DATA_REGULATION}")
    assert f'<a href="/documents/{PLAN}">《广东省数据条例》</a>' in section(html, "ul", "cited-documents")


def test_an_entity_page_lists_the_provisions_naming_it_by_document(client: FlaskClient) -> None:
    html = page(client, f"/entities/{WAN_SHI_TONG}")
    found = parsed(html)
    assert found.texts["h1"] == ["湾事通"]
    assert "platform" in section(html, "table", "about")
    measures = [href for href in found.hrefs if href.startswith("/measures/")]
    assert measures == [f"/measures/{PLAN}.2.6.2", f"/measures/{TASKS}.1.1", f"/measures/{TASKS}.10.45"]
    assert f'<h3><a href="/documents/{PLAN}">“数字湾区”建设三年行动方案</a></h3>' in html
    assert f'<h3><a href="/documents/{TASKS}">数字广东建设2024年工作要点</a></h3>' in html
    assert "(2 times)" in html  # the plan's 二（六）2 names it twice: 依托“湾事通”平台… and 打造“湾事通”泛公共服务…


def test_the_entity_index_lists_every_entity_by_type_with_its_counts(client: FlaskClient) -> None:
    html = page(client, "/entities")
    every = client.get("/api/v1/entities?limit=500").get_json()["data"]
    linked = re.findall(r'href="/entities/([^"#?]+)"', html)
    assert sorted(linked) == sorted(entity["id"] for entity in every)
    platforms = cells(section(html, "table", "entities-platform"))
    assert ["湾事通", "3", "4", "Greater Bay Area public-service and information app"] in platforms
    technologies = re.findall(r'href="/entities/([^"]+)"', section(html, "table", "entities-technology"))
    assert "5g" in technologies and WAN_SHI_TONG not in technologies
    assert [int(row[1]) for row in platforms] == sorted((int(row[1]) for row in platforms), reverse=True)


def test_the_targets_page_lists_every_target_by_document(client: FlaskClient) -> None:
    html = page(client, "/targets")
    rows = cells(section(html, "table", f"targets-{TASKS}"))
    assert ["7.29 推广“民意速办”综合服务体系", "超500项", "500", "项", "more_than", "高频民生诉求事项"] in rows
    assert ["9.37 加强林业数字化应用", "200万亩", "2000000", "亩", "exactly", "林分优化"] in rows
    assert len(rows) == client.get("/api/v1/targets").get_json()["meta"]["total"]
    assert f'href="/measures/{HOTLINE}"' in html


def test_the_deadlines_page_lists_them_in_date_order_with_their_provision_and_document(client: FlaskClient) -> None:
    html = page(client, "/deadlines")
    rows = cells(section(html, "table", "dated"))
    dues = [row[0] for row in rows]
    assert dues == sorted(dues) and dues[0] == "2023-12-31"
    assert ["2024-12-31", "确保到2024年底", "deadline", "2.8 深化数字化帮扶", "数字广东建设2024年工作要点"] in rows
    assert [row[1] for row in rows if row[3].startswith("1.3 ")] == ["2023年", "2024年", "2025年"]
    assert f'href="/measures/{HELP_VILLAGES}"' in html and f'href="/measures/{STEPS}"' in html
    assert 'id="undated"' not in html  # every seed deadline has its date


@pytest.mark.parametrize(
    ("url", "api"),
    [
        (f"/entities/{WAN_SHI_TONG}", f"/api/v1/entities/{WAN_SHI_TONG}"),
        ("/entities?lang=zh-Hant", "/api/v1/entities?lang=zh-Hant"),
        ("/targets", "/api/v1/targets"),
        ("/deadlines?lang=zh-Hant", "/api/v1/milestones?lang=zh-Hant"),
        ("/places", "/api/v1/places"),
        ("/places/zhu-hai?lang=zh-Hant", "/api/v1/places/zhu-hai?lang=zh-Hant"),
        ("/cited", "/api/v1/cited-documents"),
    ],
)
def test_a_client_preferring_json_gets_the_api_answer(client: FlaskClient, url: str, api: str) -> None:
    answer = client.get(url, headers={"Accept": "application/json"})
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert answer.get_json() == client.get(api).get_json()
    assert answer.headers["Vary"] == "Accept, Accept-Language"


def test_the_deadlines_page_names_the_api_s_list_of_milestones_as_its_json(client: FlaskClient) -> None:
    response = client.get("/deadlines")
    assert response.headers["Link"] == '</api/v1/milestones>; rel="alternate"; type="application/json"'
    assert '<link rel="alternate" type="application/json" href="/api/v1/milestones">' in response.get_data(as_text=True)


def test_the_new_pages_are_linked_from_the_home_page_and_every_page_s_navigation(client: FlaskClient) -> None:
    for url in ("/", f"/measures/{HOTLINE}", "/agencies"):
        hrefs = parsed(page(client, url)).hrefs
        assert {"/entities", "/places", "/targets", "/deadlines", "/cited"} <= set(hrefs), url


def test_the_pages_answer_in_traditional(client: FlaskClient) -> None:
    entity = page(client, f"/entities/{WAN_SHI_TONG}?lang=zh-Hant")
    assert "<h1>灣事通</h1>" in entity and f'href="/measures/{TASKS}.1.1?lang=zh-Hant"' in entity
    targets = page(client, "/targets?lang=zh-Hant")
    assert "超500項" in targets and "高頻民生訴求事項" in targets
    assert "確保到2024年底" in page(client, "/deadlines?lang=zh-Hant")


def test_an_unknown_entity_is_a_404_page(client: FlaskClient) -> None:
    assert "does not exist in release" in page(client, "/entities/nobody", 404)


def test_a_provision_page_lists_the_places_it_names_once_each_with_their_provisions(client: FlaskClient) -> None:
    # 二（一）2 names 粤港澳三地, 大湾区 (twice), 广州, 深圳, 珠海横琴 and 东莞, in that order.
    html = page(client, f"/measures/{PLAN}.2.1.2")
    places = section(html, "ul", "named-places")
    names = [re.sub(r"<[^>]+>", "", item).split(" ")[0].strip() for item in re.findall(r"<li>(.*?)</li>", places, re.S)]
    assert names == ["粤港澳", "粤港澳大湾区", "广州", "深圳", "珠海", "横琴粤澳深度合作区", "东莞"]
    assert 'href="/data/dbay/place_measures?name=heng-qin"' in places
    assert "22.12° N, 113.5101° E" in places  # the zone's point, from sources/places.yml


def test_the_targets_page_charts_them_by_document_and_kind_of_unit(client: FlaskClient) -> None:
    """The work points set 9 targets (亩 twice, 个/家/项 six times, % once); the other two documents none."""
    html = page(client, "/targets")
    chart = section(html, "figure", "targets-chart")
    description = section(chart, "desc", "targets-chart-desc")
    assert "数字广东建设2024年工作要点: 9 (area 2, count 6, percent 1)" in description
    assert "“数字湾区”建设三年行动方案: 0" in description.replace("&#34;", "“")  # every document has its bar
    segments = re.findall(r"<title>(\w+): (\d+)</title></rect>", chart)
    assert segments == [("area", "2"), ("count", "6"), ("percent", "1")]
    widths = [float(width) for width in re.findall(r'<rect x="[0-9.]+" y="\d+" width="([0-9.]+)"', chart)]
    assert sum(widths) == pytest.approx(520, abs=0.5)  # the largest bar fills the plot (widths rounded to 0.1)
