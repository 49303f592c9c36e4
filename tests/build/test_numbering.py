import pytest

from dbay.build.numbering import chinese_number, parse_marker


@pytest.mark.parametrize(
    ("numeral", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("五十五", 55), ("一百零三", 103), ("两", 2)]
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert chinese_number(numeral) == value


# The common forms, in Simplified script; the variants real pages print follow in test_markers.
MARKERS = [
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
]


@pytest.mark.parametrize("text", ["2023 年，启动", "2.5亿元", "5G网络", "12345便民服务热线", "一体化推进", "十五运会"])
def test_text_that_only_starts_with_a_number_is_not_numbered(text: str) -> None:
    assert parse_marker(text) is None


@pytest.mark.parametrize(
    ("text", "style", "number", "label", "rest"),
    [
        *MARKERS,
        # Traditional script, as Macao and Taiwan laws print it
        ("第一章 總則", "chapter", 1, "第一章", "總則"),
        ("第二節 資料的保存", "section", 2, "第二節", "資料的保存"),
        ("第十二條 本法律自公佈翌日起生效。", "article", 12, "第十二條", "本法律自公佈翌日起生效。"),
        ("第一百零三條　附則", "article", 103, "第一百零三條", "附則"),
        ("第兩章 監督", "chapter", 2, "第兩章", "監督"),
        # spaces inside the marker, Arabic numbers in legal markers
        ("第 3 条 本办法适用于全市。", "article", 3, "第3条", "本办法适用于全市。"),
        ("第 一 章　总则", "chapter", 1, "第一章", "总则"),
        ("第12條 罰則", "article", 12, "第12條", "罰則"),
        # 款 and 项 printed as markers
        (
            "第二款 前款所称公共数据，是指政务部门产生的数据。",
            "clause",
            2,
            "第二款",
            "前款所称公共数据，是指政务部门产生的数据。",
        ),
        ("第三項　申請人應當提交書面材料。", "item", 3, "第三項", "申請人應當提交書面材料。"),
        # full-width digits, 一． / 一. for 一、, mixed brackets
        ("１．推进数据共享", "arabic", 1, "1", "推进数据共享"),
        ("１２、完善标准", "arabic", 12, "12", "完善标准"),
        ("一．总体要求", "dun", 1, "一", "总体要求"),
        ("二. 重点任务", "dun", 2, "二", "重点任务"),
        ("（一)加强组织领导", "paren", 1, "（一）", "加强组织领导"),
        ("(二）强化资金保障", "paren", 2, "（二）", "强化资金保障"),
        ("（３）落实责任", "arabic-paren", 3, "（3）", "落实责任"),
    ],
)
def test_markers(text: str, style: str, number: int, label: str, rest: str) -> None:
    marker = parse_marker(text)
    assert marker is not None
    assert (marker.style, marker.number, marker.label, text[marker.rest_start :]) == (style, number, label, rest)


@pytest.mark.parametrize("text", ["第二款规定的情形，不适用本条。", "第三项所列材料可以通过网上提交。", "一.5倍以上", "三.14"])
def test_cited_paragraphs_and_decimals_are_no_markers(text: str) -> None:
    assert parse_marker(text) is None


@pytest.mark.parametrize(
    ("text", "heading", "rest"),
    [
        ("第一条【立法目的】为了规范公共数据管理，制定本条例。", "立法目的", "为了规范公共数据管理，制定本条例。"),
        ("第二条 【适用范围】本条例适用于本省。", "适用范围", "本条例适用于本省。"),
        ("第三條〖用語定義〗本條例下列用語的含義：", "用語定義", "本條例下列用語的含義："),
        ("第四条 [职责分工] 县级以上人民政府负责。", "职责分工", "县级以上人民政府负责。"),
        ("第一章 总则", "总则", "总则"),  # a part's heading line is its own text too
        ("第二节　數據安全", "數據安全", "數據安全"),
    ],
)
def test_a_heading_printed_with_a_legal_number(text: str, heading: str, rest: str) -> None:
    marker = parse_marker(text)
    assert marker is not None
    assert (marker.heading, text[marker.rest_start :]) == (heading, rest)


@pytest.mark.parametrize(
    "text",
    [
        "第五条 县级以上人民政府应当加强领导。",  # an article's text is no heading
        "第一章 本章规定总体要求，适用于全文。",  # a chapter line that is a sentence
        "（一）【重点】推进数据共享。",  # brackets after an item number are its text
        "第六条【】本条例自公布之日起施行。",
    ],
)
def test_no_heading_where_none_is_printed(text: str) -> None:
    marker = parse_marker(text)
    assert marker is not None and marker.heading is None


def test_a_number_alone_is_a_marker_with_nothing_after_it() -> None:
    marker = parse_marker("第一章")
    assert marker is not None and (marker.style, marker.rest_start, marker.heading) == ("chapter", 3, None)


@pytest.mark.parametrize(
    ("text", "style", "rest"),
    [
        ("第一条：为了规范管理，制定本办法。", "article", "为了规范管理，制定本办法。"),
        ("第二章: 监督管理", "chapter", "监督管理"),
    ],
)
def test_a_colon_after_a_legal_number_is_part_of_the_marker(text: str, style: str, rest: str) -> None:
    marker = parse_marker(text)
    assert marker is not None and (marker.style, text[marker.rest_start :]) == (style, rest)
