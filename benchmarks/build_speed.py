"""How build time and peak memory grow with the corpus: the seeds, 10×, 100× and 1,000× over.

    .venv/bin/python benchmarks/build_speed.py [scale …]      (default: 1 10 100 1000)

Each scale is a synthetic sources folder (``corpus.py``: the seeds' provisions recombined into
new documents of the seeds' shapes), built by ``run_build`` in a fresh subprocess, so that its
peak memory is its own. Prints, per scale: documents, measures, source characters, seconds,
measures per second, peak memory (and what the build added to the interpreter's), database size,
and time and memory per measure relative to the smallest scale: the linearity check, since a
ratio that grows with the scale means the build grows faster than the corpus. Writes the figures
to benchmarks/results/<date>-<machine>-build.json. Asserts nothing.
"""

import datetime as dt
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import synthetic_sources
from recording import write_results

from dbay.build.pipeline import run_build

BENCHMARKS = Path(__file__).resolve().parent
DEFAULT_SCALES = (1, 10, 100, 1000)
CHILD = "--child"
MIB = 1024 * 1024

# The table: each column's header, the figure it shows and how.
COLUMNS = (
    ("scale", "scale", ","),
    ("documents", "documents", ","),
    ("measures", "measures", ","),
    ("source chars", "source_chars", ","),
    ("seconds", "seconds", ".1f"),
    ("CPU s", "cpu_seconds", ".1f"),
    ("measures/s", "measures_per_second", ",.0f"),
    ("peak MiB", "peak_mib", ",.0f"),
    ("build MiB", "build_mib", ",.0f"),
    ("db MB", "db_mb", ",.1f"),
    ("time/measure", "time_ratio", ".2f"),
    ("memory/measure", "memory_ratio", ".2f"),
)
WIDTH = 12  # wide enough for 1,000×'s figures


def table_line(cells: list[str]) -> str:
    return "".join(f"{cell:>{max(WIDTH, len(header) + 2)}}" for cell, (header, _, _) in zip(cells, COLUMNS, strict=True))


def build_in_this_process(sources: Path, out: Path) -> dict[str, Any]:
    """Build ``sources``, and say how long it took, what it holds and how much memory it took."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    result = run_build(sources, out)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "documents": len(result.builds),
        "renditions": sum(len(b.loaded.renditions) for b in result.builds),
        "measures": len(result.records.measures),
        "source_chars": sum(len(r.raw) for b in result.builds for r in b.loaded.renditions),
        "seconds": seconds,
        "cpu_seconds": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
        "peak_mib": after.ru_maxrss * 1024 / MIB,  # ru_maxrss is in KiB on Linux
        "build_mib": (after.ru_maxrss - before.ru_maxrss) * 1024 / MIB,
        "db_mb": result.written.path.stat().st_size / 1e6,
    }


def measure(scale: int) -> dict[str, Any]:
    """One scale: its corpus written here, built in a fresh interpreter."""
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        sources = synthetic_sources(scale, Path(scratch) / "sources")
        generated = time.perf_counter() - started
        child = subprocess.run(
            [sys.executable, __file__, CHILD, str(sources), str(Path(scratch) / "dist")],
            capture_output=True,
            text=True,
            check=False,
        )
    if child.returncode:
        raise RuntimeError(f"the build of scale {scale} failed:\n{child.stderr}")
    figures: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    per_second = figures["measures"] / figures["seconds"]
    return {"scale": scale, "generation_seconds": generated, **figures, "measures_per_second": per_second}


def with_ratios(row: dict[str, Any], first: dict[str, Any]) -> dict[str, Any]:
    """CPU time and memory per measure, relative to the first scale's: 1 throughout is linear growth.

    CPU time, not the wall clock, which on a shared machine also counts other processes' turns.
    """
    per_measure = row["cpu_seconds"] / row["measures"], row["build_mib"] / row["measures"]
    first_per_measure = first["cpu_seconds"] / first["measures"], first["build_mib"] / first["measures"]
    return {
        **row,
        "time_ratio": per_measure[0] / first_per_measure[0],
        "memory_ratio": per_measure[1] / first_per_measure[1] if first_per_measure[1] else float("nan"),
    }


def growth(smaller: dict[str, Any], larger: dict[str, Any]) -> str:
    """How much each figure grew from one scale to the next: linear growth has them all grow alike.

    Unlike the ratios to the first scale, this leaves out what every build costs whatever its size
    (the interpreter's memory, writing the downloads), which dominates the smallest corpus.
    """
    keys = {"measures": "measures", "seconds": "seconds", "cpu_seconds": "CPU s", "build_mib": "build MiB"}
    return ", ".join(f"{name} ×{larger[key] / smaller[key] if smaller[key] else float('nan'):.1f}" for key, name in keys.items())


def main() -> None:
    if sys.argv[1:2] == [CHILD]:
        print(json.dumps(build_in_this_process(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    scales = sorted({int(arg) for arg in sys.argv[1:]}) or list(DEFAULT_SCALES)
    print(table_line([header for header, _, _ in COLUMNS]))
    rows: list[dict[str, Any]] = []
    for scale in scales:
        row = measure(scale)
        rows.append(with_ratios(row, rows[0] if rows else row))
        print(table_line([format(rows[-1][key], spec) for _, key, spec in COLUMNS]), flush=True)
    print(
        "peak MiB is the whole process, build MiB what the build added to the interpreter's; time/measure and "
        f"memory/measure are CPU s and build MiB per measure relative to scale {scales[0]} (1.00: linear growth)"
    )
    for smaller, larger in itertools.pairwise(rows):
        print(f"scale {smaller['scale']:,} → {larger['scale']:,}: " + growth(smaller, larger))
    summary = {
        "date": dt.date.today().isoformat(),
        "machine": platform.node(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "corpus": "benchmarks/corpus.py, seed 0: the seed documents' shapes, their provisions recombined",
        "scales": rows,
    }
    print(f"written to {write_results(summary, 'build')}")


if __name__ == "__main__":
    main()
