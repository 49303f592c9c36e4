"""`dbay preview` of one folder, and a failure while building a document, reported not raised."""

import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from dbay.build import assemble, segment, union
from dbay.build.assemble import BuildError
from dbay.build.clean import Paragraph
from dbay.build.load import SourceError
from dbay.build.pipeline import run_build
from dbay.build.preview import preview
from tests.conftest import copy_sources

PREVIEW = Path(__file__).resolve().parent.parent / "fixtures" / "preview"
PLAN = "test-preview-plan"


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the fixture folder, outside any sources/ folder."""
    return Path(shutil.copytree(PREVIEW / PLAN, tmp_path / "incoming" / PLAN))


def test_the_outline_is_a_tree_with_agencies_and_renditions(folder: Path) -> None:
    lines = preview(folder, width=200).splitlines()
    assert lines[0] == f"{PLAN}: 某市推进公共数据资源开发利用行动方案"
    assert lines[3].startswith("Preamble: 为加快释放公共数据要素价值，推动公共数据资源有序开发利用")
    tree = lines[lines.index(next(line for line in lines if line.startswith("Outline"))) + 1 :]
    assert tree[0] == "1 一 夯实数据基础"
    assert tree[1].startswith("  1.1 （一） 编制公共数据资源目录 ") and tree[1].endswith(" official.txt")
    assert tree[2].strip() == "lead: 市政务服务数据管理局 · participating: 市发展改革局、市财政局"
    assert tree[5] == "2 二 推动开发利用"
    provision_24 = next(line for line in tree if line.strip().startswith("2.4 "))
    assert provision_24.split()[:3] == ["2.4", "（四）", "举办数据创新大赛"]
    assert tree[tree.index(provision_24) + 1] == "3 三 强化保障"  # no agency line under 2.4


def test_excluded_text_comes_with_reasons_and_lines(folder: Path) -> None:
    text = preview(folder, width=200)
    assert "Excluded: 7 paragraphs" in text  # 4 of the page, 3 of the unrelated news report
    assert "  official.txt, 2 × front matter before the document's title" in text
    assert "    line    2  索引号：11440300MB2C00000X/2025-00117" in text
    assert "    line   15  点击查看政策解读" in text
    assert "  news.txt, 1 × the news report's headline\n    line    1  本市举办数据安全宣传周活动" in text


def test_warnings_close_the_preview(folder: Path) -> None:
    lines = preview(folder, width=200).splitlines()
    assert lines[lines.index("Warnings: 4") + 1 :] == [
        f"  {PLAN}/official.txt:4: declares 7 项 (“7项”) but 6 found at level 2",
        f"  {PLAN}/official.txt:11: numbering under 2 runs [1, 2, 4], with gaps",
        f"  {PLAN}/official.txt:11: provision 2.4 “举办数据创新大赛” names no agency (5 of 6 do)",
        f"  {PLAN}/news.txt: carries none of the 6 provisions: is it this document?",
    ]


def test_options_leave_out_excluded_text_and_narrow_the_lines(folder: Path) -> None:
    text = preview(folder, width=60, show_excluded=False)
    assert "Excluded:" not in text and "索引号" not in text
    assert all(columns(line) <= 60 for line in text.splitlines()), max(text.splitlines(), key=columns)
    assert "Warnings: 4" in text


def test_a_folder_named_otherwise_than_its_id_is_warned_of(folder: Path) -> None:
    renamed = folder.rename(folder.parent / "new-document")
    assert f"new-document/document.yml: id '{PLAN}' differs from the folder name 'new-document'" in preview(renamed)


def test_a_folder_without_document_yml_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourceError, match=r"empty/document.yml: file is missing"):
        preview(tmp_path / "empty")


def test_a_rendition_that_does_not_load_is_a_clear_error(folder: Path) -> None:
    (folder / "news.txt").write_bytes("一、总体要求\n".encode("gb18030"))
    with pytest.raises(SourceError, match=rf"{PLAN}/news.txt: not UTF-8 \(invalid byte at line 1"):
        preview(folder)


def fail_on(marker: str) -> Callable[[Paragraph], str | None]:
    """A stand-in for the segmenter's boilerplate check that fails on one line, as a bug would."""
    original = segment.boilerplate_reason

    def failing(paragraph: Paragraph) -> str | None:
        if marker in paragraph.text.text:
            raise ValueError("empty text has no span")
        return original(paragraph)

    return failing


def test_a_failure_in_a_rendition_names_document_file_and_line(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "boilerplate_reason", fail_on("举办数据创新大赛"))
    with pytest.raises(BuildError) as raised:
        preview(folder)
    message = str(raised.value)
    assert message.startswith(f"document {PLAN}: the build failed on {PLAN}/official.txt, line 11: ")
    assert "ValueError: empty text has no span" in message


def test_a_failure_in_a_later_stage_still_finds_its_line(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object, **kwargs: object) -> object:
        raise KeyError("clause")

    monkeypatch.setattr(assemble, "split_agency_clause", failing)
    with pytest.raises(BuildError) as raised:
        preview(folder)
    # the first text whose clause is looked for is the heading of section 1, on line 5
    assert str(raised.value).startswith(f"document {PLAN}: the build failed on {PLAN}/official.txt, line 5: KeyError")


def test_a_failure_between_renditions_names_them_all(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object) -> object:
        raise IndexError("no such leaf")

    monkeypatch.setattr(union, "align", failing)  # only a second rendition is aligned
    with pytest.raises(BuildError) as raised:
        preview(folder)
    assert str(raised.value).startswith(
        f"document {PLAN}: the build failed assembling it from {PLAN}/official.txt, {PLAN}/news.txt: IndexError: no such leaf"
    )


def test_a_failing_document_stops_the_build_and_publishes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = copy_sources([PREVIEW / PLAN], tmp_path / "sources")
    monkeypatch.setattr(segment, "boilerplate_reason", fail_on("健全安全管理制度"))
    with pytest.raises(BuildError, match=rf"{PLAN}/official.txt, line 13: ValueError"):
        run_build(sources, tmp_path / "dist")
    assert not (tmp_path / "dist").exists()
    assert not (sources / "published-ids.tsv").exists()
