"""Every page names a CSV of its data (Datasette's, in the page's release), and the CSV answers."""

import csv
import html
import io
import re
import urllib.request

import pytest
from flask.testing import FlaskClient

from tests.service.conftest import OLD, PLAN

MEASURE = f"{PLAN}.2.6.1"
BUREAU = "sheng-zheng-wu-fu-wu-he-shu-ju-guan-li-ju"
TASK = "digital-guangdong-2024-key-tasks.1.1"  # the bureau leads it


def csv_alternate(client: FlaskClient, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    found = re.findall(r'<link rel="alternate" type="text/csv" href="([^"]+)">', page)
    assert len(found) == 1, url
    return html.unescape(found[0])


def csv_rows(server: str, url: str) -> list[dict[str, str]]:
    with urllib.request.urlopen(server + url) as answer:
        assert answer.status == 200 and answer.headers.get_content_type() == "text/csv"
        return list(csv.DictReader(io.StringIO(answer.read().decode("utf-8-sig"))))


def test_a_provision_page_names_its_row_as_csv(client: FlaskClient, server: str) -> None:
    rows = csv_rows(server, csv_alternate(client, f"/measures/{MEASURE}"))
    assert [row["id"] for row in rows] == [MEASURE]


def test_a_document_page_names_its_measures_as_csv(client: FlaskClient, server: str) -> None:
    rows = csv_rows(server, csv_alternate(client, f"/documents/{PLAN}"))
    assert len(rows) == 31 and rows[0]["id"] == f"{PLAN}.1.1"  # the plan's 31 measures, in the order of the text
    assert {row["document_id"] for row in rows} == {PLAN}


def test_an_agency_page_names_what_it_leads_and_shares_as_csv(client: FlaskClient, server: str) -> None:
    rows = csv_rows(server, csv_alternate(client, f"/agencies/{BUREAU}"))
    assert {row["agency_id"] for row in rows} == {BUREAU}
    assert {"measure_id": TASK, "role": "lead"}.items() <= next(row for row in rows if row["measure_id"] == TASK).items()
    counts = client.get(f"/api/v1/agencies/{BUREAU}").get_json()["data"]["counts"]
    assert len(rows) == counts["lead"] + counts["participating"]


@pytest.mark.parametrize(
    "query",
    [
        "q=养老",
        f"q=数据&agency={BUREAU}&document=digital-guangdong-2024-key-tasks",
        "q=数据&agency=省政務服務和數據管理局",  # an agency by its Traditional name, as the API takes it
        "q=人工智慧",  # a Taiwan word, searched with its mainland variant as the API searches it
    ],
)
def test_a_search_page_names_the_same_measures_as_csv(client: FlaskClient, server: str, query: str) -> None:
    rows = csv_rows(server, csv_alternate(client, f"/search?{query}"))
    found = client.get(f"/api/v1/measures?{query}&limit=100").get_json()
    assert {row["id"] for row in rows} == {item["id"] for item in found["data"]} and len(rows) == found["meta"]["total"] > 0


def test_an_empty_search_page_names_no_csv(client: FlaskClient) -> None:
    assert 'type="text/csv"' not in client.get("/search").get_data(as_text=True)


def test_a_pinned_release_names_that_release_csv(client: FlaskClient, server: str) -> None:
    url = csv_alternate(client, f"/measures/{PLAN}.2.7.1?release={OLD}")
    assert url.startswith("/data/dbay-2026-1/")
    assert "百县干镇万村" in csv_rows(server, url)[0]["text"]  # the first release's typo


def test_an_entity_page_names_its_mentions_as_csv(client: FlaskClient, server: str) -> None:
    rows = csv_rows(server, csv_alternate(client, "/entities/wan-shi-tong"))
    # 湾事通 is named twice in the plan's 二（六）2, once each in the work points' 一（一） and 十（四十五）
    assert sorted(row["measure_id"] for row in rows) == [
        f"{PLAN}.2.6.2",
        f"{PLAN}.2.6.2",
        "digital-guangdong-2024-key-tasks.1.1",
        "digital-guangdong-2024-key-tasks.10.45",
    ]


@pytest.mark.parametrize(("url", "api"), [("/entities", "/api/v1/entities"), ("/targets", "/api/v1/targets")])
def test_the_entities_and_targets_pages_name_every_row_as_csv(client: FlaskClient, server: str, url: str, api: str) -> None:
    rows = csv_rows(server, csv_alternate(client, url))
    assert len(rows) == client.get(api).get_json()["meta"]["total"] > 0


def test_the_deadlines_page_names_them_in_date_order_as_csv(client: FlaskClient, server: str) -> None:
    rows = csv_rows(server, csv_alternate(client, "/deadlines"))
    dues = [row["due"] for row in rows]
    assert "2024-12-31" in dues and dues == sorted(dues)
