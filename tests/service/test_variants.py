"""Where renditions differ, in the API (/variants, a measure's variants), on the provision page and in Datasette.

Expected values were read off the seed texts: the plan's 二（六）1 is 推动粤港澳政务服务一体化 in official.txt and
推动粤港澳政服务一体化 in news.txt; its 二（七）1 has 百县干镇万村 in official.txt (the PDF's misreading, which
the second release of the test data corrects to 千) where news.txt has 百县千镇万村.
"""

import shutil
import sqlite3
import urllib.request
from pathlib import Path

from flask.testing import FlaskClient

from dbay import releases
from dbay.service.app import create_app
from tests.service.conftest import NEW, OLD, PLAN
from tests.service.test_api import every_page, get, problem
from tests.service.test_datasette import get_json

NEWS = f"{PLAN}.news"


def pairs(variants: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(v["kind"], v["canonical_fragment"], v["variant_fragment"]) for v in variants]


def test_variants_are_listed_filtered_and_paged(client: FlaskClient) -> None:
    dropped = every_page(client, f"/api/v1/variants?rendition={NEWS}&kind=dropped&limit=7")
    assert dropped and all(v["rendition_id"] == NEWS and v["kind"] == "dropped" for v in dropped)
    assert ("dropped", "务", None) in pairs([v for v in dropped if v["measure_id"] == f"{PLAN}.2.6.1"])
    assert all(v["links"]["measure"].startswith(f"/api/v1/measures/{v['measure_id']}") for v in dropped)
    every = get(client, f"/api/v1/variants?document={PLAN}")["meta"]["total"]
    assert every == get(client, "/api/v1/variants")["meta"]["total"] > len(dropped)
    # The plan's other renditions are the official text (its measures' text) and the encyclopedia, which words it
    # in Traditional script and Taiwan vocabulary only: every variant is the news report's.
    assert get(client, f"/api/v1/variants?rendition={PLAN}.encyclopedia")["meta"]["total"] == 0
    assert get(client, f"/api/v1/variants?document={PLAN}&rendition={NEWS}")["meta"]["total"] == every


def test_a_corrected_text_has_no_variant_where_it_was_wrong(client: FlaskClient) -> None:
    measure = f"{PLAN}.2.7.1"
    old = get(client, f"/api/v1/variants?measure={measure}&release={OLD}")["data"]
    new = get(client, f"/api/v1/variants?measure={measure}&release={NEW}")["data"]
    assert ("changed", "干", "千") in pairs(old) and ("changed", "干", "千") not in pairs(new)
    assert ("dropped", "粤东", None) in pairs(new)  # news.txt: 带动粤西粤北地区 for 带动粤东粤西粤北地区


def test_filters_naming_nothing_are_refused(client: FlaskClient) -> None:
    for parameter, value in (("rendition", f"{PLAN}.nosuch"), ("measure", f"{PLAN}.9.9"), ("document", "no-such-plan")):
        body = problem(client, f"/api/v1/variants?{parameter}={value}", 400)
        assert parameter in body["detail"] and value in body["detail"]
    assert "kind" in problem(client, "/api/v1/variants?kind=reworded", 400)["detail"]


def test_a_measure_lists_its_variants_with_offsets_into_both_texts(client: FlaskClient) -> None:
    measure = get(client, f"/api/v1/measures/{PLAN}.2.6.1")["data"]
    first = measure["variants"][0]
    assert (first["rendition_id"], first["rendition_kind"], first["kind"], first["canonical_fragment"]) == (
        NEWS,
        "news",
        "dropped",
        "务",
    )
    assert measure["text"][first["canonical_start"] : first["canonical_end"]] == "务"
    for variant in measure["variants"]:
        assert variant["rendition_id"] != measure["text_rendition_id"]
        assert measure["text"][variant["canonical_start"] : variant["canonical_end"]] == (variant["canonical_fragment"] or "")


def test_a_release_built_before_variants_answers_none_and_claims_no_agreement(data_dir: Path, tmp_path: Path) -> None:
    copy = releases.release_path(tmp_path, NEW)
    shutil.copy(releases.release_path(data_dir, NEW), copy)
    with sqlite3.connect(copy) as connection:
        connection.execute("drop table variants")
        connection.execute("update releases set content_sha256 = 'older'")
    client = create_app({"DATA_DIR": tmp_path, "TESTING": True}).test_client()
    assert get(client, "/api/v1/variants")["meta"]["total"] == 0
    assert get(client, f"/api/v1/measures/{PLAN}.2.6.1")["data"]["variants"] == []
    html = client.get(f"/measures/{PLAN}.2.6.1").get_data(as_text=True)
    assert "It agrees with the text" not in html and 'class="source differences"' not in html


def test_the_canned_query_lists_where_the_renditions_differ(server: str) -> None:
    rows = get_json(server, "/data/dbay/where_do_the_renditions_differ.json", document=PLAN, _shape="array")
    assert rows and {row["document_id"] for row in rows} == {PLAN}
    assert {row["rendition_kind"] for row in rows} == {"news"}
    dropped = [r for r in rows if r["measure_id"] == f"{PLAN}.2.6.1" and r["kind"] == "dropped"]
    first = [(r["canonical_fragment"], r["variant_fragment"], r["page"]) for r in dropped[:1]]
    assert first == [("务", None, f"/measures/{PLAN}.2.6.1")]
    every = get_json(server, "/data/dbay/where_do_the_renditions_differ.json", document="", _shape="array")
    assert len(every) == len(rows)  # the seeds' other documents have one rendition each
    assert get_json(server, "/data/dbay/where_do_the_renditions_differ.json", document="no-such-plan", _shape="array") == []
    with urllib.request.urlopen(f"{server}/data/dbay/where_do_the_renditions_differ?document={PLAN}") as response:
        html = response.read().decode()
    assert "Where do the renditions differ" in html and f'<a href="/measures/{PLAN}.2.6.1">' in html
