"""Stage 2, clean: from a rendition's raw text to paragraphs of clean text.

Undoes what extraction and reposting did to the text: Markdown bullets and bold, page breaks
that cut words and sentences, spaces between Chinese characters, ASCII punctuation inside
Chinese text. What is not the document (front matter, footers, inserted headlines) is decided
later, by the segmenter and the aligner; this stage only tidies each paragraph and keeps, for
every character, its place in the raw file.
"""

import re
from dataclasses import dataclass

from dbay.build.numbering import Marker, parse_marker
from dbay.build.textmap import MappedText, join

# Characters that may stand next to a removable space or an ASCII mark in Chinese text.
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026"
_CJK_CHAR = re.compile(f"[{CJK}]")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

_BULLET = re.compile(r"^[ \t\u3000\xa0]*[-*+•·●▪]\s+")
_BOLD = re.compile(r"\*\*|__")
_EDGE_SPACE = " \t\u3000\xa0\r"
_SPACE_NEAR_CJK = re.compile(f"(?<=[{CJK}])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[{CJK}])")
_ASCII_MARK = re.compile(f"(?<=[{CJK}])[,;:?!]|[,;:?!](?=[{CJK}])")
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_ASCII_PARENS = re.compile(r"\(([^()]*)\)")
_ASCII_QUOTE = re.compile('"')

# A paragraph that ends with one of these ends a sentence; otherwise it may be cut by a page break.
SENTENCE_END = "。！？!?；;：:）)」』…"
# A heading is never this long; a longer paragraph that stops mid-sentence was cut by a page break.
HEADING_MAX_CHARS = 45


@dataclass(frozen=True)
class Paragraph:
    text: MappedText
    line: int  # 1-based line of the raw file where the paragraph starts
    bulleted: bool  # the raw line began with a list bullet (a style hint for unnumbered headings)
    marker: Marker | None

    @property
    def body(self) -> MappedText:
        """The text after the numbering marker."""
        return self.text[self.marker.rest_start :] if self.marker else self.text

    def ends_sentence(self) -> bool:
        text = self.text.text.rstrip("”’\"'")
        return not text or text[-1] in SENTENCE_END

    def has_ideographs(self) -> bool:
        return bool(_IDEOGRAPH.search(self.text.text))


def raw_lines(raw: str) -> list[tuple[int, MappedText]]:
    """(1-based line number, text) for every line, offsets into ``raw``."""
    lines: list[tuple[int, MappedText]] = []
    start = 0
    for number, line in enumerate(raw.split("\n"), start=1):
        lines.append((number, MappedText.from_raw(raw, start, start + len(line))))
        start += len(line) + 1
    return lines


def tidy_line(line: MappedText) -> tuple[MappedText, bool]:
    """Drop Markdown marks and stray spaces; report whether the line was a bullet."""
    bulleted = bool(_BULLET.match(line.text))
    line = line.sub(_BULLET, "") if bulleted else line
    line = line.sub(_BOLD, "")
    line = line.strip(_EDGE_SPACE)
    line = line.sub(_SPACE_NEAR_CJK, "")
    return line, bulleted


def _pair_quotes(match: re.Match[str], state: list[int]) -> str:
    state[0] += 1
    return "“" if state[0] % 2 else "”"


def normalise_punctuation(text: MappedText) -> MappedText:
    """ASCII punctuation inside Chinese text becomes the full-width form the original used."""
    if not _CJK_CHAR.search(text.text):
        return text
    quotes = [0]
    text = text.sub(_ASCII_QUOTE, lambda match: _pair_quotes(match, quotes))
    text = text.sub(_ASCII_MARK, lambda match: _FULL_WIDTH[match.group()])

    def parens(match: re.Match[str]) -> str:
        before = text.text[match.start() - 1] if match.start() else ""
        chinese = _CJK_CHAR.search(match.group(1)) or _CJK_CHAR.match(before)
        return f"（{match.group(1)}）" if chinese else match.group()

    return text.sub(_ASCII_PARENS, parens)


def _cut_by_page_break(paragraph: Paragraph, following: Paragraph) -> bool:
    return (
        len(paragraph.text) > HEADING_MAX_CHARS
        and not paragraph.ends_sentence()
        and following.marker is None
        and not following.bulleted
    )


def clean(raw: str) -> list[Paragraph]:
    """The paragraphs of a rendition, tidied, page breaks joined, in order."""
    paragraphs: list[Paragraph] = []
    for number, line in raw_lines(raw):
        text, bulleted = tidy_line(line)
        if not text.text:
            continue
        paragraph = Paragraph(text, number, bulleted, parse_marker(text.text))
        if paragraphs and _cut_by_page_break(paragraphs[-1], paragraph):
            previous = paragraphs[-1]
            paragraphs[-1] = Paragraph(join([previous.text, text]), previous.line, previous.bulleted, previous.marker)
        else:
            paragraphs.append(paragraph)
    tidied = (normalise_punctuation(paragraph.text) for paragraph in paragraphs)
    return [
        Paragraph(text, paragraph.line, paragraph.bulleted, parse_marker(text.text))
        for paragraph, text in zip(paragraphs, tidied, strict=True)
    ]
