"""Numbered page furniture: tables of contents, related-link lists, link lists ending a page."""

from dbay.build.clean import clean
from dbay.build.segment import Outline, segment

TITLE = "测试管理办法"


def outline(text: str, title: str = TITLE) -> Outline:
    return segment(clean(text), title)


def paths(result: Outline) -> list[str]:
    return [".".join(map(str, n.path)) for n in result.root.walk()]


def reasons(result: Outline) -> dict[str, str]:
    return {e.paragraph.text.text: e.reason for e in result.excluded}


def test_a_table_of_contents_without_its_heading_is_known_by_its_repeated_entries() -> None:
    result = outline(f"{TITLE}\n第一章 总则\n第二章 管理\n第一章 总则\n第一条 甲。\n第二章 管理\n第二条 乙。")
    assert paths(result) == ["1", "1.1", "2", "2.2"]
    assert result.problems == []
    toc = [e for e in result.excluded if e.reason.startswith("table of contents")]
    assert [e.paragraph.line for e in toc] == [2, 3]


def test_a_table_of_contents_is_known_by_its_dot_leaders_and_page_numbers() -> None:
    result = outline(f"{TITLE}\n第一章 总则…………1\n第二章 管理…………4\n第一章 总则\n第一条 甲。\n第二章 管理\n第二条 乙。")
    assert paths(result) == ["1", "1.1", "2", "2.2"]


def test_a_traditional_table_of_contents_heading_is_recognised() -> None:
    result = outline(f"{TITLE}\n目　錄\n第一章 總則\n第二章 附則\n第一章 總則\n第一条 甲。\n第二章 附則\n第二条 乙。")
    assert reasons(result)["目錄"].startswith("table of contents")
    assert paths(result) == ["1", "1.1", "2", "2.2"]


def test_a_table_of_contents_ends_where_its_first_number_comes_again_in_other_words() -> None:
    result = outline(
        f"{TITLE}\n目录\n第一章 一般规定\n第二章 管理\n第一节 登记\n第二节 变更\n第一章 总则\n第一条 甲。\n"
        "第二章 管理\n第一节 登记\n第二条 乙。"
    )
    assert paths(result) == ["1", "1.1", "2", "2.1", "2.1.2"]
    assert [e.paragraph.line for e in result.excluded] == [2, 3, 4, 5, 6]


def test_parts_sharing_a_subheading_are_no_table_of_contents() -> None:
    result = outline(f"{TITLE}\n一、数字经济\n（一）工作目标\n到年底完成。\n二、数字社会\n（一）工作目标\n到年底建成。")
    assert paths(result) == ["1", "1.1", "2", "2.1"]
    assert not any(e.reason.startswith("table of contents") for e in result.excluded)


def test_related_links_stop_at_the_footer() -> None:
    result = outline(
        f"{TITLE}\n一、总则\n（一）甲。\n相关文件：\n1.关于做好某项工作的通知\n2.某项工作政策解读\n主办单位：某市人民政府"
    )
    found = reasons(result)
    assert found["1.关于做好某项工作的通知"].startswith("list of related links")
    assert found["2.某项工作政策解读"].startswith("list of related links")
    assert found["主办单位：某市人民政府"].startswith("site boilerplate")
    assert paths(result) == ["1", "1.1"]


def test_a_numbered_list_of_document_titles_ending_the_page_is_links() -> None:
    result = outline(
        f"{TITLE}\n一、总则\n1.建立工作机制。\n2.加强督促检查。\n"
        "1.关于印发某市数据管理办法的通知\n2.《某市数据条例》解读\n网站标识码：1234567890"
    )
    assert reasons(result)["1.关于印发某市数据管理办法的通知"].startswith("list of links at the end")
    assert paths(result) == ["1", "1.1", "1.2"]


def test_last_provisions_that_read_as_sentences_are_no_link_list() -> None:
    result = outline(f"{TITLE}\n一、总则\n1.贯彻《数据安全法》，建立制度\n2.关于经费，由财政保障")
    assert paths(result) == ["1", "1.1", "1.2"]


def test_breadcrumbs_info_box_and_footer_lines_are_boilerplate() -> None:
    result = outline(
        f"首页 > 政务公开 > 政策文件\n{TITLE}\n索引号：123/2025-001  分类：通知\n发布机构：某局  成文日期：2025-01-02\n"
        "一、总则\n（一）甲。\n上一篇：某通知\n下一篇：某方案\n扫一扫在手机打开当前页\n版权所有：某市人民政府"
    )
    found = reasons(result)
    for line in [
        "索引号：123/2025-001分类：通知",
        "上一篇：某通知",
        "下一篇：某方案",
        "扫一扫在手机打开当前页",
        "版权所有：某市人民政府",
    ]:
        assert found[line].startswith("site boilerplate"), line
    assert paths(result) == ["1", "1.1"]


def test_a_link_list_after_unpunctuated_last_items_is_still_links() -> None:
    result = outline(f"{TITLE}\n一、总则\n1.建立工作机制\n2.加强督促检查\n1.关于某项工作的通知\n2.《某市数据条例》解读")
    assert paths(result) == ["1", "1.1", "1.2"]
    assert reasons(result)["2.《某市数据条例》解读"].startswith("list of links at the end")
