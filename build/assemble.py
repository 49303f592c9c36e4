"""Stages 2 to 7 for one document: from its loaded renditions to its records.

clean → segment every rendition; rank them and unite their outlines, each provision from the
most authoritative rendition that carries it (``renditions``, ``union``); align every rendition
to the result; parse the agency clauses; give every text in both scripts; count what the
document declares. The result is one ``DocumentBuild`` of plain values; ids of agencies and
validation come later, for the whole release at once.
"""

from dataclasses import dataclass, field

from dbay.build.agencies import AgencyClause, split_agency_clause
from dbay.build.align import Carried
from dbay.build.clean import clean
from dbay.build.compare import bigrams, dice
from dbay.build.counts import declared_counts
from dbay.build.ids import node_id
from dbay.build.load import LoadedDocument, LoadedRendition
from dbay.build.renditions import (
    document_preamble,
    is_news,
    official_other_script,
    provision_spans,
    rank,
    unknown_kind_problems,
)
from dbay.build.scripts import Script, convert
from dbay.build.segment import Excluded, Node, segment
from dbay.build.textmap import MappedText, join
from dbay.build.union import Placed, align_all, unite


class BuildError(Exception):
    """The sources are readable but a document cannot be built; the message names it."""


@dataclass(frozen=True)
class Bilingual:
    hans: str
    hant: str


@dataclass(frozen=True)
class Source:
    rendition_id: str
    start: int
    end: int
    raw_text: str
    similarity: float
    clause: tuple[int, int, str] | None = None  # start, end and raw text of the agency clause this copy prints


@dataclass(frozen=True)
class AgencyLink:
    name: Bilingual
    written: str
    role: str
    collective: bool
    inherited: bool


@dataclass
class MeasureBuild:
    id: str
    path: tuple[int, ...]
    label: str | None
    position: int
    section_id: str | None
    title: Bilingual
    text: Bilingual
    converted_script: Script | None  # None where both scripts come from sources
    numbering: str
    clause: str | None
    clause_from: str | None
    open_ended: bool
    agencies: list[AgencyLink]
    text_rendition_id: str
    sources: list[Source] = field(default_factory=list)


@dataclass
class SectionBuild:
    id: str
    path: tuple[int, ...]
    label: str | None
    position: int
    parent_id: str | None
    heading: Bilingual
    preamble: Bilingual | None
    numbering: str
    text_rendition_id: str


@dataclass
class RenditionBuild:
    loaded: LoadedRendition
    canonical: bool
    measures_carried: int
    excluded: list[Excluded]


@dataclass
class DocumentBuild:
    loaded: LoadedDocument
    title: Bilingual
    preamble: Bilingual | None
    canonical_id: str
    sections: list[SectionBuild]
    measures: list[MeasureBuild]
    renditions: list[RenditionBuild]
    declared: list[tuple[str, int, int, int, str]]  # unit, declared, level, found, phrase
    problems: list[str]

    @property
    def id(self) -> str:
        return self.loaded.config.id


def lead_sentence(text: str) -> str:
    """A provision's title: its text up to the first 。 (the whole first line if it has none)."""
    first_line = text.split("\n", 1)[0]
    return first_line.split("。", 1)[0].strip() or first_line.strip()


def _both(text: str, script: Script) -> Bilingual:
    other: Script = "zh-Hant" if script == "zh-Hans" else "zh-Hans"
    own, converted = text, convert(text, other)
    return Bilingual(own, converted) if script == "zh-Hans" else Bilingual(converted, own)


def _section_parts(node: Node) -> tuple[str, str | None, AgencyClause | None]:
    """A section's heading (lead sentence), its preamble, and any agency clause it carries."""
    text, clause, _ = split_agency_clause(node.full_text().text)
    heading = lead_sentence(text)
    rest = text.split("\n", 1)[0][len(heading) :].lstrip("。").strip()
    preamble_parts = [part for part in [rest, *text.split("\n")[1:]] if part]
    return heading, "\n".join(preamble_parts) or None, clause


def _agency_links(clause: AgencyClause, script: Script, inherited: bool) -> list[AgencyLink]:
    links: dict[str, AgencyLink] = {}
    for mention in clause.mentions:
        name = _both(mention.name, script)
        if name.hans in links and links[name.hans].role == "lead":
            continue  # named twice (two clauses): leading is the stronger role
        links[name.hans] = AgencyLink(name, mention.written, mention.role, mention.collective, inherited)
    return list(links.values())


def _similarity(piece: Carried, text: str) -> float:
    """How closely a rendition's copy agrees with the measure's text (from its text rendition)."""
    return round(dice(bigrams(piece.text.text), bigrams(text)), 3)


def _inherit_clauses(measures: list[MeasureBuild], clauses: dict[str, AgencyClause], document_id: str, script: Script) -> None:
    """Give a clause to measures without one: from a preceding 下同 clause, else from a section.

    A clause saying 下同 ("the same below") covers the later measures of its section that have no
    clause of their own, until another 下同 clause; a clause on a section's heading covers the
    measures under it.
    """
    below: dict[tuple[int, ...], str] = {}  # section path → id of the measure whose clause says 下同
    for measure in measures:
        parent = measure.path[:-1]
        if measure.id in clauses:
            if clauses[measure.id].applies_below:
                below[parent] = measure.id
            continue
        prefixes = [parent[:n] for n in range(len(parent), -1, -1)]
        source = next((below[p] for p in prefixes if p in below), None)
        source = source or next((node_id(document_id, p) for p in prefixes if node_id(document_id, p) in clauses), None)
        if source:
            clause = clauses[source]
            measure.clause_from, measure.open_ended = source, clause.open_ended
            measure.agencies = _agency_links(clause, script, inherited=True)


def _declared(renditions: list[LoadedRendition], root: Placed) -> list[tuple[str, int, int, int, str]]:
    """What the text says it contains, level by level, beside what was found."""
    for rendition in renditions:
        declarations = declared_counts(rendition.raw)
        if declarations:
            break
    else:
        return []
    nodes = root.walk()
    depth = max(len(node.path) for node in nodes)
    counts = []
    for k, declaration in enumerate(reversed(declarations)):
        level = depth - k
        if level < 1:
            break
        found = sum(node.is_leaf for node in nodes) if k == 0 else sum(len(node.path) == level for node in nodes)
        counts.append((declaration.unit, declaration.number, level, found, declaration.phrase))
    return list(reversed(counts))


def _source(rendition: LoadedRendition, text: MappedText, similarity: float, start: int | None = None) -> Source:
    """A rendition's copy of a provision: from ``start`` (else its text's first character) to the
    last character before its agency clause; and the clause's own span."""
    (own_start, end), clause = provision_spans(text)
    start = own_start if start is None else start
    clause_source = (*clause, rendition.raw[clause[0] : clause[1]]) if clause else None
    return Source(rendition.id, start, end, rendition.raw[start:end], similarity, clause_source)


def build_document(document: LoadedDocument) -> DocumentBuild:
    config = document.config
    outlines = {r.id: segment(clean(r.raw), config.title, news=is_news(r.config.kind)) for r in document.renditions}
    ranked = rank(document.renditions, outlines)
    canonical = ranked[0]
    union = unite(ranked, outlines)
    if not union.root.leaves():
        raise BuildError(f"document {config.id}: no provisions found in {canonical.file} (the canonical rendition)")
    preamble_paragraphs, preamble_rendition, lead_paragraphs = document_preamble(ranked, outlines)
    preamble_text = join([p.text for p in preamble_paragraphs], "\n").text
    preamble = _both(preamble_text, preamble_rendition.config.script) if preamble_rendition and preamble_text else None
    lead = [Excluded(p, "news report's lead, before the document's first heading") for p in lead_paragraphs]

    sections: list[SectionBuild] = []
    measures: list[MeasureBuild] = []
    clauses: dict[str, AgencyClause] = {}  # record id → the clause it carries
    leaf_texts: list[str] = []
    for position, placed in enumerate(union.root.walk(), start=1):
        node, rendition = placed.node, placed.rendition
        assert rendition is not None  # only the root has none, and walk() does not yield it
        script = rendition.config.script
        record_id = node_id(config.id, placed.path)
        parent_id = node_id(config.id, placed.parent.path) if placed.parent and placed.parent.parent else None
        if not placed.is_leaf:
            heading, section_preamble, clause = _section_parts(node)
            if clause:
                clauses[record_id] = clause
            sections.append(
                SectionBuild(
                    record_id,
                    placed.path,
                    placed.label,
                    position,
                    parent_id,
                    _both(heading, script),
                    _both(section_preamble, script) if section_preamble else None,
                    placed.numbering,
                    rendition.id,
                )
            )
            continue
        full = node.full_text()
        text, clause, _ = split_agency_clause(full.text)
        if clause:
            clauses[record_id] = clause
        leaf_texts.append(full.text)
        measures.append(
            MeasureBuild(
                id=record_id,
                path=placed.path,
                label=placed.label,
                position=position,
                section_id=parent_id,
                title=_both(lead_sentence(text), script),
                text=_both(text, script),
                converted_script="zh-Hant" if script == "zh-Hans" else "zh-Hans",
                numbering=placed.numbering,
                clause=clause.text if clause else None,
                clause_from=None,
                open_ended=bool(clause and clause.open_ended),
                agencies=_agency_links(clause, script, inherited=False) if clause else [],
                text_rendition_id=rendition.id,
                sources=[_source(rendition, full, 1.0)],
            )
        )
    _inherit_clauses(measures, clauses, config.id, canonical.config.script)

    # Where every other rendition carries the provisions it does not supply: found by wording.
    headings = [s.heading.hans for s in sections] + [m.title.hans for m in measures]
    context = [p for p in [preamble.hans if preamble else None, *(s.preamble.hans for s in sections if s.preamble)] if p]
    alignments = align_all(union, ranked, outlines, headings, context)
    for rendition_id, alignment in alignments.items():
        rendition = next(r for r in ranked if r.id == rendition_id)
        for piece in alignment.carried:
            similarity = _similarity(piece, leaf_texts[piece.leaf])
            measures[piece.leaf].sources.append(_source(rendition, piece.text, similarity, start=piece.span[0]))
    renditions = []
    for rendition in ranked:
        # The canonical rendition is aligned to nothing: what is no provision of it is its outline's
        # exclusions and, in a news report, the reporter's lead.
        aligned = alignments.get(rendition.id)
        excluded = outlines[rendition.id].excluded + (aligned.excluded if aligned else lead)
        carried = sum(any(s.rendition_id == rendition.id for s in m.sources) for m in measures)
        renditions.append(RenditionBuild(rendition, rendition is canonical, carried, excluded))

    # Where an official rendition in the other script carries a measure, its text is no conversion.
    carried_pieces = {rendition_id: alignment.carried for rendition_id, alignment in alignments.items()}
    text_renditions = [next(r for r in ranked if r.id == m.text_rendition_id) for m in measures]
    for leaf, text in official_other_script(text_renditions, ranked, carried_pieces).items():
        measure = measures[leaf]
        own, _, _ = split_agency_clause(text)
        if measure.converted_script == "zh-Hant":
            measure.title = Bilingual(measure.title.hans, lead_sentence(own))
            measure.text = Bilingual(measure.text.hans, own)
        else:
            measure.title = Bilingual(lead_sentence(own), measure.title.hant)
            measure.text = Bilingual(own, measure.text.hant)
        measure.converted_script = None

    suppliers = {placed.rendition.id for placed in union.root.walk() if placed.rendition}
    problems = unknown_kind_problems(ranked) + union.problems
    problems += [f"{r.file}: {problem}" for r in ranked if r.id in suppliers for problem in outlines[r.id].problems]
    return DocumentBuild(
        loaded=document,
        title=Bilingual(config.title, convert(config.title, "zh-Hant")),
        preamble=preamble,
        canonical_id=canonical.id,
        sections=sections,
        measures=measures,
        renditions=renditions,
        declared=_declared(ranked, union.root),
        problems=problems,
    )
