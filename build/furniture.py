"""Page furniture that is itself numbered: tables of contents and lists of links.

A table of contents repeats the document's chapter lines (perhaps with dot leaders and page
numbers) before the chapters themselves; a "相关链接" block or a list of document titles at the
end of a page numbers its links. Read as text, both would open outline levels or take the paths
of real provisions. These recognisers find them by their form, with the vocabulary of
``genre.yml`` (``furniture_blocks``), and give every line its reason.
"""

import re
from collections.abc import Callable
from functools import cache

from dbay.build.clean import Paragraph
from dbay.build.compare import comparable
from dbay.build.scripts import to_hans
from dbay.build.vocabulary import vocabulary

TOC_ENTRY_MAX_CHARS = 60  # a table-of-contents line is a heading, never a paragraph of text
LINK_MAX_CHARS = 100


@cache
def _blocks() -> dict[str, re.Pattern[str]]:
    return {key: re.compile(value) for key, value in vocabulary("genre.yml")["furniture_blocks"].items()}


def _simplified(paragraph: Paragraph) -> str:
    return to_hans(paragraph.text.text)


def _toc_entry_key(paragraph: Paragraph) -> tuple[str, int, str]:
    """What a table-of-contents entry and the heading it lists have in common."""
    body = _blocks()["toc_entry_end"].sub("", to_hans(paragraph.body.text))
    style, number = (paragraph.marker.style, paragraph.marker.number) if paragraph.marker else ("", 0)
    return style, number, comparable(body)


def _is_toc_entry(paragraph: Paragraph) -> bool:
    text = paragraph.text.text
    return len(text) <= TOC_ENTRY_MAX_CHARS and "。" not in text and "；" not in text


def _has_leader(paragraph: Paragraph) -> bool:
    return bool(_blocks()["toc_entry_end"].search(_simplified(paragraph)))


def _restarts(paragraph: Paragraph, first: Paragraph) -> bool:
    """Whether ``paragraph`` repeats the first entry: the same number (第一章 again), or the same words."""
    if first.marker is not None:
        return paragraph.marker is not None and (paragraph.marker.style, paragraph.marker.number) == (
            first.marker.style,
            first.marker.number,
        )
    return _toc_entry_key(paragraph) == _toc_entry_key(first)


def _entries_from(paragraphs: list[Paragraph], start: int) -> list[int]:
    """The run of entries from ``start``, up to the line that repeats the first (the text itself)."""
    entries: list[int] = []
    for i in range(start, len(paragraphs)):
        paragraph = paragraphs[i]
        if not _is_toc_entry(paragraph) or (entries and _restarts(paragraph, paragraphs[entries[0]])):
            break
        entries.append(i)
    return entries


def _repeated_later(paragraphs: list[Paragraph], run: list[int]) -> bool:
    """Whether every numbered entry of the run is printed again after it, in order, with its number and words."""
    later = iter(_toc_entry_key(p) for p in paragraphs[run[-1] + 1 :] if p.marker)
    return all(any(key == _toc_entry_key(paragraphs[j]) for key in later) for j in run if paragraphs[j].marker)


def table_of_contents(paragraphs: list[Paragraph]) -> list[int]:
    """Indices of a table of contents: a 目录 line and its entries, or a run of entries without one.

    Without the 目录 line, a run of at least two numbered heading lines is a table of contents
    when its entries carry dot leaders or page numbers, or when each of its entries is printed
    again later, in order (where the text itself begins). Parts that merely share a subheading
    (（一）工作目标 under every 一、) are not all repeated.
    """
    for i, paragraph in enumerate(paragraphs):
        if paragraph.marker is None and _blocks()["table_of_contents"].match(_simplified(paragraph).replace(" ", "")):
            return [i, *_entries_from(paragraphs, i + 1)]
    i = 0
    while i < len(paragraphs):
        if paragraphs[i].marker is None or not _is_toc_entry(paragraphs[i]):
            i += 1
            continue
        run = _entries_from(paragraphs, i)
        numbered = [j for j in run if paragraphs[j].marker]
        leaders = sum(_has_leader(paragraphs[j]) for j in run)
        if len(numbered) >= 2 and (leaders >= 2 or _repeated_later(paragraphs, run)):
            return run
        i += max(len(run), 1)
    return []


def _is_link(paragraph: Paragraph) -> bool:
    text = paragraph.text.text
    return len(text) <= LINK_MAX_CHARS and "。" not in text


def related_links(paragraphs: list[Paragraph], ignored: Callable[[Paragraph], bool]) -> list[int]:
    """Indices of every "相关链接"-style heading and the list of links under it (up to other furniture)."""
    heading = _blocks()["related_links"]
    found: list[int] = []
    for i, paragraph in enumerate(paragraphs):
        if paragraph.marker is None and heading.match(_simplified(paragraph)):
            found.append(i)
            j = i + 1
            while j < len(paragraphs) and _is_link(paragraphs[j]) and not ignored(paragraphs[j]):
                if heading.match(_simplified(paragraphs[j])):
                    break
                found.append(j)
                j += 1
    return found


def link_list_at_end(paragraphs: list[Paragraph], ignored: Callable[[Paragraph], bool]) -> list[int]:
    """Indices of a numbered list of document titles that ends the page (links, not provisions).

    Every item is a title (关于…, 《…》, or dated), without a sentence or a comma, numbered from 1;
    only lines ``ignored`` (other furniture) may follow it.
    """
    end = len(paragraphs)
    while end and ignored(paragraphs[end - 1]):
        end -= 1
    start = end
    while start and _is_link_title(paragraphs[start - 1]):
        start -= 1
    firsts = [i for i in range(start, end) if (marker := paragraphs[i].marker) and marker.number == 1]
    if not firsts or end - firsts[-1] < 2 or firsts[-1] == 0:
        return []
    return list(range(firsts[-1], end))


def _is_link_title(paragraph: Paragraph) -> bool:
    """A numbered line that is nothing but a document's title."""
    return (
        paragraph.marker is not None
        and _is_link(paragraph)
        and "，" not in paragraph.text.text
        and bool(_blocks()["link_title"].search(to_hans(paragraph.body.text)))
    )


def furniture(paragraphs: list[Paragraph], ignored: Callable[[Paragraph], bool]) -> dict[int, str]:
    """Reason for every paragraph (by index) that is numbered page furniture."""
    reasons: dict[int, str] = {}
    for i in link_list_at_end(paragraphs, ignored):
        reasons[i] = "list of links at the end of the page (titles of other documents)"
    for i in related_links(paragraphs, ignored):
        reasons[i] = "list of related links (page furniture)"
    for i in table_of_contents(paragraphs):
        reasons[i] = "table of contents (its entries are printed again as the text's headings)"
    return reasons
