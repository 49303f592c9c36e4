"""The build as a pipeline of named stages: load, clean, segment, align, agencies, validate, write.

``run_build`` is the library entry point; ``dbay build`` is a thin layer over it.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dbay.build.agency_register import load_agency_register
from dbay.build.assemble import DocumentBuild, build_document
from dbay.build.downloads import write_downloads
from dbay.build.ids import check_stability, extend_register, read_deliberate_changes, read_register
from dbay.build.load import DOCUMENT_FILE, RELEASE_FILE, load_documents, load_release
from dbay.build.validate import Records, to_records
from dbay.build.write import Written, write_release


@dataclass(frozen=True)
class BuildResult:
    version: str
    builds: list[DocumentBuild]
    records: Records
    written: Written
    registered: int  # ids added to sources/published-ids.tsv


def _source_files(sources: Path, builds: list[DocumentBuild], agency_register: str | None) -> list[dict[str, str]]:
    files = [sources / RELEASE_FILE, *([sources / agency_register] if agency_register else [])]
    for build in builds:
        files.append(build.loaded.folder / DOCUMENT_FILE)
        files.extend(sources / rendition.file for rendition in build.loaded.renditions)
    return [
        {"file": path.relative_to(sources).as_posix(), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()} for path in files
    ]


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
        builds.append(build_document(document))
    progress("Validating records")
    register = read_register(sources)
    records = to_records(builds, register, lineages)
    meanings = records.meanings()
    applied = check_stability(register, meanings, read_deliberate_changes(sources))
    progress(f"Writing release {release.version} to {out_dir}")
    written = write_release(records, release, _source_files(sources, builds, lineages.file), out_dir, applied)
    progress("Writing downloads (CSV and JSON Lines zip, data package, checksums)")
    write_downloads(written.path)
    registered = extend_register(sources, meanings, release.version)
    return BuildResult(release.version, builds, records, written, registered)
