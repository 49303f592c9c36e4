"""Numbering and cleaning shapes of real pages, on the genre fixtures written for them.

Traditional legal numbering (test-traditional-regulation), pronunciation annotations
(test-pinyin-annotations), items printed on one line (test-inline-items), bracketed article
headings (test-bracketed-headings) and numbers printed alone on their line (test-bare-numbers,
test-bare-plan-numbers). Each fixture's expected.yml was written by hand from its text; the keys
checked here (`label`, `text`, `text_as_printed`, `raw_contains`, `line`, `preamble`,
`problem_lines`) are those tests/test_genre_documents.py does not read.
"""

from typing import Any

import pytest

from dbay.build.pipeline import BuildResult
from tests.conftest import GENRE, query
from tests.test_genre_documents import expected

NUMBERING_FIXTURES = [
    "test-traditional-regulation",
    "test-pinyin-annotations",
    "test-inline-items",
    "test-bracketed-headings",
    "test-bare-numbers",
    "test-bare-plan-numbers",
]


def _measure_row(release: BuildResult, document: str, path: str) -> Any:
    rows = query(release.written.path, "select * from measures where id = ?", f"{document}.{path}")
    assert rows, f"no measure {document}.{path}"
    return rows[0]


def _canonical_source(release: BuildResult, measure_id: str) -> tuple[str, int, str]:
    """The canonical rendition's raw text, and the measure's span start and raw text in it."""
    rows = query(
        release.written.path,
        "select r.raw_text as rendition_text, s.start, s.raw_text from measure_sources s "
        "join renditions r on r.id = s.rendition_id where s.measure_id = ? and r.canonical",
        measure_id,
    )
    assert len(rows) == 1, measure_id
    return rows[0]["rendition_text"], rows[0]["start"], rows[0]["raw_text"]


@pytest.mark.parametrize("document", NUMBERING_FIXTURES)
def test_measure_labels_and_texts(genre_release: BuildResult, document: str) -> None:
    for measure in expected(document)["measures"]:
        row = _measure_row(genre_release, document, measure["path"])
        if "label" in measure:
            assert row["label"] == measure["label"], measure["path"]
        if "text" in measure:
            assert row["text"] == measure["text"], measure["path"]
        if "text_as_printed" in measure:
            assert row["text_hant"] == measure["text_as_printed"], measure["path"]


@pytest.mark.parametrize("document", NUMBERING_FIXTURES)
def test_source_spans_hold_the_raw_text(genre_release: BuildResult, document: str) -> None:
    for measure in expected(document)["measures"]:
        rendition_text, start, raw = _canonical_source(genre_release, f"{document}.{measure['path']}")
        if "raw_contains" in measure:
            assert measure["raw_contains"] in raw, measure["path"]
        if "line" in measure:
            assert rendition_text[:start].count("\n") + 1 == measure["line"], measure["path"]


def test_section_labels_as_printed(genre_release: BuildResult) -> None:
    document = "test-traditional-regulation"
    rows = query(genre_release.written.path, "select path, label from sections where document_id = ? order by position", document)
    assert [(row["path"], row["label"]) for row in rows] == [(s["path"], s["label"]) for s in expected(document)["sections"]]


def test_pronunciation_annotations_leave_the_preamble(genre_release: BuildResult) -> None:
    document = "test-pinyin-annotations"
    rows = query(genre_release.written.path, "select preamble from documents where id = ?", document)
    assert rows[0]["preamble"] == expected(document)["preamble"]


@pytest.mark.parametrize("document", ["test-bare-numbers"])
def test_bare_numbers_that_cannot_be_placed_are_reported_and_excluded(genre_release: BuildResult, document: str) -> None:
    (build,) = [build for build in genre_release.builds if build.id == document]
    lines = expected(document)["problem_lines"]
    raw = (GENRE / document / "web-page.txt").read_text(encoding="utf-8").split("\n")
    for line in lines:
        reported = [problem for problem in build.problems if f"line {line}:" in problem and "stands alone" in problem]
        assert reported, (line, build.problems)
        assert reported[0].startswith(f"{document}/web-page.txt: ")
        assert raw[line - 1] in reported[0]
    excluded = query(
        genre_release.written.path,
        "select line from excluded_text where rendition_id = ? and reason like '%stands alone%' order by line",
        f"{document}.web-page",
    )
    assert [row["line"] for row in excluded] == lines
