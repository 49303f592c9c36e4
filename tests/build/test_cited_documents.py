"""Documents cited in measures' texts, on sentences written in the genre's shapes."""

import pytest

from dbay.build.cited_documents import cited_document_id, cited_documents, document_index
from dbay.build.pipeline import BuildResult


def titles(text: str) -> list[tuple[str, str | None]]:
    return [(item.title, item.doc_number) for item in cited_documents(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "落实《广东省数字政府改革建设“十四五”规划》（粤府〔2021〕44号），推进省域治理现代化。",
            [("广东省数字政府改革建设“十四五”规划", "粤府〔2021〕44号")],
        ),
        # a bare number after the title, and a half-width bracket
        (
            "按照《国务院关于加强数字政府建设的指导意见》国发〔2022〕14号要求",
            [("国务院关于加强数字政府建设的指导意见", "国发〔2022〕14号")],
        ),
        ("执行《江苏省数字经济促进条例》(苏人大〔2022〕第3号)。", [("江苏省数字经济促进条例", "苏人大〔2022〕第3号")]),
        # two titles, one with no number
        (
            "贯彻《数据安全法》和《个人信息保护法》，制定配套细则。",
            [("数据安全法", None), ("个人信息保护法", None)],
        ),
        # a Traditional repost
        ("加強《廣東省政務服務數字化條例》（粵府〔2021〕44號）宣貫培訓。", [("廣東省政務服務數字化條例", "粵府〔2021〕44號")]),
    ],
)
def test_titles_in_double_angle_brackets_are_cited_with_the_number_after_them(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert titles(text) == expected


def test_offsets_index_the_text() -> None:
    text = "加快研究起草《广东省数据条例》。"
    (item,) = cited_documents(text)
    assert text[item.start : item.end] == item.raw == "《广东省数据条例》"


@pytest.mark.parametrize(
    "text",
    [
        "据《南方日报》报道，全省数字经济规模超过6万亿元。",  # a newspaper in a news lead
        "《人民日报》刊发评论文章。",
        "《求是》杂志和《经济参考报》相继发表评论。",  # a periodical named by the word after it, a newspaper
        "《财经》报道了广东数据交易所的进展。",
        "推进“数字湾区”建设，推广“粤省事”平台。",  # quotation marks are not 《》
        "落实粤办函〔2023〕297号文件要求。",  # a number with no title
    ],
)
def test_periodicals_quotations_and_bare_numbers_are_no_cited_documents(text: str) -> None:
    assert titles(text) == []


def test_a_short_name_is_no_citation_of_its_own() -> None:
    text = "印发《广东省人民政府关于加快数字化发展的意见》（以下简称《意见》）。"
    assert titles(text) == [("广东省人民政府关于加快数字化发展的意见", None)]


def test_a_cited_title_is_linked_to_the_dataset_document_in_either_script(seed_release: BuildResult) -> None:
    index = document_index(seed_release.records.documents)
    # the title as printed in Traditional with other quotation marks, then a number only the dataset matches
    (by_title,) = cited_documents('按照《"數字灣區"建設三年行動方案》部署。')
    (by_number,) = cited_documents("按照《行动方案》（粤办函[2023]297号）部署。")
    (elsewhere,) = cited_documents("按照《广东省数据条例》部署。")
    assert cited_document_id(by_title, index) == "digital-bay-area-action-plan"
    assert cited_document_id(by_number, index) == "digital-bay-area-action-plan"
    assert cited_document_id(elsewhere, index) is None
