"""Stages 2 to 7 for one document: from its loaded renditions to its records.

clean → segment every rendition; rank them and unite their outlines, each provision from the
most authoritative rendition that carries it (``renditions``, ``union``); align every rendition
to the result; parse the agency clauses; give every text in both scripts; count what the
document declares. The result is one ``DocumentBuild`` of plain values; ids of agencies and
validation come later, for the whole release at once.
"""

from dataclasses import dataclass, field

from dbay.build.agencies import AgencyClause, declares_first_listed_lead
from dbay.build.agency_clauses import split_agency_clause
from dbay.build.align import Carried
from dbay.build.clean import clean_rendition
from dbay.build.compare import bigrams, dice
from dbay.build.counts import declared_vs_found, find_declaration
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
from dbay.build.segment import Excluded, Node, Outline, segment
from dbay.build.textmap import MappedText, join
from dbay.build.union import align_all, unite


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
    clause: Bilingual | None  # the clause it carries itself, in the script of its text and converted
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
    declared_at: str | None = None  # file:line of the sentence declaring the counts

    @property
    def id(self) -> str:
        return self.loaded.config.id


def lead_sentence(text: str) -> str:
    """A provision's title: its text up to the first 。 (the whole first line if it has none)."""
    first_line = text.split("\n", 1)[0]
    sentence = first_line.split("。", 1)[0].strip() or first_line.strip()
    # an item of a list ends with ； or ，, which belong to the list, not to the title
    return sentence.rstrip("；;，,").strip() or sentence


def _both(text: str, script: Script) -> Bilingual:
    other: Script = "zh-Hant" if script == "zh-Hans" else "zh-Hans"
    own, converted = text, convert(text, other)
    return Bilingual(own, converted) if script == "zh-Hans" else Bilingual(converted, own)


def _printed_heading(node: Node) -> str | None:
    """The heading printed with the node's number (第一章 总则, 第一条【立法目的】): it wins over the lead sentence."""
    return node.head.heading if node.head else None


def _section_parts(node: Node, first_listed_leads: bool) -> tuple[str, str | None, AgencyClause | None]:
    """A section's heading (printed with its number, else its lead sentence), its preamble, and any agency clause."""
    text, clause, _ = split_agency_clause(node.full_text().text, first_listed_leads)
    heading = _printed_heading(node) or lead_sentence(text)
    rest = text.split("\n", 1)[0].removeprefix(heading).lstrip("。").strip()
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


def _inherit_clauses(
    measures: list[MeasureBuild],
    sections: list[SectionBuild],
    clauses: dict[str, AgencyClause],
    scripts: dict[str, Script],
) -> None:
    """Give a clause to measures without one: from a preceding 下同 clause, else from a section.

    Read in document order, the part of a clause that says 下同 ("the same below") covers every
    following measure without a clause of its own, across sections too (下同 names no boundary), until the next
    clause, on a measure or on a section heading. A clause on a section's heading covers the
    measures under it that have none.
    """
    parents = {section.id: section.parent_id for section in sections}
    records: list[MeasureBuild | SectionBuild] = sorted([*measures, *sections], key=lambda record: record.position)
    below: str | None = None  # id of the record whose clause says 下同, while it applies
    for record in records:
        if record.id in clauses:
            below = record.id if clauses[record.id].applies_below else None
            continue
        if not isinstance(record, MeasureBuild):
            continue
        source = below or next((section for section in _ancestors(record, parents) if section in clauses), None)
        if source:
            clause = clauses[source].below() if source == below else clauses[source]
            record.clause_from, record.open_ended = source, clause.open_ended
            record.agencies = _agency_links(clause, scripts[source], inherited=True)  # the clause's own script


def _ancestors(measure: MeasureBuild, parents: dict[str, str | None]) -> list[str]:
    """Ids of the sections above a measure, nearest first."""
    ancestors: list[str] = []
    current = measure.section_id
    while current is not None and current not in ancestors:
        ancestors.append(current)
        current = parents.get(current)
    return ancestors


def _outline(rendition: LoadedRendition, title: str) -> Outline:
    """Clean and segment one rendition; what cleaning dropped is excluded and reported."""
    cleaned = clean_rendition(rendition.raw)
    outline = segment(cleaned.paragraphs, title, news=is_news(rendition.config.kind))
    outline.excluded.extend(Excluded(dropped.paragraph, dropped.reason) for dropped in cleaned.dropped)
    outline.problems.extend(f"line {dropped.paragraph.line}: {dropped.reason}" for dropped in cleaned.dropped)
    return outline


def _source(rendition: LoadedRendition, text: MappedText, similarity: float, start: int | None = None) -> Source:
    """A rendition's copy of a provision: from ``start`` (else its text's first character) to the
    last character before its agency clause; and the clause's own span."""
    (own_start, end), clause = provision_spans(text)
    start = own_start if start is None else start
    clause_source = (*clause, rendition.raw[clause[0] : clause[1]]) if clause else None
    return Source(rendition.id, start, end, rendition.raw[start:end], similarity, clause_source)


def build_document(document: LoadedDocument) -> DocumentBuild:
    config = document.config
    outlines = {r.id: _outline(r, config.title) for r in document.renditions}
    ranked = rank(document.renditions, outlines)
    canonical = ranked[0]
    union = unite(ranked, outlines)
    if not union.root.leaves():
        raise BuildError(f"document {config.id}: no provisions found in {canonical.file} (the canonical rendition)")
    preamble_paragraphs, preamble_rendition, lead = document_preamble(ranked, outlines)
    preamble_text = join([p.text for p in preamble_paragraphs], "\n").text
    preamble = _both(preamble_text, preamble_rendition.config.script) if preamble_rendition and preamble_text else None

    sections: list[SectionBuild] = []
    measures: list[MeasureBuild] = []
    clauses: dict[str, AgencyClause] = {}  # record id → the clause it carries
    first_listed_leads = any(declares_first_listed_lead(rendition.raw) for rendition in document.renditions)
    leaf_texts: list[str] = []
    scripts: dict[str, Script] = {}  # record id → the script of its text (and of its clause)
    for position, placed in enumerate(union.root.walk(), start=1):
        node, rendition = placed.node, placed.rendition
        assert rendition is not None  # only the root has none, and walk() does not yield it
        script = rendition.config.script
        record_id = node_id(config.id, placed.path)
        scripts[record_id] = script
        # the root, and a fragment's inferred part (no heading on the page), have no section record
        has_section = placed.parent is not None and placed.parent.parent is not None and placed.parent.node.head is not None
        parent_id = node_id(config.id, placed.parent.path) if placed.parent and has_section else None
        if not placed.is_leaf:
            if node.head is None:
                continue  # a part the page does not carry (a fragment's inferred parent): no section record
            heading, section_preamble, clause = _section_parts(node, first_listed_leads)
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
        text, clause, _ = split_agency_clause(full.text, first_listed_leads)
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
                title=_both(_printed_heading(node) or lead_sentence(text), script),
                text=_both(text, script),
                converted_script="zh-Hant" if script == "zh-Hans" else "zh-Hans",
                numbering=placed.numbering,
                clause=_both(clause.text, script) if clause else None,
                clause_from=None,
                open_ended=bool(clause and clause.open_ended),
                agencies=_agency_links(clause, script, inherited=False) if clause else [],
                text_rendition_id=rendition.id,
                sources=[_source(rendition, full, 1.0)],
            )
        )
    _inherit_clauses(measures, sections, clauses, scripts)

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
    declaration = find_declaration(ranked, outlines)
    return DocumentBuild(
        loaded=document,
        title=Bilingual(config.title, convert(config.title, "zh-Hant")),
        preamble=preamble,
        canonical_id=canonical.id,
        sections=sections,
        measures=measures,
        renditions=renditions,
        declared=declared_vs_found(declaration.declarations, union.root.walk()) if declaration else [],
        problems=problems,
        declared_at=declaration.where if declaration else None,
    )
