"""Stage 13, write: one release as ``dist/dbay-<version>.db``, atomically.

The database is written to a temporary file beside the target and renamed into place, so a
reader sees either the old state or the whole new release. A release never overwrites a
different release of the same version; rebuilding the same content is a no-op. The release
table records what was built from what, and the changes table what changed since the
previous release found in the same folder.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import sqlite_utils

from dbay import releases, search, search_pages
from dbay.build.ids import DeliberateChange
from dbay.build.validate import Records
from dbay.schema.published import PUBLISHED_RECORDS
from dbay.schema.records import SCHEMA_VERSION, Change, Measure, Record, RecordType, Release
from dbay.schema.sources import ReleaseConfig
from dbay.schema.tables import columns, not_null, to_row

TRACKED: dict[str, RecordType] = {
    "documents": "document",
    "sections": "section",
    "measures": "measure",
    "agencies": "agency",
    "entities": "entity",
    "places": "place",
}


class ReleaseConflict(Exception):
    """The release file exists with other content: the version must be bumped."""


@dataclass(frozen=True)
class Written:
    path: Path
    status: str  # "written" or "unchanged"
    previous_version: str | None
    changes: list[Change]


def content_hash(tables: dict[str, list[Record]]) -> str:
    digest = hashlib.sha256()
    for name in sorted(tables):
        for record in tables[name]:
            digest.update(name.encode())
            digest.update(json.dumps(to_row(record), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


def _read_rows(path: Path, table: str) -> dict[str, str]:
    """The table's rows by id, or none where the release predates the table (2026.3 added entities)."""
    with releases.reading(path) as connection:
        if not connection.execute("select 1 from sqlite_master where type = 'table' and name = ?", (table,)).fetchone():
            return {}
        rows = connection.execute(f"select * from [{table}]").fetchall()
    return {row["id"]: json.dumps(dict(row), ensure_ascii=False, sort_keys=True) for row in rows}


def _release_hash(path: Path) -> str:
    with releases.reading(path) as connection:
        digest: str = connection.execute("select content_sha256 from releases").fetchone()[0]
    return digest


def changes_since(previous: Path | None, tables: dict[str, list[Record]], deliberate: list[DeliberateChange]) -> list[Change]:
    reasons = {change.id: change.reason for change in deliberate}
    changes: list[Change] = []
    for table, record_type in TRACKED.items():
        new = {
            row["id"]: json.dumps(row, ensure_ascii=False, sort_keys=True) for row in (to_row(record) for record in tables[table])
        }
        old = _read_rows(previous, table) if previous else {}
        for identifier in sorted(new.keys() - old.keys()):
            changes.append(Change(record_type=record_type, record_id=identifier, change="added", detail=None))
        for identifier in sorted(old.keys() - new.keys()):
            change: Literal["retired", "removed"] = "retired" if identifier in reasons else "removed"
            changes.append(Change(record_type=record_type, record_id=identifier, change=change, detail=reasons.get(identifier)))
        for identifier in sorted(old.keys() & new.keys()):
            if old[identifier] != new[identifier]:
                before, after = json.loads(old[identifier]), json.loads(new[identifier])
                fields = sorted(key for key in after if before.get(key) != after[key])
                if not fields:
                    continue  # only a column new since the previous release, null here: no value changed
                detail = ", ".join(fields)
                if identifier in reasons:
                    detail = f"{detail}; {reasons[identifier]}"
                changes.append(Change(record_type=record_type, record_id=identifier, change="changed", detail=detail))
    return changes


def _create_tables(db: sqlite_utils.Database) -> None:
    for model in (*PUBLISHED_RECORDS,):
        db.table(model.table).create(
            columns(model),
            pk=model.primary_key[0] if len(model.primary_key) == 1 else model.primary_key,
            not_null=not_null(model),
        )
    for model in PUBLISHED_RECORDS:
        for column, other, other_column in model.foreign_keys:
            db.add_foreign_keys([(model.table, column, other, other_column)])
            db.table(model.table).create_index([column], if_not_exists=True)


def _reading_order(measure: Record) -> tuple[str, int, str]:
    assert isinstance(measure, Measure)
    return measure.document_id, measure.position, measure.id


def write_release(
    records: Records,
    config: ReleaseConfig,
    source_files: list[dict[str, str]],
    out_dir: Path,
    deliberate: list[DeliberateChange],
) -> Written:
    version = config.version
    tables = records.tables()
    # The search index's rowids are the reading order (dbay.search): measures go in in that order.
    tables["measures"] = sorted(tables["measures"], key=_reading_order)
    digest = content_hash(tables)
    target = releases.release_path(out_dir, version)
    previous_version = releases.previous_version(out_dir, version)
    previous = releases.release_path(out_dir, previous_version) if previous_version else None
    if target.exists():
        if _release_hash(target) == digest:
            return Written(target, "unchanged", None, [])
        raise ReleaseConflict(
            f"{target} holds a different release {version}; bump the version in sources/release.yml to publish this one"
        )
    changes = changes_since(previous, tables, deliberate)
    release = Release(
        version=version,
        built_at=datetime.now(UTC).replace(microsecond=0),
        schema_version=SCHEMA_VERSION,
        content_sha256=digest,
        previous_version=previous_version,
        source_files=source_files,
        dataset_description=config.description,
        license=config.license,
        license_url=config.license_url,
    )
    with releases.replacing(target) as temporary:
        db = sqlite_utils.Database(temporary)
        _create_tables(db)
        written: dict[str, Sequence[Record]] = {**tables, "releases": [release], "changes": changes}
        for name, rows in written.items():
            db.table(name).insert_all((to_row(record) for record in rows), batch_size=500)
        # Derived from measures, so not part of the content hash.
        search.create_index(db.conn)
        search_pages.store_frequent_terms(db.conn)
        db.conn.commit()
        db.close()
    return Written(target, "written", release.previous_version, changes)
