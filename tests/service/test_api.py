"""The JSON API: every endpoint and parameter, errors, paging, releases, caching.

Expected values were read off the source documents (see tests/test_seed_documents.py).
"""

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.service.conftest import CORRECTED_MEASURE, NEW, OLD, PLAN

POINTS = "digital-guangdong-2024-key-tasks"
OPINIONS = "accelerating-digital-development-opinions"
DATA_BUREAU = "sheng-zheng-wu-fu-wu-he-shu-ju-guan-li-ju"


def get(client: FlaskClient, url: str, status: int = 200, /, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_json()


def problem(client: FlaskClient, url: str, status: int) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json()
    assert body["status"] == status and body["detail"]
    return body


def every_page(client: FlaskClient, url: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while url:
        page = get(client, url)
        items += page["data"]
        url = page["links"]["next"]
    return items


# --- documents ---------------------------------------------------------------------------------


def test_documents_list_and_envelope(client: FlaskClient) -> None:
    response = client.get("/api/v1/documents")
    body = response.get_json()
    assert response.headers["X-Dataset-Version"] == NEW
    assert body["meta"] == {"release": NEW, "lang": "zh-Hans", "total": 3, "limit": 50}
    assert [d["id"] for d in body["data"]] == sorted([PLAN, POINTS, OPINIONS])
    assert body["links"] == {"self": "/api/v1/documents", "next": None}
    opinions = next(d for d in body["data"] if d["id"] == OPINIONS)
    assert (opinions["declared_measures"], opinions["extracted_measures"]) == (33, 27)


def test_document_outline_renditions_and_coverage(client: FlaskClient) -> None:
    document = get(client, f"/api/v1/documents/{PLAN}")["data"]
    assert document["doc_number"] == "粤办函〔2023〕297号"
    assert [(n["path"], n["type"]) for n in document["outline"]] == [
        ("1", "section"),
        ("2", "section"),
        ("3", "measure"),
        ("4", "section"),
    ]
    tasks = document["outline"][1]
    six = next(n for n in tasks["children"] if n["path"] == "2.6")
    assert [(c["id"], c["title"]) for c in six["children"]] == [
        (f"{PLAN}.2.6.1", "推动粤港澳政务服务一体化"),
        (f"{PLAN}.2.6.2", "依托“湾事通”平台提升湾区居民公共服务便捷性"),
    ]
    coverage = {r["kind"]: (r["measures_carried"], r["canonical"]) for r in document["renditions"]}
    assert coverage == {"official": (31, True), "encyclopedia": (11, False), "news": (29, False)}


def test_unknown_ids_are_404_problems(client: FlaskClient) -> None:
    for url in (
        "/api/v1/documents/nope",
        f"/api/v1/measures/{PLAN}.9.9",
        "/api/v1/agencies/nope",
        "/api/v1/releases/0.1",
        "/api/v1/nothing-here",
    ):
        assert problem(client, url, 404)["title"] == "Not Found"


def test_a_404_names_what_is_missing_and_where(client: FlaskClient) -> None:
    assert problem(client, "/api/v1/documents/nope", 404)["detail"] == f"document 'nope' does not exist in release {NEW}"
    old = problem(client, f"/api/v1/documents/nope?release={OLD}", 404)["detail"]
    assert old == f"document 'nope' does not exist in release {OLD}"
    assert problem(client, "/api/v1/releases/9.9", 404)["detail"] == f"release '9.9' does not exist; available: {NEW}, {OLD}"


# --- measures: filters, search, fields, paging ----------------------------------------------------


def test_filters_combine(client: FlaskClient) -> None:
    section = get(client, f"/api/v1/measures?document={PLAN}&section=2.6")
    assert [m["path"] for m in section["data"]] == ["2.6.1", "2.6.2"]
    assert get(client, f"/api/v1/measures?document={PLAN}&section=2")["meta"]["total"] == 23
    leads = get(client, f"/api/v1/measures?agency={DATA_BUREAU}&role=lead&limit=500")
    assert leads["meta"]["total"] == 21
    shares = get(client, f"/api/v1/measures?agency={DATA_BUREAU}&role=participating&document={POINTS}")
    assert shares["meta"]["total"] == 13
    both = get(client, f"/api/v1/measures?agency={DATA_BUREAU}")
    assert both["meta"]["total"] == 34
    # Items of the 2024 work points whose clause names nobody as lead (only 按职责分工负责): (六)(八)(十一)
    # (十四)(十六)(二十四)(二十五)(二十六)(二十八)(三十)(三十五)(三十六)(四十)(四十二)(四十六)(四十九)(五十)
    # (五十一)(五十五): 19 of 55; the other documents have no agency clauses.
    assert get(client, "/api/v1/measures?role=lead&limit=1")["meta"]["total"] == 55 - 19


def test_search_finds_substrings_in_either_script(client: FlaskClient) -> None:
    simplified = get(client, "/api/v1/measures?q=养老&limit=500")
    traditional = get(client, "/api/v1/measures?q=養老&limit=500")
    ids = {m["id"] for m in simplified["data"]}
    assert ids == {m["id"] for m in traditional["data"]}
    everything = every_page(client, "/api/v1/measures?limit=500")
    assert ids == {m["id"] for m in everything if "养老" in m["title"] or "养老" in m["text"]}
    assert ids  # 养老 appears in the plan's 2.1.1, 2.5.2 and 2.6.2, among others
    assert all("<mark>养老</mark>" in m["snippet"] for m in simplified["data"])
    assert "<mark>養老</mark>" in get(client, "/api/v1/measures?q=養老&lang=zh-Hant")["data"][0]["snippet"]


@pytest.mark.parametrize(
    "filters",
    [
        f"document={POINTS}",
        f"document={PLAN}&section=2",
        "section=2",
        f"agency={DATA_BUREAU}&role=lead",
        "role=participating",
        # Several values: no longer one range of rowids, searched as conditions
        f"document={PLAN},{OPINIONS}",
        f"document={PLAN}&section=2.1,2.6",
        "section=1,3",
        f"agency={DATA_BUREAU},sheng-ke-ji-ting&role=lead,participating",
        f"agency_lineage={DATA_BUREAU}",
        "issued_after=2023-01-01&issued_before=2023-12-31",
    ],
)
def test_a_filtered_search_is_the_search_s_ranking_of_the_filtered_list(client: FlaskClient, filters: str) -> None:
    # Outline filters are searched as ranges of rowids, the others as conditions: either way the
    # answer must be the unfiltered ranking with the measures outside the filter left out.
    ranked = [m["id"] for m in every_page(client, "/api/v1/measures?q=数据&limit=7&fields=id")]
    allowed = {m["id"] for m in every_page(client, f"/api/v1/measures?{filters}&limit=500&fields=id")}
    searched = every_page(client, f"/api/v1/measures?q=数据&{filters}&limit=3&fields=id")
    assert [m["id"] for m in searched] == [i for i in ranked if i in allowed]
    assert searched, filters


def test_fields_choose_what_is_returned(client: FlaskClient) -> None:
    page = get(client, f"/api/v1/measures?document={PLAN}&fields=title,path&limit=2")
    assert [set(m) for m in page["data"]] == [{"id", "title", "path"}] * 2
    invalid = problem(client, "/api/v1/measures?fields=title,colour", 400)["invalid_params"]
    assert invalid[0]["name"] == "fields" and invalid[0]["reason"].startswith("item 2: 'colour' is not one of id, ")


def test_a_section_alone_is_that_part_of_every_document(client: FlaskClient) -> None:
    first_parts = get(client, "/api/v1/measures?section=1&limit=500&fields=path,document_id")["data"]
    assert {m["document_id"] for m in first_parts} == {PLAN, POINTS, OPINIONS}
    assert all(m["path"].startswith("1.") for m in first_parts)
    in_plan = get(client, f"/api/v1/measures?section=1&document={PLAN}&limit=500&fields=document_id")["data"]
    assert [m["id"] for m in in_plan] == [m["id"] for m in first_parts if m["document_id"] == PLAN]


def test_a_query_with_nothing_to_search_for_matches_nothing(client: FlaskClient) -> None:
    # *(, "" (an empty phrase), 、 and a space: no letter, digit or ideograph (a lone " is a syntax error now)
    for query in ("%2A%28", "%22%22", "%E3%80%81", "+"):
        assert get(client, f"/api/v1/measures?q={query}")["meta"]["total"] == 0, query


def test_a_filter_naming_no_record_is_a_400_naming_it(client: FlaskClient) -> None:
    for parameter in ("document", "agency"):
        body = problem(client, f"/api/v1/measures?{parameter}=nope", 400)
        assert body["detail"] == f"{parameter}: 'nope' does not exist in release {NEW}"
        assert [item["name"] for item in body["invalid_params"]] == [parameter]
    assert problem(client, f"/api/v1/measures?document={PLAN}&release={OLD}&agency=nope", 400)["detail"].endswith(OLD)


def test_paging_to_the_end_has_no_gaps_or_repeats(client: FlaskClient) -> None:
    all_ids = [m["id"] for m in get(client, "/api/v1/measures?limit=500&fields=id")["data"]]
    assert len(all_ids) == 113
    paged = [m["id"] for m in every_page(client, "/api/v1/measures?limit=7&fields=id")]
    assert paged == all_ids
    assert len(set(paged)) == 113


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=ten", "limit"),
        ("cursor=!!!", "cursor"),
        ("cursor=eyJyIjoiMjAyNi4yIiwibyI6LTF9", "cursor"),
        (f"cursor=eyJyIjoiMjAyNi4xIiwibyI6N30&release={NEW}", "cursor"),  # issued for 2026.1
        ("lang=fr", "lang"),
        ("release=1999.1", "release"),
        ("release=2026.2%0A", "release"),
        (f"document={PLAN}&section=two", "section"),
        ("section=2.6%0A", "section"),
        ("document=Nope", "document"),
        ("agency=" + "a" * 201, "agency"),
        ("role=boss", "role"),
        ("q=", "q"),
        ("fields=", "fields"),
        ("fields=title,,path", "fields"),
        ("colour=red", "colour"),
    ],
)
def test_invalid_parameters_are_400_problems_naming_the_parameter(client: FlaskClient, query: str, parameter: str) -> None:
    body = problem(client, f"/api/v1/measures?{query}", 400)
    assert parameter in [item["name"] for item in body["invalid_params"]]


def test_hostile_input_never_gives_a_500(client: FlaskClient) -> None:
    for url in [
        '/api/v1/measures?q="',
        "/api/v1/measures?q=NEAR(a b)",
        "/api/v1/measures?q=a OR b",
        "/api/v1/measures/%E5%85%BB",
        "/api/v1/documents?cursor=%00",
        "/api/v1/measures?limit=-1",
        "/api/v1/agencies?lang=zh-Hant&release=../../etc",
        "/downloads/..%2Fsources",
    ]:
        assert client.get(url).status_code < 500, url


# --- one measure ---------------------------------------------------------------------------------


def test_a_measure_with_its_sources_agencies_and_citation(client: FlaskClient) -> None:
    measure = get(client, f"/api/v1/measures/{PLAN}.2.6.1")["data"]
    assert measure["citation"]["text"] == "《“数字湾区”建设三年行动方案》（粤办函〔2023〕297号）二（六）1"
    assert measure["citation"]["notation"] == "二（六）1"
    assert measure["document"]["title"] == "“数字湾区”建设三年行动方案"
    kinds = [s["kind"] for s in measure["sources"]]
    assert kinds == ["official", "news"]  # the encyclopedia page stops after 二(二)
    news = measure["sources"][1]
    assert news["raw_text"].startswith("1. 推动粤港澳政服务一体化")
    points = get(client, f"/api/v1/measures/{POINTS}.1.2")["data"]
    roles = {a["name"]: a["role"] for a in points["agencies"]}
    assert roles == {
        "省政务服务和数据管理局": "lead",
        "省委金融办": "participating",
        "省发展改革委": "participating",
        "省科技厅": "participating",
        "省工业和信息化厅": "participating",
        "省国资委": "participating",
    }
    assert points["citation"]["text"] == "《数字广东建设2024年工作要点》一（二）"


def test_inferred_levels_are_cited_by_their_headings(client: FlaskClient) -> None:
    citation = get(client, f"/api/v1/measures/{OPINIONS}.2.1.6")["data"]["citation"]
    assert citation["notation"] == "数字经济／巩固提升数字经济核心产业，打造数字化发展新优势／（六）"


def test_lang_and_accept_language_select_the_script(client: FlaskClient) -> None:
    url = f"/api/v1/measures/{PLAN}.2.1.1"
    assert get(client, url)["data"]["title"] == "推动数据要素合规高效、安全有序流通"
    traditional = get(client, url + "?lang=zh-Hant")
    assert traditional["data"]["title"] == "推動數據要素合規高效、安全有序流通"
    assert traditional["meta"]["lang"] == "zh-Hant"
    assert get(client, url, **{"Accept-Language": "zh-HK,zh;q=0.8"})["data"]["title"].startswith("推動")
    assert get(client, url, **{"Accept-Language": "en,zh-CN;q=0.5"})["data"]["title"].startswith("推动")
    agency = get(client, f"/api/v1/agencies/{DATA_BUREAU}?lang=zh-Hant")["data"]
    assert agency["name"] == "省政務服務和數據管理局"


# --- agencies and releases --------------------------------------------------------------------------


def test_agencies_rank_by_measures_led(client: FlaskClient) -> None:
    agencies = get(client, "/api/v1/agencies?limit=3")
    assert agencies["data"][0]["id"] == DATA_BUREAU
    assert agencies["data"][0]["counts"] == {"lead": 21, "participating": 13}
    assert agencies["links"]["next"]
    detail = get(client, f"/api/v1/agencies/{DATA_BUREAU}")["data"]
    assert len(detail["measures"]["lead"]) == 21 and len(detail["measures"]["participating"]) == 13
    assert detail["measures"]["lead"][0]["id"] == f"{POINTS}.1.1"


def test_releases_and_their_changes(client: FlaskClient) -> None:
    releases = get(client, "/api/v1/releases")["data"]
    assert [(r["version"], r["latest"], r["previous_version"]) for r in releases] == [(NEW, True, OLD), (OLD, False, None)]
    assert {"database", "tables", "datapackage", "checksums"} <= set(releases[0]["links"])
    new = client.get(f"/api/v1/releases/{NEW}")
    changes = new.get_json()["data"]["changes"]
    assert [(c["record_id"], c["change"]) for c in changes] == [(CORRECTED_MEASURE, "changed")]
    assert new.get_json()["data"]["counts"]["measures"] == 113
    old = client.get(f"/api/v1/releases/{OLD}")
    assert old.headers["X-Dataset-Version"] == OLD and old.get_json()["meta"]["release"] == OLD


def test_any_release_can_answer(client: FlaskClient) -> None:
    url = f"/api/v1/measures/{CORRECTED_MEASURE}"
    assert "百县千镇万村" in get(client, url)["data"]["text"]
    old = client.get(url + f"?release={OLD}")
    assert "百县干镇万村" in old.get_json()["data"]["text"]
    assert old.headers["X-Dataset-Version"] == OLD
    assert old.get_json()["meta"]["release"] == OLD


def test_links_answer_from_the_release_that_answered(client: FlaskClient) -> None:
    pinned = get(client, f"/api/v1/measures/{CORRECTED_MEASURE}?release={OLD}")
    assert pinned["links"]["self"] == f"/api/v1/measures/{CORRECTED_MEASURE}?release={OLD}"
    assert pinned["data"]["links"]["document"] == f"/api/v1/documents/{PLAN}?release={OLD}"
    row = CORRECTED_MEASURE.replace(".", "~2E")  # Datasette's tilde encoding of the id
    assert pinned["data"]["links"]["datasette"] == f"/data/dbay-{OLD.replace('.', '-')}/measures/{row}"
    for agency in get(client, f"/api/v1/agencies?release={OLD}&limit=3")["data"]:
        assert agency["links"]["self"].endswith(f"?release={OLD}")
    latest = get(client, f"/api/v1/measures/{CORRECTED_MEASURE}")
    assert latest["links"]["self"] == f"/api/v1/measures/{CORRECTED_MEASURE}"
    assert latest["data"]["links"]["datasette"] == f"/data/dbay/measures/{row}"


# --- HTTP: caching, CORS ----------------------------------------------------------------------------


def test_etag_and_304(client: FlaskClient) -> None:
    first = client.get(f"/api/v1/documents/{PLAN}")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public")
    again = client.get(f"/api/v1/documents/{PLAN}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    other_release = client.get(f"/api/v1/documents/{PLAN}?release={OLD}")
    assert other_release.headers["ETag"] != etag
    other_script = client.get(f"/api/v1/documents/{PLAN}", headers={"Accept-Language": "zh-TW"})
    assert other_script.headers["ETag"] != etag


def test_cors_is_open_for_get(client: FlaskClient) -> None:
    response = client.get("/api/v1/agencies")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/agencies", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 200 and preflight.headers["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_allows_the_headers_the_api_reads(client: FlaskClient) -> None:
    # A browser app revalidating an answer sends If-None-Match, so its preflight asks for it.
    preflight = client.options(
        f"/api/v1/measures/{CORRECTED_MEASURE}",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match, accept-language",
        },
    )
    allowed = {name.strip().lower() for name in preflight.headers["Access-Control-Allow-Headers"].split(",")}
    assert preflight.status_code == 200 and {"if-none-match", "accept-language", "accept"} <= allowed


@pytest.mark.parametrize(
    ("query", "headers", "script"),
    [("", {}, "zh-Hans"), ("?lang=zh-Hant", {}, "zh-Hant"), ("", {"Accept-Language": "zh-TW"}, "zh-Hant")],
)
def test_an_answer_says_its_script(client: FlaskClient, query: str, headers: dict[str, str], script: str) -> None:
    for path in (f"/api/v1/measures/{CORRECTED_MEASURE}", f"/measures/{CORRECTED_MEASURE}"):
        assert client.get(f"{path}{query}", headers=headers).headers["Content-Language"] == script
