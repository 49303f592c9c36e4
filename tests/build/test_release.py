"""Releases: stable ids, deterministic builds, atomic writes, no silent overwrite, a record of changes."""

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from dbay.build import write
from dbay.build.ids import IdStabilityError, read_register
from dbay.build.pipeline import run_build
from dbay.build.validate import InvalidRecord
from dbay.build.write import ReleaseConflict
from tests.conftest import GENRE, SOURCES, copy_sources, query, write_release_config

PLAN = "digital-bay-area-action-plan"
PLAN_FIXTURE = GENRE / "test-three-level-plan"


def texts(db: Path, document: str | None = None) -> list[tuple[Any, ...]]:
    sql = "select id, path, title, text, title_hant, text_hant from measures"
    rows = query(db, sql + (" where document_id = ?" if document else "") + " order by id", *([document] if document else []))
    return [tuple(row) for row in rows]


def test_two_builds_of_the_same_sources_give_the_same_ids_and_texts(tmp_path: Path, seed_db: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    again = run_build(sources, tmp_path / "dist").written.path
    assert texts(again) == texts(seed_db)
    assert (
        query(again, "select content_sha256 from releases")[0][0] == query(seed_db, "select content_sha256 from releases")[0][0]
    )


def test_removing_a_rendition_changes_none_of_the_documents_ids(tmp_path: Path, seed_db: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    config_path = sources / PLAN / "document.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["renditions"] = [r for r in config["renditions"] if r["file"] != "news.txt"]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (sources / PLAN / "news.txt").unlink()
    fewer = run_build(sources, tmp_path / "dist").written.path
    assert texts(fewer, PLAN) == texts(seed_db, PLAN)
    assert query(fewer, "select count(*) from renditions where document_id = ?", PLAN)[0][0] == 2


@pytest.fixture
def plan_sources(tmp_path: Path) -> Path:
    return copy_sources([PLAN_FIXTURE], tmp_path / "sources", version="1.0")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_version(sources: Path, version: str) -> None:
    write_release_config(sources, version)


def test_every_published_id_is_registered(plan_sources: Path, tmp_path: Path) -> None:
    result = run_build(plan_sources, tmp_path / "dist")
    register = read_register(plan_sources)
    assert result.registered == len(register) > 0
    assert register["test-three-level-plan.2.2.1"].meaning == "建设城市安全风险综合监测预警体系"
    assert register["test-three-level-plan.2.2.1"].first_release == "1.0"
    assert register["sheng-tong-xin-guan-li-ju"].meaning == "省通信管理局"


def test_rebuilding_the_same_release_writes_nothing(plan_sources: Path, tmp_path: Path) -> None:
    first = run_build(plan_sources, tmp_path / "dist").written
    stamp = first.path.stat().st_mtime_ns
    second = run_build(plan_sources, tmp_path / "dist").written
    assert (first.status, second.status) == ("written", "unchanged")
    assert second.path.stat().st_mtime_ns == stamp


def test_a_different_release_of_the_same_version_is_refused(plan_sources: Path, tmp_path: Path) -> None:
    first = run_build(plan_sources, tmp_path / "dist").written.path
    before = first.read_bytes()
    edit(plan_sources / "test-three-level-plan" / "official.txt", "全省累计建成5G基站35万座以上", "全省累计建成5G基站40万座以上")
    with pytest.raises(ReleaseConflict, match="bump the version"):
        run_build(plan_sources, tmp_path / "dist")
    assert first.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == [
        "dbay-1.0.SHA256SUMS",
        "dbay-1.0.datapackage.json",
        "dbay-1.0.db",
        "dbay-1.0.zip",
    ]


def test_a_new_release_records_what_changed(plan_sources: Path, tmp_path: Path) -> None:
    run_build(plan_sources, tmp_path / "dist")
    edit(plan_sources / "test-three-level-plan" / "official.txt", "全省累计建成5G基站35万座以上", "全省累计建成5G基站40万座以上")
    set_version(plan_sources, "1.1")
    new = run_build(plan_sources, tmp_path / "dist").written
    assert new.previous_version == "1.0"
    changes = query(new.path, "select record_type, record_id, change, detail from changes")
    assert [tuple(row) for row in changes] == [("measure", "test-three-level-plan.1.1.1", "changed", "text, text_hant")]
    assert query(new.path, "select previous_version from releases")[0][0] == "1.0"
    assert (tmp_path / "dist" / "dbay-1.0.db").exists()  # the earlier release is kept


def test_a_column_the_previous_release_lacks_changes_only_the_records_it_gives_a_value(
    plan_sources: Path, tmp_path: Path
) -> None:
    """A release built before a column existed (issue 12 added agency_clause_hant): the records where
    it is null are unchanged, those where it holds a value changed in it."""
    old = run_build(plan_sources, tmp_path / "dist").written.path
    with sqlite3.connect(old) as connection:
        connection.execute("alter table measures drop column agency_clause_hant")
    set_version(plan_sources, "1.1")
    new = run_build(plan_sources, tmp_path / "dist").written.path
    changes = query(new, "select record_id, detail from changes order by record_id")
    with_clause = query(new, "select id from measures where agency_clause_hant is not null order by id")
    assert with_clause and [tuple(row) for row in changes] == [(row["id"], "agency_clause_hant") for row in with_clause]


def test_a_published_id_may_not_disappear_unless_retired(plan_sources: Path, tmp_path: Path) -> None:
    run_build(plan_sources, tmp_path / "dist")
    official = plan_sources / "test-three-level-plan" / "official.txt"
    lines = official.read_text(encoding="utf-8").splitlines(keepends=True)
    official.write_text("".join(line for line in lines if not line.startswith("2. 强化评估考核")), encoding="utf-8")
    set_version(plan_sources, "1.1")
    with pytest.raises(IdStabilityError, match=r"test-three-level-plan\.3\.1\.2 \(强化评估考核\)"):
        run_build(plan_sources, tmp_path / "dist")
    assert not (tmp_path / "dist" / "dbay-1.1.db").exists()

    (plan_sources / "id-changes.yml").write_text(
        "changes:\n  - id: test-three-level-plan.3.1.2\n    change: retired\n    reason: merged into 3.1.1\n", encoding="utf-8"
    )
    new = run_build(plan_sources, tmp_path / "dist").written
    retired = query(new.path, "select change, detail from changes where record_id = 'test-three-level-plan.3.1.2'")
    assert tuple(retired[0]) == ("retired", "merged into 3.1.1")


def test_a_published_id_may_not_change_meaning(plan_sources: Path, tmp_path: Path) -> None:
    run_build(plan_sources, tmp_path / "dist")
    # Swap two items: each id would now name the other provision.
    official = plan_sources / "test-three-level-plan" / "official.txt"
    lines = official.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("1. 加强资金支持"))
    lines[first], lines[first + 1] = "1." + lines[first + 1][2:], "2." + lines[first][2:]
    official.write_text("".join(lines), encoding="utf-8")
    set_version(plan_sources, "1.1")
    with pytest.raises(IdStabilityError, match=r"test-three-level-plan\.3\.2\.1 meant '加强资金支持'"):
        run_build(plan_sources, tmp_path / "dist")


def test_an_invalid_record_names_document_path_and_field(plan_sources: Path, tmp_path: Path) -> None:
    edit(
        plan_sources / "test-three-level-plan" / "official.txt",
        "2. 加强人才队伍建设。",
        "2. （省科技厅牵头）\n3. 加强人才队伍建设。",
    )
    with pytest.raises(InvalidRecord, match=r"document test-three-level-plan, measure 3\.2\.2: field title"):
        run_build(plan_sources, tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_a_failed_write_leaves_no_file_behind(plan_sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(write, "_create_tables", fail)
    with pytest.raises(OSError, match="disk full"):
        run_build(plan_sources, tmp_path / "dist")
    assert list((tmp_path / "dist").iterdir()) == []


def test_the_dictionaries_entries_are_tracked_as_records(plan_sources: Path, tmp_path: Path) -> None:
    """A release before the entities and places tables existed: each entry is added; then a place's
    point edited in sources/places.yml shows as a change of that place alone."""
    for name in ("entities.yml", "places.yml"):
        shutil.copy(SOURCES / name, plan_sources / name)
    old = run_build(plan_sources, tmp_path / "dist").written.path
    with sqlite3.connect(old) as connection:
        connection.execute("drop table measure_entities")
        connection.execute("drop table measure_places")
        connection.execute("drop table entities")
        connection.execute("drop table places")
    set_version(plan_sources, "1.1")
    new = run_build(plan_sources, tmp_path / "dist").written.path
    added = query(new, "select record_type, count(*) from changes where change = 'added' group by record_type order by 1")
    entities, places = query(new, "select count(*) from entities")[0][0], query(new, "select count(*) from places")[0][0]
    assert entities and places and [tuple(row) for row in added] == [("entity", entities), ("place", places)]

    dictionary = plan_sources / "places.yml"
    text = dictionary.read_text(encoding="utf-8")
    assert "  latitude: 22.51889\n" in text  # 前海's point
    dictionary.write_text(text.replace("  latitude: 22.51889\n", "  latitude: 22.52\n"), encoding="utf-8")
    set_version(plan_sources, "1.2")
    newer = run_build(plan_sources, tmp_path / "dist").written.path
    changes = query(newer, "select record_type, record_id, change, detail from changes")
    assert [tuple(row) for row in changes] == [("place", "qian-hai", "changed", "latitude")]
