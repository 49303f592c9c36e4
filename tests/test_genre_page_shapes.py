"""Page shapes around and inside the document: tables of contents, page furniture, notices, fragments.

Each fixture's expected.yml lists, under ``excluded_lines``, lines printed on the page that are no
part of the document, with a word of the reason they must be excluded for; ``problem_lines`` the
lines a reader must be warned about. Both were read off the fixture by hand.
"""

from typing import Any

import pytest
import yaml

from dbay.build.compare import comparable
from dbay.build.pipeline import BuildResult
from tests.conftest import GENRE, query

SHAPED = sorted(p.name for p in GENRE.iterdir() if p.is_dir() and "excluded_lines" in (p / "expected.yml").read_text("utf-8"))
WARNED = sorted(p.name for p in GENRE.iterdir() if p.is_dir() and "problem_lines" in (p / "expected.yml").read_text("utf-8"))
SHORT_LINE = 6


def expected(document: str) -> dict[str, Any]:
    value: dict[str, Any] = yaml.safe_load((GENRE / document / "expected.yml").read_text(encoding="utf-8"))
    return value


def published_texts(release: BuildResult, document: str) -> list[str]:
    """Every text the release publishes for the document: measures, sections, preamble."""
    db = release.written.path
    texts = [row["preamble"] or "" for row in query(db, "select preamble from documents where id = ?", document)]
    for row in query(db, "select title, text from measures where document_id = ?", document):
        texts += [row["title"], row["text"]]
    for row in query(db, "select heading, preamble from sections where document_id = ?", document):
        texts += [row["heading"], row["preamble"] or ""]
    return [comparable(text) for text in texts]


def test_every_page_shape_fixture_is_checked() -> None:
    assert {"test-toc-regulation", "test-government-page-furniture", "test-consultation-draft", "test-issuing-notice"} <= set(
        SHAPED
    )
    assert "test-fragment-page" in WARNED


@pytest.mark.parametrize("document", SHAPED)
def test_furniture_lines_are_excluded_with_their_reason(genre_release: BuildResult, document: str) -> None:
    rows = query(
        genre_release.written.path,
        "select e.raw_text, e.reason from excluded_text e join renditions r on r.id = e.rendition_id where r.document_id = ?",
        document,
    )
    reasons = {row["raw_text"].strip(): row["reason"] for row in rows}
    for item in expected(document)["excluded_lines"]:
        assert item["line"] in reasons, f"{document}: not excluded: {item['line']}"
        assert item["reason"] in reasons[item["line"]], f"{document}: {item['line']}: {reasons[item['line']]}"


@pytest.mark.parametrize("document", SHAPED)
def test_furniture_text_leaks_into_no_measure_or_section(genre_release: BuildResult, document: str) -> None:
    texts = published_texts(genre_release, document)
    for item in expected(document)["excluded_lines"]:
        line = comparable(item["line"])
        # a short line (目录, 附件) may be words of a real provision: only the line itself may not be published
        leaked = any(line == text for text in texts) if len(line) < SHORT_LINE else any(line in text for text in texts)
        assert not leaked, f"{document}: published: {item['line']}"


@pytest.mark.parametrize("document", WARNED)
def test_fragment_start_is_reported_with_its_line(genre_release: BuildResult, document: str) -> None:
    build = next(build for build in genre_release.builds if build.id == document)
    for line in expected(document)["problem_lines"]:
        assert any(f"line {line}:" in problem for problem in build.problems), build.problems
