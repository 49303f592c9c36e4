"""Stage 5, align: find the document's provisions in its other renditions.

The document's outline (``dbay.build.union``) defines the provisions. A rendition may number them
differently, drop a level's numbers, reword them (Taiwan vocabulary, a reporter's edits), quote
them in a news lead, or put unrelated headlines between them; so provisions are found by their
wording, not by their numbers. A numbered block of the rendition is matched to the provision it
agrees with most (bigram Dice); an unnumbered paragraph to the provision it is an excerpt of
(bigram containment). A provision quoted in a lead and carried in full later is carried by the
full copy; the quotation is reported as an excerpt. Anything that matches no provision becomes
no provision and is reported with its reason.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from dbay.build.clean import Paragraph
from dbay.build.compare import bigrams, comparable, containment, dice
from dbay.build.segment import Excluded, Outline
from dbay.build.textmap import MappedText, join

NUMBERED_MIN_DICE = 0.4  # a numbered block this close to a provision is that provision
EXCERPT_MIN_CONTAINMENT = 0.6  # an unnumbered paragraph this much inside a provision quotes it
EXCERPT_MIN_CHARS = 12  # shorter paragraphs (captions, subtitles) are never taken as text
HEADING_MIN_DICE = 0.5  # a heading this close to one of the document's headings is structure


@dataclass(frozen=True)
class Unit:
    paragraphs: tuple[Paragraph, ...]
    numbered: bool

    @property
    def line(self) -> int:
        return self.paragraphs[0].line

    def text(self) -> MappedText:
        return join([p.text for p in self.paragraphs], "\n")

    def text_after_number(self) -> MappedText:
        first, *rest = self.paragraphs
        return join([first.body.strip(), *(p.text for p in rest)], "\n")


@dataclass(frozen=True)
class Match:
    unit: Unit
    leaf: int
    score: float


@dataclass(frozen=True)
class Carried:
    """A stretch of the rendition that carries provision ``leaf`` of the given ones."""

    leaf: int
    text: MappedText  # clean text, without the provision's number
    span: tuple[int, int]  # raw span, number included
    line: int
    numbered: bool


@dataclass
class Alignment:
    carried: list[Carried]
    excluded: list[Excluded]
    unmatched: list[Unit]  # numbered provisions of the rendition that agree with no provision given


def _units(outline: Outline) -> tuple[list[Unit], list[Paragraph]]:
    """Text units in reading order, and the heading lines (structure, never provision text)."""
    units = [Unit((p,), numbered=False) for p in outline.preamble]
    headings: list[Paragraph] = []
    for node in outline.root.walk():
        if node.head is None:
            continue
        if node.is_leaf and not node.inferred:
            units.append(Unit((node.head, *node.body), numbered=True))
            continue
        headings.append(node.head)
        units.extend(Unit((p,), numbered=False) for p in node.body)
    units.sort(key=lambda unit: unit.line)
    return units, headings


@dataclass
class _Provisions:
    """Texts to align against: their bigram bags, and the best match found for each unit text.

    A document's union is aligned to every rendition twice (to grow it, then for its sources);
    while the provisions are the same, their bags and every unit's match are computed once.
    """

    bags: list[Counter[str]]
    found: dict[tuple[str, bool], tuple[int, float] | None] = field(default_factory=dict)


@lru_cache(maxsize=8)
def _provisions(texts: tuple[str, ...]) -> _Provisions:
    return _Provisions([bigrams(text) for text in texts])


def _best_match(unit: Unit, provisions: _Provisions) -> Match | None:
    key = (unit.text().text, unit.numbered)
    if key not in provisions.found:
        provisions.found[key] = _best_leaf(key[0], unit.numbered, provisions.bags)
    found = provisions.found[key]
    return Match(unit, *found) if found else None


def _best_leaf(text: str, numbered: bool, leaf_bags: list[Counter[str]]) -> tuple[int, float] | None:
    """The provision ``text`` is (numbered) or quotes (unnumbered), with the score, if any."""
    bag = bigrams(text)
    if not leaf_bags:
        return None
    if numbered:
        scores = [dice(bag, leaf) for leaf in leaf_bags]
        best = max(range(len(scores)), key=scores.__getitem__)
        return (best, scores[best]) if scores[best] >= NUMBERED_MIN_DICE else None
    if len(comparable(text)) < EXCERPT_MIN_CHARS:
        return None
    scores = [containment(bag, leaf) for leaf in leaf_bags]
    top = max(scores, default=0.0)
    if top < EXCERPT_MIN_CONTAINMENT:
        return None
    # Among the provisions it is (nearly) equally inside, the one it resembles most.
    contenders = [i for i, score in enumerate(scores) if score >= top - 0.02]
    best = max(contenders, key=lambda i: dice(bag, leaf_bags[i]))
    return best, scores[best]


def align(leaf_texts: list[str], leaf_paths: list[str], headings: list[str], context: list[str], outline: Outline) -> Alignment:
    """Where ``outline`` (a rendition's) carries each of the given provisions.

    ``leaf_texts`` are the provisions' full texts; ``headings`` every heading and provision
    title of the document, which headings of the rendition may echo; ``context`` the document's
    text that is no provision (preambles), which the rendition may carry too.
    """
    leaves, context_texts = _provisions(tuple(leaf_texts)), _provisions(tuple(context))
    units, heading_lines = _units(outline)
    excluded: list[Excluded] = []
    matches: list[Match] = []
    unmatched: list[Unit] = []
    for unit in units:
        match = _best_match(unit, leaves)
        if match:
            matches.append(match)
            continue
        if unit.numbered:
            unmatched.append(unit)
        if not _best_match(Unit(unit.paragraphs, numbered=False), context_texts):
            excluded.extend(Excluded(p, "not found in the canonical text") for p in unit.paragraphs)

    heading_bags = [bigrams(heading) for heading in headings]
    for line in heading_lines:
        bag = bigrams(line.body.text)
        if not heading_bags or max(dice(bag, other) for other in heading_bags) < HEADING_MIN_DICE:
            excluded.append(Excluded(line, "heading not in the canonical text (a reporter's subtitle or headline)"))

    carried: list[Carried] = []
    for leaf in sorted({match.leaf for match in matches}):
        kept, dropped = _choose(leaf, matches, leaf_paths[leaf])
        carried.extend(kept)
        excluded.extend(dropped)
    return Alignment(carried, excluded, unmatched)


def _choose(leaf: int, matches: list[Match], path: str) -> tuple[list[Carried], list[Excluded]]:
    """The stretches that carry ``leaf``: a full numbered copy and what continues it, or excerpts."""
    order = [m.unit.line for m in matches]
    mine = [m for m in matches if m.leaf == leaf]
    numbered = [m for m in mine if m.unit.numbered]

    def adjacent(first: Match, second: Match) -> bool:
        """No other provision's text between the two (only excluded lines, if anything)."""
        return not any(
            first.unit.line < line < second.unit.line for line, m in zip(order, matches, strict=True) if m.leaf != leaf
        )

    dropped: list[Excluded] = []
    if numbered:
        primary = max(numbered, key=lambda m: m.score)
        group = [primary]
        for match in sorted(mine, key=lambda m: m.unit.line):
            if match is primary:
                continue
            if match.unit.line > group[-1].unit.line and not match.unit.numbered and adjacent(group[-1], match):
                group.append(match)
                continue
            reason = (
                f"a second numbered copy of {path}"
                if match.unit.numbered
                else f"excerpt of {path}, which this rendition carries in full at line {primary.unit.line}"
            )
            dropped.extend(Excluded(p, reason) for p in match.unit.paragraphs)
        groups = [group]
    else:
        groups = []
        for match in sorted(mine, key=lambda m: m.unit.line):
            if groups and adjacent(groups[-1][-1], match):
                groups[-1].append(match)
            else:
                groups.append([match])
    kept = []
    for group in groups:
        first = group[0].unit
        text = join([first.text_after_number() if first.numbered else first.text(), *(m.unit.text() for m in group[1:])], "\n")
        span = (first.text().raw_span()[0], group[-1].unit.text().raw_span()[1])
        kept.append(Carried(leaf, text, span, first.line, first.numbered))
    return kept, dropped
