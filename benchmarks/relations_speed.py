"""How much of the build the relations stage takes, and what it writes, as the corpus grows.

    .venv/bin/python benchmarks/relations_speed.py [scale …]      (default: 1 100)

Each scale is a synthetic sources folder (``corpus.py``), built once by ``run_build``; the time of each
stage is read off the build's progress lines. Prints, per scale: measures, the whole build's seconds,
the relations stage's seconds, the build's seconds without it, and the relations written. The
synthetic corpus repeats every seed provision about ``scale`` times, so every wording is frequent
there: the stage's budgets (build/relations.py) are what keep it bounded. Asserts nothing.
"""

import sys
import tempfile
import time
from pathlib import Path

from corpus import synthetic_sources

from dbay.build.pipeline import run_build

STAGE = "Relating"  # the relations stage's progress line starts so


def measure(scale: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        sources = synthetic_sources(scale, Path(scratch) / "sources")
        stamps: list[tuple[float, str]] = []
        started = time.perf_counter()
        result = run_build(sources, Path(scratch) / "dist", lambda line: stamps.append((time.perf_counter(), line)))
        total = time.perf_counter() - started
    stage = next(number for number, (_, line) in enumerate(stamps) if line.startswith(STAGE))
    seconds = stamps[stage + 1][0] - stamps[stage][0]
    return {
        "scale": scale,
        "measures": len(result.records.measures),
        "build": total,
        "relations": seconds,
        "without": total - seconds,
        "rows": len(result.records.relations),
    }


def main(scales: list[int]) -> None:
    print(f"{'scale':>6} {'measures':>9} {'build s':>9} {'relations s':>12} {'without s':>10} {'relations':>10}")
    for scale in scales:
        row = measure(scale)
        print(
            f"{row['scale']:>6} {row['measures']:>9,} {row['build']:>9.1f} {row['relations']:>12.1f} "
            f"{row['without']:>10.1f} {row['rows']:>10,}",
            flush=True,
        )


if __name__ == "__main__":
    main([int(argument) for argument in sys.argv[1:]] or [1, 100])
