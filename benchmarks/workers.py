"""How many uvicorn workers: the production command's throughput with --workers 1, 2, 3 and 4.

    .venv/bin/python benchmarks/workers.py [dist] [seconds per run] [--workers 1,2,3,4] [--rounds 2]

For each worker count, starts the README's production command twice (``uvicorn --factory
dbay.service.asgi:from_environment --http dbay.service.asgi:NoDelayHTTP --workers N``): with its
answer cache, and without (``DBAY_CACHE_BYTES=0``, every answer computed by Flask, what a URL
nobody has asked for yet costs). Every server is warmed up, then driven with wrk by id, a list
and a search, at 8 and 32 connections, the worker counts one after the other for each request so
that other load on the machine falls on all of them alike; each figure is the best of the rounds.
Prints requests per second and p99 by worker count, and writes every round to
benchmarks/results/<date>-<machine>-workers.json. wrk runs on the same machine and takes a core
of its own; the load average is recorded beside the figures. Asserts nothing.
"""

import argparse
import json
import os
from pathlib import Path
from typing import Any

from serving import BENCHMARKS, free_port, latest_release, production_command, requests, results_path, start, stop, throughput

KINDS = ("measure by id", "a document's measures, 50", "search 数据, 50")
CONNECTIONS = (8, 32)
CACHES: dict[str, dict[str, str]] = {"cached": {}, "uncached": {"DBAY_CACHE_BYTES": "0"}}
WARM_UP_SECONDS = 1  # every worker's connections, imports and (with the cache) answers


def measure(ports: dict[tuple[int, str], int], urls: dict[str, str], seconds: int, rounds: int) -> list[dict[str, Any]]:
    """Every round of every request, cache, connection count and worker count, worker counts innermost."""
    rows: list[dict[str, Any]] = []
    for round_ in range(1, rounds + 1):
        for cache in CACHES:
            for kind in KINDS:
                for connections in CONNECTIONS:
                    for (workers, server_cache), port in ports.items():
                        if server_cache != cache:
                            continue
                        load = os.getloadavg()[0]
                        figures = throughput(f"http://127.0.0.1:{port}{urls[kind]}", connections, seconds)
                        row = {"round": round_, "workers": workers, "cache": cache, "request": kind, "connections": connections}
                        rows.append({**row, **figures, "load_before": round(load, 2)})
    return rows


def best(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each measurement, its round with the most requests per second (the least disturbed)."""
    chosen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = (row["workers"], row["cache"], row["request"], row["connections"])
        if key not in chosen or row["rps"] > chosen[key]["rps"]:
            chosen[key] = row
    return list(chosen.values())


def print_table(rows: list[dict[str, Any]], counts: list[int]) -> None:
    print(f"requests per second (p99 ms) by --workers; {os.cpu_count()} cores")
    print(f"{'request':<27} {'cache':<9} {'c':>3} " + " ".join(f"{f'workers={n}':>16}" for n in counts))
    for cache in CACHES:
        for kind in KINDS:
            for connections in CONNECTIONS:
                found = {
                    row["workers"]: row
                    for row in rows
                    if (row["cache"], row["request"], row["connections"]) == (cache, kind, connections)
                }
                cells = " ".join(f"{found[n]['rps']:>8.0f} ({found[n]['p99_ms']:>5.1f})" for n in counts)
                print(f"{kind:<27} {cache:<9} {connections:>3} {cells}")


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
    servers = []
    try:
        for (workers, cache), port in ports.items():
            servers.append(start(production_command(port, workers), {"DBAY_DATA_DIR": str(args.data), **CACHES[cache]}, port))
        for port in ports.values():  # every worker up, with its connections, imports and cached answers
            for kind in KINDS:
                throughput(f"http://127.0.0.1:{port}{urls[kind]}", max(CONNECTIONS), WARM_UP_SECONDS)
        rows = measure(ports, urls, args.seconds, args.rounds)
    finally:
        for server in servers:
            stop(server)
    print_table(best(rows), counts)
    out = results_path("workers")
    figures = {"release": version, "seconds": args.seconds, "cores": os.cpu_count(), "rounds": args.rounds, "rows": rows}
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written to {out.relative_to(BENCHMARKS.parent)}")


if __name__ == "__main__":
    main()
