"""Stage 3, segment: from clean paragraphs to the document's outline.

The outline is built by a general numbering grammar (``numbering.py``), not by a list of
headings: each marker style (一、, （一）, 1. …) opens a level the first time it appears below
the current one, and closes back to its level when it appears again. Short unnumbered lines
without a full stop are headings of their own styles (plain or bulleted), allowed only above
the numbered levels; inside numbered provisions such a line is an insertion (a headline, a
footer) and is excluded with its reason. A paragraph without a number continues the provision
before it; directly under a heading it is that section's preamble.

Styles have the genre's conventional rank (``style_rank`` in genre.yml): a style never opens a
level beneath one ranked below it, so a page that starts inside a part keeps its later parts at
the top. What surrounds the document is cut first: front matter and notices before it and
trailing matter after it (``front_matter.py``), numbered furniture such as a table of contents
or a list of links (``furniture.py``), each line with its reason.
"""

import itertools
import re
from dataclasses import dataclass, field
from functools import cache

from dbay.build.agency_clauses import is_agency_line
from dbay.build.clean import HEADING_MAX_CHARS, Paragraph
from dbay.build.front_matter import find_title, lines_under_title, notice_length, trailing_start
from dbay.build.furniture import furniture
from dbay.build.scripts import to_hans
from dbay.build.textmap import MappedText, join
from dbay.build.vocabulary import vocabulary

ROOT = "root"


@dataclass
class Node:
    style: str  # a marker style, "heading", "heading-bulleted", or "root"
    number: int
    label: str | None  # the number as printed; None where inferred
    head: Paragraph | None  # the numbered or heading paragraph itself (None for the root)
    parent: "Node | None" = None
    body: list[Paragraph] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    @property
    def inferred(self) -> bool:
        return self.label is None and self.style != ROOT

    @property
    def path(self) -> tuple[int, ...]:
        return (*self.parent.path, self.number) if self.parent else ()

    @property
    def numbering(self) -> str:
        node: Node | None = self
        while node is not None:
            if node.inferred:
                return "inferred"
            node = node.parent
        return "explicit"

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def walk(self) -> "list[Node]":
        """Every node below this one, in document order."""
        nodes: list[Node] = []
        for child in self.children:
            nodes.append(child)
            nodes.extend(child.walk())
        return nodes

    def head_text(self) -> MappedText:
        return self.head.body.strip() if self.head else MappedText("", ())

    def paragraphs(self) -> list[MappedText]:
        """The node's own text: its line after the number, then its body paragraphs."""
        own = [self.head_text()] if self.head and self.head_text().text else []
        return own + [paragraph.text for paragraph in self.body]

    def full_text(self) -> MappedText:
        return join(self.paragraphs(), "\n")


@dataclass(frozen=True)
class Excluded:
    paragraph: Paragraph
    reason: str


@dataclass
class Outline:
    root: Node
    title: Paragraph | None
    preamble: list[Paragraph]
    excluded: list[Excluded]
    problems: list[str]  # numbering anomalies worth a reader's attention

    def leaves(self) -> list[Node]:
        return [node for node in self.root.walk() if node.is_leaf]

    def sections(self) -> list[Node]:
        return [node for node in self.root.walk() if not node.is_leaf]


@cache
def _boilerplate() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in vocabulary("genre.yml")["boilerplate"])


def boilerplate_reason(paragraph: Paragraph) -> str | None:
    if not paragraph.has_ideographs():
        return "no Chinese text (decoration or link)"
    simplified = to_hans(paragraph.text.text)
    for pattern in _boilerplate():
        if pattern.search(simplified):
            return f"site boilerplate (matches {pattern.pattern!r})"
    return None


def is_heading_like(paragraph: Paragraph) -> bool:
    """A short unnumbered line that is not a sentence: a heading, a subtitle, a caption.

    A labelled agency line (责任单位：…) is none: it belongs to the item above it.
    """
    text = paragraph.text.text
    return (
        paragraph.marker is None
        and len(text) <= HEADING_MAX_CHARS
        and "。" not in text
        and text[-1] not in "！？!?；;）)"
        and not is_agency_line(text)
    )


def introduces_list(paragraph: Paragraph) -> bool:
    """A line ending with a colon (包括：) introduces the items after it: inside a provision it is text."""
    return paragraph.text.text.endswith(("：", ":"))


@cache
def _style_rank() -> dict[str, int]:
    return {style: rank for rank, style in enumerate(vocabulary("genre.yml")["style_rank"])}


def _outranked(stack: list[Node], style: str) -> int | None:
    """Where the open levels rank below ``style``: it may not nest under them, so they close there."""
    ranks = _style_rank()
    if style not in ranks:
        return None
    return next((i for i in range(1, len(stack)) if ranks.get(stack[i].style, -1) > ranks[style]), None)


def _adopt_orphans(parent: Node, paragraph: Paragraph, outline_problems: list[str]) -> None:
    """Provisions that ``paragraph``'s style outranks, numbered before it at its level: a fragment's start.

    A page that starts inside a part (（三）, （四）, then 二、) carries the end of a part whose
    heading it lacks. Those provisions go under an inferred parent of the outranking style,
    numbered one before it (so （三） of the missing 一、 is 1.3), which has no heading and no
    record of its own. If the outranking number is the first (一、), there is no such part: the
    lines are text before it (the parent's preamble), and reported.
    """
    marker = paragraph.marker
    ranks = _style_rank()
    if marker is None:
        return
    orphans = [child for child in parent.children if ranks.get(child.style, -1) > ranks[marker.style]]
    if not orphans:
        return
    first = orphans[0].head.line if orphans[0].head else paragraph.line
    if marker.number > 1:
        holder = Node(marker.style, marker.number - 1, None, None, parent)
        parent.children.insert(parent.children.index(orphans[0]), holder)
        for orphan in orphans:
            parent.children.remove(orphan)
            orphan.parent = holder
        holder.children = orphans
        outline_problems.append(
            f"line {first}: the page starts inside a part: {len(orphans)} provision(s) before {marker.label} "
            f"(line {paragraph.line}) are placed under part {marker.number - 1}, whose heading the page does not carry"
        )
        return
    for orphan in orphans:
        # no part before the first one: numbered lines of the text before it (its preamble)
        parent.children.remove(orphan)
        parent.body.extend(p for node in [orphan, *orphan.walk()] for p in [node.head, *node.body] if p)
    outline_problems.append(
        f"line {first}: {len(orphans)} numbered paragraph(s) before the first {marker.label}, which outranks them, "
        "are kept as text before it, not as provisions"
    )


def _start_of_document(
    paragraphs: list[Paragraph], title: str, news: bool, blocks: dict[int, str]
) -> tuple[int, Paragraph | None, list[Excluded]]:
    """Index where the document's text begins, its title line, and the front matter before it."""
    found = find_title(
        paragraphs, title, furniture=blocks.keys() | {i for i, p in enumerate(paragraphs) if boilerplate_reason(p)}
    )
    if found is not None:
        line = paragraphs[found.start : found.end]
        joined = Paragraph(join([p.text for p in line]), line[0].line, line[0].bulleted, None)
        before = [
            Excluded(p, blocks.get(i, "front matter before the document's title"))
            for i, p in enumerate(paragraphs[: found.start])
        ]
        under = lines_under_title(paragraphs[found.end :], title, lambda p: boilerplate_reason(p) is not None)
        reason = "printed under the title: the document's number, date or addressee, or the title again"
        before += [Excluded(p, boilerplate_reason(p) or reason) for p in paragraphs[found.end : found.end + under]]
        return found.end + under, joined, before
    notice = notice_length(paragraphs)
    if notice:
        reason = "notice before the document (addressee, issuing or approval, signature and date)"
        before = [Excluded(p, blocks.get(i) or boilerplate_reason(p) or reason) for i, p in enumerate(paragraphs[:notice])]
        # the line after a notice, if it is no sentence, is the document's title, printed otherwise
        following = paragraphs[notice] if notice < len(paragraphs) else None
        if (
            following
            and following.marker is None
            and len(following.text) <= 2 * HEADING_MAX_CHARS
            and "。" not in following.text.text
        ):
            return notice + 1, following, before
        return notice, None, before
    if news and paragraphs and is_heading_like(paragraphs[0]):
        return 1, None, [Excluded(paragraphs[0], "the news report's headline")]
    return 0, None, []


def _end_of_document(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Excluded]]:
    end = trailing_start(paragraphs)
    if end is None:
        return paragraphs, []
    reason = "after the document's end (signature, date, 抄送/印发 or 附件 lines, and what follows)"
    return paragraphs[:end], [Excluded(p, reason) for p in paragraphs[end:]]


def segment(paragraphs: list[Paragraph], title: str, news: bool = False) -> Outline:
    """The outline of one rendition.

    ``title`` is the document's title, used to find where the document itself begins (reposts
    put info boxes and issuing notices before it). A news report opens with its own headline.
    Paragraphs before the first heading are the outline's preamble: the caller knows whether
    they are the document's or a reporter's lead.
    """
    blocks = furniture(paragraphs, lambda p: boilerplate_reason(p) is not None)
    start, title_paragraph, excluded = _start_of_document(paragraphs, title, news, blocks)
    reasons = {id(p): blocks[i] for i, p in enumerate(paragraphs) if i in blocks}
    paragraphs, trailing = _end_of_document(paragraphs[start:])
    problems: list[str] = []

    root = Node(ROOT, 0, None, None)
    stack: list[Node] = [root]
    for index, paragraph in enumerate(paragraphs):
        reason = reasons.get(id(paragraph)) or boilerplate_reason(paragraph)
        if reason:
            excluded.append(Excluded(paragraph, reason))
            continue
        if paragraph.marker:
            style, number, label = paragraph.marker.style, paragraph.marker.number, paragraph.marker.label
        elif is_heading_like(paragraph) and not (introduces_list(paragraph) and (not news or any(n.label for n in stack))):
            # a line ending with a colon introduces what follows (现提出如下意见：, an addressee): text, not a
            # level; only a news report's subtitle (五项重点任务：) may stand for a part above its first number
            style, label = ("heading-bulleted" if paragraph.bulleted else "heading"), None
            opens_new_level = not any(node.style == style for node in stack)
            if (opens_new_level and any(node.label for node in stack)) or _interrupts(stack, paragraphs[index + 1 :]):
                excluded.append(
                    Excluded(paragraph, "unnumbered line inside numbered provisions (an inserted headline, caption or footer)")
                )
                continue
            number = 0  # counted below, once the parent is known
        else:
            stack[-1].body.append(paragraph)
            continue
        level = next((i for i in range(len(stack) - 1, 0, -1) if stack[i].style == style), None)
        outranked = _outranked(stack, style) if level is None else None
        if level is not None or outranked is not None:
            del stack[level if level is not None else outranked :]
        if outranked is not None:
            _adopt_orphans(stack[-1], paragraph, problems)
        parent = stack[-1]
        if label is None:
            number = 1 + sum(child.style == style for child in parent.children)
        node = Node(style, number, label, paragraph, parent)
        parent.children.append(node)
        stack.append(node)

    if title_paragraph is None and len(root.children) == 1 and root.children[0].inferred and not root.body:
        # One unnumbered heading over everything is the document's title, printed otherwise than
        # document.yml has it: its body is the preamble, its children the top level.
        wrapper = root.children[0]
        title_paragraph, root.body, root.children = wrapper.head, wrapper.body, wrapper.children
        for child in root.children:
            child.parent = root
    outline = Outline(root, title_paragraph, list(root.body), excluded + trailing, problems)
    root.body = []
    _drop_empty_headings(outline)
    _check_numbering(outline)
    return outline


def _interrupts(stack: list[Node], following: list[Paragraph]) -> bool:
    """Whether the numbering open at the deepest level simply continues after this line."""
    numbered = [node for node in stack if node.label]
    after = next((p.marker for p in following if p.marker), None)
    return bool(numbered and after and after.style == numbered[-1].style and after.number == numbered[-1].number + 1)


def _drop_empty_headings(outline: Outline) -> None:
    """Unnumbered headings with nothing under them are not part of the document (site footers)."""
    for node in reversed(outline.root.walk()):
        if node.inferred and not node.children and not node.body and node.parent and node.head:
            node.parent.children.remove(node)
            outline.excluded.append(Excluded(node.head, "heading with nothing under it"))


def _check_numbering(outline: Outline) -> None:
    """Report gaps and repeats, and exclude a repeated number: it cannot take an existing path."""
    for node in [outline.root, *outline.root.walk()]:
        seen: dict[int, Node] = {}
        for child in list(node.children):
            if child.number in seen:
                node.children.remove(child)
                where = ".".join(map(str, child.path[:-1])) or "the top level"
                reason = f"repeated number {child.label or child.number} under {where}: cannot be placed"
                line = child.head.line if child.head else "?"  # only the root has no head, and it is no child
                outline.problems.append(f"line {line}: {reason}")
                for dropped in [child, *child.walk()]:
                    outline.excluded.extend(Excluded(p, reason) for p in [dropped.head, *dropped.body] if p)
                continue
            seen[child.number] = child
        numbers = sorted(seen)
        if numbers and not all(child.inferred for child in node.children):
            expected = list(range(numbers[0], numbers[0] + len(numbers)))
            if numbers != expected:
                where = ".".join(map(str, node.path)) or "the top level"
                after_gap = next(seen[n] for previous, n in itertools.pairwise(numbers) if n != previous + 1)
                line = after_gap.head.line if after_gap.head else "?"
                outline.problems.append(f"line {line}: numbering under {where} runs {numbers}, with gaps")
