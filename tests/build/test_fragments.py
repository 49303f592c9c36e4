"""The conventional rank of numbering styles: a page that starts inside a part."""

from dbay.build.clean import clean
from dbay.build.segment import Outline, segment


def outline(text: str) -> Outline:
    return segment(clean(text), "某市工作要点")


def shape(result: Outline) -> list[tuple[str, str, str]]:
    return [(".".join(map(str, n.path)), n.numbering, n.head_text().text) for n in result.root.walk()]


def test_items_before_a_higher_ranked_heading_go_under_the_part_before_it() -> None:
    result = outline("（三）丙。\n续丙。\n（四）丁。\n二、第二部分\n（一）戊。\n三、第三部分\n（一）己。")
    assert shape(result) == [
        ("1", "inferred", ""),
        ("1.3", "inferred", "丙。"),
        ("1.4", "inferred", "丁。"),
        ("2", "explicit", "第二部分"),
        ("2.1", "explicit", "戊。"),
        ("3", "explicit", "第三部分"),
        ("3.1", "explicit", "己。"),
    ]
    assert result.leaves()[0].full_text().text == "丙。\n续丙。"
    assert len(result.problems) == 1 and result.problems[0].startswith("line 1: the page starts inside a part")


def test_a_higher_ranked_style_never_nests_under_a_lower_one_deeper_down() -> None:
    result = outline("第一章 总则\n（二）乙。\n第二条 甲。\n（一）子项。")
    assert [(p, t) for p, _, t in shape(result)] == [
        ("1", "总则"),
        ("1.1", ""),
        ("1.1.2", "乙。"),
        ("1.2", "甲。"),
        ("1.2.1", "子项。"),
    ]


def test_numbered_lines_before_the_first_part_stay_text_before_it() -> None:
    result = outline("本方案的目标如下。\n1.甲。\n2.乙。\n一、总体要求\n（一）丙。")
    assert shape(result) == [("1", "explicit", "总体要求"), ("1.1", "explicit", "丙。")]
    assert [p.text.text for p in result.preamble] == ["本方案的目标如下。", "1.甲。", "2.乙。"]
    assert result.problems and result.problems[0].startswith("line 2:")


def test_the_usual_order_of_styles_is_unchanged() -> None:
    result = outline("一、甲\n（一）乙\n1.丙。\n（1）丁。\n①戊。\n二、己\n（一）庚。")
    assert [p for p, _, _ in shape(result)] == ["1", "1.1", "1.1.1", "1.1.1.1", "1.1.1.1.1", "2", "2.1"]
    assert result.problems == []
