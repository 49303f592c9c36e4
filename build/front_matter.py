"""Where the document begins and ends on a page: its title, the notice before it, the matter after it.

Pages put an issuing, approving or consulting notice before a document (an addressee line, a
sentence saying it is issued or approved, numbered paragraphs of its own, a signature and a
date, a passing note, an attachment line) and signatures, dates, copy and printing lines after
it. None of that is the document. The title line, where the page prints it, marks the start;
where it does not (or prints it otherwise), the notice is recognised by its form and ends at its
date. Vocabulary lives in ``genre.yml`` (``title_decorations``, ``front_matter``,
``trailing_matter``).
"""

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache

from dbay.build.clean import HEADING_MAX_CHARS, Paragraph
from dbay.build.compare import comparable
from dbay.build.scripts import to_hans
from dbay.build.vocabulary import vocabulary


def _patterns(values: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(value) for value in values)


@cache
def _decorations() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    table = vocabulary("genre.yml")["title_decorations"]
    return _patterns(table["prefixes"]), _patterns(table["suffixes"])


@cache
def _front() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...], re.Pattern[str]]:
    table = vocabulary("genre.yml")["front_matter"]
    return _patterns(table["notice"]), _patterns(table["after_notice"]), re.compile(table["date"])


@cache
def _trailing() -> tuple[re.Pattern[str], ...]:
    return _patterns(vocabulary("genre.yml")["trailing_matter"])


def _matches(paragraph: Paragraph, patterns: tuple[re.Pattern[str], ...]) -> bool:
    simplified = to_hans(paragraph.text.text)
    return any(pattern.search(simplified) for pattern in patterns)


@cache
def _under_title() -> tuple[re.Pattern[str], ...]:
    return _patterns(vocabulary("genre.yml")["front_matter"]["under_title"])


TITLE_PIECE_MIN_CHARS = 4


def _is_title_piece(paragraph: Paragraph, title: str) -> bool:
    """A copy of the title, or a piece of it printed over two lines (湖南省人民政府关于 / 落实…的意见)."""
    text = comparable(paragraph.text.text)
    return len(text) >= TITLE_PIECE_MIN_CHARS and text in comparable(title)


def lines_under_title(paragraphs: list[Paragraph], title: str, furniture: Callable[[Paragraph], bool]) -> int:
    """How many of the first paragraphs after the title are its number, date or addressee, a
    second copy of the title, or page ``furniture``."""
    count = 0
    while count < len(paragraphs) and paragraphs[count].marker is None:
        paragraph = paragraphs[count]
        if not (_matches(paragraph, _under_title()) or _is_title_piece(paragraph, title) or furniture(paragraph)):
            break
        count += 1
    return count


def is_date_line(paragraph: Paragraph) -> bool:
    return bool(_front()[2].match(to_hans(paragraph.text.text).replace(" ", "")))


def undecorated(text: str) -> str:
    """A title line reduced for comparison, without 附件 prefixes and (征求意见稿)-like suffixes."""
    key = comparable(to_hans(text))
    prefixes, suffixes = _decorations()
    for pattern in (*prefixes, *suffixes):
        key = pattern.sub("", key)
    return key


EXACT, DECORATED, QUOTED = 2, 1, 0  # how closely a line prints the title, best first
_QUOTED = re.compile(r"《([^《》]+)》")


@dataclass(frozen=True)
class TitleMatch:
    start: int  # index of the title's first line
    end: int  # index just past its last line (a title may be printed over two lines)
    quality: int  # EXACT as document.yml has it; DECORATED (附件, 征求意见稿, two lines); QUOTED in a headline


def _line_quality(paragraphs: list[Paragraph], i: int, exact_key: str, loose_key: str) -> tuple[int, int] | None:
    """How line ``i`` (alone, or with the next) prints the title, and how many lines it takes."""
    paragraph = paragraphs[i]
    own = comparable(paragraph.text.text)
    if own == exact_key:
        return EXACT, 1
    if undecorated(paragraph.text.text) == loose_key:
        return DECORATED, 1
    following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
    if (
        following is not None
        and following.marker is None
        and own
        and loose_key.startswith(undecorated(paragraph.text.text))
        and undecorated(paragraph.text.text + following.text.text) == loose_key
    ):
        return DECORATED, 2  # a title broken over two lines, perhaps with its decoration on the second
    simplified = to_hans(paragraph.text.text)
    quoted = {undecorated(group) for group in _QUOTED.findall(simplified)}
    if loose_key in quoted and "。" not in simplified and not _matches(paragraph, _front()[0]):
        return QUOTED, 1  # a news-style headline naming the document: 我省印发《…》
    return None


def _title_candidates(paragraphs: list[Paragraph], title: str) -> list[TitleMatch]:
    exact_key, loose_key = comparable(title), undecorated(title)
    candidates = []
    for i, paragraph in enumerate(paragraphs):
        if paragraph.marker is not None or len(paragraph.text) > 2 * HEADING_MAX_CHARS:
            continue
        found = _line_quality(paragraphs, i, exact_key, loose_key)
        if found:
            candidates.append(_with_decoration_line(paragraphs, TitleMatch(i, i + found[1], found[0])))
    return candidates


def _with_decoration_line(paragraphs: list[Paragraph], match: TitleMatch) -> TitleMatch:
    """A title followed by a line that is only its decoration, such as （征求意见稿）, takes that line too."""
    following = paragraphs[match.end] if match.end < len(paragraphs) else None
    if following and following.marker is None and comparable(following.text.text) and not undecorated(following.text.text):
        return TitleMatch(match.start, match.end + 1, min(match.quality, DECORATED))
    return match


def find_title(paragraphs: list[Paragraph], title: str, furniture: Collection[int] = ()) -> TitleMatch | None:
    """The line(s) printing the document's title: the last such line with numbered text after it.

    A page may print the title several times (page header, notice, attachment line, the
    document itself, a footer); the document is the copy its provisions follow (numbered lines
    of ``furniture``, such as a list of links, are none). A copy printed exactly as document.yml
    has it wins over a decorated one, and both over a headline quoting it.
    """
    numbered = [i for i, paragraph in enumerate(paragraphs) if paragraph.marker and i not in furniture]
    followed = [c for c in _title_candidates(paragraphs, title) if any(i >= c.end for i in numbered)]
    if not followed:
        return None
    return max(followed, key=lambda c: (c.quality, c.start))


def notice_length(paragraphs: list[Paragraph]) -> int:
    """How many paragraphs at the head of the page are a notice before the document (0 if none).

    A notice is recognised by its form (its title, number and addressee lines, 印发/同意/征求意见
    sentences) and ends at its date line, with the lines that belong to it after the date (a
    passing note, attachment and contact lines). Without a date, it is the run of such lines the
    page opens with (numbered paragraphs of a notice without a date cannot be told from the
    document's).
    """
    return _notice_ending_at_date(paragraphs) or _notice_without_date(paragraphs)


def _notice_ending_at_date(paragraphs: list[Paragraph]) -> int:
    notice, after_notice, _ = _front()
    date = next((i for i, paragraph in enumerate(paragraphs) if is_date_line(paragraph)), None)
    if date is None or not any(_matches(paragraph, notice) for paragraph in paragraphs[:date]):
        return 0
    end = date + 1
    while end < len(paragraphs) and paragraphs[end].marker is None and _matches(paragraphs[end], after_notice):
        end += 1
    if not any(paragraph.marker for paragraph in paragraphs[end:]):
        return 0  # the "notice" is the whole page: leave it to the outline
    return end


def _notice_without_date(paragraphs: list[Paragraph]) -> int:
    notice, after_notice, _ = _front()
    end = 0
    while end < len(paragraphs) and paragraphs[end].marker is None and _matches(paragraphs[end], (*notice, *after_notice)):
        end += 1
    # a lone title line may be the document's own title printed as its notice's (关于印发…的通知)
    return end if end >= 2 and any(paragraph.marker for paragraph in paragraphs[end:]) else 0


def _is_signature(paragraph: Paragraph) -> bool:
    """A line naming the issuer above a date: short, unnumbered, without punctuation."""
    text = paragraph.text.text
    return paragraph.marker is None and len(text) <= 30 and not re.search(r"[。，；：:,;！？]", text)


def trailing_start(paragraphs: list[Paragraph]) -> int | None:
    """Index of the first line after the document's end (signature, date, 抄送, 印发, 附件), if any.

    Only lines after the document's first numbered paragraph can end it, and only where less
    numbered text follows than precedes (a date followed by most of the provisions ends a notice,
    not the document); a signature is the line just above a date.
    """
    numbered = [i for i, paragraph in enumerate(paragraphs) if paragraph.marker]
    if not numbered:
        return None
    for i in range(numbered[0] + 1, len(paragraphs)):
        paragraph = paragraphs[i]
        ends = is_date_line(paragraph) or (paragraph.marker is None and _matches(paragraph, _trailing()))
        if not ends or sum(j > i for j in numbered) > sum(j < i for j in numbered):
            continue
        signed = is_date_line(paragraph) and i - 1 > numbered[0] and _is_signature(paragraphs[i - 1])
        return i - 1 if signed else i
    return None
