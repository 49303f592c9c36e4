"""Where the benchmarks write their figures: ``benchmarks/results/<date>-<machine>[-<kind>].json``.

The machine is named by its host name and core count, so figures from different machines sit
side by side and the README can say which one it quotes.
"""

import datetime as dt
import json
import os
import platform
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def results_path(kind: str | None = None) -> Path:
    RESULTS.mkdir(exist_ok=True)
    machine = f"{platform.node() or 'machine'}-{os.cpu_count()}cpu"
    suffix = f"-{kind}" if kind else ""
    return RESULTS / f"{dt.date.today().isoformat()}-{machine}{suffix}.json"


def write_results(figures: dict[str, Any], kind: str | None = None) -> Path:
    """Write the figures as JSON and return the file's path relative to the project."""
    out = results_path(kind)
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out.relative_to(RESULTS.parent.parent)
