"""What measures are about, in the API (issue 13): /entities, /targets, the /measures filters entity,
technology, has_target and deadline_before, and a measure's entities, targets, milestones and
cited documents.

Expected values were read off the seed texts: 湾事通 is named twice in the plan's 二（六）2 (依托“湾事通”平台…,
打造“湾事通”泛公共服务与资讯平台) and once each in the 2024 work points' (一) and (四十五); the work
points' (八) is to be done 确保到2024年底; its (二十九) sets 超500项 and 提升10%; its (三十七) 200万亩
twice (林分优化提升200万亩、森林抚育提升200万亩); its (二十) cites 《广东省数据条例》, which is not among the
seeds. Only the work points set numbered targets: (十四), (二十二), (二十九) and (三十七).
"""

import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

from dbay import releases
from dbay.service.app import create_app
from tests.conftest import query
from tests.service.conftest import NEW, PLAN
from tests.service.test_api import POINTS, every_page, get, problem

WAN_SHI_TONG = "wan-shi-tong"  # 湾事通, a platform (sources/entities.yml)
BLOCKCHAIN = "qu-kuai-lian"  # 区块链, a technology without aliases
MENTIONING_WAN_SHI_TONG = [f"{PLAN}.2.6.2", f"{POINTS}.1.1", f"{POINTS}.10.45"]
SETTING_TARGETS = [f"{POINTS}.4.14", f"{POINTS}.5.22", f"{POINTS}.7.29", f"{POINTS}.9.37"]


def ids(client: FlaskClient, url: str) -> list[str]:
    return [m["id"] for m in every_page(client, url)]


# --- /entities ------------------------------------------------------------------------------------


def test_entities_are_found_by_name_in_either_script_and_filtered_by_type(client: FlaskClient) -> None:
    for name in ("湾事通", "灣事通"):
        found = get(client, f"/api/v1/entities?q={quote(name)}")["data"]
        assert [(e["id"], e["type"], e["name"]) for e in found] == [(WAN_SHI_TONG, "platform", "湾事通")]
        assert found[0]["counts"] == {"mentions": 4, "measures": 3}
        assert found[0]["links"]["measures"] == f"/api/v1/measures?entity={WAN_SHI_TONG}"
    platforms = every_page(client, "/api/v1/entities?type=platform&limit=7")
    assert WAN_SHI_TONG in {e["id"] for e in platforms} and {e["type"] for e in platforms} == {"platform"}
    both = get(client, "/api/v1/entities?type=platform,technology&limit=1")["meta"]["total"]
    technologies = get(client, "/api/v1/entities?type=technology&limit=1")["meta"]["total"]
    assert both == len(platforms) + technologies
    traditional = get(client, f"/api/v1/entities?q={quote('湾事通')}&lang=zh-Hant")["data"][0]
    assert traditional["name"] == "灣事通"


def test_an_entity_lists_the_measures_that_mention_it(client: FlaskClient) -> None:
    entity = get(client, f"/api/v1/entities/{WAN_SHI_TONG}?lang=zh-Hant")["data"]
    assert [m["id"] for m in entity["measures"]] == MENTIONING_WAN_SHI_TONG
    plan_measure = entity["measures"][0]
    assert (plan_measure["mentions"], plan_measure["raw"], plan_measure["document_id"]) == (2, ["湾事通"], PLAN)
    assert plan_measure["title"] == "依託“灣事通”平臺提升灣區居民公共服務便捷性"
    assert plan_measure["url"] == f"/api/v1/measures/{PLAN}.2.6.2"
    assert problem(client, "/api/v1/entities/no-such-entity", 404)["detail"].startswith("entity 'no-such-entity'")


# --- /targets -------------------------------------------------------------------------------------


def test_targets_are_listed_with_their_measures_and_filtered(client: FlaskClient) -> None:
    targets = every_page(client, "/api/v1/targets?limit=4")
    assert len(targets) == 9 and {t["document_id"] for t in targets} == {POINTS}
    assert sorted({t["measure_id"] for t in targets}) == sorted(SETTING_TARGETS)
    assert get(client, f"/api/v1/targets?document={PLAN}")["meta"]["total"] == 0
    area = get(client, f"/api/v1/targets?document={PLAN},{POINTS}&unit_kind=area")["data"]
    assert [(t["raw"], t["value"], t["unit"]) for t in area] == [("200万亩", 2_000_000, "亩")] * 2
    more = get(client, "/api/v1/targets?qualifier=more_than,increase_by")["data"]
    assert [(t["raw"], t["qualifier"], t["measure_id"]) for t in more] == [
        ("超500项", "more_than", f"{POINTS}.7.29"),
        ("提升10%", "increase_by", f"{POINTS}.7.29"),
    ]
    assert more[0]["links"] == {"measure": f"/api/v1/measures/{POINTS}.7.29"}
    assert get(client, "/api/v1/targets?unit_kind=volume")["meta"]["total"] == 0  # a kind no target has


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/targets?document=no-such-document", "document"),
        ("/api/v1/targets?qualifier=roughly", "qualifier"),
        ("/api/v1/targets?unit_kind=Count", "unit_kind"),
        ("/api/v1/entities?type=person", "type"),
        ("/api/v1/measures?entity=no-such-entity", "entity"),
        (f"/api/v1/measures?entity={WAN_SHI_TONG},no-such-entity", "entity"),
        (f"/api/v1/measures?technology={WAN_SHI_TONG}", "technology"),
        ("/api/v1/measures?technology=no-such-entity", "technology"),
        ("/api/v1/measures?has_target=perhaps", "has_target"),
        ("/api/v1/measures?deadline_before=2024-02-30", "deadline_before"),
        ("/api/v1/measures?deadline_before=2024", "deadline_before"),
    ],
)
def test_bad_values_are_400_problems_naming_the_parameter(client: FlaskClient, url: str, parameter: str) -> None:
    answer = problem(client, url, 400)
    assert [p["name"] for p in answer["invalid_params"]] == [parameter]


def test_an_unknown_entity_and_a_non_technology_are_named(client: FlaskClient) -> None:
    assert "'no-such-entity' does not exist" in problem(client, "/api/v1/measures?entity=no-such-entity", 400)["detail"]
    said = problem(client, f"/api/v1/measures?technology={WAN_SHI_TONG}", 400)["detail"]
    assert said == f"technology: '{WAN_SHI_TONG}' is a platform, not a technology; use entity={WAN_SHI_TONG}"


# --- /measures filters ----------------------------------------------------------------------------


def test_measures_mentioning_an_entity_or_a_technology(client: FlaskClient, data_dir: Path) -> None:
    assert ids(client, f"/api/v1/measures?entity={WAN_SHI_TONG}&fields=id") == MENTIONING_WAN_SHI_TONG
    assert ids(client, f"/api/v1/measures?entity={WAN_SHI_TONG}&document={POINTS}&fields=id") == MENTIONING_WAN_SHI_TONG[1:]
    database = releases.release_path(data_dir, NEW)
    saying = [r[0] for r in query(database, "select id from measures where instr(text, '区块链') order by rowid")]
    assert saying and ids(client, f"/api/v1/measures?technology={BLOCKCHAIN}&fields=id") == saying
    either = set(ids(client, f"/api/v1/measures?entity={WAN_SHI_TONG},{BLOCKCHAIN}&fields=id&limit=500"))
    assert either == {*MENTIONING_WAN_SHI_TONG, *saying}


def test_a_search_within_an_entity_s_measures(client: FlaskClient) -> None:
    """The filters reach the search (its Within): 平台 is in many measures, only these three name 湾事通."""
    found = ids(client, f"/api/v1/measures?entity={WAN_SHI_TONG}&q={quote('平台')}&fields=id")
    assert sorted(found) == sorted(MENTIONING_WAN_SHI_TONG)
    assert get(client, f"/api/v1/measures?q={quote('平台')}&limit=1")["meta"]["total"] > len(found)


def test_measures_with_and_without_targets(client: FlaskClient) -> None:
    assert ids(client, "/api/v1/measures?has_target=true&fields=id") == SETTING_TARGETS
    every = get(client, "/api/v1/measures?limit=1")["meta"]["total"]
    without = set(ids(client, "/api/v1/measures?has_target=false&fields=id&limit=500"))
    assert len(without) == every - len(SETTING_TARGETS) and not without & set(SETTING_TARGETS)


def test_measures_with_a_deadline_on_or_before_a_day(client: FlaskClient) -> None:
    by_year_end = ids(client, f"/api/v1/measures?deadline_before=2024-12-31&document={POINTS}&fields=id")
    assert f"{POINTS}.2.8" in by_year_end  # 确保到2024年底
    before = ids(client, f"/api/v1/measures?deadline_before=2024-12-30&document={POINTS}&fields=id")
    assert f"{POINTS}.2.8" not in before
    # The plan's staged 2023年，… is due at the end of 2023: its 一（三）.
    assert f"{PLAN}.1.3" in ids(client, "/api/v1/measures?deadline_before=2023-12-31&fields=id")


def test_facets_by_entity_and_technology_are_the_totals_their_filters_give(client: FlaskClient) -> None:
    for scope in (f"document={POINTS}", f"q={quote('数据')}"):
        facets = get(client, f"/api/v1/measures?{scope}&facets=entity,technology&limit=1")["meta"]["facets"]
        assert facets["entity"]["values"] and facets["technology"]["values"]
        for name in ("entity", "technology"):
            for value in facets[name]["values"]:
                total = get(client, f"/api/v1/measures?{scope}&{name}={value['value']}&limit=1")["meta"]["total"]
                assert value["count"] == total, (scope, name, value)
        technologies = {e["id"] for e in every_page(client, "/api/v1/entities?type=technology&limit=500")}
        assert {v["value"] for v in facets["technology"]["values"]} <= technologies
    # 湾事通 is named by three measures, twice by one of them: a facet counts measures.
    mentioning = get(client, f"/api/v1/measures?entity={WAN_SHI_TONG}&facets=entity&limit=1&lang=zh-Hant")["meta"]["facets"]
    assert {"value": WAN_SHI_TONG, "label": "灣事通", "count": 3} in mentioning["entity"]["values"]


# --- one measure ----------------------------------------------------------------------------------


def test_a_measure_lists_what_it_is_about(client: FlaskClient) -> None:
    helping = get(client, f"/api/v1/measures/{POINTS}.2.8")["data"]
    assert [(m["raw"], m["due"], m["kind"]) for m in helping["milestones"]] == [("确保到2024年底", "2024-12-31", "deadline")]
    named = [(e["id"], e["type"], e["raw"]) for e in helping["entities"]]
    assert named == [
        ("qian-qi-bang-qian-zhen-wan-qi-xing-wan-cun", "programme", "千企帮千镇、万企兴万村"),
        ("yue-tong-xing", "programme", "粤同行"),
    ]
    text = helping["text"]
    assert all(text[e["start"] : e["end"]] == e["raw"] for e in helping["entities"] + helping["milestones"])
    hotline = get(client, f"/api/v1/measures/{POINTS}.7.29")["data"]
    assert [(t["raw"], t["value"], t["unit_kind"]) for t in hotline["targets"]] == [
        ("超500项", 500, "count"),
        ("提升10%", 10, "percent"),
    ]
    cited = get(client, f"/api/v1/measures/{POINTS}.5.20")["data"]["cited_documents"]
    assert [(c["title"], c["document_id"], c["url"]) for c in cited] == [("广东省数据条例", None, None)]
    traditional = get(client, f"/api/v1/measures/{PLAN}.2.6.2?lang=zh-Hant")["data"]["entities"]
    assert ("wan-shi-tong", "灣事通", "湾事通") in [(e["id"], e["name"], e["raw"]) for e in traditional]


def test_a_release_built_before_the_tables_answers_that_measures_are_about_nothing(data_dir: Path, tmp_path: Path) -> None:
    copy = releases.release_path(tmp_path, NEW)
    shutil.copy(releases.release_path(data_dir, NEW), copy)
    with sqlite3.connect(copy) as connection:
        for table in ("measure_entities", "entities", "targets", "milestones", "citations"):
            connection.execute(f"drop table {table}")
        connection.execute("update releases set content_sha256 = 'older'")
    client = create_app({"DATA_DIR": tmp_path, "TESTING": True}).test_client()
    measure = get(client, f"/api/v1/measures/{POINTS}.2.8")["data"]
    assert (measure["entities"], measure["targets"], measure["milestones"], measure["cited_documents"]) == ([], [], [], [])
    assert get(client, "/api/v1/entities")["meta"]["total"] == get(client, "/api/v1/targets")["meta"]["total"] == 0
    assert get(client, "/api/v1/measures?has_target=true")["meta"]["total"] == 0
    assert get(client, "/api/v1/measures?deadline_before=2030-01-01")["meta"]["total"] == 0
    problem(client, f"/api/v1/measures?entity={WAN_SHI_TONG}", 400)
    facets = get(client, "/api/v1/measures?facets=entity,technology&limit=1")["meta"]["facets"]
    assert facets == {"entity": {"values": [], "more": 0}, "technology": {"values": [], "more": 0}}
    problem(client, f"/api/v1/entities/{WAN_SHI_TONG}", 404)
