"""The numbering grammar of Chinese official documents.

A numbered paragraph starts with a marker: 第X章, 第X节, 第X条, 一、, （一）, 1. / 1、, （1）, ①.
The grammar names each marker's *style*; the segmenter nests styles in the order a document
uses them, so no list of a corpus's headings is needed.
"""

import re
from dataclasses import dataclass

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "[零〇一二两三四五六七八九十百千]+"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_number(numeral: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 五十五 → 55, 一百零三 → 103."""
    total, digit = 0, None
    for char in numeral:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_UNITS:
            total += (1 if digit is None else digit) * CHINESE_UNITS[char]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return total + (digit or 0)


@dataclass(frozen=True)
class Marker:
    style: str  # chapter, section, article, dun, paren, arabic, arabic-paren, circled
    number: int
    label: str  # the number as a reader cites it: 二, （六）, 1, 第五条
    rest_start: int  # where the paragraph's text begins after the marker


_OPEN, _CLOSE = "[(（]", "[)）]"
_GRAMMAR: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"第({NUMERAL}|\d+)章\s*")),
    ("section", re.compile(rf"第({NUMERAL}|\d+)节\s*")),
    ("article", re.compile(rf"第({NUMERAL}|\d+)条\s*")),
    ("dun", re.compile(rf"({NUMERAL})\s*、\s*")),
    ("paren", re.compile(rf"{_OPEN}\s*({NUMERAL})\s*{_CLOSE}\s*")),
    ("arabic-paren", re.compile(rf"{_OPEN}\s*(\d{{1,3}})\s*{_CLOSE}\s*")),
    # 1. / 1、 / 1． / "2 ." but not a decimal (2.5亿) or a year (2023年)
    ("arabic", re.compile(r"(\d{1,3})\s*[.．、](?!\d)\s*")),
    ("circled", re.compile(rf"([{CIRCLED}])\s*")),
)
_LABEL = {
    "chapter": "第{}章",
    "section": "第{}节",
    "article": "第{}条",
    "dun": "{}",
    "paren": "（{}）",
    "arabic-paren": "（{}）",
    "arabic": "{}",
    "circled": "{}",
}


def parse_marker(text: str) -> Marker | None:
    """The numbering marker at the start of a paragraph, if there is one followed by text."""
    for style, pattern in _GRAMMAR:
        match = pattern.match(text)
        if not match:
            continue
        printed = match.group(1)
        if style == "circled":
            number = CIRCLED.index(printed) + 1
        elif printed.isdigit():
            number = int(printed)
        else:
            number = chinese_number(printed)
        if number == 0:
            return None
        return Marker(style, number, _LABEL[style].format(printed), match.end())
    return None
