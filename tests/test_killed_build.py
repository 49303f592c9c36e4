"""A build killed half-way (SIGKILL: no cleanup runs) leaves the published releases and the id
register as they were, and the folder still serves them; building again completes the release."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from dbay import releases
from dbay.build.pipeline import run_build
from tests.conftest import GENRE, copy_sources, write_release_config

# A build that kills itself, without any chance to clean up, when the stage ``{stage}`` of module
# ``{module}`` starts: the rest of the build (renames, downloads, the id register) never runs.
KILLER = """
import os, signal, sys
from pathlib import Path
import dbay.build.{module} as module
import dbay.build.pipeline as pipeline

def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

setattr(module, "{stage}", killed)
if hasattr(pipeline, "{stage}"):  # imported by name into the pipeline, which calls it from there
    setattr(pipeline, "{stage}", killed)
pipeline.run_build(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path]:
    """Sources and a data folder holding release 1.0 of two genre documents."""
    sources = copy_sources([GENRE / "test-two-renditions", GENRE / "test-regulation-articles"], tmp_path / "sources")
    run_build(sources, tmp_path / "dist")
    write_release_config(sources, "1.1")
    (sources / "test-regulation-articles" / "official.txt").write_text(
        (sources / "test-regulation-articles" / "official.txt").read_text(encoding="utf-8")
        + "\n第十三条 本条例由省人民政府负责解释。\n",
        encoding="utf-8",
    )
    return sources, tmp_path / "dist"


def _killed_build(sources: Path, out: Path, module: str, stage: str) -> None:
    script = KILLER.format(module=module, stage=stage)
    result = subprocess.run([sys.executable, "-c", script, str(sources), str(out)], capture_output=True, timeout=300)
    assert result.returncode == -9, result.stderr.decode()[-2000:]


@pytest.mark.parametrize(
    ("module", "stage"),
    [
        ("write", "_create_tables"),  # while the new database is being written, before its rename
        ("downloads", "write_downloads"),  # after the new database is in place, before its downloads and ids
    ],
)
def test_a_killed_build_leaves_what_was_published(published: tuple[Path, Path], module: str, stage: str) -> None:
    sources, out = published
    before = {path.name: _digest(path) for path in out.iterdir()}
    register = (sources / "published-ids.tsv").read_bytes()
    _killed_build(sources, out, module, stage)

    # every file of release 1.0 is as it was, and the id register too
    assert {name: _digest(out / name) for name in before} == before
    assert (sources / "published-ids.tsv").read_bytes() == register
    # the folder serves 1.0, or 1.1 complete in its database (never a half-written file)
    folder = releases.ReleaseFolder(out)
    try:
        assert "1.0" in folder.versions
        for version in folder.versions:
            with releases.reading(out / releases.file_name(version)) as connection:
                assert connection.execute("pragma integrity_check").fetchone()[0] == "ok"
                assert connection.execute("select count(*) from measures").fetchone()[0] > 0
    finally:
        folder.close()

    # building again completes release 1.1: its downloads and the new ids
    result = run_build(sources, out)
    assert result.version == "1.1"
    assert (out / releases.file_name("1.1", "checksums")).exists()
    assert b"test-regulation-articles.3.13" in (sources / "published-ids.tsv").read_bytes()
