from dbay.build.clean import clean
from dbay.build.segment import Outline, segment

TITLE = "测试工作方案"


def outline(text: str, title: str = TITLE) -> Outline:
    return segment(clean(text), title)


def shape(result: Outline) -> list[tuple[str, str, str]]:
    return [(".".join(map(str, n.path)), "leaf" if n.is_leaf else "section", n.head_text().text) for n in result.root.walk()]


def test_levels_nest_in_the_order_the_document_uses_them() -> None:
    result = outline(
        f"{TITLE}\n前言。\n一、总体要求\n（一）指导思想。\n正文。\n二、主要任务\n（一）任务一。\n"
        "1.事项一。\n2.事项二。\n（二）任务二。\n1.事项三。\n三、保障措施\n建立机制。"
    )
    assert shape(result) == [
        ("1", "section", "总体要求"),
        ("1.1", "leaf", "指导思想。"),
        ("2", "section", "主要任务"),
        ("2.1", "section", "任务一。"),
        ("2.1.1", "leaf", "事项一。"),
        ("2.1.2", "leaf", "事项二。"),
        ("2.2", "section", "任务二。"),
        ("2.2.1", "leaf", "事项三。"),
        ("3", "leaf", "保障措施"),
    ]
    assert [p.text.text for p in result.preamble] == ["前言。"]


def test_a_paragraph_under_a_heading_is_its_preamble_and_after_an_item_continues_it() -> None:
    result = outline("一、方案\n这一段是序言。\n1.事项一。\n这一段接着事项一。\n2.事项二。")
    section, first, second = result.root.walk()
    assert [p.text.text for p in section.body] == ["这一段是序言。"]
    assert first.full_text().text == "事项一。\n这一段接着事项一。"
    assert second.full_text().text == "事项二。"


def test_items_numbered_through_all_parts_keep_their_printed_numbers() -> None:
    result = outline("一、第一部分\n（一）甲。\n（二）乙。\n二、第二部分\n（三）丙。")
    assert [".".join(map(str, n.path)) for n in result.leaves()] == ["1.1", "1.2", "2.3"]
    assert result.problems == []


def test_unnumbered_headings_get_numbers_from_their_order() -> None:
    result = outline(
        "数字生态\n- 增强创新能力\n（一）开展攻关。\n（二）夯实支撑。\n- 建设新型基础设施\n"
        "（一）建设网络。\n数字经济\n- 巩固核心产业\n（一）打造高地。"
    )
    assert [(".".join(map(str, n.path)), n.numbering) for n in result.leaves()] == [
        ("1.1.1", "inferred"),
        ("1.1.2", "inferred"),
        ("1.2.1", "inferred"),
        ("2.1.1", "inferred"),
    ]


def test_front_matter_before_the_title_and_footers_are_excluded_with_reasons() -> None:
    result = outline(
        f"各地级以上市人民政府：\n现印发给你们。\n{TITLE}\n一、第一部分\n（一）甲。\n点击查看一图读懂\n↓↓↓\n相关词条"
    )
    reasons = {e.paragraph.text.text: e.reason for e in result.excluded}
    assert reasons["各地级以上市人民政府："].startswith("front matter")
    assert reasons["点击查看一图读懂"].startswith("site boilerplate")
    assert reasons["↓↓↓"].startswith("no Chinese text")
    assert reasons["相关词条"].startswith("list of related links")  # an encyclopedia's closing list
    assert shape(result) == [("1", "section", "第一部分"), ("1.1", "leaf", "甲。")]


def test_a_repeated_number_is_reported_not_silently_merged() -> None:
    result = outline("一、部分\n（一）甲。\n（一）乙。")
    assert [n.head_text().text for n in result.leaves()] == ["甲。"]
    assert any("repeated number （一）" in problem for problem in result.problems)
    assert [e.paragraph.text.text for e in result.excluded] == ["（一）乙。"]


def test_a_title_printed_otherwise_than_document_yml_is_still_the_title() -> None:
    result = outline("关于印发测试方案的通知\n为做好工作，制定本方案。\n一、目标\n（一）甲。\n二、任务\n（一）乙。")
    assert result.title is not None and result.title.text.text == "关于印发测试方案的通知"
    assert [p.text.text for p in result.preamble] == ["为做好工作，制定本方案。"]
    assert [".".join(map(str, n.path)) for n in result.leaves()] == ["1.1", "2.1"]


def test_a_news_report_opens_with_its_headline() -> None:
    report = "我省发布数字化发展意见 推动转型\n记者获悉，我省发布意见。\n数字经济\n（一）甲。\n数字社会\n（一）乙。"
    result = segment(clean(report), TITLE, news=True)
    assert [e.reason for e in result.excluded] == ["the news report's headline"]
    assert [".".join(map(str, n.path)) for n in result.leaves()] == ["1.1", "2.1"]


def test_a_news_site_s_editor_line_in_brackets_and_an_encyclopedia_s_references_are_furniture() -> None:
    closing = "（责任编辑：张某）\n参考资料\n1. 某市人民政府公报\n词条统计 浏览次数：1024"
    result = outline(f"{TITLE}\n一、第一部分\n（一）甲。\n{closing}")
    reasons = {e.paragraph.text.text: e.reason for e in result.excluded}
    assert reasons["（责任编辑：张某）"].startswith("site boilerplate")
    assert reasons["参考资料"].startswith("list of related links")
    assert reasons["1.某市人民政府公报"].startswith("list of related links")
    assert reasons["词条统计浏览次数：1024"].startswith("site boilerplate")
    assert shape(result) == [("1", "section", "第一部分"), ("1.1", "leaf", "甲。")]
