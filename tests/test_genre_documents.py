"""Documents the build has never seen, written in the genre's forms, build with no code change.

The fixtures in tests/fixtures/genre/ were written for these tests (articles through chapters,
three-level numbering, a Traditional-script web page with a notice and a footer, a news report of
an official text); each expected.yml was read off its text by hand.
"""

import json
from typing import Any

import pytest
import yaml

from dbay.build.pipeline import BuildResult
from tests.conftest import GENRE, agency_names, query

DOCUMENTS = sorted(p.name for p in GENRE.iterdir() if p.is_dir())


def expected(document: str) -> dict[str, Any]:
    value: dict[str, Any] = yaml.safe_load((GENRE / document / "expected.yml").read_text(encoding="utf-8"))
    return value


@pytest.mark.parametrize("document", DOCUMENTS)
def test_measures_have_the_paths_and_titles_read_from_the_text(genre_release: BuildResult, document: str) -> None:
    want = expected(document)
    rows = query(genre_release.written.path, "select path, title from measures where document_id = ? order by position", document)
    assert [(row["path"], row["title"]) for row in rows] == [(m["path"], m["title"]) for m in want["measures"]]
    assert len(rows) == want["measure_count"]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_sections_have_the_paths_and_headings_read_from_the_text(genre_release: BuildResult, document: str) -> None:
    want = expected(document)
    rows = query(
        genre_release.written.path,
        "select path, heading, preamble from sections where document_id = ? order by position",
        document,
    )
    assert [row["path"] for row in rows] == [s["path"] for s in want["sections"]]
    for row, section in zip(rows, want["sections"], strict=True):
        assert row["heading"] == section["heading"]
        assert row["preamble"] == section.get("preamble")
    assert len(rows) == want["section_count"]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_agency_roles_match_the_clauses(genre_release: BuildResult, document: str) -> None:
    db = genre_release.written.path
    for measure in expected(document)["measures"]:
        if "agencies" not in measure:
            continue
        measure_id = f"{document}.{measure['path']}"
        assert agency_names(db, measure_id, "lead") == sorted(measure["agencies"]["lead"]), measure_id
        assert agency_names(db, measure_id, "participating") == sorted(measure["agencies"]["participating"]), measure_id


def test_news_rendition_covers_what_it_carries(genre_release: BuildResult) -> None:
    want = expected("test-two-renditions")["news_covers"]
    rows = query(
        genre_release.written.path,
        "select m.path from measure_sources s join measures m on m.id = s.measure_id "
        "where s.rendition_id = 'test-two-renditions.news' order by m.position",
    )
    assert [row["path"] for row in rows] == want


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if "declared_counts" in expected(d)])
def test_declared_counts_are_read_and_compared_level_by_level(genre_release: BuildResult, document: str) -> None:
    want = expected(document)
    row = query(genre_release.written.path, "select declared_measures, declared_counts from documents where id = ?", document)[0]
    assert row["declared_measures"] == want["declared_measures"]
    counts = [{key: count[key] for key in ("unit", "declared", "level", "found")} for count in json.loads(row["declared_counts"])]
    assert counts == want["declared_counts"]
