"""The build as a pipeline of named stages: load, clean, segment, align, agencies, validate, variants, enrich,
relations, translate, write.

``run_build`` is the library entry point; ``dbay build`` is a thin layer over it. A document
that fails to build for a reason nobody foresaw stops the build with a ``BuildError`` naming the
document, the rendition file and the line where it can be found: never a bare traceback.
"""

import hashlib
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from dbay.build.agency_register import load_agency_register
from dbay.build.assemble import BuildError, DocumentBuild, build_document
from dbay.build.downloads import write_downloads
from dbay.build.english import Untranslated, english_files, translate
from dbay.build.enrich import enrich
from dbay.build.entity_dictionary import DICTIONARY_FILE
from dbay.build.ids import check_stability, extend_register, read_deliberate_changes, read_register
from dbay.build.load import DOCUMENT_FILE, RELEASE_FILE, LoadedDocument, LoadedRendition, load_documents, load_release
from dbay.build.relations import add_relations
from dbay.build.validate import Records, to_records
from dbay.build.variants import variant_records
from dbay.build.write import Written, write_release


@dataclass(frozen=True)
class BuildResult:
    version: str
    builds: list[DocumentBuild]
    records: Records
    written: Written
    registered: int  # ids added to sources/published-ids.tsv
    untranslated: list[Untranslated]  # what the English data files leave without English


def _source_files(sources: Path, builds: list[DocumentBuild], agency_register: str | None) -> list[dict[str, str]]:
    files = [sources / RELEASE_FILE, *([sources / agency_register] if agency_register else [])]
    files += [path for path in [sources / DICTIONARY_FILE] if path.exists()]
    files += english_files(sources, [build.id for build in builds])
    for build in builds:
        files.append(build.loaded.folder / DOCUMENT_FILE)
        files.extend(sources / rendition.file for rendition in build.loaded.renditions)
    return [
        {"file": path.relative_to(sources).as_posix(), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()} for path in files
    ]


def _failure_alone(document: LoadedDocument, rendition: LoadedRendition) -> Exception | None:
    """The exception building ``document`` from ``rendition`` alone raises, if any."""
    try:
        build_document(replace(document, renditions=(rendition,)))
    except Exception as error:  # any failure is what is being looked for
        return error
    return None


def _first_failing_line(document: LoadedDocument, rendition: LoadedRendition, error: Exception) -> int | None:
    """The first line of ``rendition`` from which on the same failure happens (by bisection)."""
    lines = rendition.raw.split("\n")

    def fails(count: int) -> bool:
        found = _failure_alone(document, replace(rendition, raw="\n".join(lines[:count])))
        return type(found) is type(error) and str(found) == str(error)

    if not fails(len(lines)):
        return None
    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        if fails(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _where_in_code(error: Exception) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "unknown place"


def describe_failure(document: LoadedDocument, error: Exception) -> str:
    """One line naming the document, the rendition file and line where known, and the error."""
    what = f"{type(error).__name__}: {error} (in {_where_in_code(error)})"
    for rendition in document.renditions:
        if not isinstance(_failure_alone(document, rendition), type(error)):
            continue
        line = _first_failing_line(document, rendition, error)
        at = f", line {line}" if line else ""
        return f"document {document.config.id}: the build failed on {rendition.file}{at}: {what}"
    files = ", ".join(rendition.file for rendition in document.renditions)
    return f"document {document.config.id}: the build failed assembling it from {files}: {what}"


def build_or_explain(document: LoadedDocument) -> DocumentBuild:
    """``build_document``, with any unexpected failure turned into a BuildError saying where."""
    try:
        return build_document(document)
    except BuildError:
        raise
    except Exception as error:  # an unexpected shape must not escape as a traceback
        raise BuildError(describe_failure(document, error)) from error


def run_build(sources: Path, out_dir: Path, progress: Callable[[str], None] = lambda _: None) -> BuildResult:
    """Build every document under ``sources`` into one release in ``out_dir``.

    Nothing is written until every document has been built, validated and checked for id
    stability, and then only atomically.
    """
    release = load_release(sources)
    documents = load_documents(sources)
    lineages = load_agency_register(sources)
    progress(f"Loaded {len(documents)} documents, {sum(len(d.renditions) for d in documents)} renditions from {sources}")
    builds = []
    for number, document in enumerate(documents, start=1):
        progress(
            f"[{number}/{len(documents)}] {document.config.id}: cleaning, segmenting and aligning "
            f"{len(document.renditions)} rendition(s)"
        )
        builds.append(build_or_explain(document))
    progress("Validating records")
    register = read_register(sources)
    records = to_records(builds, register, lineages)
    progress("Comparing renditions: where each words a measure differently from its text")
    records = replace(records, variants=variant_records(records))
    progress("Finding what each measure is about (targets, deadlines, cited documents, named things)")
    records = enrich(records, sources)
    progress("Relating each measure to the measures of other documents that continue or repeat it")
    add_relations(records)
    progress("Adding the English titles and names (sources/*/english.yml, sources/english/)")
    records, untranslated = translate(records, sources)
    meanings = records.meanings()
    applied = check_stability(register, meanings, read_deliberate_changes(sources))
    progress(f"Writing release {release.version} to {out_dir}")
    written = write_release(records, release, _source_files(sources, builds, lineages.file), out_dir, applied)
    progress("Writing downloads (CSV and JSON Lines zip, data package, checksums)")
    write_downloads(written.path)
    registered = extend_register(sources, meanings, release.version)
    return BuildResult(release.version, builds, records, written, registered, untranslated)
