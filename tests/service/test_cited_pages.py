"""The cited-document pages (issue 13): /cited, /cited/<key>, /api/v1/cited-documents, and the provision page's
link to them.

Expected values were read off the work points (sources/digital-guangdong-2024-key-tasks/web-page.txt): its
measures cite two documents by title, 五（二十） 加快研究起草《廣東省數據條例》 and 六（二十五） 加强《廣東省政務服務
數字化條例》宣贯培训, each once and without a document number; the titles its preamble cites are in no measure.
"""

import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

from flask.testing import FlaskClient

from dbay.service.app import create_app
from tests.service.conftest import NEW, PLAN
from tests.service.test_api import get
from tests.service.test_reading_pages import page, parsed
from tests.service.test_topic_pages import cells, section

TASKS = "digital-guangdong-2024-key-tasks"
DATA_REGULATION, SERVICES_REGULATION = "广东省数据条例", "广东省政务服务数字化条例"


def test_the_cited_page_lists_each_document_the_measures_cite(client: FlaskClient) -> None:
    rows = cells(section(page(client, "/cited"), "table", "cited-documents"))
    assert sorted(rows) == sorted([[f"《{DATA_REGULATION}》", "—", "1", "—"], [f"《{SERVICES_REGULATION}》", "—", "1", "—"]])
    listed = get(client, "/api/v1/cited-documents")["data"]
    assert {(c["key"], c["title"], c["counts"]["measures"], c["document_id"]) for c in listed} == {
        (DATA_REGULATION, DATA_REGULATION, 1, None),
        (SERVICES_REGULATION, SERVICES_REGULATION, 1, None),
    }


def test_a_cited_document_s_page_lists_the_provisions_citing_it(client: FlaskClient) -> None:
    html = page(client, f"/cited/{quote(DATA_REGULATION)}")
    assert parsed(html).texts["h1"] == [f"《{DATA_REGULATION}》"]
    assert [href for href in parsed(html).hrefs if href.startswith("/measures/")] == [f"/measures/{TASKS}.5.20"]
    assert "No: the dataset does not hold it" in html
    moved = client.get(f"/cited/{quote('廣東省數據條例')}?lang=zh-Hant")  # a title as cited in Traditional
    assert moved.status_code == 301 and moved.headers["Location"] == f"/cited/{quote(DATA_REGULATION)}?lang=zh-Hant"
    assert "《廣東省數據條例》" in page(client, f"/cited/{quote(DATA_REGULATION)}?lang=zh-Hant")


def test_a_provision_page_links_each_document_it_cites_to_its_page(client: FlaskClient) -> None:
    cited = section(page(client, f"/measures/{TASKS}.6.25"), "ul", "cited-documents")
    assert f'href="/cited/{quote(SERVICES_REGULATION)}"' in cited


def test_a_cited_document_the_dataset_holds_links_to_it(data_dir: Path, tmp_path: Path) -> None:
    # The seeds cite no document of their own: a copy of the release where 五（二十） cites the plan does.
    copy = tmp_path / "dist"
    copy.mkdir()
    shutil.copy(data_dir / f"dbay-{NEW}.db", copy)
    with sqlite3.connect(copy / f"dbay-{NEW}.db") as connection:
        connection.execute("update citations set document_id = ? where measure_id = ?", (PLAN, f"{TASKS}.5.20"))
    client = create_app({"DATA_DIR": copy, "TESTING": True}).test_client()
    assert f'<a href="/documents/{PLAN}">{PLAN}</a>' in section(page(client, "/cited"), "table", "cited-documents")
    listed = {c["key"]: c for c in get(client, "/api/v1/cited-documents")["data"]}
    assert listed[DATA_REGULATION]["links"]["document"] == f"/api/v1/documents/{PLAN}"


def test_an_unknown_cited_document_is_a_404_page(client: FlaskClient) -> None:
    assert "does not exist in release" in page(client, "/cited/nothing-cited", 404)
