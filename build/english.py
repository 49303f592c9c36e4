"""Stage 12, translate: English titles, headings and names, from reviewed data files.

Every English string is a translation made for this project (unofficial) and kept under ``sources/``:
each document folder's ``english.yml`` (its title, section headings and measure titles, keyed by
path beside the Chinese they translate), ``english/agencies.yml`` (agency names, official where the
agency publishes one) and ``name_en`` in ``entities.yml`` and ``places.yml`` (carried by their own
stages). Nothing is generated at build time: a record without an English entry keeps null and is
reported, and so is an entry whose Chinese has changed since it was translated (``stale``: its
English is not published, being a translation of other words) or that names no record (``unknown``).
"""

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, TypeVar

from dbay.build.load import SourceError, read_yaml
from dbay.build.validate import Records
from dbay.schema.records import Measure, RecordType, Section
from dbay.schema.sources import AgenciesEnglish, DocumentEnglish, Translated

DOCUMENT_ENGLISH_FILE = "english.yml"
AGENCIES_ENGLISH_FILE = "english/agencies.yml"

Gap = Literal["missing", "stale", "unknown"]


@dataclass(frozen=True)
class Untranslated:
    """A record the English data files leave without English, or an entry they hold in vain."""

    record_type: RecordType
    record_id: str
    gap: Gap
    chinese: str  # the record's Chinese now (for unknown: the entry's)
    file: str  # the data file to edit, relative to the sources folder

    def __str__(self) -> str:
        what = {"missing": "no English", "stale": "the Chinese changed since it was translated", "unknown": "no such record"}
        return f"{self.file}: {self.record_type} {self.record_id} ({self.chinese}): {what[self.gap]}"


def english_files(sources: Path, document_ids: list[str]) -> list[Path]:
    """The English data files present, for the release's list of source files."""
    paths = [sources / document_id / DOCUMENT_ENGLISH_FILE for document_id in document_ids]
    return [path for path in [*paths, sources / AGENCIES_ENGLISH_FILE] if path.is_file()]


def _english_of(entry: Translated | None, chinese: str) -> str | None:
    return entry.en if entry is not None and entry.zh == chinese else None


def _gap(entry: Translated | None, chinese: str) -> Gap | None:
    if entry is None:
        return "missing"
    return "stale" if entry.zh != chinese else None


@dataclass(frozen=True)
class _DocumentFile:
    english: DocumentEnglish | None
    file: str  # relative to the sources folder, for the report


def _document_files(records: Records, sources: Path) -> dict[str, _DocumentFile]:
    found = {}
    for document in records.documents:
        path = sources / document.id / DOCUMENT_ENGLISH_FILE
        english = read_yaml(path, DocumentEnglish, sources) if path.is_file() else None
        found[document.id] = _DocumentFile(english, f"{document.id}/{DOCUMENT_ENGLISH_FILE}")
    return found


Outlined = TypeVar("Outlined", Section, Measure)
Seen = set[tuple[str, str, str]]  # (record type, document id, path) of every section and measure


def _translate_outline(
    items: list[Outlined],
    kind: Literal["section", "measure"],
    field: str,
    files: dict[str, _DocumentFile],
    seen: Seen,
) -> list[Untranslated]:
    """Fill ``<field>_en`` of each section or measure in ``items`` from its document's file, noting each path in ``seen``."""
    gaps: list[Untranslated] = []
    for index, item in enumerate(items):
        at = files[item.document_id]
        seen.add((kind, item.document_id, item.path))
        entries = (at.english.sections if kind == "section" else at.english.measures) if at.english else {}
        entry, chinese = entries.get(item.path), getattr(item, field)
        items[index] = item.model_copy(update={f"{field}_en": _english_of(entry, chinese)})
        if gap := _gap(entry, chinese):
            gaps.append(Untranslated(kind, item.id, gap, chinese, at.file))
    return gaps


def _translate_documents(records: Records, files: dict[str, _DocumentFile]) -> list[Untranslated]:
    """Fill title_en of documents and measures and heading_en of sections in ``records`` (one pass each)."""
    gaps: list[Untranslated] = []
    for index, document in enumerate(records.documents):
        at = files[document.id]
        entry = at.english.title if at.english else None
        records.documents[index] = document.model_copy(update={"title_en": _english_of(entry, document.title)})
        if gap := _gap(entry, document.title):
            gaps.append(Untranslated("document", document.id, gap, document.title, at.file))
    seen: Seen = set()
    gaps += _translate_outline(records.sections, "section", "heading", files, seen)
    gaps += _translate_outline(records.measures, "measure", "title", files, seen)
    for document_id, at in files.items():
        listed: dict[RecordType, dict[str, Translated]] = (
            {"section": at.english.sections, "measure": at.english.measures} if at.english else {}
        )
        for kind, entries in listed.items():
            gaps += [
                Untranslated(kind, f"{document_id}.{path}", "unknown", entry.zh, at.file)
                for path, entry in entries.items()
                if (kind, document_id, path) not in seen
            ]
    return gaps


def _translate_agencies(records: Records, sources: Path) -> list[Untranslated]:
    path = sources / AGENCIES_ENGLISH_FILE
    entries = read_yaml(path, AgenciesEnglish, sources).agencies if path.is_file() else []
    by_id = {}
    for number, entry in enumerate(entries, start=1):
        if entry.id in by_id:
            raise SourceError(f"{sources.name}/{AGENCIES_ENGLISH_FILE}: entry {number} ({entry.id}): the agency is listed twice")
        by_id[entry.id] = entry
    gaps: list[Untranslated] = []
    for index, agency in enumerate(records.agencies):
        found = by_id.pop(agency.id, None)
        usable = found if found is not None and found.zh == agency.name else None
        records.agencies[index] = agency.model_copy(
            update={
                "name_en": usable.en if usable else None,
                "name_en_official": usable.official if usable else None,
                "name_en_source": f"{usable.source.url} ({usable.source.says})" if usable and usable.source else None,
            }
        )
        if usable is None:
            gaps.append(Untranslated("agency", agency.id, "stale" if found else "missing", agency.name, AGENCIES_ENGLISH_FILE))
    gaps += [Untranslated("agency", e.id, "unknown", e.zh, AGENCIES_ENGLISH_FILE) for e in by_id.values()]
    return gaps


def translate(records: Records, sources: Path) -> tuple[Records, list[Untranslated]]:
    """The records with their English columns filled from the data files, and what is left untranslated.

    Entities and places carry ``name_en`` from their dictionaries already; they are only checked here.
    """
    records = replace(
        records,
        documents=list(records.documents),
        sections=list(records.sections),
        measures=list(records.measures),
        agencies=list(records.agencies),
    )
    gaps = _translate_documents(records, _document_files(records, sources))
    gaps += _translate_agencies(records, sources)
    gaps += [Untranslated("entity", e.id, "missing", e.name, "entities.yml") for e in records.entities if e.name_en is None]
    gaps += [Untranslated("place", p.id, "missing", p.name, "places.yml") for p in records.places if p.name_en is None]
    return records, gaps
