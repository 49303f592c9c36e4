"""Related measures in the API and on the provision page (issue 14).

Expected values read off the seed texts: the plan's 二（一）1 proposes 探索建设“港澳数据特区” (2023-11-07); the
2024 work points' (四) is 打造粤港澳大湾区“数据特区” (2024-05-10), later; the opinions are undated.
"""

from typing import Any
from urllib.parse import quote

from flask.testing import FlaskClient

from tests.service.conftest import PLAN
from tests.service.test_api import POINTS, get, problem

SPECIAL_ZONE = f"{PLAN}.2.1.1"
IN_2024 = f"{POINTS}.1.4"


def _related(client: FlaskClient, measure_id: str, lang: str = "zh-Hans") -> list[dict[str, Any]]:
    related: list[dict[str, Any]] = get(client, f"/api/v1/measures/{measure_id}?lang={lang}")["data"]["related"]
    return related


def test_a_measure_lists_the_later_measure_continuing_it_with_evidence(client: FlaskClient) -> None:
    related = _related(client, SPECIAL_ZONE)
    best = next(r for r in related if r["id"] == IN_2024)
    assert best["document_id"] == POINTS and best["issued"] == "2024-05-10" and best["direction"] == "later"
    assert best["title"] == "打造粤港澳大湾区“数据特区”"
    assert best["url"] == f"/api/v1/measures/{IN_2024}"
    assert any("数据特区" in term for term in best["evidence"]["shared_terms"])
    assert 0 < best["score"] <= 1 and best["rank"] >= 1
    assert [r["rank"] for r in related] == list(range(1, len(related) + 1))
    assert all(r["document_id"] != PLAN for r in related)


def test_related_measures_answer_in_the_script_asked_for(client: FlaskClient) -> None:
    best = next(r for r in _related(client, SPECIAL_ZONE, "zh-Hant") if r["id"] == IN_2024)
    assert best["title"] == "打造粵港澳大灣區“數據特區”"
    assert any("數據特區" in term for term in best["evidence"]["shared_terms"])


def test_the_provision_page_lists_its_related_measures_with_their_evidence(client: FlaskClient) -> None:
    page = client.get(f"/measures/{quote(SPECIAL_ZONE)}").get_data(as_text=True)
    assert 'id="related"' in page
    assert f'href="/measures/{IN_2024}' in page
    assert '<b class="shared">数据特区</b>' in page  # the shared words, in bold in the related provision's title


def test_the_relations_list_follows_a_promise_forward(client: FlaskClient) -> None:
    listed = get(client, f"/api/v1/relations?measure={SPECIAL_ZONE}&direction=later")
    assert IN_2024 in [r["target_id"] for r in listed["data"]]
    assert {r["source_id"] for r in listed["data"]} == {SPECIAL_ZONE} and {r["direction"] for r in listed["data"]} == {"later"}
    relation = next(r for r in listed["data"] if r["target_id"] == IN_2024)
    assert relation["links"] == {"source": f"/api/v1/measures/{SPECIAL_ZONE}", "target": f"/api/v1/measures/{IN_2024}"}
    assert listed["meta"]["total"] == len(listed["data"])


def test_the_relations_list_pages_through_a_documents_relations_in_reading_order(client: FlaskClient) -> None:
    first = get(client, f"/api/v1/relations?document={PLAN}&limit=5")
    assert len(first["data"]) == 5 and first["meta"]["total"] > 5 and first["links"]["next"]
    assert all(r["source_id"].startswith(f"{PLAN}.") for r in first["data"])
    ranks = [r["rank"] for r in first["data"] if r["source_id"] == first["data"][0]["source_id"]]
    assert ranks == list(range(1, len(ranks) + 1))


def test_a_measure_the_release_lacks_is_a_bad_parameter(client: FlaskClient) -> None:
    detail = problem(client, f"/api/v1/relations?measure={PLAN}.9.9", 400)["detail"]
    assert "measure" in detail and f"{PLAN}.9.9" in detail
