"""The API and Datasette asked for an agency and its predecessors (sources/agencies.yml).

A release of the two renamed-agency fixtures (2023: 省政务服务数据管理局, 2024:
省政务服务和数据管理局) with the project's register.
"""

import shutil
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from flask.testing import FlaskClient

from dbay.build.pipeline import run_build
from dbay.datasette.plugin import METADATA
from dbay.service.app import create_app
from tests.conftest import GENRE, SOURCES, copy_sources, query
from tests.service.described import parameters

OLD_NAME, NEW_NAME = "省政务服务数据管理局", "省政务服务和数据管理局"
OLD_ID, NEW_ID = "sheng-zheng-wu-fu-wu-shu-ju-guan-li-ju", "sheng-zheng-wu-fu-wu-he-shu-ju-guan-li-ju"


@pytest.fixture(scope="module")
def release_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lineage")
    sources = copy_sources([GENRE / "test-renamed-agency-2023", GENRE / "test-renamed-agency-2024"], root / "sources")
    shutil.copy(SOURCES / "agencies.yml", sources)
    run_build(sources, root / "dist")
    return root / "dist"


@pytest.fixture(scope="module")
def lineage_client(release_dir: Path) -> FlaskClient:
    return create_app({"DATA_DIR": release_dir, "TESTING": True}).test_client()


def get(client: FlaskClient, url: str, status: int = 200) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    body: dict[str, Any] = response.get_json()
    return body


def test_agency_with_its_predecessors(lineage_client: FlaskClient) -> None:
    data = get(lineage_client, f"/api/v1/agencies/{NEW_ID}?include=predecessors")["data"]
    assert (data["name"], data["lineage_id"]) == (NEW_NAME, NEW_ID)
    assert [(p["id"], p["name"], p["successor_id"]) for p in data["predecessors"]] == [(OLD_ID, OLD_NAME, NEW_ID)]
    assert data["predecessors"][0]["sources"][0]["url"].startswith("http")
    assert data["predecessors"][0]["links"]["measures"].endswith(f"agency={OLD_ID}")


def test_the_old_name_belongs_to_the_new_lineage_and_has_none_before(lineage_client: FlaskClient) -> None:
    data = get(lineage_client, f"/api/v1/agencies/{OLD_ID}?include=predecessors")["data"]
    assert (data["name"], data["lineage_id"], data["predecessors"]) == (OLD_NAME, NEW_ID, [])
    assert data["counts"] == {"lead": 2, "participating": 1}


def test_predecessors_only_when_asked(lineage_client: FlaskClient) -> None:
    assert "predecessors" not in get(lineage_client, f"/api/v1/agencies/{NEW_ID}")["data"]


def test_measures_of_an_agency_and_its_predecessors_keep_their_printed_names(lineage_client: FlaskClient) -> None:
    led = get(lineage_client, f"/api/v1/measures?agency={NEW_ID}&role=lead&predecessors=true")["data"]
    assert [m["id"] for m in led] == [
        "test-renamed-agency-2023.1.1",
        "test-renamed-agency-2023.2.3",
        "test-renamed-agency-2024.1.1",
        "test-renamed-agency-2024.2.3",
    ]
    printed = {m["id"]: [a["name"] for a in m["agencies"] if a["role"] == "lead"] for m in led}
    assert printed["test-renamed-agency-2023.1.1"] == [OLD_NAME]
    assert printed["test-renamed-agency-2024.1.1"] == [NEW_NAME]
    alone = get(lineage_client, f"/api/v1/measures?agency={NEW_ID}&role=lead")["data"]
    assert [m["id"] for m in alone] == ["test-renamed-agency-2024.1.1", "test-renamed-agency-2024.2.3"]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        (f"/api/v1/agencies/{NEW_ID}?include=successors", "include"),
        (f"/api/v1/agencies/{NEW_ID}?include=", "include"),
        (f"/api/v1/measures?agency={NEW_ID}&predecessors=maybe", "predecessors"),
    ],
)
def test_bad_lineage_parameters_are_named(lineage_client: FlaskClient, url: str, parameter: str) -> None:
    problem = get(lineage_client, url, 400)
    assert parameter in problem["detail"] or any(p["name"] == parameter for p in problem.get("invalid_params", []))


def test_predecessors_without_an_agency_change_nothing(lineage_client: FlaskClient) -> None:
    every = get(lineage_client, "/api/v1/measures?limit=500&fields=id")
    assert get(lineage_client, "/api/v1/measures?limit=500&fields=id&predecessors=true")["data"] == every["data"]


def test_openapi_documents_the_lineage_parameters(lineage_client: FlaskClient) -> None:
    spec = get(lineage_client, "/api/v1/openapi.json")
    assert "include" in parameters(spec, "/api/v1/agencies/{agency_id}")
    assert "predecessors" in parameters(spec, "/api/v1/measures")


def test_datasette_canned_query_finds_the_agency_and_its_predecessors(release_dir: Path) -> None:
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    sql = metadata["databases"]["dbay"]["queries"]["agency_and_predecessors"]["sql"]
    database = next(release_dir.glob("dbay-*.db"))
    for asked in (NEW_ID, NEW_NAME, "省政務服務和數據管理局"):
        rows = query(database, sql.replace(":agency", "?"), *[asked] * sql.count(":agency"))
        led = [(row["id"], row["printed_as"]) for row in rows if row["role"] == "lead"]
        assert led == [
            ("test-renamed-agency-2023.1.1", OLD_NAME),
            ("test-renamed-agency-2023.2.3", OLD_NAME),
            ("test-renamed-agency-2024.1.1", NEW_NAME),
            ("test-renamed-agency-2024.2.3", NEW_NAME),
        ], asked


LED_UNDER_EITHER_NAME = [
    "test-renamed-agency-2023.1.1",
    "test-renamed-agency-2023.2.3",
    "test-renamed-agency-2024.1.1",
    "test-renamed-agency-2024.2.3",
]


@pytest.mark.parametrize("asked", [OLD_ID, NEW_ID, OLD_NAME, "省政務服務和數據管理局"])
def test_an_agency_s_lineage_is_every_name_of_its_body(lineage_client: FlaskClient, asked: str) -> None:
    led = get(lineage_client, f"/api/v1/measures?agency_lineage={quote(asked)}&role=lead&fields=id")["data"]
    assert [m["id"] for m in led] == LED_UNDER_EITHER_NAME


def test_predecessors_look_back_only_and_the_lineage_both_ways(lineage_client: FlaskClient) -> None:
    # The new name with its predecessors is its whole lineage; the old name has none before it.
    back = get(lineage_client, f"/api/v1/measures?agency={NEW_ID}&predecessors=true&role=lead&fields=id")["data"]
    assert [m["id"] for m in back] == LED_UNDER_EITHER_NAME
    old = get(lineage_client, f"/api/v1/measures?agency={quote(OLD_NAME)}&predecessors=true&role=lead&fields=id")["data"]
    assert [m["id"] for m in old] == ["test-renamed-agency-2023.1.1", "test-renamed-agency-2023.2.3"]


def test_a_release_without_lineages_has_each_agency_its_own(release_dir: Path, tmp_path: Path) -> None:
    # As a release built before the agency register: no lineage_id column, no successions
    database = next(release_dir.glob("dbay-*.db"))
    shutil.copy(database, tmp_path / database.name)
    with sqlite3.connect(tmp_path / database.name) as connection:
        connection.execute("alter table agencies drop column lineage_id")
        connection.execute("drop table agency_successions")
        connection.execute("update releases set content_sha256 = 'without lineages'")
    client = create_app({"DATA_DIR": tmp_path, "TESTING": True}).test_client()
    led = get(client, f"/api/v1/measures?agency_lineage={OLD_ID}&role=lead&fields=id")["data"]
    assert [m["id"] for m in led] == ["test-renamed-agency-2023.1.1", "test-renamed-agency-2023.2.3"]
