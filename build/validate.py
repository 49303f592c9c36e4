"""Stage 8, validate: every document build becomes records of ``dbay.schema.records``.

Agencies are pooled across documents here (one record a body, however written), and given
their permanent ids. Any record the schema refuses stops the build with a message naming the
document, the record and the field.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import ValidationError

from dbay.build.agency_register import AgencyRegister
from dbay.build.assemble import DocumentBuild
from dbay.build.ids import Registered, pinyin_slug
from dbay.build.scripts import convert, to_hans
from dbay.schema.connections import Relation, Variant
from dbay.schema.enrichment import (
    CitedDocument,
    Entity,
    MeasureEntity,
    MeasurePlace,
    Milestone,
    Place,
    SectionEntity,
    SectionPlace,
    Target,
)
from dbay.schema.records import (
    Agency,
    AgencySuccession,
    DeclaredCount,
    Document,
    ExcludedText,
    Measure,
    MeasureAgency,
    MeasureSource,
    Record,
    Rendition,
    Section,
)


class InvalidRecord(Exception):
    """A record the schema refuses; the message names document, record and field."""


R = TypeVar("R", bound=Record)


def validated(model: type[R], where: str, **values: object) -> R:
    try:
        return model(**values)
    except ValidationError as error:
        first = error.errors()[0]
        field_name = ".".join(str(part) for part in first["loc"])
        raise InvalidRecord(f"{where}: field {field_name}: {first['msg']} (value {first.get('input')!r:.80})") from None


@dataclass
class Records:
    """The published records of one release, by table, in publication order."""

    documents: list[Document] = field(default_factory=list)
    renditions: list[Rendition] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    measure_sources: list[MeasureSource] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    agency_successions: list[AgencySuccession] = field(default_factory=list)
    measure_agencies: list[MeasureAgency] = field(default_factory=list)
    excluded_text: list[ExcludedText] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    citations: list[CitedDocument] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    measure_entities: list[MeasureEntity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    measure_places: list[MeasurePlace] = field(default_factory=list)
    section_entities: list[SectionEntity] = field(default_factory=list)
    section_places: list[SectionPlace] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def tables(self) -> dict[str, list[Record]]:
        return {name: list(rows) for name, rows in vars(self).items()}

    def meanings(self) -> dict[str, tuple[str, str]]:
        """Every permanent id with its record type and what it means (title or name)."""
        result: dict[str, tuple[str, str]] = {}
        for document in self.documents:
            result[document.id] = ("document", document.title)
        for section in self.sections:
            result[section.id] = ("section", section.heading)
        for measure in self.measures:
            result[measure.id] = ("measure", measure.title)
        for agency in self.agencies:
            result[agency.id] = ("agency", agency.name)
        for entity in self.entities:
            result[entity.id] = ("entity", entity.name)
        for place in self.places:
            result[place.id] = ("place", place.name)
        return result


def _path(path: tuple[int, ...]) -> str:
    return ".".join(map(str, path))


def reading_order(document_id: str, position: int) -> str:
    return f"{document_id} {position:06d}"


def agency_ids(names: list[str], register: dict[str, Registered]) -> dict[str, str]:
    """Permanent ids for agency names: the registered id where the name was published before."""
    registered = {r.meaning: r.id for r in register.values() if r.record_type == "agency"}
    taken = set(registered.values())
    ids: dict[str, str] = {}
    for name in sorted(names):
        if name in registered:
            ids[name] = registered[name]
            continue
        slug = pinyin_slug(name) or "agency"
        candidate, n = slug, 2
        while candidate in taken:
            candidate, n = f"{slug}-{n}", n + 1
        ids[name] = candidate
        taken.add(candidate)
    return ids


@dataclass
class _AgencyNames:
    """What the clauses say of one agency (by its Simplified name): its Traditional name and short forms."""

    hant: str
    collective: bool
    aliases: set[str] = field(default_factory=set)


def _pooled_agencies(builds: list[DocumentBuild], lineages: AgencyRegister) -> dict[str, _AgencyNames]:
    """Every agency name, Simplified, with what is known of it: from the clauses, then the register."""
    agencies: dict[str, _AgencyNames] = {}
    for build in builds:
        for measure in build.measures:
            for link in measure.agencies:
                entry = agencies.setdefault(link.name.hans, _AgencyNames(link.name.hant, link.collective))
                if link.name.hans.endswith(to_hans(link.written)):
                    # A short form of the name (科技廳 for 省科技廳), as written and in Simplified script;
                    # a fragment that borrowed a shared suffix (廣州 of 廣州…總站) is no name.
                    entry.aliases.update({link.written, to_hans(link.written)})
    # A name only the register knows (a body renamed before any document here) is still published,
    # so that its lineage is whole.
    for name in sorted(lineages.names() - set(agencies)):
        agencies[name] = _AgencyNames(convert(name, "zh-Hant"), collective=False)
    return agencies


def _agency_records(records: Records, agencies: dict[str, _AgencyNames], ids: dict[str, str], lineages: AgencyRegister) -> None:
    for name, entry in sorted(agencies.items(), key=lambda item: ids[item[0]]):
        aliases = sorted(entry.aliases - {name, entry.hant})
        records.agencies.append(
            validated(
                Agency,
                f"agency {name}",
                id=ids[name],
                name=name,
                name_hant=entry.hant,
                aliases=aliases,
                collective=entry.collective,
                lineage_id=ids[lineages.latest(name)],
            )
        )
    for number, succession in enumerate(lineages.successions, start=1):
        records.agency_successions.append(
            validated(
                AgencySuccession,
                f"{lineages.file} successions entry {number} ({succession.predecessor} → {succession.successor})",
                predecessor_id=ids[succession.predecessor],
                successor_id=ids[succession.successor],
                effective=succession.effective,
                note=succession.note,
                sources=[source.model_dump() for source in succession.sources],
            )
        )


def to_records(builds: list[DocumentBuild], register: dict[str, Registered], lineages: AgencyRegister) -> Records:
    records = Records()
    agencies = _pooled_agencies(builds, lineages)
    ids = agency_ids(list(agencies), register)
    _agency_records(records, agencies, ids, lineages)
    for build in builds:
        _add_document(records, build, ids)
    return records


def _hant(text: str | None) -> str | None:
    """A document's metadata (written in Simplified in its document.yml) in Traditional script."""
    return convert(text, "zh-Hant") if text is not None else None


def _add_document(records: Records, build: DocumentBuild, agency_ids: dict[str, str]) -> None:
    config = build.loaded.config
    where: Callable[[str], str] = lambda what: f"document {config.id}, {what}"  # noqa: E731
    declared = [
        DeclaredCount(
            unit=u, declared=d, level=lv, found=f, phrase=p, unit_hant=convert(u, "zh-Hant"), phrase_hant=convert(p, "zh-Hant")
        )
        for u, d, lv, f, p in build.declared  # read in Simplified (build/counts.py)
    ]
    records.documents.append(
        validated(
            Document,
            where("document record"),
            id=config.id,
            title=build.title.hans,
            title_hant=build.title.hant,
            issuer=config.issuer,
            issuer_hant=_hant(config.issuer),
            doc_number=config.doc_number,
            doc_number_hant=_hant(config.doc_number),
            issued=config.issued,
            preamble=build.preamble.hans if build.preamble else None,
            preamble_hant=build.preamble.hant if build.preamble else None,
            canonical_rendition_id=build.canonical_id,
            declared_measures=declared[-1].declared if declared else None,
            extracted_measures=len(build.measures),
            declared_counts=declared,
            notes=config.notes,
        )
    )
    total = len(build.measures)
    for rendition in build.renditions:
        loaded = rendition.loaded
        records.renditions.append(
            validated(
                Rendition,
                where(f"rendition {loaded.file}"),
                id=loaded.id,
                document_id=config.id,
                file=loaded.file,
                script=loaded.config.script,
                kind=loaded.config.kind,
                url=loaded.config.url,
                sha256=loaded.sha256,
                characters=len(loaded.raw),
                canonical=rendition.canonical,
                measures_carried=rendition.measures_carried,
                coverage=round(rendition.measures_carried / total, 4),
                raw_text=loaded.raw,
            )
        )
        seen: set[int] = set()
        for excluded in sorted(rendition.excluded, key=lambda e: e.paragraph.text.raw_span()):
            start, end = excluded.paragraph.text.raw_span()
            if start in seen:
                continue
            seen.add(start)
            records.excluded_text.append(
                validated(
                    ExcludedText,
                    where(f"excluded text at {loaded.file} line {excluded.paragraph.line}"),
                    rendition_id=loaded.id,
                    line=excluded.paragraph.line,
                    start=start,
                    end=end,
                    raw_text=loaded.raw[start:end],
                    reason=excluded.reason,
                )
            )
    for section in build.sections:
        records.sections.append(
            validated(
                Section,
                where(f"section {_path(section.path)}"),
                id=section.id,
                document_id=config.id,
                parent_id=section.parent_id,
                path=_path(section.path),
                label=section.label,
                level=len(section.path),
                position=section.position,
                reading_order=reading_order(config.id, section.position),
                heading=section.heading.hans,
                heading_hant=section.heading.hant,
                preamble=section.preamble.hans if section.preamble else None,
                preamble_hant=section.preamble.hant if section.preamble else None,
                numbering=section.numbering,
                text_rendition_id=section.text_rendition_id,
            )
        )
    for measure in build.measures:
        here = where(f"measure {_path(measure.path)}")
        records.measures.append(
            validated(
                Measure,
                here,
                id=measure.id,
                document_id=config.id,
                section_id=measure.section_id,
                path=_path(measure.path),
                label=measure.label,
                level=len(measure.path),
                position=measure.position,
                reading_order=reading_order(config.id, measure.position),
                title=measure.title.hans,
                text=measure.text.hans,
                title_hant=measure.title.hant,
                text_hant=measure.text.hant,
                converted_script=measure.converted_script,
                agency_clause=measure.clause.hans if measure.clause else None,
                agency_clause_hant=measure.clause.hant if measure.clause else None,
                agency_clause_inherited_from=measure.clause_from,
                agencies_open_ended=measure.open_ended,
                numbering=measure.numbering,
                text_rendition_id=measure.text_rendition_id,
                lead_agencies=[link.name.hans for link in measure.agencies if link.role == "lead"],
                participating_agencies=[link.name.hans for link in measure.agencies if link.role == "participating"],
            )
        )
        for source in measure.sources:
            clause_start, clause_end, clause_raw_text = source.clause or (None, None, None)
            records.measure_sources.append(
                validated(
                    MeasureSource,
                    f"{here}, source in {source.rendition_id}",
                    measure_id=measure.id,
                    rendition_id=source.rendition_id,
                    start=source.start,
                    end=source.end,
                    raw_text=source.raw_text,
                    similarity=source.similarity,
                    clause_start=clause_start,
                    clause_end=clause_end,
                    clause_raw_text=clause_raw_text,
                )
            )
        for link in measure.agencies:
            records.measure_agencies.append(
                validated(
                    MeasureAgency,
                    f"{here}, agency {link.name.hans}",
                    measure_id=measure.id,
                    agency_id=agency_ids[link.name.hans],
                    role=link.role,
                    written=link.written,
                    inherited=link.inherited,
                )
            )
