"""Agency clauses in the genre's other styles, 下同, and renamed agencies, on the genre fixtures.

Reads the extra keys of the fixtures' expected.yml (written by hand from each text): a measure's
`text` without its clause, `agency_clause` as printed, `open_ended`, `inherited_from` (the record
whose 下同 or section clause applies), and a document's `lineage` (an agency and its predecessors
per sources/agencies.yml).
"""

import json
from typing import Any

import pytest

from dbay.build.pipeline import BuildResult
from tests.conftest import GENRE, SOURCES, query
from tests.test_genre_documents import expected

AGENCY_FIXTURES = [
    "test-responsibility-lines",
    "test-labelled-roles",
    "test-applies-below",
    "test-renamed-agency-2023",
    "test-renamed-agency-2024",
]
NAMES_NO_BODY = ("落实", "下同", "按职责分工负责", "结合实际")


def measures_with(key: str) -> list[tuple[str, dict[str, Any]]]:
    return [(document, m) for document in AGENCY_FIXTURES for m in expected(document)["measures"] if key in m]


def measure(db: Any, document: str, path: str) -> dict[str, Any]:
    rows = query(db, "select * from measures where id = ?", f"{document}.{path}")
    assert rows, f"{document}.{path}"
    return dict(rows[0])


def test_fixtures_exist() -> None:
    assert all((GENRE / name / "expected.yml").is_file() for name in AGENCY_FIXTURES)


@pytest.mark.parametrize(("document", "want"), measures_with("text"))
def test_measure_text_excludes_the_clause(genre_release: BuildResult, document: str, want: dict[str, Any]) -> None:
    assert measure(genre_release.written.path, document, want["path"])["text"] == want["text"]


@pytest.mark.parametrize(("document", "want"), measures_with("agency_clause"))
def test_clause_as_printed(genre_release: BuildResult, document: str, want: dict[str, Any]) -> None:
    assert measure(genre_release.written.path, document, want["path"])["agency_clause"] == want["agency_clause"]


def test_open_ended_flags(genre_release: BuildResult) -> None:
    for document in AGENCY_FIXTURES:
        for want in expected(document)["measures"]:
            got = measure(genre_release.written.path, document, want["path"])
            assert bool(got["agencies_open_ended"]) is want.get("open_ended", False), got["id"]


def test_applies_below_carries_until_the_next_clause(genre_release: BuildResult) -> None:
    for want in expected("test-applies-below")["measures"]:
        got = measure(genre_release.written.path, "test-applies-below", want["path"])
        assert got["agency_clause_inherited_from"] == want.get("inherited_from"), got["id"]
        rows = query(genre_release.written.path, "select inherited from measure_agencies where measure_id = ?", got["id"])
        assert {bool(r["inherited"]) for r in rows} <= {"inherited_from" in want}


def test_no_agency_is_named_with_words_that_name_no_body(genre_release: BuildResult) -> None:
    names = [row["name"] for row in query(genre_release.written.path, "select name from agencies")]
    assert names
    assert [name for name in names if any(word in name for word in NAMES_NO_BODY)] == []


def test_labelled_lines_are_not_excluded_as_headlines(genre_release: BuildResult) -> None:
    rows = query(
        genre_release.written.path,
        "select raw_text from excluded_text where rendition_id in (?, ?)",
        "test-responsibility-lines.official",
        "test-labelled-roles.official",
    )
    assert [row["raw_text"] for row in rows if "单位" in row["raw_text"] or "部门" in row["raw_text"]] == []


def test_renamed_agency_keeps_each_printed_name_in_one_lineage(genre_release: BuildResult) -> None:
    db = genre_release.written.path
    lineage = expected("test-renamed-agency-2024")["lineage"]
    agencies = {row["name"]: dict(row) for row in query(db, "select * from agencies")}
    current = agencies[lineage["agency"]]
    assert current["lineage_id"] == current["id"]
    for name in lineage["predecessors"]:
        assert agencies[name]["lineage_id"] == current["id"]
        assert agencies[name]["id"] != current["id"]  # each name keeps its own row and id
        successions = query(db, "select * from agency_successions where predecessor_id = ?", agencies[name]["id"])
        assert [row["successor_id"] for row in successions] == [current["id"]]
        assert json.loads(successions[0]["sources"])[0]["url"].startswith("http")
    led = query(
        db,
        "select ma.measure_id from measure_agencies ma join agencies a on a.id = ma.agency_id "
        "where a.lineage_id = ? and ma.role = 'lead' and ma.measure_id like 'test-renamed-agency-%' order by ma.measure_id",
        current["id"],
    )
    assert [row["measure_id"] for row in led] == lineage["led_under_either_name"]


def test_an_agency_without_a_renaming_is_its_own_lineage(genre_release: BuildResult) -> None:
    rows = query(genre_release.written.path, "select id, lineage_id from agencies where name = '省统计局'")
    assert [(row["id"], row["lineage_id"]) for row in rows] == [("sheng-tong-ji-ju", "sheng-tong-ji-ju")]


def test_the_register_changes_no_published_agency_id(seed_release: BuildResult) -> None:
    published = [
        line.split("\t")[:3]
        for line in (SOURCES / "published-ids.tsv").read_text(encoding="utf-8").splitlines()[1:]
        if line.split("\t")[1] == "agency"
    ]
    built = {row["id"]: row["name"] for row in query(seed_release.written.path, "select id, name from agencies")}
    assert published
    assert all(built.get(identifier) == name for identifier, _, name in published)
    # The names only the register knows are published too, each in the lineage of its successor.
    rows = query(
        seed_release.written.path,
        "select p.name as old, s.name as new from agency_successions x "
        "join agencies p on p.id = x.predecessor_id join agencies s on s.id = x.successor_id order by p.name",
    )
    assert ("省政务服务数据管理局", "省政务服务和数据管理局") in [(row["old"], row["new"]) for row in rows]
