"""The published records: one Pydantic model a table, the single statement of what a record is.

SQLite tables, their keys and the data dictionary are derived from these models (see
``dbay.schema.tables``). Field descriptions are written for the people who query the data.
"""

from datetime import date, datetime
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = "1.0"

Script = Literal["zh-Hans", "zh-Hant"]
Numbering = Literal["explicit", "inferred"]
Role = Literal["lead", "participating"]

URL_SAFE = r"^[a-z0-9][a-z0-9.\-]*$"
Identifier = Annotated[str, StringConstraints(pattern=URL_SAFE, max_length=200)]
Path = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)*$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]

# Every English string of the dataset is a translation made for this project, reviewed in a data file under
# sources/, never an official text: the columns say so, and the API's meta.translation repeats it.
UNOFFICIAL = "an unofficial translation made for dbay"


class Record(BaseModel):
    """A row of a published table. Subclasses name their table, key and references."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    table: ClassVar[str]
    primary_key: ClassVar[tuple[str, ...]]
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = ()  # (column, other table, other column)
    description: ClassVar[str]


class DeclaredCount(BaseModel):
    """A count the document states of itself, beside the count the build found."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: str = Field(description="The unit as the text names it, such as 项, 点 or 个方面.")
    declared: int = Field(ge=0, description="The number the text states.")
    level: int = Field(ge=1, description="Depth in the outline the count refers to (1 = top level).")
    found: int = Field(ge=0, description="The number of nodes the build found at that level.")
    phrase: str = Field(description="The sentence fragment that states the count (Simplified).")
    unit_hant: str = Field(description="The unit in Traditional Chinese.")
    phrase_hant: str = Field(description="The phrase in Traditional Chinese.")


class Document(Record):
    table: ClassVar[str] = "documents"
    primary_key: ClassVar[tuple[str, ...]] = ("id",)
    description: ClassVar[str] = "One row a policy document, whatever the number of its renditions."

    id: Identifier = Field(description="Permanent identifier of the document, chosen when it was added.")
    title: NonEmpty = Field(description="Title in Simplified Chinese.")
    title_hant: NonEmpty = Field(description="Title in Traditional Chinese.")
    title_en: str | None = Field(
        default=None, description=f"English title, {UNOFFICIAL} (sources/<document>/english.yml); null where none is written yet."
    )
    issuer: str | None = Field(description="Issuing body (Simplified), or null where no source states it.")
    issuer_hant: str | None = Field(description="The issuing body in Traditional Chinese.")
    doc_number: str | None = Field(description="Official document number such as 粤办函〔2023〕297号, or null.")
    doc_number_hant: str | None = Field(description="The document number in Traditional Chinese (粵辦函〔2023〕297號).")
    issued: date | None = Field(description="Date of issue (ISO 8601), or null where no source states it.")
    preamble: str | None = Field(description="Text before the first heading (Simplified), if any.")
    preamble_hant: str | None = Field(description="The preamble in Traditional Chinese.")
    canonical_rendition_id: Identifier = Field(
        description="The rendition the document's outline is built on: the most authoritative one (official, then "
        "a government repost or web page, then an encyclopedia, then a news report), the most complete of equals, "
        "then the first by id. It supplies every provision it carries; a provision only other renditions carry is "
        "placed among them from the most authoritative of those (see measures.text_rendition_id)."
    )
    declared_measures: int | None = Field(
        description="Number of measures the document's own text says it contains, or null where it says none."
    )
    extracted_measures: int = Field(ge=0, description="Number of measures (leaf provisions) extracted.")
    declared_counts: list[DeclaredCount] = Field(
        description="Every count the text declares of itself (JSON), with the count found at that level."
    )
    notes: str | None = Field(description="Editorial notes from the document's source folder, with sources.")


class Rendition(Record):
    table: ClassVar[str] = "renditions"
    primary_key: ClassVar[tuple[str, ...]] = ("id",)
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (("document_id", "documents", "id"),)
    description: ClassVar[str] = "One source file of a document: an official text, a repost or a news report."

    id: Identifier = Field(description="Permanent identifier: document id and file name.")
    document_id: Identifier = Field(description="The document this is a rendition of.")
    file: NonEmpty = Field(description="Path of the source file inside the sources folder.")
    script: Script = Field(description="Script of the file: zh-Hans (Simplified) or zh-Hant (Traditional).")
    kind: NonEmpty = Field(description="What the file is: official, news, encyclopedia, web-page …")
    url: str | None = Field(description="Where the file was obtained, if recorded.")
    sha256: Sha256 = Field(description="SHA-256 of the file's bytes.")
    characters: int = Field(ge=1, description="Length of the file in Unicode characters.")
    canonical: bool = Field(
        description="True for the document's canonical rendition (documents.canonical_rendition_id), "
        "on which its outline is built."
    )
    measures_carried: int = Field(ge=0, description="Number of the document's measures this rendition carries.")
    coverage: float = Field(ge=0, le=1, description="Share of the document's measures this rendition carries.")
    raw_text: str = Field(
        description="The file's text exactly as published. measure_sources.start/end index into it "
        "(0-based Unicode characters: substr(raw_text, start + 1, end - start) in SQLite)."
    )


class Section(Record):
    table: ClassVar[str] = "sections"
    primary_key: ClassVar[tuple[str, ...]] = ("id",)
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("document_id", "documents", "id"),
        ("parent_id", "sections", "id"),
        ("text_rendition_id", "renditions", "id"),
    )
    description: ClassVar[str] = "A heading of a document that has provisions under it (part, chapter, item group)."

    id: Identifier = Field(description="Permanent identifier: document id and path.")
    document_id: Identifier = Field(description="The document the section belongs to.")
    parent_id: Identifier | None = Field(description="The enclosing section, or null at the top level.")
    path: Path = Field(description="Position in the document by its own numbers, top level first: 二、(六) is 2.6.")
    label: str | None = Field(description="The number as printed, such as 二 or （六）; null where inferred.")
    level: int = Field(ge=1, description="Depth in the outline (1 = top level).")
    position: int = Field(ge=1, description="Order of the section among all sections and measures.")
    reading_order: NonEmpty = Field(
        description="Document id and position in one text that sorts in reading "
        "order across documents: sort by it to read the outline."
    )
    heading: NonEmpty = Field(
        description="The heading printed with its number (第一章 总则, 第一条【立法目的】), else its lead sentence, Simplified."
    )
    heading_hant: NonEmpty = Field(description="The heading in Traditional Chinese.")
    heading_en: str | None = Field(
        default=None, description=f"English heading, {UNOFFICIAL} (sources/<document>/english.yml); null where none is yet."
    )
    preamble: str | None = Field(description="Text under the heading before its first provision, Simplified.")
    preamble_hant: str | None = Field(description="The preamble in Traditional Chinese.")
    numbering: Numbering = Field(
        description="explicit: every number in the path is printed; inferred: some are "
        "counted from order because the source prints none."
    )
    text_rendition_id: Identifier = Field(
        description="The rendition the heading and preamble come from: the most authoritative that carries the section."
    )


class Measure(Record):
    table: ClassVar[str] = "measures"
    primary_key: ClassVar[tuple[str, ...]] = ("id",)
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("document_id", "documents", "id"),
        ("section_id", "sections", "id"),
        ("text_rendition_id", "renditions", "id"),
    )
    description: ClassVar[str] = "Every leaf provision of every document: the unit people cite."

    id: Identifier = Field(description="Permanent identifier: document id and path. Never reused.")
    document_id: Identifier = Field(description="The document the measure belongs to.")
    section_id: Identifier | None = Field(description="The section directly above it, or null at the top level.")
    path: Path = Field(description="Position in the document by its own numbers: 二、(六) 1. is 2.6.1.")
    label: str | None = Field(description="The measure's own number as printed, such as 1 or （五）.")
    level: int = Field(ge=1, description="Depth in the outline (1 = top level).")
    position: int = Field(ge=1, description="Order of the measure among all sections and measures.")
    reading_order: NonEmpty = Field(
        description="Document id and position in one text that sorts in reading "
        "order across documents: sort by it to read the measures in order."
    )
    title: NonEmpty = Field(
        description="Its printed heading (第一条【立法目的】), else its lead sentence (up to the first 。), Simplified."
    )
    text: NonEmpty = Field(description="Full text, Simplified, without the trailing agency clause.")
    title_hant: NonEmpty = Field(description="The title in Traditional Chinese.")
    title_en: str | None = Field(
        default=None, description=f"English title, {UNOFFICIAL} (sources/<document>/english.yml); null where none is yet."
    )
    text_hant: NonEmpty = Field(description="Full text, Traditional, without the trailing agency clause.")
    converted_script: Script | None = Field(
        description="The script machine-converted (OpenCC) from the other one, whose text is the source's own; "
        "null where an official rendition supplies each script."
    )
    agency_clause: str | None = Field(
        description="The agency clause: the trailing parenthesis without its parentheses, or the labelled lines "
        "after the item (责任单位：…), Simplified. As printed where the text's rendition is Simplified, converted "
        "like the text where it is Traditional (measure_sources.clause_raw_text has it as printed)."
    )
    agency_clause_hant: str | None = Field(description="The agency clause in Traditional Chinese.")
    agency_clause_inherited_from: Identifier | None = Field(
        description="Where the measure has no clause of its own but one applies to it (下同, or a clause on its "
        "section), the id of the record that carries that clause."
    )
    agencies_open_ended: bool = Field(
        description="True where the agency list ends with 等有关单位 (and other relevant units): not exhaustive."
    )
    lead_agencies: list[str] = Field(
        description="Names of the agencies that lead it (JSON array): measure_agencies in one cell, to facet on."
    )
    participating_agencies: list[str] = Field(description="Names of the agencies that share it (JSON array), likewise.")
    numbering: Numbering = Field(description="explicit or inferred, as for sections.")
    text_rendition_id: Identifier = Field(
        description="The rendition the title and text come from: the most authoritative that carries the measure "
        "(official, then a government repost or web page, then an encyclopedia, then a news report; the most "
        "complete of equals, then the first by id). Its measure_sources row cites exactly that text."
    )


class MeasureSource(Record):
    table: ClassVar[str] = "measure_sources"
    primary_key: ClassVar[tuple[str, ...]] = ("measure_id", "rendition_id", "start")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("measure_id", "measures", "id"),
        ("rendition_id", "renditions", "id"),
    )
    description: ClassVar[str] = "Where each rendition carries each measure: character offsets and the raw text there."

    measure_id: Identifier = Field(description="The measure.")
    rendition_id: Identifier = Field(description="The rendition that carries it.")
    start: int = Field(
        ge=0,
        description="Offset of the provision's first character in the rendition's raw text (0-based): its text's "
        "first character in the rendition the measure's text comes from, its printed number in the others.",
    )
    end: int = Field(
        ge=1,
        description="Offset just after the provision's last character, before any agency clause and whitespace.",
    )
    raw_text: NonEmpty = Field(description="The rendition's raw text between start and end, exactly as published.")
    similarity: float = Field(
        ge=0, le=1, description="Agreement of this text with the measure's text (measures.text_rendition_id; 1 = same)."
    )
    clause_start: int | None = Field(
        ge=0,
        description="Offset of the opening parenthesis of the agency clause this rendition prints after the "
        "provision (the evidence for measure_agencies), or null where it prints none.",
    )
    clause_end: int | None = Field(ge=1, description="Offset just after the clause's closing parenthesis, or null.")
    clause_raw_text: str | None = Field(description="The rendition's raw text of the clause, exactly as published, or null.")


class Agency(Record):
    table: ClassVar[str] = "agencies"
    primary_key: ClassVar[tuple[str, ...]] = ("id",)
    description: ClassVar[str] = (
        "A body named in an agency clause, or recorded in the agency register (sources/agencies.yml), one row "
        "a name however it is written. A renamed body has a row for each name, linked by agency_successions."
    )

    id: Identifier = Field(description="Permanent identifier (pinyin of the name when first published).")
    name: NonEmpty = Field(description="Name in Simplified Chinese, with its level prefix (省) restored.")
    name_hant: NonEmpty = Field(description="Name in Traditional Chinese.")
    name_en: str | None = Field(
        default=None,
        description="English name (sources/english/agencies.yml): the agency's own where it publishes one "
        f"(name_en_official), else {UNOFFICIAL}; null where none is written yet.",
    )
    name_en_official: bool | None = Field(
        default=None, description="True where the agency itself publishes name_en; false for a translation made for dbay."
    )
    name_en_source: str | None = Field(
        default=None, description="The page showing the official English name, and what it shows; null for a translation."
    )
    aliases: list[str] = Field(description="Other spellings met in the sources, in either script (JSON array).")
    collective: bool = Field(description="True for a class of bodies (各…单位) rather than one body.")
    lineage_id: Identifier = Field(
        description="The agency whose name is the latest of this one's lineage (renamings and mergers in "
        "agency_successions); the agency's own id where none is recorded. Every name of a body shares it."
    )


class SuccessionSource(BaseModel):
    """Where a renaming is stated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: NonEmpty = Field(description="Address of the page or document.")
    says: NonEmpty = Field(description="What it states of the change, in the editors' words.")


class AgencySuccession(Record):
    table: ClassVar[str] = "agency_successions"
    primary_key: ClassVar[tuple[str, ...]] = ("predecessor_id", "successor_id")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("predecessor_id", "agencies", "id"),
        ("successor_id", "agencies", "id"),
    )
    description: ClassVar[str] = (
        "Which body took over from which (a renaming, or a merger), from the reviewed agency register "
        "sources/agencies.yml, with the sources stating it."
    )

    predecessor_id: Identifier = Field(description="The agency under its earlier name.")
    successor_id: Identifier = Field(description="The agency that took over: its later name.")
    effective: date | None = Field(description="When the change took effect; null where the sources do not state the day.")
    note: str | None = Field(description="The editors' note on the change, such as how the date is bounded.")
    sources: list[SuccessionSource] = Field(description="Where the change is stated (JSON array of url and says).")


class MeasureAgency(Record):
    table: ClassVar[str] = "measure_agencies"
    primary_key: ClassVar[tuple[str, ...]] = ("measure_id", "agency_id")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("measure_id", "measures", "id"),
        ("agency_id", "agencies", "id"),
    )
    description: ClassVar[str] = "Which agencies lead (牵头) and which share (按职责分工负责) each measure."

    measure_id: Identifier = Field(description="The measure.")
    agency_id: Identifier = Field(description="The agency.")
    role: Role = Field(
        description="lead (牵头, 牵头单位) or participating (配合, 按职责分工负责 …). A list that states no role has no "
        "lead, unless the document declares that the body listed first leads (列第一位者为牵头单位)."
    )
    written: NonEmpty = Field(description="The agency as written in the clause, such as 科技厅 for 省科技厅.")
    inherited: bool = Field(
        description="True where the clause is inherited: from an earlier clause saying 下同 (until the next "
        "clause), or from the section's heading."
    )


class ExcludedText(Record):
    table: ClassVar[str] = "excluded_text"
    primary_key: ClassVar[tuple[str, ...]] = ("rendition_id", "start")
    foreign_keys: ClassVar[tuple[tuple[str, str, str], ...]] = (("rendition_id", "renditions", "id"),)
    description: ClassVar[str] = (
        "Every stretch of a source that became no provision, and why: front matter, news leads, inserted "
        "headlines, footers, quoted excerpts. Nothing is dropped without a row here."
    )

    rendition_id: Identifier = Field(description="The rendition.")
    line: int = Field(ge=1, description="Line number in the raw file (1-based).")
    start: int = Field(ge=0, description="Offset of the first character in the raw text.")
    end: int = Field(ge=1, description="Offset just after the last character.")
    raw_text: NonEmpty = Field(description="The raw text.")
    reason: NonEmpty = Field(description="Why it is not part of any provision.")


class Release(Record):
    table: ClassVar[str] = "releases"
    primary_key: ClassVar[tuple[str, ...]] = ("version",)
    description: ClassVar[str] = "The release this database is, and what it was built from."

    version: NonEmpty = Field(description="Dataset version, from sources/release.yml.")
    built_at: datetime = Field(description="When the build ran (UTC).")
    schema_version: NonEmpty = Field(description="Version of the record schema.")
    content_sha256: Sha256 = Field(description="SHA-256 over every published record: equal content, equal hash.")
    previous_version: str | None = Field(description="The release the changes are counted from, if one was found.")
    dataset_description: str | None = Field(
        default=None, description="What the dataset is, in English, from sources/release.yml (description)."
    )
    license: NonEmpty = Field(description="The dataset's licence (SPDX identifier), from sources/release.yml.")
    license_url: NonEmpty = Field(description="Where the licence is stated.")
    source_files: list[dict[str, str]] = Field(description="Every source file with its SHA-256 (JSON).")


RecordType = Literal["document", "section", "measure", "agency", "entity", "place"]


class Change(Record):
    table: ClassVar[str] = "changes"
    primary_key: ClassVar[tuple[str, ...]] = ("record_type", "record_id")
    description: ClassVar[str] = "What changed since the previous release: added, removed and changed ids."

    record_type: RecordType = Field(
        description="Kind of record: entities and places are the dictionaries' entries, so an edited name or point shows."
    )
    record_id: NonEmpty = Field(description="The record's id.")
    change: Literal["added", "removed", "changed", "retired"] = Field(
        description="added, removed, changed (same id, new content) or retired (removal recorded deliberately)."
    )
    detail: str | None = Field(description="What changed, or the recorded reason.")
