"""The releases a data folder holds, opened read-only.

Releases are immutable files, so each is opened with SQLite's ``immutable`` flag: no locks, no
writes, and the same answer for the same question for as long as the file exists.
"""

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dbay.build.write import release_path, releases


class UnknownRelease(LookupError):
    pass


@dataclass(frozen=True)
class ReleaseInfo:
    version: str
    built_at: str
    schema_version: str
    content_sha256: str
    previous_version: str | None
    path: Path


class ReleaseStore:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def versions(self) -> list[str]:
        """Every release in the folder, newest first."""
        return [path.stem.removeprefix("dbay-") for _, path in reversed(releases(self.data_dir))]

    def latest(self) -> str | None:
        versions = self.versions()
        return versions[0] if versions else None

    def connect(self, version: str) -> sqlite3.Connection:
        path = release_path(self.data_dir, version)
        if version not in self.versions():
            raise UnknownRelease(version)
        connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        connection.row_factory = sqlite3.Row
        return connection

    def info(self, version: str) -> ReleaseInfo:
        with self.connect(version) as connection:
            row = connection.execute("select * from releases").fetchone()
        return ReleaseInfo(row["version"], row["built_at"], row["schema_version"], row["content_sha256"],
                           row["previous_version"], release_path(self.data_dir, version))


def rows(connection: sqlite3.Connection, sql: str, *params: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in connection.execute(sql, params).fetchall()]


def row(connection: sqlite3.Connection, sql: str, *params: Any) -> dict[str, Any] | None:
    found = connection.execute(sql, params).fetchone()
    return dict(found) if found else None
