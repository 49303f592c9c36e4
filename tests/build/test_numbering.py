import pytest

from dbay.build.numbering import chinese_number, parse_marker


@pytest.mark.parametrize(
    ("numeral", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("五十五", 55), ("一百零三", 103), ("两", 2)]
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert chinese_number(numeral) == value


@pytest.mark.parametrize(
    ("text", "style", "number", "label", "rest"),
    [
        ("第一章 总则", "chapter", 1, "第一章", "总则"),
        ("第三节 监督", "section", 3, "第三节", "监督"),
        ("第十二条 本条例自公布之日起施行。", "article", 12, "第十二条", "本条例自公布之日起施行。"),
        ("十三、营造良好发展环境", "dun", 13, "十三", "营造良好发展环境"),
        ("(一) 指导思想。", "paren", 1, "（一）", "指导思想。"),
        ("（五十五）加强合作交流。", "paren", 55, "（五十五）", "加强合作交流。"),
        ("1. 推动数据要素", "arabic", 1, "1", "推动数据要素"),
        ("2 . 推动三地算力", "arabic", 2, "2", "推动三地算力"),
        ("3、建设", "arabic", 3, "3", "建设"),
        ("（2）加强", "arabic-paren", 2, "（2）", "加强"),
        ("③ 完善", "circled", 3, "③", "完善"),
    ],
)
def test_markers(text: str, style: str, number: int, label: str, rest: str) -> None:
    marker = parse_marker(text)
    assert marker is not None
    assert (marker.style, marker.number, marker.label, text[marker.rest_start :]) == (style, number, label, rest)


@pytest.mark.parametrize("text", ["2023 年，启动", "2.5亿元", "5G网络", "12345便民服务热线", "一体化推进", "十五运会"])
def test_text_that_only_starts_with_a_number_is_not_numbered(text: str) -> None:
    assert parse_marker(text) is None
