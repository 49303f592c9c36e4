"""`dbay build` from the command line: progress, the summary, and one clear line for bad input."""

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dbay.build import segment
from dbay.build.clean import Paragraph
from dbay.cli import main
from tests.conftest import GENRE, copy_sources, write_release_config

DOCUMENT = "test-three-level-plan"


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """Sources with two documents, already built once into dist/."""
    sources = copy_sources([GENRE / DOCUMENT, GENRE / "test-regulation-articles"], tmp_path / "sources")
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.output
    write_release_config(sources, "2.0")  # the next build would publish
    return sources, tmp_path / "dist"


def test_build_prints_progress_and_a_table_per_document(tmp_path: Path) -> None:
    sources = copy_sources([GENRE / DOCUMENT], tmp_path / "sources")
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0
    assert "[1/1] test-three-level-plan" in result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith(DOCUMENT + " "))
    assert row.split()[1:5] == ["1", "10", "15", "43"]  # renditions, sections, provisions, agency links
    assert (tmp_path / "dist" / "dbay-1.0.db").exists()


def set_key(key: str, value: object) -> Callable[[Path], None]:
    def change(sources: Path) -> None:
        path = sources / DOCUMENT / "document.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if value is None:
            del data[key]
        else:
            data[key] = value
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    return change


def set_rendition(key: str, value: str) -> Callable[[Path], None]:
    def change(sources: Path) -> None:
        path = sources / DOCUMENT / "document.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["renditions"][0][key] = value
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    return change


def write_file(name: str, content: bytes) -> Callable[[Path], object]:
    return lambda sources: (sources / DOCUMENT / name).write_bytes(content)


def duplicate_document(sources: Path) -> None:
    (sources / "copy").mkdir()
    for path in (sources / DOCUMENT).iterdir():
        (sources / "copy" / path.name).write_bytes(path.read_bytes())


BAD_INPUT = {
    "missing key": (set_key("title", None), f"sources/{DOCUMENT}/document.yml: title: Field required"),
    "invalid id": (set_key("id", "Bad ID"), f"sources/{DOCUMENT}/document.yml: id: String should match pattern"),
    "not yaml": (write_file("document.yml", b"id: [unclosed\n"), f"sources/{DOCUMENT}/document.yml: not valid YAML"),
    "unknown script": (
        set_rendition("script", "zh-Latn"),
        f"sources/{DOCUMENT}/document.yml: renditions.0.script: Input should be 'zh-Hans' or 'zh-Hant'",
    ),
    "missing file": (set_rendition("file", "absent.txt"), f"sources/{DOCUMENT}/absent.txt: rendition file is missing"),
    "empty file": (write_file("official.txt", b" \n\n"), f"sources/{DOCUMENT}/official.txt: rendition file is empty"),
    "not utf-8": (
        write_file("official.txt", "一、总体要求\n".encode("gb18030")),
        f"sources/{DOCUMENT}/official.txt: not UTF-8 (invalid byte at line 1",
    ),
    "outside folder": (
        set_rendition("file", "../release.yml"),
        f"sources/{DOCUMENT}/document.yml: renditions.0.file '../release.yml' points outside its folder",
    ),
    "two documents, one id": (duplicate_document, "id 'test-three-level-plan' is also the id of sources/"),
    "missing release.yml": (lambda sources: (sources / "release.yml").unlink(), "sources/release.yml: file is missing"),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_fails_with_one_line_and_leaves_dist_as_it_was(built: tuple[Path, Path], case: str) -> None:
    sources, dist = built
    breaks, message = BAD_INPUT[case]
    breaks(sources)
    before = snapshot(dist)
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(dist)])
    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1 and message in error_lines[0], result.stderr
    assert snapshot(dist) == before


@pytest.mark.parametrize("command", ["serve", "datasette"])
def test_serving_without_a_release_says_what_to_do(tmp_path: Path, command: str) -> None:
    result = CliRunner().invoke(main, [command, "--out", str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert "no release in" in result.stderr and "dbay build" in result.stderr


def test_document_yml_may_carry_other_keys(tmp_path: Path) -> None:
    sources = copy_sources([GENRE / DOCUMENT], tmp_path / "sources")
    set_key("reviewed_by", "an editor")(sources)
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.stderr


PREVIEW_PLAN = Path(__file__).resolve().parent / "fixtures" / "preview" / "test-preview-plan"


def test_build_prints_a_report_per_document(tmp_path: Path) -> None:
    sources = copy_sources([PREVIEW_PLAN], tmp_path / "sources")
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.stderr
    assert "== test-preview-plan: 某市推进公共数据资源开发利用行动方案" in result.stdout
    assert "test-preview-plan/official.txt:4: declares 7 项 (“7项”) but 6 found at level 2" in result.stdout


def test_preview_prints_one_folder_and_writes_nothing(tmp_path: Path) -> None:
    folder = copy_sources([PREVIEW_PLAN], tmp_path / "sources") / PREVIEW_PLAN.name
    before = {path: path.read_bytes() for path in (tmp_path / "sources").rglob("*") if path.is_file()}
    result = CliRunner().invoke(main, ["preview", str(folder), "--no-excluded", "--width", "80"])
    assert result.exit_code == 0, result.stderr
    assert "  1.1 （一） 编制公共数据资源目录" in result.stdout
    assert "Excluded:" not in result.stdout and "Warnings: 4" in result.stdout
    assert {path: path.read_bytes() for path in (tmp_path / "sources").rglob("*") if path.is_file()} == before
    assert not (tmp_path / "dist").exists()


def test_preview_of_a_folder_without_document_yml_fails_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "draft").mkdir()
    result = CliRunner().invoke(main, ["preview", str(tmp_path / "draft")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'draft' / 'document.yml'}: file is missing (a document folder needs one)"


def test_an_unexpected_failure_is_one_error_line_and_no_release(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(paragraph: Paragraph) -> str | None:
        raise RuntimeError("unexpected shape")

    sources, dist = built
    before = snapshot(dist)
    monkeypatch.setattr(segment, "boilerplate_reason", failing)
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(dist)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1 and "RuntimeError: unexpected shape" in error_lines[0]
    assert "document test-regulation-articles: the build failed on test-regulation-articles/" in error_lines[0]
    assert snapshot(dist) == before
