"""The translate stage (build/english.py): English from the reviewed data files, and the report of
what is missing, stale or unknown. The documents are genre fixtures; the English files are written
here by hand, each entry's Chinese copied from the fixture's text."""

import shutil
from pathlib import Path

import pytest

from dbay.build.english_report import english_block
from dbay.build.load import SourceError
from dbay.build.pipeline import BuildResult, run_build
from tests.conftest import GENRE, copy_sources, query

BARE_NUMBERS_ENGLISH = """\
translation: unofficial
translated_by: test editors
reviewed: 2026-11-26
title:
  zh: 某市数字政府建设管理办法
  en: Measures of a city for building and administering digital government
sections:
  "1": {zh: 总则, en: General provisions}
  "2": {zh: 建设与管理, en: Building and administration}   # the text says 建设管理: stale
measures:
  "1.1": {zh: 为了推进数字政府建设，提升政府治理能力，制定本办法, en: Purpose}
  "1.2": {zh: 本办法适用于本市行政区域内数字政府的规划、建设和管理活动, en: Scope}
  "2.4": {zh: 政务信息化项目应当纳入全市统一的项目库管理, en: Projects enter the city's project pool}
  "2.6": {zh: 本办法自2025年12月1日起施行, en: Entry into force}
  "9.9": {zh: 不存在的条文, en: A provision the document does not have}
"""
# 2.3 (市政务服务数据管理部门负责统筹全市数字政府建设) is left out on purpose: missing.

LABELLED_ROLES_AGENCIES = """\
translated_by: test editors
reviewed: 2026-11-26
agencies:
  - id: shi-zheng-wu-fu-wu-he-shu-ju-guan-li-ju
    zh: 市政务服务和数据管理局
    en: Municipal Government Services and Data Administration
    official: false
  - id: shi-gong-an-ju
    zh: 市公安局
    en: Municipal Public Security Bureau
    official: true
    source: {url: "https://example.org/en/about", says: "the bureau's English page is headed Municipal Public Security Bureau"}
  - id: shi-si-fa-ju
    zh: 市司法厅
    en: Municipal Justice Department
    official: false
"""
# 市司法局 is written 市司法厅 above: stale. Every other agency of the document is missing.


def _build(tmp_path: Path, document: str, files: dict[str, str]) -> BuildResult:
    sources = copy_sources([GENRE / document], tmp_path / "sources")
    for name, content in files.items():
        (sources / name).parent.mkdir(parents=True, exist_ok=True)
        (sources / name).write_text(content, encoding="utf-8")
    return run_build(sources, tmp_path / "dist")


@pytest.fixture(scope="module")
def bare_numbers(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    files = {"test-bare-numbers/english.yml": BARE_NUMBERS_ENGLISH}
    return _build(tmp_path_factory.mktemp("english"), "test-bare-numbers", files)


def test_titles_and_headings_come_from_the_file(bare_numbers: BuildResult) -> None:
    db = bare_numbers.written.path
    assert (
        query(db, "select title_en from documents")[0][0]
        == "Measures of a city for building and administering digital government"
    )
    headings = {row["path"]: row["heading_en"] for row in query(db, "select path, heading_en from sections")}
    assert headings == {"1": "General provisions", "2": None}  # 2 is stale: its English is not published
    titles = {row["path"]: row["title_en"] for row in query(db, "select path, title_en from measures")}
    assert titles == {
        "1.1": "Purpose",
        "1.2": "Scope",
        "2.3": None,
        "2.4": "Projects enter the city's project pool",
        "2.6": "Entry into force",
    }


def test_the_build_reports_what_is_missing_stale_or_unknown(bare_numbers: BuildResult) -> None:
    gaps = {(gap.record_type, gap.record_id, gap.gap) for gap in bare_numbers.untranslated}
    assert gaps == {
        ("section", "test-bare-numbers.2", "stale"),
        ("measure", "test-bare-numbers.2.3", "missing"),
        ("measure", "test-bare-numbers.9.9", "unknown"),
    }
    report = "\n".join(english_block(bare_numbers.records, bare_numbers.untranslated, 200))
    assert "section 1/2, measure 4/5" in report
    where = "test-bare-numbers/english.yml: measure test-bare-numbers.2.3"
    assert f"{where} (市政务服务数据管理部门负责统筹全市数字政府建设): no English" in report


def test_a_new_document_without_english_is_reported_whole(genre_release: BuildResult) -> None:
    """The genre documents have no english.yml: every title and heading of theirs is reported missing."""
    missing = {(gap.record_type, gap.record_id) for gap in genre_release.untranslated if gap.gap == "missing"}
    assert ("document", "test-labelled-roles") in missing
    assert ("measure", "test-labelled-roles.1.1") in missing
    assert ("section", "test-labelled-roles.1") in missing
    assert not any(gap.record_type in ("entity", "place") for gap in genre_release.untranslated)  # the dictionaries are complete


def test_agency_names_official_or_not(tmp_path: Path) -> None:
    result = _build(tmp_path, "test-labelled-roles", {"english/agencies.yml": LABELLED_ROLES_AGENCIES})
    rows = query(
        result.written.path, "select id, name_en, name_en_official, name_en_source from agencies where name_en is not null"
    )
    found = {row["id"]: (row["name_en"], row["name_en_official"], row["name_en_source"]) for row in rows}
    assert found == {
        "shi-zheng-wu-fu-wu-he-shu-ju-guan-li-ju": ("Municipal Government Services and Data Administration", 0, None),
        "shi-gong-an-ju": (
            "Municipal Public Security Bureau",
            1,
            "https://example.org/en/about (the bureau's English page is headed Municipal Public Security Bureau)",
        ),
    }
    agency_gaps = {(gap.record_id, gap.gap) for gap in result.untranslated if gap.record_type == "agency"}
    assert ("shi-si-fa-ju", "stale") in agency_gaps
    assert ("shi-shi-chang-jian-guan-ju", "missing") in agency_gaps


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            LABELLED_ROLES_AGENCIES + LABELLED_ROLES_AGENCIES.split("agencies:\n")[1],
            "entry 4 (shi-zheng-wu-fu-wu-he-shu-ju-guan-li-ju): ",
        ),
        (LABELLED_ROLES_AGENCIES.replace("    source: {url", "    nosource: {url"), "nosource"),
        (LABELLED_ROLES_AGENCIES.split("    source:")[0], "an official English name needs a source"),
    ],
)
def test_a_bad_agencies_file_stops_the_build_naming_it(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(SourceError, match=r"english/agencies\.yml") as raised:
        _build(tmp_path, "test-labelled-roles", {"english/agencies.yml": content})
    assert message in str(raised.value)
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").glob("*.db"))  # nothing published


def test_a_document_file_with_a_wrong_key_names_the_file_and_key(tmp_path: Path) -> None:
    wrong = BARE_NUMBERS_ENGLISH.replace("measures:", "provisions:")
    with pytest.raises(SourceError, match=r"test-bare-numbers/english.yml: provisions: Extra inputs are not permitted"):
        _build(tmp_path, "test-bare-numbers", {"test-bare-numbers/english.yml": wrong})


def test_the_english_folder_is_not_taken_for_a_document(tmp_path: Path) -> None:
    sources = copy_sources([GENRE / "test-bare-numbers"], tmp_path / "sources")
    (sources / "english").mkdir()
    (sources / "notes").mkdir()
    with pytest.raises(SourceError, match=r"notes: folder has no document\.yml"):
        run_build(sources, tmp_path / "dist")
    shutil.rmtree(sources / "notes")
    assert run_build(sources, tmp_path / "dist").written.status == "written"
