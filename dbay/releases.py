"""Releases: the one owner of their names, their listing, opening them and writing them.

A release is one immutable SQLite file, ``dbay-<version>.db``, in a data folder (``dist/`` by
default), with its downloads beside it (``dbay-<version>.zip``, ``.datapackage.json``,
``.SHA256SUMS``). Versions are dotted numbers (``2026.1``) and order numerically. Datasette serves
the latest release as the database ``dbay`` and every release as ``dbay-<version>`` with the dots
as hyphens (``dbay-2026-1``), because Datasette reads a dot in a URL as a format suffix.

Nothing else in dbay computes a release's file name, lists a data folder or opens a release.
The build writes through ``replacing`` (a temporary file renamed into place, so a reader sees the
old state or the whole new file); the service reads through ``ReleaseFolder``, which lists the
folder once and keeps one read-only connection per release and thread.
"""

import contextlib
import filecmp
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dbay.schema.published import PUBLISHED_RECORDS

NAME = "dbay"
LATEST_DATABASE = NAME  # Datasette's name for whichever release is the latest

# What each download kind adds to the release's stem dbay-<version>.
SUFFIXES = {"database": ".db", "tables": ".zip", "datapackage": ".datapackage.json", "checksums": ".SHA256SUMS"}
VERSION_PATTERN = r"[0-9]+(?:\.[0-9]+)*"
_FILE_NAME = re.compile(
    rf"^{NAME}-(?P<version>{VERSION_PATTERN})(?P<suffix>{'|'.join(re.escape(s) for s in SUFFIXES.values())})$"
)


class UnknownRelease(LookupError):
    """A version the data folder does not hold."""


def version_key(version: str) -> tuple[int, ...]:
    """The sort key of a version: 2026.10 comes after 2026.9. ValueError if it is not dotted numbers."""
    if not re.fullmatch(VERSION_PATTERN, version):
        raise ValueError(f"{version!r} is not a release version (dotted numbers, such as 2026.1)")
    return tuple(int(part) for part in version.split("."))


def file_name(version: str, kind: str = "database") -> str:
    """``dbay-2026.1.db`` for the database, or the name of one of its downloads (a key of SUFFIXES)."""
    return f"{NAME}-{version}{SUFFIXES[kind]}"


def tables_folder(version: str) -> str:
    """``dbay-2026.1/``: where the standalone Data Package finds the zip's files, next to it (build/downloads.py)."""
    return f"{NAME}-{version}/"


def release_path(folder: Path, version: str) -> Path:
    return folder / file_name(version)


def download_paths(folder: Path, version: str) -> dict[str, Path]:
    """Every file of a release, by kind: database, tables (zip), datapackage, checksums."""
    return {kind: folder / file_name(version, kind) for kind in SUFFIXES}


def parse_file_name(name: str) -> tuple[str, str] | None:
    """(version, kind) of a release's file name, or None for any other name."""
    match = _FILE_NAME.match(name)
    if match is None:
        return None
    kind = next(kind for kind, suffix in SUFFIXES.items() if suffix == match["suffix"])
    return match["version"], kind


def datasette_name(version: str) -> str:
    """The Datasette database name of a release: dbay-2026-1 for 2026.1."""
    return f"{NAME}-{version.replace('.', '-')}"


def is_release_database(name: str) -> bool:
    """Whether a Datasette database name is one that ``datasette_name`` (or a plain
    ``datasette serve dbay-<version>.db``, which names it dbay-<version>) gives a release."""
    return name == LATEST_DATABASE or re.fullmatch(rf"{NAME}-[0-9]+(?:[.-][0-9]+)*", name) is not None


def list_versions(folder: Path) -> list[str]:
    """The versions of every release database in ``folder``, newest first."""
    found = []
    for path in folder.iterdir() if folder.is_dir() else []:
        parsed = parse_file_name(path.name)
        if parsed is not None and parsed[1] == "database":
            found.append(parsed[0])
    return sorted(found, key=version_key, reverse=True)


def latest_version(folder: Path) -> str | None:
    versions = list_versions(folder)
    return versions[0] if versions else None


def previous_version(folder: Path, version: str) -> str | None:
    """The newest release in ``folder`` older than ``version``."""
    older = [v for v in list_versions(folder) if version_key(v) < version_key(version)]
    return older[0] if older else None


def open_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection with rows as ``sqlite3.Row``.

    ``immutable`` (for a published release, which never changes) tells SQLite to take no locks
    and never check for changes; the connection may then be used from any thread.
    """
    if not path.is_file():
        raise UnknownRelease(f"no release file {path}")
    options = "mode=ro&immutable=1" if immutable else "mode=ro"
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, check_same_thread=not immutable)
    connection.row_factory = sqlite3.Row
    return connection


def with_later_columns(connection: sqlite3.Connection) -> None:
    """Let a release read by the latest queries: every optional column a later schema added to one of its
    tables (title_en came with issue 14) reads as null, through a temporary view of the table's name,
    which SQLite looks up before the release's own table. The release file itself is never changed."""
    for model in PUBLISHED_RECORDS:
        present = {row[1] for row in connection.execute(f"pragma main.table_info([{model.table}])")}
        later = [name for name, field in model.model_fields.items() if name not in present and not field.is_required()]
        if present and later:
            nulls = ", ".join(f"null as [{name}]" for name in later)
            connection.execute(f"create temp view [{model.table}] as select *, {nulls} from main.[{model.table}]")


@contextlib.contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one piece of work, closed after it (``with sqlite3.connect`` is not)."""
    connection = open_read_only(path)
    try:
        yield connection
    finally:
        connection.close()


@contextlib.contextmanager
def replacing(target: Path, keep_identical: bool = False) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; on success it becomes ``target`` in one rename.

    On failure the temporary file is removed and ``target`` is left as it was. With ``keep_identical``,
    a file written with the very bytes ``target`` holds leaves it untouched (its mtime too).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        if keep_identical and target.exists() and filecmp.cmp(temporary, target, shallow=False):
            return
        os.chmod(temporary, 0o644)  # mkstemp makes it private; releases are for everyone to read
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_bytes(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` atomically; leave it untouched (mtime too) if it holds them already."""
    if target.exists() and target.read_bytes() == data:
        return
    with replacing(target) as temporary:
        temporary.write_bytes(data)


@dataclass(frozen=True)
class ReleaseInfo:
    """A release's row of its ``releases`` table, and where it lies."""

    version: str
    built_at: str
    schema_version: str
    content_sha256: str
    previous_version: str | None
    license: str | None
    license_url: str | None
    path: Path
    dataset_description: str | None = None  # releases before issue 14 have none

    @classmethod
    def read(cls, connection: sqlite3.Connection, path: Path) -> "ReleaseInfo":
        row: dict[str, Any] = dict(connection.execute("select * from releases").fetchone())
        return cls(
            row["version"],
            row["built_at"],
            row["schema_version"],
            row["content_sha256"],
            row["previous_version"],
            row.get("license"),
            row.get("license_url"),
            path,
            row.get("dataset_description"),
        )


class ReleaseFolder:
    """The releases of one data folder as a server sees them.

    The folder is listed once, when this is made: a release published later is served after a
    restart, as Datasette (which opens its databases at start) would too. Each release is opened
    at most once per thread, read-only and immutable, and the connection is reused by every
    request that thread answers; ``close`` closes them all at shutdown.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.versions: tuple[str, ...] = tuple(list_versions(folder))
        self._infos: dict[str, ReleaseInfo] = {}
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    @property
    def latest(self) -> str | None:
        return self.versions[0] if self.versions else None

    def path(self, version: str) -> Path:
        if version not in self.versions:
            raise UnknownRelease(f"no release {version!r} in {self.folder}")
        return release_path(self.folder, version)

    def downloads(self, version: str) -> dict[str, Path]:
        """The files of a release that exist, by kind."""
        self.path(version)
        return {kind: path for kind, path in download_paths(self.folder, version).items() if path.is_file()}

    def connection(self, version: str) -> sqlite3.Connection:
        """This thread's connection to a release, opened on first use."""
        connections: dict[str, sqlite3.Connection] = self._local.__dict__.setdefault("connections", {})
        if version not in connections:
            connection = open_read_only(self.path(version), immutable=True)
            with_later_columns(connection)
            with self._lock:
                self._opened.append(connection)
            connections[version] = connection
        return connections[version]

    def info(self, version: str) -> ReleaseInfo:
        if version not in self._infos:
            self._infos[version] = ReleaseInfo.read(self.connection(version), self.path(version))
        return self._infos[version]

    def close(self) -> None:
        """Close every connection any thread opened; a later request opens anew."""
        with self._lock:
            opened, self._opened = self._opened, []
        for connection in opened:
            connection.close()
        self._local = threading.local()
