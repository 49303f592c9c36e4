import hashlib

import pytest

from dbay.build.clean import clean
from dbay.build.counts import before_first_heading, declared_counts, declared_vs_found, find_declaration
from dbay.build.load import LoadedRendition
from dbay.build.segment import segment
from dbay.schema.sources import RenditionConfig


def test_a_summary_states_its_units_widest_first() -> None:
    found = declared_counts("《意见》围绕数字生态、数字经济四个方面，分类提出8点共33项具体措施。其他内容。")
    assert [(d.unit, d.number) for d in found] == [("个方面", 4), ("点", 8), ("项", 33)]


def test_chinese_numbers_and_traditional_script() -> None:
    assert [(d.unit, d.number) for d in declared_counts("本條例共五章三十條。")] == [("章", 5), ("条", 30)]


DECLARING = {
    "list word before": ("为推动数据要素市场发展，结合本省实际，提出以下30项重点任务。", [("项", 30)]),
    "two levels without 共": ("本方案包括8个方面24条措施，请认真贯彻落实。", [("个方面", 8), ("条", 24)]),
    "Traditional, a space": ("本計劃分為四部分，提出以下50 項工作任務：", [("部分", 4), ("项", 50)]),
    "Chinese numerals": ("现从五个方面提出二十条具体举措。", [("个方面", 5), ("条", 20)]),
    "contents": ("本规划主要包括以下十项内容：", [("项", 10)]),
    "full-width digits": ("围绕营商环境提出１２条政策措施。", [("条", 12)]),
    "Traditional measures": ("現就加快智慧城市建設提出如下十二條意見：", [("条", 12)]),
    "colon after the unit": ("具体分为以下三部分：", [("部分", 3)]),
}


@pytest.mark.parametrize("case", DECLARING)
def test_a_document_counting_its_own_parts_is_recognised_without_a_total(case: str) -> None:
    text, expected = DECLARING[case]
    assert [(d.unit, d.number) for d in declared_counts(text)] == expected


NOT_DECLARING = [
    "到2025年，建设5个国家级平台，培育100家企业。",
    "力争实现数字经济增加值30%增长。",
    "实施数字政府改革建设三年行动。",
    "第三部分主要任务",  # an ordinal, not a count
    "其中一部分措施已经落地。",  # 一部分: "some of", not a count
    "福田e站通助港人办理299项香港政务。",  # a count of services, not of the document's parts
    "梳理超500项高频民生诉求事项。",
    "到2027年，建成10個省級示範區，引進200家龍頭企業。",  # Traditional
    "推動三年內完成50項政務服務事項上網。",
]


@pytest.mark.parametrize("text", NOT_DECLARING)
def test_counts_of_other_things_are_not_declarations(text: str) -> None:
    assert declared_counts(text) == []


def test_the_declaration_names_its_line_and_phrase() -> None:
    found = declared_counts("关于推进数据开放的工作方案\n\n为做好今年工作，现提出以下12项重点任务：\n一、总体要求")
    assert [(d.line, d.phrase) for d in found] == [(3, "12项")]


def rendition(raw: str) -> LoadedRendition:
    config = RenditionConfig(file="official.txt", script="zh-Hans", kind="official")
    return LoadedRendition("test-doc.official", config, "test-doc/official.txt", raw, hashlib.sha256(raw.encode()).hexdigest())


PLAN = """关于推进公共数据开放的工作方案
为推进公共数据开放，现从两个方面提出5项重点任务。
一、夯实基础
（一）编制公共数据开放目录。各部门按年度更新。
（二）建设统一开放平台。依托省政务云部署。
二、深化应用。本部分提出以下3项具体措施：
（一）开展开放应用试点。选择若干地市先行先试。
（二）举办数据开放创新大赛。每年举办一次。
（三）建立开放评估机制。按年度评估。
"""


def test_only_the_opening_counts_the_document() -> None:
    document = rendition(PLAN)
    outline = segment(clean(PLAN), "关于推进公共数据开放的工作方案")
    assert "一、夯实基础" not in before_first_heading(PLAN, outline)
    found = find_declaration([document], {document.id: outline})
    assert found is not None and found.where == "test-doc/official.txt:2"
    assert [(d.unit, d.number) for d in found.declarations] == [("个方面", 2), ("项", 5)]
    assert declared_vs_found(found.declarations, outline.root.walk()) == [
        ("个方面", 2, 1, 2, "两个方面提出5项"),
        ("项", 5, 2, 5, "两个方面提出5项"),
    ]


def test_a_count_in_a_section_heading_is_not_the_documents() -> None:
    text = PLAN.replace("，现从两个方面提出5项重点任务", "")
    document = rendition(text)
    outline = segment(clean(text), "关于推进公共数据开放的工作方案")
    assert find_declaration([document], {document.id: outline}) is None
