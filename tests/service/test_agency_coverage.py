"""The agency rankings say which documents they cover: only those whose provisions name agencies."""

import json
import re
import urllib.request

from flask.testing import FlaskClient

from tests.service.conftest import PLAN

TASKS = "digital-guangdong-2024-key-tasks"  # its 55 measures each name agencies; the two others' none
OPINIONS = "accelerating-digital-development-opinions"
BUREAU = "sheng-zheng-wu-fu-wu-he-shu-ju-guan-li-ju"


def test_the_agency_list_names_the_documents_its_counts_cover(client: FlaskClient) -> None:
    meta = client.get("/api/v1/agencies?limit=1").get_json()["meta"]
    assert meta["documents_with_agency_clauses"] == [TASKS]
    assert meta["documents_without_agency_clauses"] == [OPINIONS, PLAN]


def test_the_openapi_schema_describes_the_coverage(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    listed = spec["paths"]["/api/v1/agencies"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    envelope = spec["components"]["schemas"][listed["$ref"].split("/")[-1]]
    meta = spec["components"]["schemas"][envelope["properties"]["meta"]["$ref"].split("/")[-1]]
    for name in ("documents_with_agency_clauses", "documents_without_agency_clauses"):
        assert meta["properties"][name]["type"] == "array" and meta["properties"][name]["description"]


def test_an_agency_page_says_which_documents_name_agencies(client: FlaskClient) -> None:
    html = client.get(f"/agencies/{BUREAU}").get_data(as_text=True)
    coverage = re.search(r'<p class="muted" id="coverage">(.*?)</p>', html, re.S)
    assert coverage and "Agency clauses are found in 1 of 3 documents" in coverage.group(1)
    assert f'<a href="/documents/{TASKS}">数字广东建设2024年工作要点</a>' in coverage.group(1)


def test_the_canned_query_counts_the_measures_naming_agencies_in_each_document(server: str) -> None:
    with urllib.request.urlopen(f"{server}/data/dbay/documents_naming_agencies.json?_shape=array") as answer:
        rows = json.load(answer)
    assert [(row["id"], row["measures"], row["measures_naming_agencies"]) for row in rows] == [
        (TASKS, 55, 55),
        (OPINIONS, 27, 0),
        (PLAN, 31, 0),
    ]
    with urllib.request.urlopen(f"{server}/data/-/metadata.json") as answer:
        queries = json.load(answer)["databases"]["dbay"]["queries"]
    for ranking in ("agencies_ranked", "agencies_leading"):
        assert "Which documents name agencies" in queries[ranking]["description"], ranking
