"""What the variants stage costs the build: the seeds copied ``scale`` times over, every rendition kept.

    .venv/bin/python benchmarks/variants_speed.py [scale]      (default: 100)

``corpus.py``'s corpus keeps only each document's canonical rendition, where the stage has nothing to
compare; here each seed folder is copied whole (official text, encyclopedia page, news report) under a
new id, so the stage compares as many renditions as the seeds have, ``scale`` times. The build runs
once; the stage's time is read off its progress lines (from the stage's line to the next one), and
the build without it is the rest. Writes the figures to benchmarks/results/<date>-<machine>-variants.json.
Asserts nothing.
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from recording import write_results

from dbay.build.load import DOCUMENT_FILE
from dbay.build.pipeline import run_build

SOURCES = Path(__file__).resolve().parent.parent / "sources"
STAGE = "Comparing renditions"


def copied_sources(scale: int, target: Path) -> Path:
    """The project's sources with each document folder copied ``scale`` times under new ids."""
    shutil.copytree(SOURCES, target)
    folders = [folder for folder in target.iterdir() if (folder / DOCUMENT_FILE).exists()]
    for folder in folders:
        for number in range(1, scale):
            copy = folder.with_name(f"{folder.name}-copy-{number}")
            shutil.copytree(folder, copy)
            config = copy / DOCUMENT_FILE
            text = config.read_text(encoding="utf-8").replace(f"id: {folder.name}\n", f"id: {copy.name}\n", 1)
            config.write_text(text, encoding="utf-8")
    return target


def main() -> None:
    scale = int(sys.argv[1]) if sys.argv[1:] else 100
    lines: list[tuple[float, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        sources = copied_sources(scale, Path(scratch) / "sources")
        started = time.perf_counter()
        result = run_build(sources, Path(scratch) / "dist", lambda line: lines.append((time.perf_counter(), line)))
        total = time.perf_counter() - started
    at = next(i for i, (_, line) in enumerate(lines) if line.startswith(STAGE))
    stage = lines[at + 1][0] - lines[at][0]
    figures: dict[str, Any] = {
        "scale": scale,
        "documents": len(result.builds),
        "measures": len(result.records.measures),
        "measure_sources": len(result.records.measure_sources),
        "variants": len(result.records.variants),
        "build_seconds": round(total, 2),
        "variants_stage_seconds": round(stage, 2),
        "build_seconds_without_stage": round(total - stage, 2),
        "stage_share": round(stage / total, 4),
    }
    for name, value in figures.items():
        print(f"{name:>28}: {value}")
    print(f"written to {write_results(figures, 'variants')}")


if __name__ == "__main__":
    main()
