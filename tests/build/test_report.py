"""The build report, on a document written with the defects it must point out."""

import unicodedata
from pathlib import Path

import pytest

from dbay.build.pipeline import BuildResult, run_build
from dbay.build.report import document_report, references_block, summary
from tests.conftest import copy_sources

PREVIEW = Path(__file__).resolve().parent.parent / "fixtures" / "preview"
PLAN = "test-preview-plan"
OFFICIAL = f"{PLAN}/official.txt"


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("report")
    return run_build(copy_sources([PREVIEW / PLAN], root / "sources"), root / "dist")


@pytest.fixture(scope="module")
def wide(result: BuildResult) -> list[str]:
    """The report with room enough that no line wraps."""
    return document_report(result.builds[0], width=300).splitlines()


def test_provisions_are_shown_beside_the_declared_count(wide: list[str]) -> None:
    assert wide[0] == f"== {PLAN}: 某市推进公共数据资源开发利用行动方案"
    assert wide[1].startswith("Provisions: 6 found, in 3 sections; canonical rendition official.txt")
    assert wide[1].endswith("text from official.txt 6")
    assert "  项: 7 declared, 6 found at level 2 (-1; “7项”)" in wide


def test_every_warning_names_its_file_and_line(wide: list[str]) -> None:
    start = wide.index("Warnings: 4")
    assert wide[start + 1 :] == [
        f"  {OFFICIAL}:4: declares 7 项 (“7项”) but 6 found at level 2",
        f"  {OFFICIAL}:11: numbering under 2 runs [1, 2, 4], with gaps",
        f"  {OFFICIAL}:11: provision 2.4 “举办数据创新大赛” names no agency (5 of 6 do)",
        f"  {PLAN}/news.txt: carries none of the 6 provisions: is it this document?",
    ]


def test_agencies_are_counted_by_role(wide: list[str]) -> None:
    at = next(i for i, line in enumerate(wide) if line.startswith("Agencies:"))
    assert wide[at].startswith("Agencies: 8 distinct, 5 lead and 7 participating links")
    listed = wide[at + 1].strip().split("; ")
    assert listed[0] == "市政务服务数据管理局 3/0"
    assert {"市财政局 0/2", "市工业和信息化局 1/1", "市委网信办 1/0", "市公安局 0/1"} <= set(listed)


def test_excluded_furniture_is_listed_by_reason_with_its_lines(wide: list[str]) -> None:
    at = wide.index("  official.txt, 2 × front matter before the document's title")
    assert wide[at + 1].startswith("    line    1  首页") and "政务公开" in wide[at + 1]
    assert wide[at + 2].startswith("    line    2  索引号")
    assert "  official.txt, 1 × list of related links (page furniture)" in wide  # 相关链接
    boilerplate = [line for line in wide if line.startswith("  official.txt, ") and "site boilerplate" in line]
    assert len(boilerplate) == 1  # 点击查看
    assert any(line.startswith("    line   14  相关链接") for line in wide)
    assert any(line.startswith("    line   15  点击查看政策解读") for line in wide)


def test_the_whole_report_keeps_to_100_columns(result: BuildResult) -> None:
    text = summary(result)
    lines = [line for line in text.splitlines() if line.strip() != str(result.written.path)]  # a path is as long as it is
    assert all(columns(line) <= 100 for line in lines), max(lines, key=columns)
    assert "1 documents, 4 warnings" in text
    row = next(line for line in text.splitlines() if line.startswith(PLAN + " "))
    assert row.split() == [PLAN, "2", "3", "6", "12", "6/7", "4"]  # files … links, declared, warnings


def test_deadlines_and_cited_documents_are_counted_per_document(seed_release: BuildResult) -> None:
    # From reading the seeds: the plan's three steps (2023年, 2024年, 2025年); the work points'
    # 确保到2024年底 and its two cited regulations, which the dataset does not hold.
    lines = references_block(seed_release.records, width=300)
    counts = {line.split()[0]: line.split()[1:] for line in lines[2:5]}
    assert counts == {
        "accelerating-digital-development-opinions": ["0", "0"],
        "digital-bay-area-action-plan": ["3", "0"],
        "digital-guangdong-2024-key-tasks": ["1", "2"],
    }
    assert lines[-1] == "Cited titles not in the dataset (2): 《广东省政务服务数字化条例》、《广东省数据条例》"
