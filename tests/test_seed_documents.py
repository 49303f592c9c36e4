"""The release built from sources/ agrees with a careful reading of every source document.

Every expected value here was read off the source texts in sources/ (and the seeds they were
copied from), not taken from the build's output.
"""

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import agency_names, query

PLAN = "digital-bay-area-action-plan"
POINTS = "digital-guangdong-2024-key-tasks"
OPINIONS = "accelerating-digital-development-opinions"
DATA_BUREAU = "省政务服务和数据管理局"


def measures(db: Path, document: str) -> list[sqlite3.Row]:
    return query(db, "select * from measures where document_id = ? order by position", document)


def measure(db: Path, measure_id: str) -> sqlite3.Row:
    rows = query(db, "select * from measures where id = ?", measure_id)
    assert rows, f"no measure {measure_id}"
    return rows[0]


# --- 《“数字湾区”建设三年行动方案》: official PDF text, encyclopedia page, news report ---------------

PLAN_PATHS = (
    ["1.1", "1.2", "1.3"]
    + [f"2.1.{i}" for i in range(1, 6)]
    + [f"2.2.{i}" for i in range(1, 4)]
    + [f"2.3.{i}" for i in range(1, 5)]
    + [f"2.4.{i}" for i in range(1, 4)]
    + [f"2.5.{i}" for i in range(1, 4)]
    + ["2.6.1", "2.6.2"]
    + [f"2.7.{i}" for i in range(1, 4)]
    + ["3"]
    + [f"4.{i}" for i in range(1, 5)]
)


def test_plan_has_every_provision_in_order(seed_db: Path) -> None:
    rows = measures(seed_db, PLAN)
    assert [row["path"] for row in rows] == PLAN_PATHS
    assert len(rows) == 31
    assert {row["numbering"] for row in rows} == {"explicit"}


def test_plan_sections_and_headings(seed_db: Path) -> None:
    rows = query(seed_db, "select path, heading, label from sections where document_id = ? order by position", PLAN)
    assert [row["path"] for row in rows] == ["1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "4"]
    headings = {row["path"]: row["heading"] for row in rows}
    assert headings["1"] == "总体要求"
    assert headings["2.2"] == "夯实新型数字基础设施，实现湾区数字化“基座通”"
    assert headings["4"] == "保障措施"
    assert {row["path"]: row["label"] for row in rows}["2.6"] == "（六）"


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("1.1", "指导思想"),
        ("1.3", "实施步骤"),
        ("2.1.5", "推动大湾区要素市场化"),  # printed in bold: **5. 推动大湾区要素市场化。**
        ("2.6.1", "推动粤港澳政务服务一体化"),
        ("2.6.2", "依托“湾事通”平台提升湾区居民公共服务便捷性"),  # printed without a bullet
        ("2.7.2", "提升湾区公共资源交易效率"),
        ("3", "建立“数字湾区”建设多方参与机制"),  # a part with text and no items is itself a provision
        ("4.4", "加强开放合作交流"),
    ],
)
def test_plan_titles(seed_db: Path, path: str, title: str) -> None:
    assert measure(seed_db, f"{PLAN}.{path}")["title"] == title


def test_plan_page_breaks_markdown_and_spaces_are_undone(seed_db: Path) -> None:
    goals = measure(seed_db, f"{PLAN}.1.2")["text"]
    assert "数字化新型基础设施“基座通”；市场主体投资兴业“商事通”" in goals  # 基\n\n座通, **商事通**
    assert "**" not in goals
    network = measure(seed_db, f"{PLAN}.2.2.1")["text"]
    assert "推进大湾区5G网络深度覆盖" in network
    assert "太赫兹科学中心、工业互联网创新基础设施" in network  # 工业互\n\n联网
    security = measure(seed_db, f"{PLAN}.2.2.3")["text"]
    assert "建立健全大湾区网络安全信息通报预警机制" in security  # 通报 预警
    trading = measure(seed_db, f"{PLAN}.2.7.2")["text"]
    assert "深化公共资源交易创新应用试点。推进CA数字证书" in trading


def test_plan_paragraphs_after_a_blank_line_continue_the_provision(seed_db: Path) -> None:
    flows = measure(seed_db, f"{PLAN}.2.1.1")["text"]
    assert flows.startswith("推动数据要素合规高效、安全有序流通。探索建设“港澳数据特区”")
    assert "范围可控。\n按照国家相关法律法规要求" in flows
    assert flows.endswith("为粤港澳三地提供数据跨境服务。")
    steps = measure(seed_db, f"{PLAN}.1.3")["text"]
    assert steps.split("\n")[1:] == [line for line in steps.split("\n")[1:] if line[:4] in {"2023", "2024", "2025"}]
    assert len(steps.split("\n")) == 4  # the heading sentence and the three years


def test_plan_preamble_and_metadata(seed_db: Path) -> None:
    document = query(seed_db, "select * from documents where id = ?", PLAN)[0]
    assert document["preamble"].startswith("为深入贯彻落实党的二十大精神")
    assert document["doc_number"] == "粤办函〔2023〕297号"
    assert document["issued"] == "2023-11-07"
    assert document["canonical_rendition_id"] == f"{PLAN}.official"
    assert document["title_hant"] == "“數字灣區”建設三年行動方案"


def test_plan_renditions_cover_what_they_carry(seed_db: Path) -> None:
    coverage = {
        row["id"]: (row["measures_carried"], row["coverage"])
        for row in query(seed_db, "select * from renditions where document_id = ?", PLAN)
    }
    assert coverage[f"{PLAN}.official"] == (31, 1.0)
    assert coverage[f"{PLAN}.encyclopedia"] == (11, round(11 / 31, 4))  # stops after 二(二)3
    assert coverage[f"{PLAN}.news"] == (29, round(29 / 31, 4))  # lacks 一(一) and 一(二)
    in_encyclopedia = query(
        seed_db,
        "select m.path from measure_sources s join measures m on m.id = s.measure_id "
        "where s.rendition_id = ? order by m.position",
        f"{PLAN}.encyclopedia",
    )
    assert [row["path"] for row in in_encyclopedia] == PLAN_PATHS[:11]
    missing_in_news = query(
        seed_db,
        "select path from measures where document_id = ? and id not in "
        "(select measure_id from measure_sources where rendition_id = ?)",
        PLAN,
        f"{PLAN}.news",
    )
    assert [row["path"] for row in missing_in_news] == ["1.1", "1.2"]


def test_news_headlines_and_excerpts_become_no_provision(seed_db: Path) -> None:
    news = f"{PLAN}.news"
    carried = " ".join(
        row["raw_text"] for row in query(seed_db, "select raw_text from measure_sources where rendition_id = ?", news)
    )
    assert "深圳福田e站通" not in carried and "WeChat Pay HK" not in carried
    excluded = {
        row["line"]: row["reason"]
        for row in query(seed_db, "select line, reason from excluded_text where rendition_id = ?", news)
    }
    assert 10 in excluded and 11 in excluded  # the two inserted headlines of unrelated stories
    assert "excerpt of 2.6.1" in excluded[3]  # the lead quotes 2.6.1, carried in full at line 38
    # 2.6.2 is carried by its full numbered copy (line 39), not by the lead's two quotations.
    source = query(seed_db, "select s.* from measure_sources s where measure_id = ? and rendition_id = ?", f"{PLAN}.2.6.2", news)
    assert len(source) == 1
    assert source[0]["raw_text"].startswith("2. 依托“湾事通”平台提升湾区居民公共服务便利性")


def test_sources_point_at_the_exact_raw_characters(seed_db: Path) -> None:
    rows = query(
        seed_db,
        "select s.start, s.end, s.raw_text, r.raw_text as whole from measure_sources s "
        "join renditions r on r.id = s.rendition_id",
    )
    assert len(rows) == 31 + 11 + 29 + 55 + 27
    for row in rows:
        assert row["whole"][row["start"] : row["end"]] == row["raw_text"]
    official = query(
        seed_db,
        "select raw_text from measure_sources where measure_id = ? and rendition_id = ?",
        f"{PLAN}.1.2",
        f"{PLAN}.official",
    )[0]["raw_text"]
    assert '"基\n\n座通"' in official  # the raw text keeps the page break the clean text undid


def test_plan_traditional_text_is_converted_and_flagged(seed_db: Path) -> None:
    row = measure(seed_db, f"{PLAN}.2.1.1")
    assert row["converted_script"] == "zh-Hant"
    assert row["title_hant"] == "推動數據要素合規高效、安全有序流通"


# --- 《数字广东建设2024年工作要点》: Traditional web page, items numbered through all parts --------------


def test_work_points_paths_follow_the_running_item_numbers(seed_db: Path) -> None:
    rows = measures(seed_db, POINTS)
    assert len(rows) == 55
    assert len(query(seed_db, "select * from sections where document_id = ?", POINTS)) == 13
    by_path = {row["path"]: row for row in rows}
    assert by_path["2.5"]["title"] == "强化“百千万工程”数字化支撑"  # part 二, item (五)
    assert by_path["2.5"]["label"] == "（五）"
    assert by_path["13.55"]["title"] == "加强合作交流"  # part 十三, item (五十五)
    assert by_path["13.55"]["title_hant"] == "加強合作交流"
    assert [row["path"] for row in rows][:5] == ["1.1", "1.2", "1.3", "1.4", "2.5"]
    assert {row["converted_script"] for row in rows} == {"zh-Hans"}


def test_work_points_front_matter_and_footer_are_excluded(seed_db: Path) -> None:
    excluded = {
        row["line"]: row["reason"]
        for row in query(seed_db, "select line, reason from excluded_text where rendition_id = ?", f"{POINTS}.web-page")
    }
    assert sorted(excluded) == [1, 2, 3, 4, 75, 76]
    document = query(seed_db, "select * from documents where id = ?", POINTS)[0]
    assert document["preamble"].startswith("为贯彻《数字中国建设整体布局规划》")


@pytest.mark.parametrize(
    ("path", "lead", "participating"),
    [
        (
            "1.1",
            [DATA_BUREAU],
            ["中国人民银行广东省分行", "广州出入境边防检查总站", "深圳出入境边防检查总站", "珠海出入境边防检查总站", "省公安厅"],
        ),
        ("1.2", [DATA_BUREAU], ["省国资委", "省委金融办", "省工业和信息化厅", "省科技厅", "省发展改革委"]),
        ("2.6", [], [DATA_BUREAU, "省住房城乡建设厅"]),  # nobody leads: all participate
        (
            "2.7",
            ["省委网信办", "省农业农村厅", DATA_BUREAU],
            ["省人力资源社会保障厅", "省交通运输厅", "省工业和信息化厅", "省广电局", "省能源局", "省供销合作联社"],
        ),
        ("3.9", ["省科技厅", "省工业和信息化厅"], []),
        ("4.17", ["国家金融监督管理总局广东监管局"], []),
        ("8.35", [], ["省公安厅", "省司法厅", "省法院", "省检察院"]),
        ("8.36", [], ["省交通运输厅", "省水利厅", DATA_BUREAU, "省海洋综合执法总队", "广东海事局"]),
        ("12.49", [], ["省委国安办", "省委网信办", "省保密局", "省密码管理局", "省公安厅", DATA_BUREAU, "省通信管理局"]),
    ],
)
def test_work_points_agency_roles(seed_db: Path, path: str, lead: list[str], participating: list[str]) -> None:
    measure_id = f"{POINTS}.{path}"
    assert agency_names(seed_db, measure_id, "lead") == sorted(lead)
    assert agency_names(seed_db, measure_id, "participating") == sorted(participating)


def test_work_points_collective_and_open_ended_clauses(seed_db: Path) -> None:
    assert measure(seed_db, f"{POINTS}.1.1")["agencies_open_ended"] == 1  # …等有關單位按職責分工負責
    assert measure(seed_db, f"{POINTS}.13.52")["agencies_open_ended"] == 1
    assert measure(seed_db, f"{POINTS}.1.2")["agencies_open_ended"] == 0
    collective = {row["name"] for row in query(seed_db, "select name from agencies where collective = 1")}
    assert collective == {
        "各纵向帮扶单位",
        "各地级以上市“百千万工程”指挥办",
        "粤港共建智慧城市群专责小组各成员单位",
        "粤澳共建智慧城市群专责小组各成员单位",
    }


def test_parentheses_in_the_text_stay_text(seed_db: Path) -> None:
    towns = measure(seed_db, f"{POINTS}.2.6")["text"]
    assert "城市信息模型（CIM）基础平台" in towns
    assert towns.endswith("鼓励有条件的地区积极参与数字家庭建设。")  # the clause is split off
    villages = measure(seed_db, f"{POINTS}.2.7")["text"]
    assert "农村“三线”（电力线、通信线、广播电视线）规整" in villages


def test_the_data_bureau_leads_21_measures_and_shares_13(seed_db: Path) -> None:
    counts = {
        row["role"]: row["n"]
        for row in query(
            seed_db,
            "select role, count(*) as n from measure_agencies ma join agencies a on a.id = ma.agency_id "
            "where a.name = ? group by role",
            DATA_BUREAU,
        )
    }
    assert counts == {"lead": 21, "participating": 13}


def test_an_agency_is_one_record_with_its_spellings(seed_db: Path) -> None:
    rows = query(seed_db, "select * from agencies where name = '省科技厅'")
    assert len(rows) == 1
    assert rows[0]["name_hant"] == "省科技廳"
    assert set(__import__("json").loads(rows[0]["aliases"])) == {"科技廳", "科技厅"}


# --- 《广东省人民政府关于加快数字化发展的意见》: a news summary with unnumbered headings -----------------


def test_opinions_infer_the_unnumbered_levels(seed_db: Path) -> None:
    rows = measures(seed_db, OPINIONS)
    assert len(rows) == 27
    assert {row["numbering"] for row in rows} == {"inferred"}
    by_path = {row["path"]: row["title"] for row in rows}
    assert by_path["1.1.1"] == "开展数字关键核心技术“强基筑魂”行动"
    assert by_path["1.3.4"] == "构建数据要素流通顺畅的数字大湾区"
    assert by_path["2.1.6"] == "培育发展数字经济新兴产业"
    assert by_path["4.1.4"] == "夯实数字政府基础支撑能力"
    sections = query(seed_db, "select path, heading, label from sections where document_id = ? order by position", OPINIONS)
    assert [(s["path"], s["heading"]) for s in sections if s["path"].count(".") == 0] == [
        ("1", "数字生态"),
        ("2", "数字经济"),
        ("3", "数字社会"),
        ("4", "数字政府"),
    ]
    assert {s["label"] for s in sections} == {None}


def test_opinions_declare_more_than_the_summary_carries(seed_db: Path) -> None:
    document = query(seed_db, "select * from documents where id = ?", OPINIONS)[0]
    assert (document["declared_measures"], document["extracted_measures"]) == (33, 27)
    declared = __import__("json").loads(document["declared_counts"])
    assert [(d["unit"], d["declared"], d["found"]) for d in declared] == [("个方面", 4, 4), ("点", 8, 7), ("项", 33, 27)]
    lead = query(seed_db, "select line, reason from excluded_text where rendition_id = ?", f"{OPINIONS}.news")
    assert [row["line"] for row in lead] == [1, 2]
    assert all("lead" in row["reason"] for row in lead)
