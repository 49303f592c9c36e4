"""Shared fixtures: releases built from the project's sources and from the genre test documents."""

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dbay import releases
from dbay.build.pipeline import BuildResult, run_build

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = PROJECT / "sources"
GENRE = Path(__file__).resolve().parent / "fixtures" / "genre"


def copy_sources(source_folders: list[Path], target: Path, version: str = "1.0") -> Path:
    """A sources folder in ``target`` holding copies of the given document folders."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in source_folders:
        shutil.copytree(folder, target / folder.name, ignore=shutil.ignore_patterns("expected.yml"))
    write_release_config(target, version)
    return target


def write_release_config(sources: Path, version: str) -> None:
    (sources / "release.yml").write_text(
        f'version: "{version}"\nlicense: CC-BY-4.0\nlicense_url: https://creativecommons.org/licenses/by/4.0/\n', encoding="utf-8"
    )


def query(database: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    with releases.reading(database) as connection:
        return connection.execute(sql, params).fetchall()


def agency_names(database: Path, measure_id: str, role: str) -> list[str]:
    """The names of the agencies with ``role`` in a measure, alphabetically."""
    rows = query(
        database,
        "select a.name from measure_agencies ma join agencies a on a.id = ma.agency_id "
        "where ma.measure_id = ? and ma.role = ? order by a.name",
        measure_id,
        role,
    )
    return [row["name"] for row in rows]


@pytest.fixture(scope="session")
def seed_release(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuildResult]:
    """The release built from the project's own sources/ (copied, so the register is not touched)."""
    root = tmp_path_factory.mktemp("seeds")
    sources = root / "sources"
    shutil.copytree(SOURCES, sources)
    yield run_build(sources, root / "dist")


@pytest.fixture(scope="session")
def seed_db(seed_release: BuildResult) -> Path:
    return seed_release.written.path


@pytest.fixture(scope="session")
def seed_index(seed_db: Path) -> sqlite3.Connection:
    """The seed release, read-only, as built: its measures and their search index."""
    return releases.open_read_only(seed_db)


@pytest.fixture(scope="session")
def genre_release(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("genre")
    sources = copy_sources(sorted(p for p in GENRE.iterdir() if p.is_dir()), root / "sources")
    shutil.copy(SOURCES / "agencies.yml", sources)  # the reviewed register links renamed agencies
    shutil.copy(SOURCES / "entities.yml", sources)  # the entity dictionary serves every document of the genre
    shutil.copy(SOURCES / "places.yml", sources)  # so does the place dictionary
    return run_build(sources, root / "dist")
