from pathlib import Path

from dbay.build.clean import clean, normalise_punctuation
from dbay.build.pipeline import BuildResult, run_build
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
