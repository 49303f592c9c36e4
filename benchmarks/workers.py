"""How many uvicorn workers: the production command's throughput with --workers 1, 2, 3 and 4.

    .venv/bin/python benchmarks/workers.py [dist] [seconds per run] [--workers 1,2,3,4] [--rounds 2]

For each worker count, starts the README's production command twice (``uvicorn --factory
dbay.service.asgi:from_environment --http dbay.service.asgi:NoDelayHTTP --workers N``): with its
answer cache, and without (``DBAY_CACHE_BYTES=0``, every answer computed by Flask, what a URL
nobody has asked for yet costs). Every server is warmed up, then driven with wrk by id, a list
and a search, over 8 and 32 kept-alive connections and over 32 opened anew for every request, the
worker counts one after the other for each, so that other load on the machine falls on all of
them alike; each figure is the best of the rounds. Prints requests per second and the cores the
server's processes used by worker count, and writes every round (with p50, p99, the busiest
process's share of the server's time and the load average) to
benchmarks/results/<date>-<machine>-workers.json. wrk runs on the same machine, and takes a
share of the cores. Asserts nothing.
"""

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

from recording import results_path
from serving import (
    BENCHMARKS,
    children,
    cpu_seconds,
    free_port,
    latest_release,
    production_command,
    requests,
    start,
    stop,
    throughput,
)

KINDS = ("measure by id", "a document's measures, 50", "search 数据, 50")
# wrk's connections, kept alive or a new one for every request: uvicorn's workers share one listening
# socket and the first awake accepts every connection waiting, so a few kept-alive connections may
# all be served by one worker; new connections spread over them.
LOADS: dict[str, tuple[int, tuple[str, ...]]] = {
    "c=8": (8, ()),
    "c=32": (32, ()),
    "c=32 new": (32, ("-H", "Connection: close")),
}
CACHES: dict[str, dict[str, str]] = {"cached": {}, "uncached": {"DBAY_CACHE_BYTES": "0"}}
WARM_UP_SECONDS = 1  # every worker's connections, imports and (with the cache) answers


def _cpu(processes: list[int]) -> dict[int, float]:
    return {pid: cpu_seconds(pid) for pid in processes}


def _run(url: str, load: str, seconds: int, server: int) -> dict[str, Any]:
    """wrk's figures, and the cores the server's processes used meanwhile: in all, and the busiest's share."""
    processes = [server, *children(server)]
    connections, options = LOADS[load]
    before, started = _cpu(processes), time.monotonic()
    figures: dict[str, Any] = throughput(url, connections, seconds, options)
    elapsed = time.monotonic() - started
    used = {pid: spent - before[pid] for pid, spent in _cpu(processes).items()}
    total = sum(used.values())
    figures["server_cores"] = round(total / elapsed, 2)
    figures["busiest_share"] = round(max(used.values()) / total, 2) if total else 1.0
    return figures


def measure(
    servers: dict[tuple[int, str], tuple[int, int]], urls: dict[str, str], seconds: int, rounds: int
) -> list[dict[str, Any]]:
    """Every round of every request, cache, load and worker count, worker counts innermost."""
    rows: list[dict[str, Any]] = []
    for round_ in range(1, rounds + 1):
        for cache in CACHES:
            for kind in KINDS:
                for load in LOADS:
                    for (workers, server_cache), (port, pid) in servers.items():
                        if server_cache == cache:
                            machine_load = round(os.getloadavg()[0], 2)
                            figures = _run(f"http://127.0.0.1:{port}{urls[kind]}", load, seconds, pid)
                            row = {"round": round_, "workers": workers, "cache": cache, "request": kind, "load": load}
                            rows.append({**row, **figures, "load_average_before": machine_load})
    return rows


def best(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each measurement, its round with the most requests per second (the least disturbed)."""
    chosen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = (row["workers"], row["cache"], row["request"], row["load"])
        if key not in chosen or row["rps"] > chosen[key]["rps"]:
            chosen[key] = row
    return list(chosen.values())


def print_table(rows: list[dict[str, Any]], counts: list[int]) -> None:
    print(f"requests per second, and the cores the server used, by --workers; {os.cpu_count()} cores, wrk on one")
    print(f"{'request':<27} {'cache':<9} {'load':<9} " + " ".join(f"{f'workers={n}':>14}" for n in counts))
    for cache in CACHES:
        for kind in KINDS:
            for load in LOADS:
                found = {
                    row["workers"]: row for row in rows if (row["cache"], row["request"], row["load"]) == (cache, kind, load)
                }
                cells = " ".join(f"{found[n]['rps']:>7.0f} {found[n]['server_cores']:>4.1f}c" for n in counts)
                print(f"{kind:<27} {cache:<9} {load:<9} {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=Path("dist"))
    parser.add_argument("seconds", nargs="?", type=int, default=3)
    parser.add_argument("--workers", default="1,2,3,4", help="worker counts to measure, comma-separated")
    parser.add_argument("--rounds", type=int, default=2, help="times every figure is measured; the best is printed")
    args = parser.parse_args()
    counts = [int(count) for count in args.workers.split(",")]
    version, db = latest_release(args.data)
    urls = {kind: api_url for kind, (api_url, _) in requests(db).items()}
    ports = {(workers, cache): free_port() for workers in counts for cache in CACHES}
    started = []
    try:
        for (workers, cache), port in ports.items():
            started.append(start(production_command(port, workers), {"DBAY_DATA_DIR": str(args.data), **CACHES[cache]}, port))
        for port in ports.values():  # every worker up, with its imports and cached answers
            for kind in KINDS:
                throughput(f"http://127.0.0.1:{port}{urls[kind]}", 32, WARM_UP_SECONDS, LOADS["c=32 new"][1])
        servers = {key: (port, server.pid) for (key, port), server in zip(ports.items(), started, strict=True)}
        rows = measure(servers, urls, args.seconds, args.rounds)
    finally:
        for server in started:
            stop(server)
    print_table(best(rows), counts)
    out = results_path("workers")
    figures = {"release": version, "seconds": args.seconds, "cores": os.cpu_count(), "rounds": args.rounds, "rows": rows}
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written to {out.relative_to(BENCHMARKS.parent)}")


if __name__ == "__main__":
    main()
