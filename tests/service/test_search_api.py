"""q's syntax, cross-strait variants, renditions' wording and `matched` through the API and the search
page; q on agencies and documents.

Expected values were read off the seed release with SQL (measure_sources.raw_text for the
renditions' wording): the plan's Traditional encyclopedia repost and its news repost write
數位化 and 人工智慧 where the plan says 数字化 and 人工智能.
"""

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from dbay.build.scripts import to_hans
from tests.conftest import query
from tests.service.conftest import NEW, PLAN

ENCYCLOPEDIA, NEWS = f"{PLAN}.encyclopedia", f"{PLAN}.news"
INDUSTRY_BUREAU = "sheng-gong-ye-he-xin-xi-hua-ting"  # 省工业和信息化厅


def get(client: FlaskClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def all_ids(client: FlaskClient, url: str) -> set[str]:
    answer = get(client, f"{url}&limit=500")
    assert answer["meta"]["total"] == len(answer["data"])
    return {item["id"] for item in answer["data"]}


def own_text_scan(data_dir: Path, word: str) -> set[str]:
    rows = query(data_dir / f"dbay-{NEW}.db", "select id, title, text, title_hant, text_hant from measures")
    return {
        row["id"] for row in rows if any(word in to_hans(row[column]) for column in ("title", "text", "title_hant", "text_hant"))
    }


def test_a_taiwan_word_finds_the_mainland_word_and_says_so(client: FlaskClient, data_dir: Path) -> None:
    answer = get(client, "/api/v1/measures?q=人工智慧&limit=500")
    assert answer["meta"]["search"] == {"query": "人工智慧", "expanded": [{"term": "人工智慧", "variants": ["人工智能"]}]}
    found = {item["id"] for item in answer["data"]}
    with_mainland_word = own_text_scan(data_dir, "人工智能")
    assert len(with_mainland_word) == 18 and found == with_mainland_word
    assert all_ids(client, "/api/v1/measures?q=人工智能") == found  # the same both ways
    # The snippet marks the variant the text has.
    assert all("<mark>人工智能</mark>" in (item["snippet"] or "") for item in answer["data"] if "人工智能" in item["text"])


def test_facets_count_what_the_list_searched_variants_included(client: FlaskClient) -> None:
    """Facets count the whole result of the widened query, so their counts add up to its total."""
    answer = get(client, "/api/v1/measures?q=人工智慧&facets=document,year&limit=1")
    assert answer["meta"]["total"] == 18
    for facet in ("document", "year"):  # a measure has one document and one year (null if undated)
        counted = answer["meta"]["facets"][facet]
        assert counted["more"] == 0 and sum(value["count"] for value in counted["values"]) == 18


def test_a_word_whose_variant_is_in_no_measure_is_not_expanded(client: FlaskClient, data_dir: Path) -> None:
    # 互联网's variant 网际网路 is only in a repost, 数字's variant 数位 too: the plain search, nothing added.
    for word in ("互联网", "数字"):
        answer = get(client, f"/api/v1/measures?q={word}&limit=500")
        assert answer["meta"]["search"] == {"query": word, "expanded": []}
        assert own_text_scan(data_dir, word) <= {item["id"] for item in answer["data"]}


def test_or_exclusion_and_phrase(client: FlaskClient, data_dir: Path) -> None:
    pension, data, internet = (own_text_scan(data_dir, word) for word in ("养老", "数据", "互联网"))
    assert all_ids(client, "/api/v1/measures?q=养老 OR 互联网") >= pension | internet
    excluded = all_ids(client, "/api/v1/measures?q=数据 -互联网")
    assert excluded and not excluded & internet and excluded <= data | all_ids(client, "/api/v1/measures?q=数据")
    assert all_ids(client, '/api/v1/measures?q="数据要素"') == all_ids(client, "/api/v1/measures?q=数据要素")
    assert all_ids(client, '/api/v1/measures?q="据、云"') == own_text_scan(data_dir, "据、云") != set()


@pytest.mark.parametrize(
    ("q", "reason"),
    [
        ("%22养老", "unbalanced quote"),
        ("-养老", "only exclusions: add a term to search for"),
        ("养老 OR", "OR at the end"),
        ("-", 'a bare "-"'),
    ],
)
@pytest.mark.parametrize("endpoint", ["measures", "agencies", "documents"])
def test_malformed_syntax_is_a_400_naming_q(client: FlaskClient, endpoint: str, q: str, reason: str) -> None:
    response = client.get(f"/api/v1/{endpoint}?q={q}")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["invalid_params"][0]["name"] == "q" and reason in body["invalid_params"][0]["reason"]


def test_the_search_page_refuses_malformed_syntax_naming_q(client: FlaskClient) -> None:
    response = client.get("/search?q=-养老")
    assert response.status_code == 400
    assert "q: only exclusions: add a term to search for" in response.get_data(as_text=True)


def test_a_word_only_a_rendition_has_finds_the_measure_and_says_where(client: FlaskClient) -> None:
    answer = get(client, "/api/v1/measures?q=数位化&limit=500")
    assert answer["meta"]["total"] == 17  # 5 measures in the encyclopedia's wording, 13 in the news' (one in both)
    matched = {item["id"]: item["matched"] for item in answer["data"]}
    assert matched[f"{PLAN}.1.1"] == [{"field": "rendition", "rendition_id": ENCYCLOPEDIA}]
    assert matched[f"{PLAN}.2.1.4"] == [
        {"field": "rendition", "rendition_id": ENCYCLOPEDIA},
        {"field": "rendition", "rendition_id": NEWS},
    ]
    assert matched[f"{PLAN}.4.4"] == [{"field": "rendition", "rendition_id": NEWS}]
    assert all(item["snippet"] is None for item in answer["data"])  # the measure's own text lacks the word
    page = client.get("/search?q=数位化").get_data(as_text=True)
    assert f"在 {ENCYCLOPEDIA} 中找到" in page


def test_matched_names_title_and_text(client: FlaskClient) -> None:
    answer = get(client, f"/api/v1/measures?q=实施步骤&document={PLAN}")
    # The plan's 实施步骤 measure is titled so and its text starts with the title.
    assert answer["data"] and all(item["matched"][:2] == [{"field": "title"}, {"field": "text"}] for item in answer["data"])
    without_q = get(client, f"/api/v1/measures?document={PLAN}&limit=1")
    assert "matched" not in without_q["data"][0] and "search" not in without_q["meta"]


def test_the_search_page_says_what_it_also_searched_for(client: FlaskClient) -> None:
    page = client.get("/search?q=人工智慧").get_data(as_text=True)
    assert "也搜索了：人工智能（人工智慧）" in page
    assert "也搜索了" not in client.get("/search?q=互联网").get_data(as_text=True)


def test_agencies_q(client: FlaskClient) -> None:
    assert all_ids(client, "/api/v1/agencies?q=出入境 OR 海事") == {
        "guang-dong-hai-shi-ju",
        "guang-zhou-chu-ru-jing-bian-fang-jian-cha-zong-zhan",
        "shen-zhen-chu-ru-jing-bian-fang-jian-cha-zong-zhan",
        "zhu-hai-chu-ru-jing-bian-fang-jian-cha-zong-zhan",
    }
    assert all_ids(client, "/api/v1/agencies?q=出入境 -深圳 -珠海") == {"guang-zhou-chu-ru-jing-bian-fang-jian-cha-zong-zhan"}
    assert all_ids(client, "/api/v1/agencies?q=統計局") == {"sheng-tong-ji-ju"}  # either script
    # 資訊 is Taiwan usage for 信息, which the 工业和信息化厅's name has.
    answer = get(client, "/api/v1/agencies?q=資訊")
    assert [agency["id"] for agency in answer["data"]] == [INDUSTRY_BUREAU]
    assert answer["meta"]["search"]["expanded"] == [{"term": "资讯", "variants": ["信息"]}]
    assert answer["meta"]["documents_with_agency_clauses"]  # the list's own meta stays


def test_documents_q(client: FlaskClient) -> None:
    assert all_ids(client, "/api/v1/documents?q=数字 -湾区") == {
        "accelerating-digital-development-opinions",
        "digital-guangdong-2024-key-tasks",
    }
    assert all_ids(client, "/api/v1/documents?q=297号") == {PLAN}  # the document number
    assert all_ids(client, "/api/v1/documents?q=办公厅") == {PLAN}  # the issuer
    answer = get(client, "/api/v1/documents?q=数位")
    assert answer["meta"]["search"]["expanded"] == [{"term": "数位", "variants": ["数字"]}]
    assert answer["meta"]["total"] == 3
    assert get(client, "/api/v1/documents?q=养老")["meta"]["total"] == 0
