"""Where the document begins and ends: its title printed otherwise, notices before it, matter after it."""

import pytest

from dbay.build.clean import clean
from dbay.build.front_matter import EXACT, QUOTED, find_title, undecorated
from dbay.build.segment import Outline, segment

TITLE = "某市数据开放实施方案"
BODY = "为推进数据开放，制定本方案。\n一、目标\n（一）甲。\n二、任务\n（一）乙。"


def outline(text: str, title: str = TITLE) -> Outline:
    return segment(clean(text), title)


def paths(result: Outline) -> list[str]:
    return [".".join(map(str, n.path)) for n in result.root.walk()]


@pytest.mark.parametrize(
    "printed",
    [
        f"《{TITLE}》",
        f"附件：{TITLE}",
        f"附件2\u3000{TITLE}",
        f"{TITLE}（征求意见稿）",
        f"{TITLE}（全文）",
        "某市数据开放\n实施方案",
    ],
)
def test_the_title_is_found_however_it_is_printed(printed: str) -> None:
    result = outline(f"各区人民政府：\n一、请认真执行。\n二、请及时反馈。\n某市人民政府\n2025年1月2日\n{printed}\n{BODY}")
    assert result.title is not None
    assert paths(result) == ["1", "1.1", "2", "2.1"]
    assert [p.text.text for p in result.preamble] == ["为推进数据开放，制定本方案。"]
    assert all(e.reason.startswith("front matter") for e in result.excluded)
    assert len(result.excluded) == 5


def test_a_copy_of_the_title_printed_as_document_yml_has_it_wins() -> None:
    paragraphs = clean(f"{TITLE}\n（一）页面说明。\n附件：{TITLE}\n{TITLE}\n{BODY}")
    found = find_title(paragraphs, TITLE)
    assert found is not None and (found.start, found.end, found.quality) == (3, 4, EXACT)


def test_a_news_headline_quoting_the_title_marks_the_start_when_nothing_closer_does() -> None:
    paragraphs = clean(f"网站首页\n我省印发《{TITLE}》\n记者获悉，方案已经印发。\n{BODY}")
    found = find_title(paragraphs, TITLE)
    assert found is not None and (found.start, found.quality) == (1, QUOTED)


def test_the_notice_s_own_title_quoting_the_document_is_not_its_title() -> None:
    paragraphs = clean(f"某市人民政府办公室关于印发《{TITLE}》的通知\n{BODY}")
    assert find_title(paragraphs, TITLE) is None


def test_the_title_repeated_above_a_list_of_links_is_not_the_start() -> None:
    result = outline(f"{TITLE}\n{BODY}\n{TITLE}\n相关链接\n1.关于某项工作的通知\n2.《某市条例》解读")
    assert paths(result) == ["1", "1.1", "2", "2.1"]


def test_decorations_are_not_the_title() -> None:
    assert undecorated("附件1：某市方案（征求意见稿）") == undecorated("某市方案")
    assert undecorated("关于印发某市方案的通知") != undecorated("某市方案")


def test_an_issuing_notice_with_numbered_paragraphs_is_known_by_its_form_when_the_title_is_not_printed() -> None:
    result = outline(
        "关于印发某项工作意见的通知\n各地级以上市人民政府，省政府各部门：\n经省人民政府同意，现将意见印发给你们，并提出以下要求：\n"
        "一、高度重视。\n二、抓好落实。\n某省人民政府办公厅\n2025年2月8日\n（此件公开发布）\n附件：有关清单\n"
        "一、总体要求\n（一）指导思想。\n二、主要任务\n（一）任务一。\n（二）任务二。",
        title="完全不同的标题",
    )
    assert paths(result) == ["1", "1.1", "2", "2.1", "2.2"]
    assert result.title is None
    assert [e.paragraph.line for e in result.excluded] == list(range(1, 10))
    assert all(e.reason.startswith("notice before the document") for e in result.excluded)


def test_the_line_after_a_notice_is_the_title_printed_otherwise() -> None:
    result = outline(
        "各区人民政府：\n现将条例草案全文公布，征求社会公众意见。\n某市人大常委会办公室\n2025年1月5日\n"
        "某市数据条例（草案）\n总则\n第一条 为了规范数据管理，制定本条例。\n第二条 本条例自公布之日起施行。",
        title="某市数据管理条例",
    )
    assert result.title is not None and result.title.text.text == "某市数据条例（草案）"
    assert result.preamble == []
    assert paths(result) == ["1", "1.1", "1.2"]


def test_a_notice_without_a_date_ends_where_its_lines_do() -> None:
    result = outline(
        "某市人民政府关于印发某项工作意见的通知\n某府〔2025〕7号\n各区人民政府，市政府各部门：\n"
        "现将《某项工作意见》印发给你们，请认真贯彻执行。\n某项工作意见\n为做好某项工作，提出如下意见。\n一、目标\n（一）甲。",
        title="完全不同的标题",
    )
    assert [e.paragraph.line for e in result.excluded] == [1, 2, 3, 4]
    assert result.title is not None and result.title.text.text == "某项工作意见"
    assert paths(result) == ["1", "1.1"]


def test_a_page_without_a_date_keeps_its_numbered_text() -> None:
    result = outline("各区人民政府：\n一、甲。\n二、乙。", title="完全不同的标题")
    assert paths(result) == ["1", "2"]


def test_signature_date_and_distribution_lines_after_the_document_are_excluded() -> None:
    result = outline(
        f"{TITLE}\n{BODY}\n某市人民政府\n2025年3月1日\n（此件主动公开）\n抄送：市委办公室。\n某市人民政府办公室 2025年3月2日印发"
    )
    assert paths(result) == ["1", "1.1", "2", "2.1"]
    assert result.leaves()[-1].full_text().text == "乙。"
    trailing = [e.paragraph.text.text for e in result.excluded if e.reason.startswith("after the document's end")]
    assert trailing == [
        "某市人民政府",
        "2025年3月1日",
        "（此件主动公开）",
        "抄送：市委办公室。",
        "某市人民政府办公室2025年3月2日印发",
    ]


def test_an_attachment_list_after_the_document_is_excluded() -> None:
    result = outline(f"{TITLE}\n{BODY}\n附件：1.重点任务清单\n2.责任分工表")
    assert paths(result) == ["1", "1.1", "2", "2.1"]
    assert {e.paragraph.text.text for e in result.excluded} == {"附件：1.重点任务清单", "2.责任分工表"}


def test_an_attachment_printed_after_the_document_is_excluded() -> None:
    result = outline(f"{TITLE}\n{BODY}\n附件\n重点任务分工表\n1.建设平台。")
    assert paths(result) == ["1", "1.1", "2", "2.1"]
    assert [e.paragraph.text.text for e in result.excluded] == ["附件", "重点任务分工表", "1.建设平台。"]


def test_a_date_followed_by_most_of_the_text_does_not_end_the_document() -> None:
    result = outline("一、甲。\n2025年1月2日\n二、乙。\n三、丙。\n四、丁。", title="完全不同的标题")
    assert paths(result) == ["1", "2", "3", "4"]


def test_a_law_s_passing_date_and_signature_end_the_document() -> None:
    result = outline(f"{TITLE}\n{BODY}\n二零二五年三月十日通过。\n立法会主席　某某")
    assert paths(result) == ["1", "1.1", "2", "2.1"]
    assert result.leaves()[-1].full_text().text == "乙。"


def test_the_number_and_addressee_printed_under_the_title_are_no_heading() -> None:
    # a government's own opinion: title, number, addressee, then the text; before, the addressee
    # was taken for a heading over the whole document and every path moved down a level
    result = outline(f"{TITLE}\n湘政发〔2025〕8号\n各市州人民政府，省政府各厅委、各直属机构：\n{BODY}")
    assert paths(result) == ["1", "1.1", "2", "2.1"]
    assert [p.text.text for p in result.preamble] == ["为推进数据开放，制定本方案。"]
    under = [e.paragraph.text.text for e in result.excluded if e.reason.startswith("printed under the title")]
    assert under == ["湘政发〔2025〕8号", "各市州人民政府，省政府各厅委、各直属机构："]


def test_an_addressee_naming_units_and_a_line_introducing_the_text_are_no_headings() -> None:
    notice = "湘政发〔2016〕1号\n省直和中央在湘有关单位：\n现就重点工作提出分工意见如下："
    result = outline(f"{TITLE}\n{notice}\n一、目标\n（一）甲。\n二、任务\n（一）乙。")
    assert paths(result) == ["1", "1.1", "2", "2.1"]
    assert [p.text.text for p in result.preamble] == ["现就重点工作提出分工意见如下："]


def test_a_second_copy_of_the_title_over_two_lines_and_a_site_line_are_front_matter() -> None:
    site = "某省人民政府门户网站 www.example.gov.cn 发布时间: 2019-02-20 11:02 【字体:"
    result = outline(f"{TITLE}\n{site}\n某市数据\n开放实施方案\n某府发〔2019〕1号\n{BODY}")
    assert paths(result) == ["1", "1.1", "2", "2.1"]
    assert [p.text.text for p in result.preamble] == ["为推进数据开放，制定本方案。"]
