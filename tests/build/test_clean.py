from pathlib import Path

import pytest

from dbay.build.clean import clean, clean_rendition, normalise_punctuation
from dbay.build.pipeline import BuildResult, run_build
from dbay.build.pronunciation import drop_pronunciations, is_pinyin
from dbay.build.textmap import MappedText
from tests.conftest import write_release_config


def texts(raw: str) -> list[str]:
    return [paragraph.text.text for paragraph in clean(raw)]


def test_markdown_bullets_and_bold_are_dropped() -> None:
    raw = "- (一) 以数据流动带动要素市场化。\n - **5. 推动大湾区要素市场化。**充分发挥数据作用。\n"
    assert texts(raw) == ["（一）以数据流动带动要素市场化。", "5.推动大湾区要素市场化。充分发挥数据作用。"]
    assert [p.bulleted for p in clean(raw)] == [True, True]


def test_a_page_break_inside_a_sentence_is_joined_without_a_gap() -> None:
    long_start = "推进未来网络试验设施建设，积极谋划太赫兹科学中心、大科学装置与重大创新平台，推动网络基础设施升级，以及工业互"
    raw = f"1. {long_start}\n\n联网创新基础设施等建设。\n\n2. 下一项。"
    assert texts(raw) == [f"1.{long_start}联网创新基础设施等建设。", "2.下一项。"]


def test_a_short_heading_is_never_joined_to_the_paragraph_after_it() -> None:
    raw = "三、建立多方参与机制\n\n按照政府引导原则，建立工作机制。"
    assert texts(raw) == ["三、建立多方参与机制", "按照政府引导原则，建立工作机制。"]


def test_spaces_next_to_chinese_go_and_latin_spaces_stay() -> None:
    assert texts("推进大湾区 5G 网络深度覆盖，通报 预警，利用50G PON等技术。") == [
        "推进大湾区5G网络深度覆盖，通报预警，利用50G PON等技术。"
    ]


def test_ascii_punctuation_in_chinese_text_becomes_full_width() -> None:
    text = normalise_punctuation(MappedText.from_raw('建设"数字湾区",完善城市信息模型(CIM);粤省心12,345热线'))
    assert text.text == "建设“数字湾区”，完善城市信息模型（CIM）；粤省心12,345热线"


def test_every_clean_character_maps_back_to_the_raw_file() -> None:
    raw = (
        '标题\n\n- **1. 推动"数据"要素流通。**探索建设数据特区,加强跨境数据流通服务与分类管理,确保数据安全、'
        "使用合规和范围可控的基\n\n座通建设。"
    )
    paragraph = clean(raw)[1]
    start, end = paragraph.text.raw_span()
    assert raw[start:end] == raw[raw.index("1.") :]
    assert all(
        raw[offset] in '"*' or raw[offset] == char or char in "“”，"
        for char, offset in zip(paragraph.text.text, paragraph.text.offsets, strict=True)
    )


def _build_one(tmp_path: Path, text: str) -> BuildResult:
    """Build a one-rendition regulation whose official text is ``text``."""
    folder = tmp_path / "sources" / "test-bare"
    folder.mkdir(parents=True)
    (folder / "document.yml").write_text(
        "id: test-bare\ntitle: 某市公共数据管理条例\nissuer: 某市人民代表大会常务委员会\nissued: 2024-01-01\n"
        "doc_number: null\nrenditions:\n  - file: official.txt\n    script: zh-Hans\n    kind: official\n",
        encoding="utf-8",
    )
    (folder / "official.txt").write_text(text, encoding="utf-8")
    write_release_config(tmp_path / "sources", "1.0")
    return run_build(tmp_path / "sources", tmp_path / "dist")


def test_numbers_printed_alone_on_their_line_build_without_crashing(tmp_path: Path) -> None:
    # Regression: a bare 第二条 whose text follows on the next line, and a bare 第三条 on the
    # last line, crashed the build with "ValueError: empty text has no span".
    result = _build_one(
        tmp_path,
        "某市公共数据管理条例\n第一章\n总则\n第一条 为了规范公共数据管理，制定本条例。\n第二条\n本条例适用于本市。\n第三条\n",
    )
    (build,) = result.builds
    assert [(s.path, s.heading.hans) for s in build.sections] == [((1,), "总则")]
    assert [(m.path, m.text.hans) for m in build.measures] == [
        ((1, 1), "为了规范公共数据管理，制定本条例。"),
        ((1, 2), "本条例适用于本市。"),
    ]
    assert any("line 7" in problem and "第三条" in problem for problem in build.problems), build.problems


# --- pronunciation annotations -----------------------------------------------------------------


def test_pinyin_annotations_after_chinese_words_are_removed() -> None:
    raw = "持续優(yōu)化营商环境，加强统筹（tǒng chóu）协调，推进数字化转(zhuǎn)型。"
    assert texts(raw) == ["持续優化营商环境，加强统筹协调，推进数字化转型。"]


def test_pinyin_with_tone_digits_is_removed() -> None:
    assert texts("坚持统筹(tong3 chou2)推进。") == ["坚持统筹推进。"]


def test_parenthesised_latin_that_is_no_pinyin_stays() -> None:
    raw = "完善城市信息模型(CIM)平台，推广政府和社会资本合作（PPP）模式，建设5G基站(5G)，发展人工智能(AI)，回答(yes)。"
    assert texts(raw) == [
        "完善城市信息模型（CIM）平台，推广政府和社会资本合作（PPP）模式，建设5G基站（5G），发展人工智能（AI），回答（yes）。"
    ]


def test_clean_text_without_annotations_still_maps_to_its_raw_characters() -> None:
    raw = "第二条 持续優(yōu)化服务，加强统筹（tǒng chóu）。"
    (paragraph,) = clean(raw)
    assert paragraph.text.text == "第二条持续優化服务，加强统筹。"
    assert "".join(raw[offset] for offset in paragraph.text.offsets) == paragraph.text.text
    start, end = paragraph.text.raw_span()
    assert raw[start:end] == raw


# --- several items printed on one line ------------------------------------------------------------


def test_items_printed_on_one_line_become_paragraphs() -> None:
    raw = "（一）加强组织领导。建立工作机制。（二）强化资金保障。（三）做好宣传引导。"
    paragraphs = clean(raw)
    assert [p.text.text for p in paragraphs] == [
        "（一）加强组织领导。建立工作机制。",
        "（二）强化资金保障。",
        "（三）做好宣传引导。",
    ]
    assert [p.marker.number if p.marker else None for p in paragraphs] == [1, 2, 3]
    assert [p.line for p in paragraphs] == [1, 1, 1]
    for paragraph in paragraphs:
        start, end = paragraph.text.raw_span()
        assert raw[start:end] == paragraph.text.text


def test_arabic_and_dun_items_on_one_line_are_split_too() -> None:
    assert texts("1.完善平台功能；2.推进数据共享；3.加强安全管理。") == [
        "1.完善平台功能；",
        "2.推进数据共享；",
        "3.加强安全管理。",
    ]
    assert texts("一、总体要求。二、重点任务。") == ["一、总体要求。", "二、重点任务。"]


def test_a_number_out_of_sequence_or_inside_a_sentence_does_not_split() -> None:
    kept = [
        "第五条 有下列情形之一的，依照本条（一）项处理。",  # a cross-reference inside a sentence
        "（一）推进数据共享。（三）所列事项另行规定。",  # (三) does not continue (一)
        "（二）主要任务包括：（一）完善平台；（二）加强管理。",  # an inner list restarting at (一)
        "1.完善平台功能，2.推进共享。",  # not after the end of a sentence
    ]
    for line in kept:
        assert texts(line) == [line.replace(" ", "")]


# --- numbers printed alone on their line ----------------------------------------------------------


def test_a_bare_number_is_joined_to_the_line_with_its_heading() -> None:
    raw = "第一章\n总则\n一、\n总体要求\n第三条\n本办法自公布之日起施行。"
    cleaned = clean_rendition(raw)
    assert [(p.text.text, p.line) for p in cleaned.paragraphs] == [
        ("第一章总则", 1),
        ("一、总体要求", 3),
        ("第三条本办法自公布之日起施行。", 5),
    ]
    assert [p.heading for p in cleaned.paragraphs] == ["总则", None, None]
    start, end = cleaned.paragraphs[0].text.raw_span()
    assert raw[start:end] == "第一章\n总则"
    assert cleaned.dropped == []


def test_a_bracketed_heading_alone_with_its_number_is_joined_to_its_text() -> None:
    (paragraph,) = clean("第一条【立法目的】\n为了规范公共数据管理，制定本条例。")
    assert (paragraph.heading, paragraph.body.text) == ("立法目的", "为了规范公共数据管理，制定本条例。")


def test_a_bare_number_that_cannot_be_joined_is_dropped_with_its_line() -> None:
    cleaned = clean_rendition("第一章\n第一条 本办法适用于全市。\n第二条")
    assert [p.text.text for p in cleaned.paragraphs] == ["第一条本办法适用于全市。"]
    assert [(d.paragraph.line, d.paragraph.text.text) for d in cleaned.dropped] == [(1, "第一章"), (3, "第二条")]
    assert "another number" in cleaned.dropped[0].reason
    assert "end of the text" in cleaned.dropped[1].reason


def test_zhuyin_annotations_on_traditional_pages_are_removed() -> None:
    assert texts("持續優(ㄧㄡ)化服務，加強統籌（ㄊㄨㄥˇ ㄔㄡˊ）協調。") == ["持續優化服務，加強統籌協調。"]


@pytest.mark.parametrize(
    ("group", "pinyin"),
    [
        ("yōu", True),
        ("tǒng chóu", True),
        ("Shùzì Guǎngdōng", True),
        ("tong3chou2", True),
        ("ㄧㄡ", True),
        ("CIM", False),
        ("PPP", False),
        ("5G", False),
        ("AI", False),
        ("yes", False),
        ("tong chou", False),  # no tone: could be any Latin
        ("2025", False),
        ("iPhone", False),
    ],
)
def test_pinyin_is_recognised_by_its_toned_syllables(group: str, pinyin: bool) -> None:
    assert is_pinyin(group) is pinyin


def test_parenthesised_latin_kept_after_a_word_keeps_its_offsets() -> None:
    raw = "城市信息模型(CIM)平台"
    kept = drop_pronunciations(MappedText.from_raw(raw))
    assert kept.text == raw
    assert kept.offsets == tuple(range(len(raw)))


def test_a_list_opened_after_a_colon_on_a_numbered_line_is_split() -> None:
    raw = "第三条 主管部门履行下列职责：（一）建立制度。（二）组织检查。（三）指导各区工作。"
    paragraphs = clean(raw)
    assert [p.text.text for p in paragraphs] == [
        "第三条主管部门履行下列职责：",
        "（一）建立制度。",
        "（二）组织检查。",
        "（三）指导各区工作。",
    ]
    assert [p.marker.style if p.marker else None for p in paragraphs] == ["article", "paren", "paren", "paren"]
    # one cited item is no list: 依照本条（一）项 stays in its sentence
    assert len(clean("第四条 违反本办法第三条：（一）项规定的，责令改正。")) == 1


def test_a_page_that_lost_its_line_breaks_is_split_at_its_own_parts() -> None:
    # spaces left between the items, after an ASCII parenthesis
    line = "一、发挥作用，赋能实体经济。 (一)优化营商环境。搭建平台。(省政务服务数据管理局牵头) (二)赋能提质增效。(省科技厅牵头)"
    assert [p.text.text[:5] for p in clean(line)] == ["一、发挥作", "（一）优化", "（二）赋能"]
    # a whole law on one line: the preamble, then its articles
    law = "立法会根据基本法，制定本法律。第一条 本法律规定标的。第二条 全部行为确认有效。"
    paragraphs = clean(law)
    assert [p.text.text for p in paragraphs] == [
        "立法会根据基本法，制定本法律。",
        "第一条本法律规定标的。",
        "第二条全部行为确认有效。",
    ]
    assert [p.marker.style if p.marker else None for p in paragraphs] == [None, "article", "article"]
    # an unnumbered sentence quoting a list of items keeps it: only the document's own parts split it
    quoted = "主要目标包括：（一）建成平台。（二）完善制度。"
    assert texts(quoted) == [quoted]


def test_html_tags_left_in_a_saved_page_are_dropped() -> None:
    raw = "<p><strong>一、指导思想</strong></p>\n<p>&nbsp;坚持以人民为中心。</p>"
    paragraphs = clean(raw)
    assert [p.text.text for p in paragraphs] == ["一、指导思想", "坚持以人民为中心。"]
    assert paragraphs[0].marker is not None and paragraphs[0].marker.style == "dun"
    start, end = paragraphs[1].text.raw_span()
    assert raw[start:end] == "坚持以人民为中心。"
    # a page saved on one line: each block is a paragraph
    one_line = '<p style="text-align: center;">方案</p><p> 为做好工作，制定本方案。</p><p><strong>一、指导思想</strong></p>'
    assert texts(one_line) == ["方案", "为做好工作，制定本方案。", "一、指导思想"]
