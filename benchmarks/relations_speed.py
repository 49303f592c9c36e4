"""How much of the build the relations stage takes, and what it writes, as the corpus grows.

    .venv/bin/python benchmarks/relations_speed.py [scale …]      (default: 1 100)

Each scale is a synthetic sources folder (``corpus.py``), built once by ``run_build`` in this process; the
time of each stage is read off the build's progress lines, as CPU time of this process (the machine may
be shared) and as wall-clock time. Prints, per scale: measures, the whole build's CPU seconds, the
relations stage's, the build's without it, the stage's wall-clock seconds, and the relations written. The
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
        stamps: list[tuple[float, float, str]] = []
        started = time.process_time()
        result = run_build(
            sources, Path(scratch) / "dist", lambda line: stamps.append((time.process_time(), time.perf_counter(), line))
        )
        total = time.process_time() - started
    stage = next(number for number, (_, _, line) in enumerate(stamps) if line.startswith(STAGE))
    seconds = stamps[stage + 1][0] - stamps[stage][0]
    return {
        "scale": scale,
        "measures": len(result.records.measures),
        "build": total,
        "relations": seconds,
        "without": total - seconds,
        "wall": stamps[stage + 1][1] - stamps[stage][1],
        "rows": len(result.records.relations),
    }


def main(scales: list[int]) -> None:
    headers = ("scale", "measures", "build CPU s", "relations CPU s", "without CPU s", "relations wall s", "rows")
    print(" ".join(f"{header:>{width}}" for header, width in zip(headers, (6, 9, 12, 16, 14, 17, 9), strict=True)))
    for scale in scales:
        row = measure(scale)
        print(
            f"{row['scale']:>6} {row['measures']:>9,} {row['build']:>12.1f} {row['relations']:>16.1f} "
            f"{row['without']:>14.1f} {row['wall']:>17.1f} {row['rows']:>9,}",
            flush=True,
        )


if __name__ == "__main__":
    main([int(argument) for argument in sys.argv[1:]] or [1, 100])
