"""A release built before issuer_hant, doc_number_hant, agency_clause_hant and the declared counts'
unit_hant and phrase_hant existed is still answered in Traditional under zh-Hant: the service
converts its Simplified values when it answers (service/context.py ``text``).

The older release is the seed release with those columns and keys removed, served beside a
release of today's shape.
"""

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from dbay import releases
from dbay.build.pipeline import run_build
from dbay.service.app import create_app
from tests.conftest import SOURCES, write_release_config

OLDER, CURRENT = "2025.1", "2025.2"
PLAN = "digital-bay-area-action-plan"
OPINIONS = "accelerating-digital-development-opinions"
WORK_POINTS = "digital-guangdong-2024-key-tasks"
NEW_COLUMNS = {"documents": ("issuer_hant", "doc_number_hant"), "measures": ("agency_clause_hant",)}


def _as_built_before(database: Path) -> None:
    with sqlite3.connect(database) as connection:
        # an older release's agency clause was the clause as printed: Traditional where its source is
        connection.execute("update measures set agency_clause = agency_clause_hant where document_id = ?", (WORK_POINTS,))
        for table, columns in NEW_COLUMNS.items():
            for column in columns:
                connection.execute(f"alter table {table} drop column {column}")
        for document_id, counts in connection.execute("select id, declared_counts from documents").fetchall():
            older = [{k: v for k, v in count.items() if not k.endswith("_hant")} for count in json.loads(counts)]
            connection.execute("update documents set declared_counts = ? where id = ?", (json.dumps(older), document_id))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    root = tmp_path_factory.mktemp("older")
    sources = root / "sources"
    shutil.copytree(SOURCES, sources)
    write_release_config(sources, OLDER)
    run_build(sources, root / "dist")
    _as_built_before(releases.release_path(root / "dist", OLDER))
    write_release_config(sources, CURRENT)
    run_build(sources, root / "dist")
    return create_app({"DATA_DIR": root / "dist", "TESTING": True}).test_client()


def data(client: FlaskClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["data"]


def test_the_older_release_lacks_the_columns(client: FlaskClient) -> None:
    columns = {
        row[1]
        for row in sqlite3.connect(releases.release_path(Path(client.application.config["DATA_DIR"]), OLDER)).execute(
            "pragma table_info(documents)"
        )
    }
    assert "title_hant" in columns and "doc_number_hant" not in columns


@pytest.mark.parametrize("version", [OLDER, CURRENT])
def test_a_document_of_either_release_in_traditional(client: FlaskClient, version: str) -> None:
    # sources/digital-bay-area-action-plan/encyclopedia.txt: 印發機關:廣東省人民政府辦公廳, 發文字號:粵辦函〔2023〕297號
    document = data(client, f"/api/v1/documents/{PLAN}?release={version}&lang=zh-Hant")
    assert (document["issuer"], document["doc_number"]) == ("廣東省人民政府辦公廳", "粵辦函〔2023〕297號")
    measure = data(client, f"/api/v1/measures/{PLAN}.2.6.1?release={version}&lang=zh-Hant")
    assert measure["citation"]["text"] == "《“數字灣區”建設三年行動方案》（粵辦函〔2023〕297號）二（六）1"
    assert measure["document"]["issuer"] == "廣東省人民政府辦公廳"


@pytest.mark.parametrize("version", [OLDER, CURRENT])
def test_the_simplified_answer_of_either_release_is_unchanged(client: FlaskClient, version: str) -> None:
    document = data(client, f"/api/v1/documents/{PLAN}?release={version}")
    assert (document["issuer"], document["doc_number"]) == ("广东省人民政府办公厅", "粤办函〔2023〕297号")


@pytest.mark.parametrize("version", [OLDER, CURRENT])
def test_the_declared_counts_of_either_release_in_traditional(client: FlaskClient, version: str) -> None:
    # news.txt: …四个方面，分类提出8点共33项具体措施
    counts = data(client, f"/api/v1/documents/{OPINIONS}?release={version}&lang=zh-Hant")["declared_counts"]
    assert [(count["unit"], count["declared"]) for count in counts] == [("個方面", 4), ("點", 8), ("項", 33)]
    assert counts[0]["phrase"] == "四個方面,分類提出8點共33項"


@pytest.mark.parametrize("version", [OLDER, CURRENT])
def test_an_agency_clause_of_either_release_in_traditional(client: FlaskClient, version: str) -> None:
    # sources/digital-guangdong-2024-key-tasks/web-page.txt, work point 4, line 11:
    # (省政務服務和數據管理局牽頭,省委網信辦,省通信管理局按職責分工負責)
    clause = data(client, f"/api/v1/measures/{WORK_POINTS}.1.4?release={version}&lang=zh-Hant")["agency_clause"]
    assert clause == "省政務服務和數據管理局牽頭，省委網信辦，省通信管理局按職責分工負責"


def test_the_older_releases_page_in_traditional(client: FlaskClient) -> None:
    page = client.get(f"/documents/{PLAN}?release={OLDER}&lang=zh-Hant").get_data(as_text=True)
    assert "粵辦函〔2023〕297號" in page and "廣東省人民政府辦公廳" in page
