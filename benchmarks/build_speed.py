"""How long the build takes and how much memory it uses, on the sources copied N times.

    .venv/bin/python benchmarks/build_speed.py [copies]

Prints figures; asserts nothing (targets belong here, not in timed tests).
"""

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from dbay.build.pipeline import run_build

SOURCES = Path(__file__).resolve().parent.parent / "sources"


def corpus(copies: int, target: Path) -> Path:
    """The project's documents ``copies`` times over, each copy under its own id."""
    target.mkdir()
    shutil.copy(SOURCES / "release.yml", target / "release.yml")
    for folder in sorted(p for p in SOURCES.iterdir() if (p / "document.yml").is_file()):
        for copy in range(copies):
            new_id = f"{folder.name}-{copy}"
            shutil.copytree(folder, target / new_id)
            config_path = target / new_id / "document.yml"
            config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
            config["id"] = new_id
            config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as scratch:
        sources = corpus(copies, Path(scratch) / "sources")
        started = time.perf_counter()
        result = run_build(sources, Path(scratch) / "dist")
        seconds = time.perf_counter() - started
        size = result.written.path.stat().st_size
    measures = len(result.records.measures)
    characters = sum(len(r.raw) for b in result.builds for r in b.loaded.renditions)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents        {len(result.builds)}")
    print(f"renditions       {sum(len(b.loaded.renditions) for b in result.builds)}")
    print(f"source chars     {characters:,}")
    print(f"measures         {measures}")
    print(f"build time       {seconds:.2f} s ({measures / seconds:.0f} measures/s, {characters / seconds / 1000:.0f} k chars/s)")
    print(f"peak memory      {peak:.0f} MiB")
    print(f"database size    {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
