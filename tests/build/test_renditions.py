"""Ranking renditions, a news report's own lead, and the spans of a provision and its clause."""

import hashlib
import re

from dbay.build.clean import Paragraph, clean
from dbay.build.load import LoadedRendition
from dbay.build.renditions import (
    authority,
    completeness,
    document_preamble,
    news_opening,
    provision_spans,
    rank,
    unknown_kind_problems,
)
from dbay.build.segment import Outline, segment
from dbay.build.textmap import MappedText
from dbay.schema.sources import RenditionConfig

TITLE = "广东省测试行动方案"
FIRST = "1. 推进第一项工作。建设全省统一的测试平台，实现测试数据按需共享。"
FULL = f"{TITLE}\n一、任务\n{FIRST}\n2. 推进第二项工作。完善测试工作机制，及时发布测试结果和改进意见。\n"


def rendition(name: str, kind: str, raw: str = FULL) -> LoadedRendition:
    config = RenditionConfig(file=f"{name}.txt", script="zh-Hans", kind=kind)
    return LoadedRendition(f"doc.{name}", config, f"doc/{name}.txt", raw, hashlib.sha256(raw.encode()).hexdigest())


def outline(raw: str, news: bool = False) -> Outline:
    return segment(clean(raw), TITLE, news=news)


def test_kinds_rank_official_then_reposts_then_encyclopedias_then_news_then_unknown() -> None:
    kinds = ["news", "blog", "encyclopedia", "web-page", "official"]
    assert sorted(kinds, key=authority) == ["official", "web-page", "encyclopedia", "news", "blog"]
    assert authority("law-library") == authority("repost") == authority("web-page")


def test_an_unknown_kind_is_reported_with_its_file() -> None:
    problems = unknown_kind_problems([rendition("a", "official"), rendition("b", "blog")])
    assert len(problems) == 1
    assert problems[0].startswith("doc/b.txt: kind 'blog'")


def test_completeness_counts_provision_text_not_numbered_lines() -> None:
    links = "".join(f"{n}. 相关文件{n}\n" for n in range(3, 8))
    fragment = f"{TITLE}\n一、任务\n{FIRST}\n{links}"
    assert len(outline(fragment).leaves()) > len(outline(FULL).leaves())
    assert completeness(outline(fragment)) < completeness(outline(FULL))


def test_equals_rank_by_completeness_then_by_id_never_by_listing() -> None:
    short = f"{TITLE}\n一、任务\n{FIRST}\n"
    renditions = [
        rendition("c", "repost"),
        rendition("short", "web-page", short),
        rendition("b", "repost"),
        rendition("n", "news"),
    ]
    outlines = {r.id: outline(r.raw) for r in renditions}
    expected = ["doc.b", "doc.c", "doc.short", "doc.n"]
    assert [r.id for r in rank(renditions, outlines)] == expected
    assert [r.id for r in rank(list(reversed(renditions)), outlines)] == expected


def texts(paragraphs: list[Paragraph]) -> list[str]:
    return [p.text.text for p in paragraphs]


def test_a_report_printing_the_title_line_keeps_the_documents_preamble() -> None:
    lead_line = f"南方日报讯（记者 张三）近日，省政府印发了《{TITLE}》。"
    report = f"我省出台测试方案\n{lead_line}\n{TITLE}\n为推进测试工作，制定本方案。\n一、任务\n1. 推进第一项工作。\n"
    lead, preamble = news_opening(outline(report, news=True))
    assert texts(lead) == []  # the lead stands before the title line: front matter of the page
    assert texts(preamble) == ["为推进测试工作，制定本方案。"]


def test_a_headline_that_is_the_title_is_followed_by_the_reporters_lead() -> None:
    lead_line = f"南方日报讯（记者 张三）近日，省政府印发了《{TITLE}》。"
    report = f"{TITLE}\n{lead_line}\n为推进测试工作，制定本方案。\n一、任务\n1. 推进第一项工作。\n"
    lead, preamble = news_opening(outline(report, news=True))
    assert [t[:5] for t in texts(lead)] == ["南方日报讯"]
    assert texts(preamble) == ["为推进测试工作，制定本方案。"]


def test_without_a_title_line_the_opening_is_the_reporters_unless_the_text_follows() -> None:
    summary = "近日，省政府印发测试方案，提出两项任务。\n方案提出，要推进测试工作。\n一、任务\n1. 推进第一项工作。\n"
    lead, preamble = news_opening(outline(f"我省出台测试方案\n{summary}", news=True))
    assert (len(lead), preamble) == (2, [])
    follows = "近日，省政府印发测试方案。全文如下：\n为推进测试工作，制定本方案。\n一、任务\n1. 推进第一项工作。\n"
    lead, preamble = news_opening(outline(f"我省出台测试方案\n{follows}", news=True))
    assert texts(preamble) == ["为推进测试工作，制定本方案。"]
    # the announcement on a line of its own, closed by a full stop
    follows = "近日，省政府印发了测试方案。\n方案全文如下。\n为推进测试工作，制定本方案。\n一、任务\n1. 推进第一项工作。\n"
    lead, preamble = news_opening(outline(follows, news=True))
    assert (texts(lead)[-1], texts(preamble)) == ("方案全文如下。", ["为推进测试工作，制定本方案。"])


def spans(raw: str) -> tuple[str, str | None]:
    """The raw text the provision's and its clause's spans cover, for a one-line provision."""
    paragraph = clean(raw)[0]
    (start, end), clause = provision_spans(paragraph.body)
    return raw[start:end], raw[clause[0] : clause[1]] if clause else None


def test_a_span_ends_with_the_provision_and_the_clause_has_its_own() -> None:
    raw = "1. 推进数据共享。建设共享平台。(省政务服务和数据管理局牵头,省发展改革委按职责分工负责)  "
    assert spans(raw) == ("推进数据共享。建设共享平台。", "(省政务服务和数据管理局牵头,省发展改革委按职责分工负责)")


def test_a_parenthesised_group_that_cleaning_rewrites_stays_inside_the_span() -> None:
    raw = "1. 编制数字政府建设规划(2025-2027年)"
    assert spans(raw) == ("编制数字政府建设规划(2025-2027年)", None)


def test_a_same_length_rewrite_keeps_each_characters_offset() -> None:
    text = MappedText.from_raw('说明"数据"(试行)')
    rewritten = text.sub(re.compile(r"\(([^()]*)\)"), lambda m: f"（{m.group(1)}）")
    assert rewritten.text == '说明"数据"（试行）'
    assert rewritten.offsets == text.offsets
    dropped = text.sub(re.compile('"'), "")
    assert dropped.offsets == (0, 1, 3, 4, 6, 7, 8, 9)


def test_an_encyclopedia_s_words_about_the_document_are_no_preamble() -> None:
    about = f"《{TITLE}》是某省人民政府于2025年发布的政府规章。"
    page = f"{TITLE}\n{about}\n为推进测试工作，制定本方案。\n一、任务\n1. 推进第一项工作。\n"
    entry = rendition("encyclopedia", "encyclopedia", page)
    preamble, source, lead = document_preamble([entry], {entry.id: outline(page)})
    assert texts(preamble) == ["为推进测试工作，制定本方案。"] and source is entry
    assert [(e.paragraph.text.text, e.reason) for e in lead] == [
        (
            f"《{TITLE}》是某省人民政府于2025年发布的政府规章。",
            "words about the document (an encyclopedia's or a site's), not its text",
        )
    ]
