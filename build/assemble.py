"""Stages 2 to 7 for one document: from its loaded renditions to its records.

clean → segment every rendition; choose the canonical one; align the others to it; parse the
agency clauses; give every text in both scripts; count what the document declares. The result
is one ``DocumentBuild`` of plain values; ids of agencies and validation come later, for the
whole release at once.
"""

from dataclasses import dataclass, field

from dbay.build.agencies import AgencyClause, split_agency_clause
from dbay.build.align import Carried, align
from dbay.build.clean import Paragraph, clean
from dbay.build.compare import bigrams, dice
from dbay.build.counts import declared_counts
from dbay.build.ids import node_id
from dbay.build.load import LoadedDocument, LoadedRendition
from dbay.build.scripts import Script, convert
from dbay.build.segment import Excluded, Node, Outline, segment
from dbay.build.textmap import join

KIND_PRIORITY = ("official",)  # the kind whose text is canonical where a document has one


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


def _choose_canonical(outlines: dict[str, Outline], document: LoadedDocument) -> LoadedRendition:
    def rank(rendition: LoadedRendition) -> tuple[bool, int]:
        return rendition.config.kind in KIND_PRIORITY, len(outlines[rendition.id].leaves())

    return max(document.renditions, key=rank)


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


def _other_script_texts(
    document: LoadedDocument, canonical: LoadedRendition, carried: dict[str, list[Carried]]
) -> dict[int, str]:
    """Texts of the other script from an official rendition in that script, by leaf index."""
    texts: dict[int, str] = {}
    for rendition in document.renditions:
        if (
            rendition.id == canonical.id
            or rendition.config.kind not in KIND_PRIORITY
            or rendition.config.script == canonical.config.script
        ):
            continue
        for piece in carried.get(rendition.id, []):
            if piece.numbered:
                texts.setdefault(piece.leaf, piece.text.text)
    return texts


def _similarity(piece: Carried, canonical_text: str) -> float:
    return round(dice(bigrams(piece.text.text), bigrams(canonical_text)), 3)


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


def _declared(renditions: list[LoadedRendition], outline: Outline) -> list[tuple[str, int, int, int, str]]:
    """What the text says it contains, level by level, beside what was found."""
    for rendition in renditions:
        declarations = declared_counts(rendition.raw)
        if declarations:
            break
    else:
        return []
    nodes = outline.root.walk()
    depth = max(len(node.path) for node in nodes)
    counts = []
    for k, declaration in enumerate(reversed(declarations)):
        level = depth - k
        if level < 1:
            break
        found = sum(node.is_leaf for node in nodes) if k == 0 else sum(len(node.path) == level for node in nodes)
        counts.append((declaration.unit, declaration.number, level, found, declaration.phrase))
    return list(reversed(counts))


def build_document(document: LoadedDocument) -> DocumentBuild:
    config = document.config
    outlines = {r.id: segment(clean(r.raw), config.title, news=r.config.kind == "news") for r in document.renditions}
    canonical = _choose_canonical(outlines, document)
    outline = outlines[canonical.id]
    script = canonical.config.script
    if not outline.leaves():
        raise BuildError(f"document {config.id}: no provisions found in {canonical.file} (the canonical rendition)")

    # A news report's opening is the reporter's lead, not the document's preamble.
    canonical_excluded = list(outline.excluded)
    preamble_paragraphs: list[Paragraph] = outline.preamble
    if canonical.config.kind == "news":
        canonical_excluded += [Excluded(p, "news report's lead, before the document's first heading") for p in outline.preamble]
        preamble_paragraphs = []
    preamble_text = join([p.text for p in preamble_paragraphs], "\n").text or None

    sections: list[SectionBuild] = []
    measures: list[MeasureBuild] = []
    clauses: dict[str, AgencyClause] = {}  # record id → the clause it carries
    leaf_texts: list[str] = []
    for position, node in enumerate(outline.root.walk(), start=1):
        record_id = node_id(config.id, node.path)
        parent_id = node_id(config.id, node.parent.path) if node.parent and node.parent.head else None
        if not node.is_leaf:
            if node.head is None:
                continue  # a part the page does not carry (a fragment's inferred parent): no section record
            heading, preamble, clause = _section_parts(node)
            if clause:
                clauses[record_id] = clause
            sections.append(
                SectionBuild(
                    record_id,
                    node.path,
                    node.label,
                    position,
                    parent_id,
                    _both(heading, script),
                    _both(preamble, script) if preamble else None,
                    node.numbering,
                )
            )
            continue
        full = node.full_text()
        text, clause, _ = split_agency_clause(full.text)
        if clause:
            clauses[record_id] = clause
        leaf_texts.append(full.text)
        start, end = full.raw_span()
        measures.append(
            MeasureBuild(
                id=record_id,
                path=node.path,
                label=node.label,
                position=position,
                section_id=parent_id,
                title=_both(lead_sentence(text), script),
                text=_both(text, script),
                converted_script="zh-Hant" if script == "zh-Hans" else "zh-Hans",
                numbering=node.numbering,
                clause=clause.text if clause else None,
                clause_from=None,
                open_ended=bool(clause and clause.open_ended),
                agencies=_agency_links(clause, script, inherited=False) if clause else [],
                sources=[Source(canonical.id, start, end, canonical.raw[start:end], 1.0)],
            )
        )
    _inherit_clauses(measures, clauses, config.id, script)

    # Other renditions: found by wording.
    leaf_paths = [".".join(map(str, m.path)) for m in measures]
    headings = [s.heading.hans for s in sections] + [m.title.hans for m in measures]
    context = [p for p in [preamble_text, *(s.preamble.hans for s in sections if s.preamble)] if p]
    renditions = [RenditionBuild(canonical, True, len(measures), canonical_excluded)]
    carried: dict[str, list[Carried]] = {}
    for rendition in document.renditions:
        if rendition.id == canonical.id:
            continue
        alignment = align(leaf_texts, leaf_paths, headings, context, outlines[rendition.id])
        carried[rendition.id] = alignment.carried
        for piece in alignment.carried:
            start, end = piece.span
            measures[piece.leaf].sources.append(
                Source(rendition.id, start, end, rendition.raw[start:end], _similarity(piece, leaf_texts[piece.leaf]))
            )
        renditions.append(
            RenditionBuild(
                rendition,
                False,
                len({piece.leaf for piece in alignment.carried}),
                outlines[rendition.id].excluded + alignment.excluded,
            )
        )

    # Where an official rendition in the other script carries a measure, its text is no conversion.
    for leaf, text in _other_script_texts(document, canonical, carried).items():
        measure = measures[leaf]
        own, _, _ = split_agency_clause(text)
        if script == "zh-Hans":
            measure.title = Bilingual(measure.title.hans, lead_sentence(own))
            measure.text = Bilingual(measure.text.hans, own)
        else:
            measure.title = Bilingual(lead_sentence(own), measure.title.hant)
            measure.text = Bilingual(own, measure.text.hant)
        measure.converted_script = None

    others = [r for r in document.renditions if r.id != canonical.id]
    return DocumentBuild(
        loaded=document,
        title=Bilingual(config.title, convert(config.title, "zh-Hant")),
        preamble=_both(preamble_text, script) if preamble_text else None,
        canonical_id=canonical.id,
        sections=sections,
        measures=measures,
        renditions=renditions,
        declared=_declared([canonical, *others], outline),
        problems=[f"{canonical.file}: {problem}" for problem in outline.problems],
    )
