"""Datasette at /data/: Chinese search in the search box, metadata, canned queries, public limits."""

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from dbay.build.scripts import to_hans
from dbay.schema.records import Measure
from tests.conftest import query
from tests.service.conftest import NEW, OLD, PLAN

POINTS = "digital-guangdong-2024-key-tasks"


def get_json(server: str, path: str, **params: str) -> Any:
    url = f"{server}{path}?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(url) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        return json.loads(error.read())


def searched(server: str, text: str) -> set[str]:
    rows = get_json(server, "/data/dbay/measures.json", _search=text, _shape="array", _col="id", _size="max")
    return {row["id"] for row in rows}


def scanned(data_dir: Path, text: str, suffix: str) -> set[str]:
    database = data_dir / f"dbay-{NEW}.db"
    rows = query(database, f"select id, title{suffix} as title, text{suffix} as text from measures")
    return {row["id"] for row in rows if text.lower() in row["title"].lower() or text.lower() in row["text"].lower()}


def in_renditions(data_dir: Path, text: str) -> set[str]:
    """Measures a rendition of which words the text (in either script, any case) in its span."""
    rows = query(data_dir / f"dbay-{NEW}.db", "select measure_id, raw_text from measure_sources")
    return {row["measure_id"] for row in rows if to_hans(text.lower()) in to_hans(row["raw_text"].lower())}


# One-, two-, three- and four-character queries in both scripts, and Latin ones.
PAIRS = [
    ("养", "養"),
    ("港", "港"),
    ("养老", "養老"),
    ("数据", "數據"),
    ("湾区", "灣區"),
    ("互联网", "互聯網"),
    ("一网统管", "一網統管"),
    ("数字经济", "數字經濟"),
    ("5G", "5G"),
    ("ipv6", "IPv6"),
]


@pytest.mark.parametrize(("simplified", "traditional"), PAIRS)
def test_search_box_finds_exactly_the_measures_containing_the_text(
    server: str, data_dir: Path, simplified: str, traditional: str
) -> None:
    expected = scanned(data_dir, simplified, "")
    assert expected, f"{simplified} should occur in the sources"
    found = searched(server, simplified)
    # The index also holds the renditions' wording (dbay.search): a repost may add measures, never lose one.
    assert expected <= found <= expected | in_renditions(data_dir, simplified)
    assert searched(server, traditional) == found
    assert scanned(data_dir, traditional, "_hant") == expected


def test_datasette_searches_the_cross_strait_variants_the_api_searches(server: str, client: FlaskClient) -> None:
    """人工智慧 finds the measures saying 人工智能, in the search box and the search query as in the API."""
    api = client.get("/api/v1/measures?q=人工智慧&limit=500").get_json()
    assert api["meta"]["search"]["expanded"] == [{"term": "人工智慧", "variants": ["人工智能"]}]
    wanted = {item["id"] for item in api["data"]}
    assert searched(server, "人工智慧") == wanted == searched(server, "人工智能")
    rows = get_json(server, "/data/dbay/search.json", q="人工智慧", _shape="array", _size="max")
    assert {row["id"] for row in rows} == wanted
    assert all("<mark>人工智能</mark>" in row["snippet_html"] for row in rows if row["snippet_html"])


def test_the_search_canned_query_ranks_title_matches_first(server: str) -> None:
    rows = get_json(server, "/data/dbay/search.json", q="數據要素", _shape="array")
    assert {row["id"] for row in rows} == searched(server, "数据要素")
    in_title = ["数据要素" in row["title"] for row in rows]
    assert in_title == sorted(in_title, reverse=True)  # every title match before every text-only match
    assert "<mark>数据要素</mark>" in rows[-1]["snippet_html"]


def test_every_table_and_column_is_described(server: str) -> None:
    metadata = get_json(server, "/data/-/metadata.json")
    assert metadata["title"] == "dbay — Guangdong digital-policy provisions"
    assert metadata["license"].startswith("CC BY 4.0")
    for database in ("dbay", f"dbay-{NEW.replace('.', '-')}"):
        measures = metadata["databases"][database]["tables"]["measures"]
        assert measures["description"] == Measure.description
        assert measures["columns"]["text_hant"] == Measure.model_fields["text_hant"].description
        assert measures["fts_table"] == "measures_fts"


def test_default_facets_and_labels(server: str) -> None:
    page = get_json(server, "/data/dbay/measures.json", _size="1", _labels="on")
    assert set(page["facet_results"]) == {"document_id", "lead_agencies", "participating_agencies"}
    leads = {f["value"]: f["count"] for f in page["facet_results"]["lead_agencies"]["results"]}
    assert leads["省政务服务和数据管理局"] == 21
    assert page["rows"][0]["document_id"]["label"]  # foreign keys show the document's title
    roles = get_json(server, "/data/dbay/measure_agencies.json", _size="0")
    counted = get_json(
        server, "/data/dbay.json", _shape="array", sql="select role, count(*) as n from measure_agencies group by role"
    )
    assert {f["value"]: f["count"] for f in roles["facet_results"]["role"]["results"]} == {
        row["role"]: row["n"] for row in counted
    }


def test_canned_queries_answer_the_first_questions(server: str) -> None:
    led = get_json(server, "/data/dbay/agency_measures.json", agency="省政務服務和數據管理局", role="lead", _shape="array")
    assert len(led) == 21 and led[0]["id"] == f"{POINTS}.1.1"
    by_alias = get_json(server, "/data/dbay/agency_measures.json", agency="科技厅", role="lead", _shape="array")
    assert [row["id"] for row in by_alias] == [f"{POINTS}.3.9", f"{POINTS}.3.12", f"{POINTS}.4.15"]
    ranked = get_json(server, "/data/dbay/agencies_ranked.json", _shape="array")
    assert (ranked[0]["name"], ranked[0]["measures_led"], ranked[0]["measures_shared"]) == ("省政务服务和数据管理局", 21, 13)
    outline = get_json(server, "/data/dbay/document_outline.json", document=PLAN, _shape="array")
    assert len(outline) == 10 + 31
    assert [row["path"] for row in outline[:3]] == ["1", "1.1", "1.2"]
    gaps = get_json(server, "/data/dbay/coverage_gaps.json", rendition=f"{PLAN}.news", _shape="array")
    assert [row["path"] for row in gaps] == ["1.1", "1.2"]


def test_canned_queries_answer_what_measures_are_about(server: str) -> None:
    """Read off the seed texts: 湾事通 twice in the plan's 二（六）2, once in the work points' (一) and (四十五);
    the work points alone set targets, 9 of them; its (八) is due 到2024年底; its (二十) cites 《广东省数据条例》."""
    for name in ("湾事通", "灣事通", "wan-shi-tong"):
        mentioning = get_json(server, "/data/dbay/entity_measures.json", name=name, _shape="array")
        assert [(row["id"], row["mentions"]) for row in mentioning] == [
            (f"{PLAN}.2.6.2", 2),
            (f"{POINTS}.1.1", 1),
            (f"{POINTS}.10.45", 1),
        ]
    targets = get_json(server, "/data/dbay/targets_by_document.json", _shape="array")
    assert len(targets) == 9 and {row["document_id"] for row in targets} == {POINTS}
    assert ("超500项", 500, "more_than") in [(row["raw"], row["value"], row["qualifier"]) for row in targets]
    deadlines = get_json(server, "/data/dbay/deadlines_in_order.json", _shape="array")
    dues = [row["due"] for row in deadlines if row["due"]]
    assert dues == sorted(dues) and (deadlines[0]["due"], deadlines[0]["raw"]) == ("2023-12-31", "2023年")
    assert ("2024-12-31", "确保到2024年底", f"{POINTS}.2.8") in [(r["due"], r["raw"], r["measure_id"]) for r in deadlines]
    cited = get_json(server, "/data/dbay/measure_citations.json", measure=f"{POINTS}.5.20", _shape="array")
    assert [(row["title"], row["document_id"]) for row in cited] == [("广东省数据条例", None)]
    every = get_json(server, "/data/dbay/measure_citations.json", measure="", _shape="array")
    assert len(every) > len(cited) and cited[0] in every


def test_the_canned_query_finds_the_measures_naming_a_place_or_a_place_within_it(server: str) -> None:
    """Read off the plan's text: 横琴 twice in (一) 1 (横琴粤澳深度合作区（以下简称横琴）), once each in 二（一）2
    (珠海横琴, the plan's only 珠海), 二（六）1 and 四（三）; sources/places.yml puts 横琴 in 珠海."""
    hengqin = [(f"{PLAN}.1.1", 2), (f"{PLAN}.2.1.2", 1), (f"{PLAN}.2.6.1", 1), (f"{PLAN}.4.3", 1)]
    for name in ("横琴", "橫琴粵澳深度合作區", "heng-qin"):
        naming = get_json(server, "/data/dbay/place_measures.json", name=name, _shape="array")
        assert [(row["id"], row["mentions"]) for row in naming] == hengqin
    naming = get_json(server, "/data/dbay/place_measures.json", name="珠海", _shape="array")
    assert [(row["id"], row["place_id"], row["written"]) for row in naming] == [
        (f"{PLAN}.1.1", "heng-qin", "横琴粤澳深度合作区,横琴"),
        (f"{PLAN}.2.1.2", "heng-qin", "横琴"),
        (f"{PLAN}.2.1.2", "zhu-hai", "珠海"),
        (f"{PLAN}.2.6.1", "heng-qin", "横琴"),
        (f"{PLAN}.4.3", "heng-qin", "横琴"),
    ]


def test_a_canned_query_given_an_id_the_release_lacks_says_so(server: str) -> None:
    """Not an empty answer, which would read as "this rendition lacks nothing"."""
    gaps = get_json(server, "/data/dbay/coverage_gaps.json", rendition=f"{PLAN}.nosuch", _shape="array")
    said = f"No rendition {PLAN}.nosuch in this release: rendition ids are in the renditions table."
    assert gaps == [{"id": None, "path": None, "title": said}]
    outline = get_json(server, "/data/dbay/document_outline.json", document="no-such-plan", _shape="array")
    assert [(row["kind"], row["id"]) for row in outline] == [("not found", None)]
    assert "No document no-such-plan" in outline[0]["title"]
    assert get_json(server, "/data/dbay/coverage_gaps.json", rendition="", _shape="array") == []


def test_public_limits_no_writes_no_extensions_bounded_time(server: str) -> None:
    write = get_json(server, "/data/dbay.json", sql="update documents set title = 'x'")
    assert write["ok"] is False
    extension = get_json(server, "/data/dbay.json", sql="select load_extension('/usr/lib/x86_64-linux-gnu/libz.so')")
    assert extension["ok"] is False and "not authorized" in extension["error"]
    slow = get_json(
        server,
        "/data/dbay.json",
        sql="with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000000000) select count(*) from n",
    )
    assert slow["ok"] is False and "too long" in slow["error"]
    settings = get_json(server, "/data/-/settings.json")
    assert (settings["sql_time_limit_ms"], settings["max_returned_rows"]) == (3000, 1000)


def test_what_each_agency_leads(server: str) -> None:
    leading = get_json(server, "/data/dbay/agencies_leading.json", _shape="objects")["rows"]
    assert len(leading) == 15 and sum(row["measures_led"] for row in leading) == 45
    assert leading[0] == {
        "id": "sheng-zheng-wu-fu-wu-he-shu-ju-guan-li-ju",
        "name": "省政务服务和数据管理局",
        "name_en": "Guangdong Provincial Government Services and Data Administration",  # sources/english/agencies.yml
        "measures_led": 21,
        "documents": 1,
        "document_ids": POINTS,
    }
    assert [(row["name"], row["measures_led"]) for row in leading[1:4]] == [
        ("省发展改革委", 4),
        ("省工业和信息化厅", 4),
        ("省科技厅", 3),
    ]


def test_measures_by_year_of_document(server: str) -> None:
    years = get_json(server, "/data/dbay/measures_by_year.json", _shape="objects")["rows"]
    assert years == [
        {"year": "2023", "documents": 1, "measures": 31},
        {"year": "2024", "documents": 1, "measures": 55},
        {"year": "undated", "documents": 1, "measures": 27},  # the opinions carry no date of issue
    ]


def mentioning(server: str, database: str, word: str) -> dict[str, tuple[int, set[str]]]:
    rows = get_json(server, f"/data/{database}/measures_mentioning.json", word=word, _shape="objects")["rows"]
    return {row["id"]: (row["in_measure_text"], set((row["in_renditions"] or "").split(", ")) - {""}) for row in rows}


def test_measures_mentioning_a_word_in_any_rendition(server: str) -> None:
    opinions = "accelerating-digital-development-opinions"
    expected = {
        f"{opinions}.3.1.1": (1, {f"{opinions}.news"}),
        f"{PLAN}.2.1.1": (1, {f"{PLAN}.official", f"{PLAN}.news", f"{PLAN}.encyclopedia"}),
        f"{PLAN}.2.5.2": (1, {f"{PLAN}.official", f"{PLAN}.news"}),
        f"{PLAN}.2.6.2": (1, {f"{PLAN}.official", f"{PLAN}.news"}),
    }
    assert mentioning(server, "dbay", "养老") == mentioning(server, "dbay", "養老") == expected
    # The first release printed the official text's typo (百县干镇万村); the news report had it right.
    key_tasks = {f"{POINTS}.2.8": (1, {f"{POINTS}.web-page"})}  # 百县千镇万村 in the work points too
    old = f"dbay-{OLD.replace('.', '-')}"
    assert (
        mentioning(server, old, "千镇")
        == mentioning(server, old, "千鎮")
        == {f"{PLAN}.2.7.1": (0, {f"{PLAN}.news"}), **key_tasks}
    )
    assert mentioning(server, "dbay", "千镇") == {f"{PLAN}.2.7.1": (1, {f"{PLAN}.official", f"{PLAN}.news"}), **key_tasks}
    assert mentioning(server, "dbay", " ") == {}


def test_the_canned_query_finds_the_measures_under_a_heading_naming_a_goal(server: str) -> None:
    """The plan's 二（一）, 以数据流动带动要素市场化，实现湾区发展“要素通”, has five items, 1 to 5 (official.txt)."""
    for name in ("要素通", "yao-su-tong"):
        rows = get_json(server, "/data/dbay/measures_under_a_heading.json", name=name, _shape="array")
        assert [row["id"] for row in rows] == [f"{PLAN}.2.1.{n}" for n in range(1, 6)]
        assert {(row["section_id"], row["written"]) for row in rows} == {(f"{PLAN}.2.1", "要素通")}
    # A place: the plan's 二（七） names the group 粤东粤西粤北 (粵東粵西粵北 in Traditional).
    rows = get_json(server, "/data/dbay/measures_under_a_heading.json", name="粵東粵西粵北", _shape="array")
    assert rows and {row["section_id"] for row in rows} == {f"{PLAN}.2.7"}


def test_the_english_columns_stand_beside_the_chinese(server: str) -> None:
    documents = get_json(server, "/data/dbay/documents.json", _shape="objects")
    assert "Key Work Points for Building Digital Guangdong in 2024" in [row["title_en"] for row in documents["rows"]]
    columns = get_json(server, "/data/dbay/sections.json", _size="1")["columns"]
    assert columns.index("heading_en") == columns.index("heading_hant") + 1
    outline = get_json(server, "/data/dbay/document_outline.json", _shape="objects", document=POINTS)["rows"]
    assert outline[0]["title_en"] and not any("\u4e00" <= c <= "\u9fff" for c in outline[0]["title_en"])


def test_the_canned_query_follows_a_promise_through_the_documents_in_order_of_issue(server: str) -> None:
    """Read off the seed texts: the plan's 二（一）1 (2023-11-07) proposes 探索建设“港澳数据特区”; the 2024 work
    points' (四) (2024-05-10) is 打造粤港澳大湾区“数据特区”."""
    evolved = get_json(server, "/data/dbay/how_did_this_promise_evolve.json", measure=f"{PLAN}.2.1.1", _shape="array")
    first = evolved[0]
    assert (first["id"], first["rank"], first["direction"], first["score"]) == (f"{PLAN}.2.1.1", 0, "this provision", None)
    later = next(row for row in evolved if row["id"] == f"{POINTS}.1.4")
    assert (later["issued"], later["direction"]) == ("2024-05-10", "later") and later["score"] > 0
    assert "数据特区" in later["shared_terms"] and later["page"] == f"/measures/{POINTS}.1.4"
    dated = [row["issued"] for row in evolved if row["issued"] is not None]
    assert dated == sorted(dated) and [row["issued"] for row in evolved[len(dated) :]] == [None] * (len(evolved) - len(dated))
    assert later["title_en"] == 'Build a Guangdong-Hong Kong-Macao Greater Bay Area "data special zone"'  # english.yml
    (unknown,) = get_json(server, "/data/dbay/how_did_this_promise_evolve.json", measure="no-such-measure", _shape="array")
    assert unknown["direction"] == "not found" and "No measure no-such-measure" in unknown["document"]
    with urllib.request.urlopen(f"{server}/data/dbay/how_did_this_promise_evolve?measure={PLAN}.2.1.1") as response:
        page = response.read().decode()
    assert f'<a href="/measures/{POINTS}.1.4">' in page
