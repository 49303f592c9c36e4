"""Stage 2, clean: from a rendition's raw text to paragraphs of clean text.

Undoes what extraction and reposting did to the text: Markdown bullets and bold, page breaks
that cut words and sentences, spaces between Chinese characters, ASCII punctuation inside
Chinese text, pronunciation annotations (优(yōu)化); a number printed alone on its line is joined
to the line that carries its heading or text, and items printed on one line (（一）…。（二）…。)
become paragraphs of their own. What is not the document (front matter, footers, inserted
headlines) is decided later, by the segmenter and the aligner; this stage only tidies each
paragraph and keeps, for every character, its place in the raw file.
"""

import itertools
import re
from dataclasses import dataclass

from dbay.build.numbering import HEADING_MAX_CHARS as HEADING_MAX_CHARS  # the segmenter's too
from dbay.build.numbering import Marker, parse_marker
from dbay.build.pronunciation import drop_pronunciations
from dbay.build.textmap import MappedText, join

# Characters that may stand next to a removable space or an ASCII mark in Chinese text.
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026"
_CJK_CHAR = re.compile(f"[{CJK}]")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

_BULLET = re.compile(r"^[ \t\u3000\xa0]*[-*+•·●▪]\s+")
_BOLD = re.compile(r"\*\*|__")
# HTML a copy was saved with: tags (<p>, <strong>, </span>) and the no-break space entity
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>|&nbsp;")
_HTML_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|tr)>|<br\s*/?>", re.IGNORECASE)
_EDGE_SPACE = " \t\u3000\xa0\r"
_SPACE_NEAR_CJK = re.compile(f"(?<=[{CJK}])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[{CJK}])")
_ASCII_MARK = re.compile(f"(?<=[{CJK}])[,;:?!]|[,;:?!](?=[{CJK}])")
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_ASCII_PARENS = re.compile(r"\(([^()]*)\)")
_ASCII_QUOTE = re.compile('"')

# A paragraph that ends with one of these ends a sentence; otherwise it may be cut by a page break.
SENTENCE_END = "。！？!?；;：:）)」』…"
# An item printed on the line of the one before it follows one of these: （一）…。（二）…, or the
# parenthesis closing the agency clause that ends the item before it: …（省科技厅牵头）（二）…
ITEM_BOUNDARY = "。；;！？!?）)"
LIST_OPENER = "：:"  # a list of items may open after a colon (履行下列职责：（一）…)


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

    @property
    def heading(self) -> str | None:
        """The heading printed with the paragraph's number (第一章 总则, 第一条【立法目的】), if any."""
        return self.marker.heading if self.marker else None

    def is_bare_number(self) -> bool:
        """A number with nothing after it: its heading or text is on the next line."""
        return self.marker is not None and not self.body.strip().text


@dataclass(frozen=True)
class Dropped:
    """A paragraph cleaning could not keep (a bare number with nothing to join), and why."""

    paragraph: Paragraph
    reason: str


@dataclass(frozen=True)
class Cleaned:
    paragraphs: list[Paragraph]
    dropped: list[Dropped]


def raw_lines(raw: str) -> list[tuple[int, MappedText]]:
    """(1-based line number, text) for every line, offsets into ``raw``. Where a page was saved as
    HTML, the end of a block (</p>, <br>, </div>…) ends a line too, under the same line number."""
    lines: list[tuple[int, MappedText]] = []
    start = 0
    for number, line in enumerate(raw.split("\n"), start=1):
        cut = start
        for block_end in _HTML_BLOCK_END.finditer(line):
            lines.append((number, MappedText.from_raw(raw, cut, start + block_end.end())))
            cut = start + block_end.end()
        lines.append((number, MappedText.from_raw(raw, cut, start + len(line))))
        start += len(line) + 1
    return lines


def tidy_line(line: MappedText) -> tuple[MappedText, bool]:
    """Drop Markdown marks and stray spaces; report whether the line was a bullet."""
    bulleted = bool(_BULLET.match(line.text))
    line = line.sub(_BULLET, "") if bulleted else line
    line = line.sub(_BOLD, "")
    line = line.sub(_HTML_TAG, "")
    line = line.strip(_EDGE_SPACE)
    line = drop_pronunciations(line)
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


def _reparsed(paragraph: Paragraph, text: MappedText) -> Paragraph:
    return Paragraph(text, paragraph.line, paragraph.bulleted, parse_marker(text.text))


def join_bare_numbers(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Dropped]]:
    """A number alone on its line (第一章 / 总则, 第三条 / text) joined to the line after it.

    Where the next line is another number, or there is none, the bare number cannot be placed:
    it is dropped with its reason.
    """
    kept: list[Paragraph] = []
    dropped: list[Dropped] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if not paragraph.is_bare_number():
            kept.append(paragraph)
        elif following is not None and following.marker is None:
            kept.append(_reparsed(paragraph, join([paragraph.text, following.text])))
            index += 1
        else:
            after = "another number" if following else "the end of the text"
            dropped.append(Dropped(paragraph, f"the number {paragraph.text.text} stands alone, followed by {after}: excluded"))
        index += 1
    return kept, dropped


def _continuing_starts(text: str, style: str, number: int, after: int, boundaries: str) -> list[int]:
    """Where markers of ``style`` numbered ``number``, ``number`` + 1, … start after ``after``,
    each right after one of ``boundaries`` and followed by text."""
    starts: list[int] = []
    for position in range(after + 1, len(text)):
        if not _after_boundary(text, position, boundaries):
            continue
        marker = parse_marker(text[position:])
        if marker and marker.style == style and marker.number == number and position + marker.rest_start < len(text):
            starts.append(position)
            number += 1
    return starts


def _after_boundary(text: str, position: int, boundaries: str) -> bool:
    """Whether ``position`` starts a word right after one of ``boundaries``, spaces between allowed
    (a page that lost its line breaks: …牵头） （二）…)."""
    if text[position].isspace():
        return False
    previous = position - 1
    while previous >= 0 and text[previous] in _EDGE_SPACE:
        previous -= 1
    return previous >= 0 and text[previous] in boundaries


# Styles that open a document's own parts: an unnumbered line holding a run of them is a page that
# lost its line breaks (…制定本法律。第一条 …。第二条 …), not a list inside a sentence.
TOP_STYLES = ("chapter", "section", "article", "dun")


def _inline_item_starts(text: str, first: Marker | None) -> list[int]:
    """Where items start within a line: items continuing ``first``'s numbering after a sentence's
    end (（一）…。（二）…。), else a list of two or more items of another style opened after a colon
    or a sentence (第三条 …履行下列职责：（一）…。（二）…。). On an unnumbered line, only a run of
    the document's own parts (第一条 …。第二条 …) starts items."""
    if first is not None:
        continuing = _continuing_starts(text, first.style, first.number + 1, first.rest_start, ITEM_BOUNDARY)
        if continuing:
            return continuing
    for position in range((first.rest_start if first else 0) + 1, len(text)):
        marker = parse_marker(text[position:]) if _after_boundary(text, position, ITEM_BOUNDARY + LIST_OPENER) else None
        if marker is None or marker.number != 1 or (first.style == marker.style if first else marker.style not in TOP_STYLES):
            continue
        rest = _continuing_starts(text, marker.style, 2, position + marker.rest_start, ITEM_BOUNDARY)
        return [position, *rest] if rest else []
    return []


def split_inline_items(paragraph: Paragraph) -> list[Paragraph]:
    """（一）…。（二）…。（三）…。 on one line: one paragraph per item.

    Only markers that continue the numbering of the one opening the line, in sequence, start an
    item; a cross-reference (依照本条（一）项) or a list inside a sentence does not.
    """
    starts = _inline_item_starts(paragraph.text.text, paragraph.marker)
    if not starts:
        return [paragraph]
    bounds = [0, *starts, len(paragraph.text)]
    pieces = [paragraph.text[start:end].strip(_EDGE_SPACE) for start, end in itertools.pairwise(bounds)]
    first = Paragraph(pieces[0], paragraph.line, paragraph.bulleted, paragraph.marker)
    return [first, *(Paragraph(piece, paragraph.line, False, parse_marker(piece.text)) for piece in pieces[1:])]


def clean_rendition(raw: str) -> Cleaned:
    """The paragraphs of a rendition, tidied, page breaks and bare numbers joined, in order."""
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
    paragraphs = [_reparsed(paragraph, normalise_punctuation(paragraph.text)) for paragraph in paragraphs]
    paragraphs, dropped = join_bare_numbers(paragraphs)
    return Cleaned([item for paragraph in paragraphs for item in split_inline_items(paragraph)], dropped)


def clean(raw: str) -> list[Paragraph]:
    """The paragraphs of a rendition (see ``clean_rendition``, which also says what it dropped)."""
    return clean_rendition(raw).paragraphs
