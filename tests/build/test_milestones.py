"""Deadlines and milestones in measures' texts, on sentences written in the genre's shapes."""

from datetime import date

import pytest

from dbay.build.milestones import FoundMilestone, milestones

ISSUED = date(2023, 11, 7)


def found(text: str, issued: date | None = ISSUED) -> list[tuple[str, date | None, str, str]]:
    return [(item.raw, item.due, item.precision, item.kind) for item in milestones(text, issued)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Guangdong work plan: 到…底
        ("确保到2024年底基本实现均衡化发展。", [("确保到2024年底", date(2024, 12, 31), "year", "deadline")]),
        # another province's plan: …前 and a month's end
        ("2025年前建成省级数据交易平台。", [("2025年前", date(2025, 12, 31), "year", "deadline")]),
        ("浙江省2024年6月底前完成系统迁移。", [("2024年6月底前", date(2024, 6, 30), "month", "deadline")]),
        ("力争到2023年，全省上云企业达到5万家。", [("力争到2023年", date(2023, 12, 31), "year", "deadline")]),
        ("于2024年上半年完成试点，2024年第三季度前推广。", [("2024年第三季度前", date(2024, 9, 30), "quarter", "deadline")]),
        ("2026年3月15日前报送省政府。", [("2026年3月15日前", date(2026, 3, 15), "day", "deadline")]),
        # leap year: the month's last day
        ("到2024年2月底完成。", [("到2024年2月底", date(2024, 2, 29), "month", "deadline")]),
        # spaces inside a date, as a PDF extraction leaves them
        ("到 2025 年底实现全覆盖。", [("到 2025 年底", date(2025, 12, 31), "year", "deadline")]),
        # a Traditional repost
        ("到2025年底，建成數字政府。", [("到2025年底", date(2025, 12, 31), "year", "deadline")]),
        ("2024年內完成。", [("2024年內", date(2024, 12, 31), "year", "deadline")]),
    ],
)
def test_a_marked_date_is_a_deadline_due_on_the_last_day_of_its_period(
    text: str, expected: list[tuple[str, date, str, str]]
) -> None:
    assert found(text) == expected


def test_the_years_of_a_staged_list_are_steps() -> None:
    text = "实施步骤。\n2023年，启动建设；2024年：形成格局。\n2025年，基本完成建设任务。"
    assert found(text) == [
        ("2023年", date(2023, 12, 31), "year", "step"),
        ("2024年", date(2024, 12, 31), "year", "step"),
        ("2025年", date(2025, 12, 31), "year", "step"),
    ]


def test_offsets_index_the_text() -> None:
    text = "深化改革，确保到2024年底基本实现均衡化发展。"
    (item,) = milestones(text, ISSUED)
    assert text[item.start : item.end] == item.raw == "确保到2024年底"


@pytest.mark.parametrize(
    "text",
    [
        "省政府办公厅于2023年11月7日印发本方案。",  # an event's date
        "2023年11月7日，省政府印发了方案。",  # a date opening a sentence, not a step of a list
        "2023年，省政府印发了行动方案。",  # one year alone is a narrative, not a staged list
        "办好第十五届中国国际数字经济博览会。",  # an edition number
        "推进政务服务“一网通办2.0”建设，畅通12345热线。",  # a version and a hotline
        "落实粤办函〔2023〕297号文件要求。",  # a document number's year
        "贯彻《数字广东建设2024年工作要点》。",  # a year inside a title
        "截至2023年底，全省已建成5G基站25万座。",  # 截至 dates a state of things
        "每年联合举办发展论坛。",  # a recurring event
        "数据流通前合规登记。",  # 前 after no date
        "到2024年13月底前完成。",  # no such month: a misprint is no date
        "截至2024年内，已建成平台。",  # a year is no count of years (2024年内 is not 2024 years)
    ],
)
def test_dates_that_are_no_deadlines_are_not_taken(text: str) -> None:
    assert milestones(text, ISSUED) == []


def test_relative_periods_count_from_the_issue_date() -> None:
    assert found("年内完成平台上线，三年内建成体系。") == [
        ("年内", date(2023, 12, 31), "year", "deadline"),
        ("三年内", date(2025, 12, 31), "year", "deadline"),
    ]


def test_relative_periods_stay_unresolved_without_an_issue_date() -> None:
    items = milestones("年內完成平台上線。", None)
    assert items == [FoundMilestone(0, 2, "年內", None, "year", "deadline", "unresolved")]


def test_a_five_year_plan_names_its_end_and_its_span() -> None:
    assert found("“十四五”期末建成，“十五五”时期持续推进。") == [
        ("“十四五”期末", date(2025, 12, 31), "year", "deadline"),
        ("“十五五”时期", date(2030, 12, 31), "year", "period"),
    ]
