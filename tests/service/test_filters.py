"""The lists' filters of several values, agencies by name and lineage, dates, sort orders and facets.

Expected values were read off the seed documents: the 2024 work points (55 measures, issued
2024-05-10) are the only one whose provisions name agencies; the plan (31, issued 2023-11-07)
and the opinions (27, no date recorded) name none.
"""

import shutil
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

from dbay import releases
from dbay.service.app import create_app
from tests.service.conftest import NEW, PLAN
from tests.service.test_api import DATA_BUREAU, OPINIONS, POINTS, every_page, get, problem

SCIENCE = "sheng-ke-ji-ting"  # 省科技厅: leads 3 measures of the work points, shares 5
OLD_BUREAU = "sheng-zheng-wu-fu-wu-shu-ju-guan-li-ju"  # 省政务服务数据管理局, the data bureau's earlier name


def ids(client: FlaskClient, url: str) -> list[str]:
    return [m["id"] for m in every_page(client, url)]


# --- several values ---------------------------------------------------------------------------------


def test_several_agencies_are_any_of_them(client: FlaskClient) -> None:
    bureau = set(ids(client, f"/api/v1/measures?agency={DATA_BUREAU}&limit=500&fields=id"))
    science = set(ids(client, f"/api/v1/measures?agency={SCIENCE}&limit=500&fields=id"))
    assert (len(bureau), len(science)) == (34, 3 + 5)
    both = get(client, f"/api/v1/measures?agency={DATA_BUREAU},{SCIENCE}&limit=500&fields=id")
    # The union, not the sum: the work points' 一（二）, 四（十三）, 六（二十四）and 十一（四十七）name both.
    assert both["meta"]["total"] == len(bureau | science) == 34 + 8 - 4
    assert {f"{POINTS}.1.2", f"{POINTS}.4.13", f"{POINTS}.6.24", f"{POINTS}.11.47"} == bureau & science
    assert [m["id"] for m in both["data"]] == [
        m for m in ids(client, "/api/v1/measures?limit=500&fields=id") if m in bureau | science
    ]


def test_several_documents_sections_and_roles(client: FlaskClient) -> None:
    assert get(client, f"/api/v1/measures?document={PLAN},{OPINIONS}&limit=1")["meta"]["total"] == 31 + 27
    paths = [m["path"] for m in get(client, f"/api/v1/measures?document={PLAN}&section=2.1,2.6&limit=500")["data"]]
    assert paths == ["2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5", "2.6.1", "2.6.2"]
    across = get(client, f"/api/v1/measures?document={PLAN},{POINTS}&section=2.6,2.1&limit=500&fields=document_id,path")
    assert [m["path"] for m in across["data"] if m["document_id"] == PLAN] == paths
    # Any role is every measure that names an agency: the work points' 55
    assert get(client, "/api/v1/measures?role=lead,participating&limit=1")["meta"]["total"] == 55
    lead_or_shared = get(client, f"/api/v1/measures?agency={SCIENCE}&role=lead,participating&limit=1")["meta"]["total"]
    assert lead_or_shared == 8


def test_agencies_and_documents_narrow_together(client: FlaskClient) -> None:
    # AND across filters: the bureau's measures in the plan (which names no agency) are none
    assert get(client, f"/api/v1/measures?agency={DATA_BUREAU}&document={PLAN},{OPINIONS}")["meta"]["total"] == 0
    assert get(client, f"/api/v1/measures?agency={DATA_BUREAU}&document={PLAN},{POINTS}")["meta"]["total"] == 34


def test_a_repeated_parameter_is_a_400_saying_to_use_commas(client: FlaskClient) -> None:
    for url in (
        f"/api/v1/measures?agency={DATA_BUREAU}&agency={SCIENCE}",
        "/api/v1/measures?limit=1&limit=2",
        "/api/v1/documents?sort=id&sort=title",
        f"/api/v1/agencies/{DATA_BUREAU}?lang=zh-Hans&lang=zh-Hant",
    ):
        body = problem(client, url, 400)
        name = url.split("?")[1].split("=")[0]
        assert [item["name"] for item in body["invalid_params"]] == [name]
        assert "comma-separated" in body["detail"]


@pytest.mark.parametrize("query", ["agency=", f"agency={SCIENCE},", "document=,", "role=lead,boss", "agency=%01"])
def test_an_empty_or_bad_value_in_a_list_is_a_400(client: FlaskClient, query: str) -> None:
    body = problem(client, f"/api/v1/measures?{query}", 400)
    assert [item["name"] for item in body["invalid_params"]] == [query.split("=")[0]]


# --- agencies by name, lineages ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "named",
    ["省政务服务和数据管理局", "省政務服務和數據管理局", "政务服务和数据管理局", "政務服務和數據管理局", DATA_BUREAU],
)
def test_an_agency_by_name_or_alias_in_either_script(client: FlaskClient, named: str) -> None:
    assert get(client, f"/api/v1/measures?agency={quote(named)}&role=lead&limit=1")["meta"]["total"] == 21


def test_names_and_ids_mix(client: FlaskClient) -> None:
    assert get(client, f"/api/v1/measures?agency={quote('省科技廳')},{DATA_BUREAU}&limit=1")["meta"]["total"] == 38


def test_the_old_name_in_either_script_names_the_old_agency(client: FlaskClient) -> None:
    for name in ("省政务服务数据管理局", "省政務服務數據管理局"):
        agency = get(client, f"/api/v1/measures?agency_lineage={quote(name)}&facets=agency&limit=1")
        # Its lineage is the data bureau's: the bureau's 34 measures (the old name has none in the seeds)
        assert agency["meta"]["total"] == 34
        assert get(client, f"/api/v1/measures?agency={quote(name)}")["meta"]["total"] == 0


@pytest.mark.parametrize(
    ("parameter", "known", "unknown"),
    [("document", PLAN, "nope"), ("agency", DATA_BUREAU, "省不存在局"), ("agency_lineage", DATA_BUREAU, "省不存在局")],
)
def test_a_filter_naming_no_record_is_a_400_naming_it_and_the_value(
    client: FlaskClient, parameter: str, known: str, unknown: str
) -> None:
    for values in (unknown, f"{known},{unknown}"):
        body = problem(client, f"/api/v1/measures?{parameter}={quote(values, safe=',')}", 400)
        assert body["detail"] == f"{parameter}: {unknown!r} does not exist in release {NEW}"
        assert [item["name"] for item in body["invalid_params"]] == [parameter]


def test_a_name_two_agencies_answer_to_stands_for_both(data_dir: Path, tmp_path: Path) -> None:
    # A copy of the latest release in which 省科技厅 also answers to the data bureau's alias
    database = releases.release_path(data_dir, NEW)
    copy = releases.release_path(tmp_path, NEW)
    shutil.copy(database, copy)
    with sqlite3.connect(copy) as connection:
        connection.execute("update agencies set aliases = '[\"政务服务和数据管理局\"]' where id = ?", (SCIENCE,))
        connection.execute("update releases set content_sha256 = 'changed'")
    client = create_app({"DATA_DIR": tmp_path, "TESTING": True}).test_client()
    shared = get(client, f"/api/v1/measures?agency={quote('政务服务和数据管理局')}&limit=1")["meta"]["total"]
    assert shared == get(client, f"/api/v1/measures?agency={DATA_BUREAU},{SCIENCE}&limit=1")["meta"]["total"] == 38
    # Its full name is still the bureau's alone
    assert get(client, f"/api/v1/measures?agency={quote('省政务服务和数据管理局')}&limit=1")["meta"]["total"] == 34


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dates", "documents"),
    [
        ("issued_after=2024-01-01", [POINTS]),
        ("issued_after=2024-05-10", [POINTS]),  # inclusive
        ("issued_after=2024-05-11", []),
        ("issued_before=2023-11-07", [PLAN]),  # inclusive
        ("issued_before=2023-11-06", []),
        ("issued_after=2023-11-07&issued_before=2024-05-10", [PLAN, POINTS]),
        ("issued_before=2999-12-31", [PLAN, POINTS]),  # the opinions have no date: left out
    ],
)
def test_documents_and_measures_by_date_of_issue(client: FlaskClient, dates: str, documents: list[str]) -> None:
    assert [d["id"] for d in get(client, f"/api/v1/documents?{dates}")["data"]] == sorted(documents)
    measures = {PLAN: 31, POINTS: 55}
    assert get(client, f"/api/v1/measures?{dates}&limit=1")["meta"]["total"] == sum(measures[d] for d in documents)


@pytest.mark.parametrize("value", ["2024", "2024-5-1", "20240510", "2024-W19-5", "2024-02-30", "2024-13-01"])
def test_a_date_not_written_yyyy_mm_dd_is_a_400(client: FlaskClient, value: str) -> None:
    for url in (f"/api/v1/measures?issued_after={value}", f"/api/v1/documents?issued_before={value}"):
        body = problem(client, url, 400)
        assert [item["name"] for item in body["invalid_params"]] == [url.split("?")[1].split("=")[0]]
        assert value in body["detail"] or "YYYY-MM-DD" in body["detail"]


# --- sort -----------------------------------------------------------------------------------------


def _every_way(client: FlaskClient, url: str) -> list[Any]:
    """The list in one page, after checking that pages of one give the very same rows in the same order."""
    whole = get(client, f"{url}&limit=500")
    paged = every_page(client, f"{url}&limit=1")
    assert [item["id"] for item in paged] == [item["id"] for item in whole["data"]]
    assert len(paged) == whole["meta"]["total"]
    items: list[Any] = whole["data"]
    return items


def test_measures_by_date_of_issue_then_document_order(client: FlaskClient) -> None:
    in_order = ids(client, "/api/v1/measures?limit=500&fields=id")
    by_document = {d: [m for m in in_order if m.startswith(f"{d}.")] for d in (PLAN, POINTS, OPINIONS)}
    url = f"/api/v1/measures?document={PLAN},{POINTS},{OPINIONS}&fields=id"
    oldest = [m["id"] for m in _every_way(client, f"{url}&sort=issued")]
    assert oldest == by_document[PLAN] + by_document[POINTS] + by_document[OPINIONS]  # undated last
    newest = [m["id"] for m in _every_way(client, f"{url}&sort=-issued")]
    assert newest == by_document[POINTS] + by_document[PLAN] + by_document[OPINIONS]
    assert [m["id"] for m in _every_way(client, f"{url}&sort=position")] == in_order


def test_sort_and_q(client: FlaskClient) -> None:
    ranked = get(client, "/api/v1/measures?q=数据&limit=500&fields=id")["data"]
    assert get(client, "/api/v1/measures?q=数据&sort=relevance&limit=500&fields=id")["data"] == ranked
    for url in (
        "/api/v1/measures?sort=relevance",
        "/api/v1/measures?q=数据&sort=issued",
        "/api/v1/measures?q=数据&sort=position",
    ):
        assert [item["name"] for item in problem(client, url, 400)["invalid_params"]] == ["sort"]


def test_documents_in_each_order(client: FlaskClient) -> None:
    assert [d["id"] for d in _every_way(client, "/api/v1/documents?sort=id")] == sorted([PLAN, POINTS, OPINIONS])
    assert [d["id"] for d in _every_way(client, "/api/v1/documents?sort=issued")] == [PLAN, POINTS, OPINIONS]
    assert [d["id"] for d in _every_way(client, "/api/v1/documents?sort=-issued")] == [POINTS, PLAN, OPINIONS]
    for lang in ("zh-Hans", "zh-Hant"):
        titles = [d["title"] for d in _every_way(client, f"/api/v1/documents?sort=title&lang={lang}")]
        assert titles == sorted(titles)


def test_agencies_in_each_order(client: FlaskClient) -> None:
    default = _every_way(client, "/api/v1/agencies?lang=zh-Hans")
    assert [a["id"] for a in _every_way(client, "/api/v1/agencies?sort=lead")] == [a["id"] for a in default]
    counts = [(-a["counts"]["lead"], -a["counts"]["participating"], a["id"]) for a in default]
    assert counts == sorted(counts)
    shares = [
        (-a["counts"]["participating"], -a["counts"]["lead"], a["id"])
        for a in _every_way(client, "/api/v1/agencies?sort=participating")
    ]
    assert shares == sorted(shares)
    assert shares[0][2] == DATA_BUREAU  # shares 13, more than any other
    named = [(a["name"], a["id"]) for a in _every_way(client, "/api/v1/agencies?sort=name&lang=zh-Hant")]
    assert named == sorted(named) and len(named) == len(default)
    by_id = [a["id"] for a in _every_way(client, "/api/v1/agencies?sort=id")]
    assert by_id == sorted(by_id)


def test_a_next_link_keeps_the_sort(client: FlaskClient) -> None:
    following = get(client, "/api/v1/documents?sort=-issued&limit=1")["links"]["next"]
    assert "sort=-issued" in following and get(client, following)["data"][0]["id"] == PLAN


# --- facets ---------------------------------------------------------------------------------------


def _facets(client: FlaskClient, query: str) -> tuple[int, dict[str, Any]]:
    body = get(client, f"/api/v1/measures?{query}&limit=1&fields=id")
    return body["meta"]["total"], body["meta"]["facets"]


def test_facets_count_the_whole_list(client: FlaskClient) -> None:
    total, facets = _facets(client, "facets=document,year,role")
    assert total == 113
    assert [(v["value"], v["count"]) for v in facets["document"]["values"]] == [(POINTS, 55), (PLAN, 31), (OPINIONS, 27)]
    assert facets["document"]["values"][1]["label"] == "“数字湾区”建设三年行动方案"
    assert [(v["value"], v["count"]) for v in facets["year"]["values"]] == [("2024", 55), ("2023", 31), (None, 27)]
    # 55 work points, of which 19 name nobody as lead (test_api.test_filters_combine)
    assert facets["role"]["values"][0] == {"value": "lead", "label": "lead", "count": 55 - 19}
    assert facets["document"]["more"] == facets["year"]["more"] == facets["role"]["more"] == 0


def test_a_facet_s_count_is_the_total_its_filter_gives(client: FlaskClient) -> None:
    for base in ("", "q=数据&", f"agency={DATA_BUREAU}&", "role=participating&", f"document={PLAN},{POINTS}&q=数字&"):
        _, facets = _facets(client, f"{base}facets=document,agency,role")
        for name in ("document", "agency", "role"):
            if f"{name}=" in base:  # the facet of a filter given counts within its values
                continue
            for value in facets[name]["values"]:
                filtered = get(client, f"/api/v1/measures?{base}{name}={value['value']}&limit=1")["meta"]["total"]
                assert value["count"] == filtered, (base, name, value)


def test_the_agency_facet_lists_twenty_and_says_how_many_more(client: FlaskClient) -> None:
    _, facets = _facets(client, "facets=agency&lang=zh-Hant")
    named = [a for a in every_page(client, "/api/v1/agencies?limit=500") if sum(a["counts"].values())]
    assert len(facets["agency"]["values"]) == 20 and facets["agency"]["more"] == len(named) - 20
    counts = [(-v["count"], v["value"]) for v in facets["agency"]["values"]]
    assert counts == sorted(counts)
    assert facets["agency"]["values"][0] == {"value": DATA_BUREAU, "label": "省政務服務和數據管理局", "count": 34}


def test_facets_of_a_search_count_its_matches(client: FlaskClient) -> None:
    total, facets = _facets(client, "q=养老&facets=document,year")
    assert total == sum(v["count"] for v in facets["document"]["values"]) == sum(v["count"] for v in facets["year"]["values"])
    assert total > 1
    _, nothing = _facets(client, "q=%E3%80%81&facets=document")  # 、 alone: nothing to search for
    assert nothing["document"] == {"values": [], "more": 0}


def test_no_facets_unless_asked_and_unknown_ones_are_400s(client: FlaskClient) -> None:
    assert "facets" not in get(client, "/api/v1/measures?limit=1")["meta"]
    assert [item["name"] for item in problem(client, "/api/v1/measures?facets=colour", 400)["invalid_params"]] == ["facets"]
