"""The build report, for people adding documents: what each document yielded and what to check.

Per document: provisions found beside those declared, the rendition each came from, the agencies
found, the furniture excluded, and every warning (naming file and line where there is one). The
same parts make up ``dbay preview``. The build's structures are read only through the small
functions at the top, so that a change in them is met in one place.
"""

import re
from collections import Counter
from dataclasses import dataclass

from dbay.build.assemble import DocumentBuild, MeasureBuild
from dbay.build.english_report import english_block
from dbay.build.entity_report import entity_blocks
from dbay.build.layout import fill, table, trim, wrap
from dbay.build.load import LoadedRendition
from dbay.build.pipeline import BuildResult
from dbay.build.place_report import places_block
from dbay.build.relation_report import relations_block
from dbay.build.validate import Records

WIDTH = 100
EXCLUDED_SHOWN = 3  # lines shown for each reason in the build report; the preview shows all
MOSTLY = 0.5  # a document "mostly" names agencies when more than this share of provisions do


# -- Reading the build's structures --------------------------------------------------------------


def provision_rendition(measure: MeasureBuild) -> str:
    """The id of the rendition whose text the provision publishes."""
    return measure.text_rendition_id


def renditions_by_id(build: DocumentBuild) -> dict[str, LoadedRendition]:
    return {rendition.loaded.id: rendition.loaded for rendition in build.renditions}


def provision_where(build: DocumentBuild, measure: MeasureBuild) -> str:
    """file:line where the provision's published text begins."""
    source = measure.sources[0]
    rendition = renditions_by_id(build)[source.rendition_id]
    return f"{rendition.file}:{rendition.raw.count(chr(10), 0, source.start) + 1}"


@dataclass(frozen=True)
class ExcludedLine:
    file: str
    line: int
    reason: str
    text: str


def excluded_lines(build: DocumentBuild) -> list[ExcludedLine]:
    """Every paragraph of every rendition that became no part of the document, in file order."""
    return [
        ExcludedLine(rendition.loaded.file, item.paragraph.line, item.reason, item.paragraph.text.text)
        for rendition in build.renditions
        for item in sorted(rendition.excluded, key=lambda item: item.paragraph.line)
    ]


def agency_roles(build: DocumentBuild) -> dict[str, Counter[str]]:
    """Each agency named (Simplified name) with how many provisions it leads and takes part in."""
    roles: dict[str, Counter[str]] = {}
    for measure in build.measures:
        for link in measure.agencies:
            roles.setdefault(link.name.hans, Counter())[link.role] += 1
    return roles


def measure_roles(measure: MeasureBuild) -> dict[str, list[str]]:
    """The provision's agencies by role, in the order printed."""
    roles: dict[str, list[str]] = {}
    for link in measure.agencies:
        roles.setdefault(link.role, []).append(link.name.hans)
    return roles


def file_name(build: DocumentBuild, rendition_id: str) -> str:
    return renditions_by_id(build)[rendition_id].file.rsplit("/", 1)[-1]


# -- Warnings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildWarning:
    where: str | None  # file:line, or file, or None
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


_PROBLEM_AT_LINE = re.compile(r"^(?P<file>[^:]+): line (?P<line>\d+): (?P<message>.*)$", re.DOTALL)
_PROBLEM_IN_FILE = re.compile(r"^(?P<file>[^:]+): (?P<message>.*)$", re.DOTALL)


def _problem_warning(problem: str) -> BuildWarning:
    """A numbering problem of the segmenter ("file: line 12: repeated number …")."""
    if at := _PROBLEM_AT_LINE.match(problem):
        return BuildWarning(f"{at['file']}:{at['line']}", at["message"])
    if within := _PROBLEM_IN_FILE.match(problem):
        return BuildWarning(within["file"], within["message"])
    return BuildWarning(None, problem)


def count_warnings(build: DocumentBuild) -> list[BuildWarning]:
    return [
        BuildWarning(build.declared_at, f"declares {declared} {unit} (“{phrase}”) but {found} found at level {level}")
        for unit, declared, level, found, phrase in build.declared
        if declared != found
    ]


def agency_warnings(build: DocumentBuild) -> list[BuildWarning]:
    """Provisions without agencies, where most provisions of the document have them."""
    total = len(build.measures)
    without = [measure for measure in build.measures if not measure.agencies]
    named = total - len(without)
    if not without or named <= total * MOSTLY:
        return []
    return [
        BuildWarning(
            provision_where(build, measure),
            f"provision {'.'.join(map(str, measure.path))} “{trim(measure.title.hans, 24)}” names no agency "
            f"({named} of {total} do)",
        )
        for measure in without
    ]


def rendition_warnings(build: DocumentBuild) -> list[BuildWarning]:
    return [
        BuildWarning(rendition.loaded.file, f"carries none of the {len(build.measures)} provisions: is it this document?")
        for rendition in build.renditions
        if not rendition.canonical and rendition.measures_carried == 0
    ]


def warnings(build: DocumentBuild) -> list[BuildWarning]:
    return [
        *count_warnings(build),
        *(_problem_warning(problem) for problem in build.problems),
        *agency_warnings(build),
        *rendition_warnings(build),
    ]


# -- Blocks of the report ------------------------------------------------------------------------


def counts_block(build: DocumentBuild, width: int) -> list[str]:
    by_rendition = Counter(file_name(build, provision_rendition(m)) for m in build.measures)
    sources = ", ".join(f"{name} {n}" for name, n in by_rendition.most_common())
    canonical = file_name(build, build.canonical_id)
    lines = wrap(
        f"Provisions: {len(build.measures)} found, in {len(build.sections)} sections; "
        f"canonical rendition {canonical}; text from {sources}",
        width,
    )
    for unit, declared, level, found, phrase in build.declared:
        verdict = "as declared" if declared == found else f"{found - declared:+d}"
        lines += wrap(f"{unit}: {declared} declared, {found} found at level {level} ({verdict}; “{phrase}”)", width, "  ")
    if not build.declared:
        lines.append("  (the text declares no counts of its own)")
    return lines


def agencies_block(build: DocumentBuild, width: int) -> list[str]:
    roles = agency_roles(build)
    if not roles:
        return ["Agencies: none named"]
    leads = sum(counter["lead"] for counter in roles.values())
    participating = sum(counter["participating"] for counter in roles.values())
    ranked = sorted(roles.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    items = [f"{name} {counter['lead']}/{counter['participating']}" for name, counter in ranked]
    return [
        f"Agencies: {len(roles)} distinct, {leads} lead and {participating} participating links (name lead/participating)",
        *fill(items, width, indent="  "),
    ]


def excluded_block(build: DocumentBuild, width: int, shown: int | None = EXCLUDED_SHOWN) -> list[str]:
    """Excluded paragraphs by rendition and reason, ``shown`` lines of each (None: all)."""
    excluded = excluded_lines(build)
    lines = [f"Excluded: {len(excluded)} paragraphs" + ("" if excluded else " (nothing)")]
    groups: dict[tuple[str, str], list[ExcludedLine]] = {}
    for item in excluded:
        groups.setdefault((item.file, item.reason), []).append(item)
    for (file, reason), items in groups.items():
        lines += wrap(f"{file.rsplit('/', 1)[-1]}, {len(items)} × {reason}", width, indent="  ", hanging="      ")
        for item in items[:shown]:
            lines.append(trim(f"    line {item.line:>4}  {item.text}", width))
        if shown is not None and len(items) > shown:
            lines.append(f"    … and {len(items) - shown} more")
    return lines


def warnings_block(found: list[BuildWarning], width: int) -> list[str]:
    if not found:
        return ["Warnings: none"]
    return [f"Warnings: {len(found)}", *(line for warning in found for line in wrap(str(warning), width, indent="  "))]


def document_report(build: DocumentBuild, width: int = WIDTH) -> str:
    header = trim(f"== {build.id}: {build.title.hans}", width)
    return "\n".join(
        [
            header,
            *counts_block(build, width),
            *agencies_block(build, width),
            *excluded_block(build, width),
            *warnings_block(warnings(build), width),
        ]
    )


# -- The whole build -----------------------------------------------------------------------------


def _declared(build_declared: list[tuple[str, int, int, int, str]]) -> str:
    """The narrowest declared count beside the provisions found: 27/33."""
    if not build_declared:
        return "—"
    _unit, declared, _level, found, _phrase = build_declared[-1]
    return f"{found}/{declared}"


def _tables(result: BuildResult) -> list[str]:
    documents: list[list[str | int]] = []
    renditions: list[list[str | int]] = []
    for build in result.builds:
        documents.append(
            [
                build.id,
                len(build.renditions),
                len(build.sections),
                len(build.measures),
                sum(len(m.agencies) for m in build.measures),
                _declared(build.declared),
                len(warnings(build)),
            ]
        )
        total = len(build.measures)
        for rendition in build.renditions:
            renditions.append(
                [
                    rendition.loaded.id + (" *" if rendition.canonical else ""),
                    rendition.loaded.config.kind,
                    rendition.loaded.config.script,
                    sum(provision_rendition(measure) == rendition.loaded.id for measure in build.measures),
                    f"{rendition.measures_carried}/{total} {rendition.measures_carried / total:.0%}",
                    len(rendition.excluded),
                ]
            )
    return [
        *table(documents, ["document", "files", "sections", "provisions", "links", "declared", "warnings"]),
        "",
        *table(renditions, ["rendition (* canonical)", "kind", "script", "texts", "carries", "excluded"]),
    ]


def references_block(records: Records, width: int) -> list[str]:
    """Deadlines and cited documents found in each document's measures, and the cited titles the dataset lacks."""
    document_of = {measure.id: measure.document_id for measure in records.measures}
    milestones = Counter(document_of[milestone.measure_id] for milestone in records.milestones)
    cited = Counter(document_of[citation.measure_id] for citation in records.citations)
    rows: list[list[str | int]] = [[document.id, milestones[document.id], cited[document.id]] for document in records.documents]
    missing = sorted({citation.title for citation in records.citations if citation.document_id is None})
    return [
        *table(rows, ["document", "milestones", "cited documents"]),
        *wrap(
            f"Cited titles not in the dataset ({len(missing)}): " + ("、".join(f"《{title}》" for title in missing) or "none"),
            width,
        ),
    ]


def targets_block(records: Records) -> list[str]:
    """The quantified targets found, per document, with the kinds of their units."""
    document_of = {measure.id: measure.document_id for measure in records.measures}
    found: dict[str, Counter[str]] = {document.id: Counter() for document in records.documents}
    for target in records.targets:
        found[document_of[target.measure_id]][target.unit_kind] += 1
    rows: list[list[str | int]] = [
        [document, sum(kinds.values()), ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())) or "—"]
        for document, kinds in found.items()
    ]
    return [f"Targets: {len(records.targets)} found", *table(rows, ["document", "targets", "by kind of unit"])]


def _written(result: BuildResult) -> list[str]:
    written = result.written
    if written.status == "unchanged":
        lines = [f"Release {result.version} is up to date: {written.path} (nothing written)"]
    else:
        counts: dict[str, int] = {}
        for change in written.changes:
            counts[change.change] = counts.get(change.change, 0) + 1
        since = f"since {written.previous_version}" if written.previous_version else "(first release in this folder)"
        changed = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "no changes"
        lines = [f"Wrote release {result.version}: {changed} {since}", f"  {written.path}"]
    if result.registered:
        lines.append(f"Registered {result.registered} new ids in sources/published-ids.tsv (commit it)")
    return lines


def summary(result: BuildResult, width: int = WIDTH) -> str:
    """The report of a whole build: each document, then the overview tables, then what was written."""
    named = entity_blocks(result.records, width)
    reports = ["\n".join([document_report(build, width), *named.get(build.id, [])]) + "\n" for build in result.builds]
    total_warnings = sum(len(warnings(build)) for build in result.builds)
    overview = f"{len(result.builds)} documents, {total_warnings} warnings"
    references = references_block(result.records, width)
    return "\n".join(
        [
            *reports,
            overview,
            "",
            *_tables(result),
            "",
            *targets_block(result.records),
            "",
            *references,
            "",
            *places_block(result.records, width),
            "",
            *english_block(result.records, result.untranslated, width),
            *relations_block(result.records),
            "",
            *_written(result),
        ]
    )
