"""Stage 9, variants (issue 14): where each rendition words a measure differently from its text.

For every measure and every rendition carrying it other than the one its text comes from
(``measures.text_rendition_id``), the rendition's span (``measure_sources``) is tidied as the
cleaning stage tidies a rendition (Markdown, page breaks, the printed number), without the
stretches the build excluded inside it (a reporter's inserted headlines), and compared with the
measure's text, both in comparable form (``dbay.build.variant_text``: script, vocabulary,
punctuation and whitespace set aside). What differs is a ``variants`` row: edits separated by a
word or less of agreeing text are one fragment pair, so a reworded phrase reads as one difference
rather than as scattered characters. Offsets map back to the measure's text and the rendition's
raw text.
"""

from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from dbay.build.clean import clean_rendition
from dbay.build.scripts import to_hans
from dbay.build.textmap import MappedText, join
from dbay.build.validate import Records
from dbay.build.variant_text import Comparable, comparable
from dbay.schema.connections import Variant, VariantKind
from dbay.schema.records import Measure, MeasureSource

MERGE_GAP = 2  # edits separated by at most this many agreeing characters (a word) are one difference


@dataclass(frozen=True)
class Edit:
    canonical: tuple[int, int]  # range in the comparable form of the measure's text
    variant: tuple[int, int]  # range in the comparable form of the rendition's span

    @property
    def kind(self) -> VariantKind:
        if self.canonical[0] == self.canonical[1]:
            return "added"
        return "dropped" if self.variant[0] == self.variant[1] else "changed"


@dataclass(frozen=True)
class Span:
    """A rendition's copy of a provision, tidied, and whether its edges are the provision's edges."""

    text: MappedText  # offsets into the rendition's raw text
    open_start: bool  # it may begin after the provision does: what comes before is not dropped
    open_end: bool  # it may stop before the provision does


def edits(canonical: str, variant: str, open_start: bool = False, open_end: bool = False) -> list[Edit]:
    """The differences between two comparable texts, nearby edits merged, in reading order.

    A copy that quotes part of a provision (a news report's excerpt, carried without the
    provision's number) or that stops mid-document (an encyclopedia page cut after its second
    part) says nothing about the words it never reaches: with an open edge, the provision's words
    before the copy's first or after its last agreeing character are not dropped, and are no
    variant. A numbered copy is the whole provision: what it leaves out at either end, it dropped.
    """
    matcher = SequenceMatcher(None, canonical, variant, autojunk=False)
    found: list[Edit] = []
    previous = (0, 0)  # where the edit before this one ends, in either text
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        before, previous = previous, (a_end, b_end)
        # Past an open edge, only as many of the provision's words as the copy has in their place count.
        if open_start and a_start == 0 and b_start == 0:
            a_start = max(a_end - b_end, 0)
        if open_end and a_end == len(canonical) and b_end == len(variant):
            a_end = min(a_start + b_end - b_start, a_end)
        if a_start == a_end and b_start == b_end:
            continue
        if (a_start == a_end) != (b_start == b_end):  # a run only one text has
            one, run, floor = (
                (canonical, (a_start, a_end), before[0]) if b_start == b_end else (variant, (b_start, b_end), before[1])
            )
            shift = _leftmost(one, run, floor)
            a_start, a_end, b_start, b_end = a_start - shift, a_end - shift, b_start - shift, b_end - shift
        if found and a_start - found[-1].canonical[1] <= MERGE_GAP and b_start - found[-1].variant[1] <= MERGE_GAP:
            last = found.pop()
            found.append(Edit((last.canonical[0], a_end), (last.variant[0], b_end)))
        else:
            found.append(Edit((a_start, a_end), (b_start, b_end)))
    return found


def _leftmost(text: str, run: tuple[int, int], floor: int) -> int:
    """How far left a run only one text has moves and reads the same (not past ``floor``, the end of the
    edit before it): of 法律法规 against 法规, 法律 is dropped rather than 律法, the word rather than
    the diff's arbitrary pick among equal readings."""
    start, end = run
    shift = 0
    while start - shift > floor and text[start - shift - 1] == text[end - shift - 1]:
        shift += 1
    return shift


def _tidied_span(raw: str, source: MeasureSource, excluded: list[tuple[int, int]]) -> tuple[MappedText, bool]:
    """The span's clean text without its printed number or excluded stretches; whether it was numbered."""
    paragraphs = clean_rendition(raw[source.start : source.end]).paragraphs
    if not paragraphs:
        return MappedText("", ()), False
    numbered = paragraphs[0].marker is not None
    pieces = [paragraphs[0].body if numbered else paragraphs[0].text, *(p.text for p in paragraphs[1:])]
    text = join(pieces, "\n")
    inside = [(start, end) for start, end in excluded if start < source.end and end > source.start]
    kept = [
        (char, source.start + offset)
        for char, offset in zip(text.text, text.offsets, strict=True)
        if not any(start <= source.start + offset < end for start, end in inside)
    ]
    return MappedText("".join(char for char, _ in kept), tuple(offset for _, offset in kept)), numbered


def variants_of(measure: Measure, span: Span, raw: str, rendition_id: str, after: int = 0) -> list[Variant]:
    """The ``variants`` rows of one rendition's copy of one measure, numbered on from ``after``."""
    canonical = comparable(MappedText.from_raw(measure.text))
    variant: Comparable = comparable(span.text)
    found = edits(canonical.text, variant.text, span.open_start, span.open_end)
    rows = []
    for position, edit in enumerate(found, start=after + 1):
        canonical_start, canonical_end = canonical.raw_span(*edit.canonical)
        variant_start, variant_end = variant.raw_span(*edit.variant)
        variant_fragment = raw[variant_start:variant_end]
        rows.append(
            Variant(
                measure_id=measure.id,
                rendition_id=rendition_id,
                position=position,
                kind=edit.kind,
                canonical_fragment=measure.text[canonical_start:canonical_end] or None,
                variant_fragment=variant_fragment or None,
                variant_fragment_hans="".join(to_hans(variant_fragment).split()) or None,
                canonical_start=canonical_start,
                canonical_end=canonical_end,
                variant_start=variant_start,
                variant_end=variant_end,
            )
        )
    return rows


def variant_records(records: Records) -> list[Variant]:
    """Every rendition's variants of every measure it carries, besides the measure's own text."""
    measures = {measure.id: measure for measure in records.measures}
    raw = {rendition.id: rendition.raw_text for rendition in records.renditions}
    extracted = {document.id: document.extracted_measures for document in records.documents}
    partial = {r.id for r in records.renditions if r.measures_carried < extracted[r.document_id]}
    excluded: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for stretch in records.excluded_text:
        excluded[stretch.rendition_id].append((stretch.start, stretch.end))
    carried: dict[str, list[MeasureSource]] = defaultdict(list)
    for source in records.measure_sources:
        if source.rendition_id != measures[source.measure_id].text_rendition_id:
            carried[source.rendition_id].append(source)
    rows: list[Variant] = []
    for rendition_id, sources in sorted(carried.items()):
        sources.sort(key=lambda source: (measures[source.measure_id].position, source.start))
        first, last = sources[0].measure_id, sources[-1].measure_id
        numbered_so_far: dict[str, int] = defaultdict(int)  # a measure may be carried in several stretches
        for source in sources:
            text, numbered = _tidied_span(raw[rendition_id], source, excluded[rendition_id])
            if not text.text:
                continue
            cut = rendition_id in partial
            span = Span(
                text,
                open_start=not numbered or (cut and source.measure_id == first),
                open_end=not numbered or (cut and source.measure_id == last),
            )
            found = variants_of(
                measures[source.measure_id], span, raw[rendition_id], rendition_id, numbered_so_far[source.measure_id]
            )
            numbered_so_far[source.measure_id] += len(found)
            rows.extend(found)
    return rows
