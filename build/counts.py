"""Stage 6, completeness: the counts a document declares of itself.

A summary or a preamble often says how large the document is: "分类提出8点共33项具体措施",
"提出以下30项重点任务", "包括8个方面24条措施". Such a sentence names its units from the widest
to the narrowest. A count in it is the document counting its own parts only where something
anchors it to them (a total 共, a list word 以下, a noun of measures 任务/措施, a colon); the
grammar is data in ``genre.yml``. The narrowest count is the number of provisions; each wider
one is matched to the outline level above, so the build can show, level by level, what the text
promises beside what it carries.

Only the text before a rendition's first heading is read (the preamble, a summary, a reporter's
lead): a count printed in a heading or inside a section ("7项主要任务：" over a list) counts that
section's items, not the document's.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from dbay.build.load import LoadedRendition
from dbay.build.numbering import chinese_number
from dbay.build.scripts import to_hans
from dbay.build.segment import Outline
from dbay.build.vocabulary import vocabulary

_SENTENCE = re.compile(r"[^。；;！？\n]+")
_SPACE = "[ \t\u3000\xa0]*"


@dataclass(frozen=True)
class Declaration:
    unit: str
    number: int
    phrase: str
    line: int = 1  # 1-based line of the text where the declaring sentence stands


@dataclass(frozen=True)
class _Grammar:
    count: re.Pattern[str]
    ordinal_prefix: str
    anchors_before: tuple[str, ...]
    anchored_after: re.Pattern[str]
    smallest_count: int


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def _grammar() -> _Grammar:
    grammar = vocabulary("genre.yml")["declared_counts"]
    count = f"(?P<number>{grammar['number']}){_SPACE}(?P<unit>{_alternatives(grammar['units'])})"
    nouns = f"[^\\s，,。；;：:、（）()]{{0,{grammar['modifier_max_chars']}}}?(?:{_alternatives(grammar['part_nouns'])})"
    after = f"{_SPACE}(?:{nouns}|{_alternatives(grammar['anchors_after'])})"
    return _Grammar(
        count=re.compile(count),
        ordinal_prefix=grammar["ordinal_prefix"],
        anchors_before=tuple(grammar["anchors_before"]),
        anchored_after=re.compile(after),
        smallest_count=grammar["smallest_count"],
    )


def _number(match: re.Match[str]) -> int:
    digits = match["number"]
    return int(digits) if digits.isdigit() else chinese_number(digits)


def _counts(sentence: str) -> list[re.Match[str]]:
    """Every number-and-unit in ``sentence`` that is not an ordinal (第三部分)."""
    g = _grammar()
    return [m for m in g.count.finditer(sentence) if not sentence[: m.start()].endswith(g.ordinal_prefix)]


def is_anchored(sentence: str, count: re.Match[str]) -> bool:
    """Whether ``count`` is the document counting its own parts, not a count of other things."""
    g = _grammar()
    if _number(count) < g.smallest_count:
        return False
    before = sentence[: count.start()].rstrip(" \t\u3000\xa0")
    return before.endswith(g.anchors_before) or g.anchored_after.match(sentence, count.end()) is not None


def counts_own_parts(text: str, position: int, unit: str) -> bool:
    """Whether the number at ``position``, read with ``unit``, counts the document's own parts: anchored
    to them (提出以下8项重点任务), or followed by a longer unit of a document's structure (四个方面)."""
    count = _grammar().count.match(text, position)
    return count is not None and (count["unit"] != unit or is_anchored(text, count))


def declared_counts(text: str) -> list[Declaration]:
    """The counts of the first sentence in ``text`` in which it counts its own parts, widest first."""
    for number, line in enumerate(text.split("\n"), start=1):
        for sentence in _SENTENCE.findall(to_hans(line)):
            found = _counts(sentence)
            if not any(is_anchored(sentence, count) for count in found):
                continue
            phrase = sentence[found[0].start() : found[-1].end()]
            return [Declaration(m["unit"], _number(m), phrase, number) for m in found]
    return []


def before_first_heading(raw: str, outline: Outline) -> str:
    """The lines of ``raw`` above the outline's first heading or provision."""
    first = next((node.head.line for node in outline.root.children if node.head), None)
    lines = raw.split("\n")
    return "\n".join(lines if first is None else lines[: first - 1])


@dataclass(frozen=True)
class FoundDeclaration:
    rendition: LoadedRendition
    declarations: list[Declaration]

    @property
    def where(self) -> str:
        """file:line of the declaring sentence."""
        return f"{self.rendition.file}:{self.declarations[0].line}"


def find_declaration(renditions: Sequence[LoadedRendition], outlines: Mapping[str, Outline]) -> FoundDeclaration | None:
    """The first rendition (in the order given) whose opening declares the document's counts."""
    for rendition in renditions:
        declarations = declared_counts(before_first_heading(rendition.raw, outlines[rendition.id]))
        if declarations:
            return FoundDeclaration(rendition, declarations)
    return None


class OutlineNode(Protocol):
    """A node of a document's outline, as far as counting needs it."""

    @property
    def path(self) -> tuple[int, ...]: ...

    @property
    def is_leaf(self) -> bool: ...


def declared_vs_found(declarations: list[Declaration], nodes: Sequence[OutlineNode]) -> list[tuple[str, int, int, int, str]]:
    """What the text says it contains, level by level, beside what was found.

    (unit, declared, level, found, phrase): the narrowest count is compared with the provisions
    (leaves), each wider one with the nodes of the level above.
    """
    if not nodes:
        return []
    depth = max(len(node.path) for node in nodes)
    counts = []
    for k, declaration in enumerate(reversed(declarations)):
        level = depth - k
        if level < 1:
            break
        found = sum(node.is_leaf for node in nodes) if k == 0 else sum(len(node.path) == level for node in nodes)
        counts.append((declaration.unit, declaration.number, level, found, declaration.phrase))
    return list(reversed(counts))
