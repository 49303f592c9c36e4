"""The numbering grammar of Chinese official documents.

A numbered paragraph starts with a marker: 第X章, 第X节, 第X条 (款, 项), 一、, （一）, 1. / 1、,
（1）, ①, in Simplified or Traditional script (第一節, 第十二條), with Chinese or Arabic numerals,
half- or full-width. The grammar names each marker's *style*; the segmenter nests styles in the
order a document uses them, so no list of a corpus's headings is needed. A legal marker may be
followed by a printed heading: 第一章 总则, 第一条【立法目的】.
"""

import re
from dataclasses import dataclass

CHINESE_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "[零〇一二两兩三四五六七八九十百千]+"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# A heading is never this long; a longer paragraph that stops mid-sentence was cut by a page break.
HEADING_MAX_CHARS = 45
# Punctuation that ends or splits a sentence: a line holding one is text, not a heading.
_SENTENCE_MARKS = "。！？!?；;，,：:"


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
    style: str  # chapter, section, article, clause, item, dun, paren, arabic, arabic-paren, circled
    number: int
    label: str  # the number as a reader cites it: 二, （六）, 1, 第五条, 第五條
    rest_start: int  # where the paragraph's text begins after the marker (and a bracketed heading)
    heading: str | None = None  # the heading printed with the number: 第一章 总则, 第一条【立法目的】


_OPEN, _CLOSE = "[(（]", "[)）]"
_NUMBER = rf"({NUMERAL}|\d+)"
_GAP = r"[ \t\u3000\xa0]*"  # spaces a page may print inside a marker: 第 3 条, 第 一 章
# 第X款 / 第X项 open a paragraph only where printed as markers (followed by a space, a heading or
# nothing); elsewhere a paragraph starting 第二款规定的… cites another paragraph.
_CITED_ALONE = r"(?=[\s【〖\[]|$)"
_COLON = r"(?:[:：]\s*)?"  # 第一条：为了… on some pages
_GRAMMAR: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"第{_GAP}{_NUMBER}{_GAP}(章)\s*{_COLON}")),
    ("section", re.compile(rf"第{_GAP}{_NUMBER}{_GAP}([节節])\s*{_COLON}")),
    ("article", re.compile(rf"第{_GAP}{_NUMBER}{_GAP}([条條])\s*{_COLON}")),
    ("clause", re.compile(rf"第{_GAP}{_NUMBER}{_GAP}(款){_CITED_ALONE}\s*")),
    ("item", re.compile(rf"第{_GAP}{_NUMBER}{_GAP}([项項]){_CITED_ALONE}\s*")),
    # 一、 and, on some pages, 一． / 一. (but not 一.5)
    ("dun", re.compile(rf"({NUMERAL})\s*(?:、|[.．](?!\d))\s*")),
    ("paren", re.compile(rf"{_OPEN}\s*({NUMERAL})\s*{_CLOSE}\s*")),
    ("arabic-paren", re.compile(rf"{_OPEN}\s*(\d{{1,3}})\s*{_CLOSE}\s*")),
    # 1. / 1、 / １． / "2 ." but not a decimal (2.5亿) or a year (2023年)
    ("arabic", re.compile(r"(\d{1,3})\s*[.．、](?!\d)\s*")),
    ("circled", re.compile(rf"([{CIRCLED}])\s*")),
)
_LEGAL = ("chapter", "section", "article", "clause", "item")  # printed 第X<unit>, labelled as printed
_PART_HEADINGS = ("chapter", "section")  # the rest of their line is their heading
_LABEL = {"paren": "（{}）", "arabic-paren": "（{}）"}
# 【立法目的】, 〖立法目的〗, [立法目的]: a heading printed in brackets right after a legal number.
_BRACKETED_HEADING = re.compile(r"(?:【([^【】]+)】|〖([^〖〗]+)〗|\[([^\[\]]+)\])[ \t\u3000\xa0]*")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def is_heading_text(text: str) -> bool:
    """Short, with Chinese words and no sentence punctuation: 总则, 立法目的, 建设与运行管理."""
    return 0 < len(text) <= HEADING_MAX_CHARS and bool(_IDEOGRAPH.search(text)) and not any(c in _SENTENCE_MARKS for c in text)


def _number(style: str, printed: str) -> int:
    if style == "circled":
        return CIRCLED.index(printed) + 1
    # int() reads full-width digits too: int("１２") == 12
    return int(printed) if printed.isdecimal() else chinese_number(printed)


def _label(style: str, match: re.Match[str]) -> str:
    printed = match.group(1)
    printed = str(int(printed)) if printed.isdecimal() else printed  # １ and 1 are cited alike
    if style in _LEGAL:
        return f"第{printed}{match.group(2)}"
    return _LABEL.get(style, "{}").format(printed)


def _printed_heading(style: str, text: str, rest_start: int) -> tuple[str | None, int]:
    """The heading printed after a legal number, and where the paragraph's text then begins."""
    if style not in _LEGAL:
        return None, rest_start
    bracket = _BRACKETED_HEADING.match(text, rest_start)
    if bracket:
        heading = next(group for group in bracket.groups() if group is not None).strip()
        if is_heading_text(heading):
            return heading, bracket.end()
    rest = text[rest_start:].strip()
    if style in _PART_HEADINGS and is_heading_text(rest):
        return rest, rest_start  # the heading line is the part's own text: it stays in it
    return None, rest_start


def parse_marker(text: str) -> Marker | None:
    """The numbering marker at the start of a paragraph, if there is one.

    A marker with nothing after it (a number printed alone on its line) is a marker too: cleaning
    joins it to the line that carries its heading or text.
    """
    for style, pattern in _GRAMMAR:
        match = pattern.match(text)
        if not match:
            continue
        number = _number(style, match.group(1))
        if number == 0:
            return None
        heading, rest_start = _printed_heading(style, text, match.end())
        return Marker(style, number, _label(style, match), rest_start, heading)
    return None
