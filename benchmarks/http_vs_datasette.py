"""The API against plain Datasette on the same release file, and against the server's own ceiling.

    .venv/bin/python benchmarks/http_vs_datasette.py [dist] [seconds per run]

Starts three servers on one worker each, under the same uvicorn: the API as the README's
production command runs it (``benchmarks/serving.py``, with ``--workers 1``), plain
``datasette serve`` on the same release file, and a bare ASGI app that returns the API's by-id
bytes (the ceiling). Then, with wrk, for each kind of request and 1, 8 and 32 connections,
alternately the API and Datasette: requests per second, p50 and p99. Prints the table with the
ratios and writes it to benchmarks/results/<date>-<machine>.json. Asserts nothing.
"""

import json
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from recording import results_path
from serving import (
    BENCHMARKS,
    QUIET,
    UVICORN,
    free_port,
    latest_release,
    production_command,
    requests,
    start,
    stop,
    throughput,
)

CONNECTIONS = (1, 8, 32)


def _print(rows: list[dict[str, Any]], ceiling: dict[str, float]) -> None:
    header = ("request", "c", "API req/s", "p50", "p99", "Datasette", "p50", "p99", "ratio")
    print("{:<28} {:>3} {:>10} {:>7} {:>7} {:>10} {:>7} {:>7} {:>6}".format(*header))
    for row in rows:
        api, other = row["api"], row["datasette"]
        print(
            f"{row['request']:<28} {row['connections']:>3} {api['rps']:>10.0f} {api['p50_ms']:>7.2f} {api['p99_ms']:>7.2f}"
            f" {other['rps']:>10.0f} {other['p50_ms']:>7.2f} {other['p99_ms']:>7.2f} {api['rps'] / other['rps']:>5.1f}×"
        )
    print("uncached API (every answer computed by Flask), c=8:")
    for row in rows:
        if "api_uncached" in row:
            uncached, ratio = row["api_uncached"], row["api_uncached"]["rps"] / row["datasette"]["rps"]
            print(
                f"  {row['request']:<26} {uncached['rps']:>8.0f} req/s  p50 {uncached['p50_ms']:.2f} ms  {ratio:.1f}× Datasette"
            )
    by_id = next(row["api"]["rps"] for row in rows if row["request"] == "measure by id" and row["connections"] == 8)
    share = by_id / ceiling["rps"]
    print(f"ceiling (bare ASGI, the same by-id bytes, c=8): {ceiling['rps']:.0f} req/s; the API's by id is {share:.0%} of it")


def main(data: Path, seconds: int) -> None:
    version, db = latest_release(data)
    work = Path(tempfile.mkdtemp())
    shutil.copy(db, work / "dbay.db")  # the same file, named so that Datasette calls it dbay
    ports = {"api": free_port(), "uncached": free_port(), "datasette": free_port(), "ceiling": free_port()}
    urls = requests(db)
    datasette = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "-i",
        str(work / "dbay.db"),
        "--setting",
        "sql_time_limit_ms",
        "3000",
    ]
    servers = [
        start(production_command(ports["api"], workers=1), {"DBAY_DATA_DIR": str(data)}, ports["api"]),
        start(
            production_command(ports["uncached"], workers=1),
            {"DBAY_DATA_DIR": str(data), "DBAY_CACHE_BYTES": "0"},
            ports["uncached"],
        ),
        start([*datasette, "--port", str(ports["datasette"])], {}, ports["datasette"]),
    ]
    try:
        body = urllib.request.urlopen(f"http://127.0.0.1:{ports['api']}{urls['measure by id'][0]}").read()
        (work / "body.json").write_bytes(body)
        ceiling_command = [UVICORN, "--workers", "1", *QUIET, "--port", str(ports["ceiling"])]
        servers.append(
            start(
                [*ceiling_command, "--app-dir", str(BENCHMARKS), "bare_asgi:app"],
                {"BARE_BODY": str(work / "body.json")},
                ports["ceiling"],
            )
        )
        rows: list[dict[str, Any]] = []
        for name, (api_url, datasette_url) in urls.items():
            for connections in CONNECTIONS:
                row: dict[str, Any] = {
                    "request": name,
                    "connections": connections,
                    "api": throughput(f"http://127.0.0.1:{ports['api']}{api_url}", connections, seconds),
                    "datasette": throughput(f"http://127.0.0.1:{ports['datasette']}{datasette_url}", connections, seconds),
                }
                if connections == 8:  # what the answer cache buys: the API computing every answer
                    row["api_uncached"] = throughput(f"http://127.0.0.1:{ports['uncached']}{api_url}", connections, seconds)
                rows.append(row)
        ceiling = throughput(f"http://127.0.0.1:{ports['ceiling']}/", 8, seconds)
    finally:
        for server in servers:
            stop(server)
        shutil.rmtree(work)
    _print(rows, ceiling)
    out = results_path()
    out.write_text(
        json.dumps({"release": version, "seconds": seconds, "rows": rows, "ceiling": ceiling}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    print(f"written to {out.relative_to(BENCHMARKS.parent)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("dist"), int(sys.argv[2]) if len(sys.argv) > 2 else 3)
