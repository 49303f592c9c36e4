from dbay.build.clean import clean, normalise_punctuation
from dbay.build.textmap import MappedText


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
