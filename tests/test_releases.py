"""dbay.releases: names, listing, atomic replacement, and connections a server reuses."""

import sqlite3
import threading
from pathlib import Path

import pytest

from dbay import releases
from dbay.releases import ReleaseFolder, UnknownRelease


def _release_file(folder: Path, version: str) -> Path:
    path = releases.release_path(folder, version)
    connection = sqlite3.connect(path)
    connection.execute(
        "create table releases (version, built_at, schema_version, content_sha256, previous_version, license, license_url)"
    )
    connection.execute("insert into releases values (?, '2026-01-01T00:00:00', '1', 'abc', null, 'CC-BY-4.0', null)", (version,))
    connection.commit()
    connection.close()
    return path


def test_every_file_of_a_release_is_named_after_its_version(tmp_path: Path) -> None:
    assert {kind: path.name for kind, path in releases.download_paths(tmp_path, "2.1").items()} == {
        "database": "dbay-2.1.db",
        "tables": "dbay-2.1.zip",
        "datapackage": "dbay-2.1.datapackage.json",
        "checksums": "dbay-2.1.SHA256SUMS",
    }
    assert releases.parse_file_name("dbay-2026.1.datapackage.json") == ("2026.1", "datapackage")
    assert releases.parse_file_name("dbay-2026.1.db") == ("2026.1", "database")
    for other in ("dbay-latest.db", "dbay-2026.1.db.tmp", ".dbay-2026.1.db-x1.tmp", "release.yml", "dbay-.db"):
        assert releases.parse_file_name(other) is None, other


def test_datasette_names_write_dots_as_hyphens() -> None:
    assert releases.datasette_name("2026.1") == "dbay-2026-1"
    for name in ("dbay", "dbay-2026-1", "dbay-2026.1", "dbay-3"):
        assert releases.is_release_database(name), name
    for name in ("dbayx", "dbay-latest", "other", "_internal"):
        assert not releases.is_release_database(name), name


def test_versions_are_listed_newest_first_by_number_not_by_text(tmp_path: Path) -> None:
    for version in ("2026.9", "2026.10", "2025.1"):
        _release_file(tmp_path, version)
    (tmp_path / "dbay-2027.1.zip").write_bytes(b"")  # a download without its database is no release
    (tmp_path / "notes.db").write_bytes(b"")
    assert releases.list_versions(tmp_path) == ["2026.10", "2026.9", "2025.1"]
    assert releases.latest_version(tmp_path) == "2026.10"
    assert releases.previous_version(tmp_path, "2026.10") == "2026.9"
    assert releases.previous_version(tmp_path, "2025.1") is None
    assert releases.list_versions(tmp_path / "missing") == []
    with pytest.raises(ValueError, match="not a release version"):
        releases.version_key("2026.x")


def test_a_failed_write_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "dbay-1.0.zip"
    target.write_bytes(b"published")
    with pytest.raises(RuntimeError), releases.replacing(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("the build failed here")
    assert target.read_bytes() == b"published"
    assert [path.name for path in tmp_path.iterdir()] == ["dbay-1.0.zip"]
    releases.write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o644


def test_a_folder_opens_each_release_once_per_thread_and_closes_them(tmp_path: Path) -> None:
    _release_file(tmp_path, "1.0")
    _release_file(tmp_path, "1.1")
    folder = ReleaseFolder(tmp_path)
    assert folder.versions == ("1.1", "1.0") and folder.latest == "1.1"
    first = folder.connection("1.1")
    assert folder.connection("1.1") is first and folder.connection("1.0") is not first
    assert folder.info("1.0").license == "CC-BY-4.0"
    elsewhere: list[sqlite3.Connection] = []
    thread = threading.Thread(target=lambda: elsewhere.append(folder.connection("1.1")))
    thread.start()
    thread.join()
    assert elsewhere[0] is not first
    with pytest.raises(sqlite3.OperationalError):  # immutable and read-only
        first.execute("create table t (x)")
    folder.close()
    for connection in (first, elsewhere[0]):
        with pytest.raises(sqlite3.ProgrammingError):
            connection.execute("select 1")
    assert folder.connection("1.1") is not first  # a request after close opens anew
    with pytest.raises(UnknownRelease, match=r"no release '9\.9'"):
        folder.connection("9.9")
