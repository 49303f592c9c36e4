"""Soak: the production command under a steady, realistic mix for minutes; memory and descriptors over time.

    .venv/bin/python benchmarks/soak.py [dist] [--seconds 180] [--every 10] [--connections 4] [--workers N]

(``SOAK_SECONDS`` also sets the length.) Starts the README's production command (``uvicorn
--factory dbay.service.asgi:from_environment --http dbay.service.asgi:NoDelayHTTP --workers N``,
N the number of cores) on a free port, with a small answer cache (``DBAY_CACHE_BYTES``, 4 MiB) so
that it fills and evicts. Every URL of the mix is asked for once and its status checked; then wrk
drives the mix with a fixed, small number of connections (``soak.lua``): measures by id, lists
with filters and cursors, hundreds of different searches, documents, outlines, agencies, 404s,
400s and Datasette pages. Every ``--every`` seconds it samples each server process's resident
memory (VmRSS) and open file descriptors. Prints the samples, then the verdict: statuses, 5xx,
socket errors, answers other than expected, tracebacks in the server's log, workers restarted,
memory growth from the end of the first minute (or third, for a short run) to the end, and
descriptors at start and end. Writes the figures to benchmarks/results/<date>-<machine>-soak.json.
Asserts no timing; exits 1 if any answer was a 5xx or not the expected one, or a socket failed.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from recording import results_path
from serving import BENCHMARKS, children, free_port, latest_release, production_command, start, stop

from dbay import releases

CACHE_BYTES = 4 * 1024 * 1024
SEARCHES = 400  # distinct queries: their answers are several times the cache
API = "/api/v1"


def _mix(db: Path) -> list[tuple[str, int]]:
    """(path, expected status) for every URL of the mix, from the release's own ids and text."""
    connection = releases.open_read_only(db)
    try:
        rows = connection.execute("select id, document_id, title, title_hant, text from measures").fetchall()
        documents = [row[0] for row in connection.execute("select id from documents")]
        sections = connection.execute("select document_id, path from sections where level = 1").fetchall()
        agencies = [row[0] for row in connection.execute("select distinct agency_id from measure_agencies")]
    finally:
        connection.close()
    quote = urllib.parse.quote
    measures = [row["id"] for row in rows]
    found: list[tuple[str, int]] = [(f"{API}/measures/{measure}", 200) for measure in measures]
    found += [(f"{API}/measures/{measure}?lang=zh-Hant", 200) for measure in measures[::5]]
    found += [(f"{API}/measures/{measure}", 200) for measure in measures[:10] * 4]  # some are asked for far more
    for document in documents:
        found += [
            (f"{API}/documents/{document}", 200),
            (f"{API}/documents/{document}?lang=zh-Hant", 200),
            (f"{API}/measures?document={document}&limit=50", 200),
            (f"{API}/measures?document={document}&limit=10&fields=title,path", 200),
            (f"/data/dbay/measures?document_id={document}", 200),
        ]
    found += [(f"{API}/measures?document={document}&section={path}", 200) for document, path in sections]
    for agency in agencies:
        found += [(f"{API}/agencies/{agency}", 200), (f"{API}/measures?agency={agency}&role=lead&limit=20", 200)]
    found += [(f"{API}/agencies/{agency}?include=predecessors", 200) for agency in agencies[::4]]
    found += [(f"{API}/measures?agency={agency}&predecessors=true", 200) for agency in agencies[::4]]
    # Searches: substrings of the measures' text in either script, so most find something and all differ.
    texts = [text for row in rows for text in (row["title"], row["title_hant"], row["text"])]
    queries: set[str] = set()
    chance = random.Random(10)  # the same mix every run
    while len(queries) < SEARCHES:
        text = chance.choice(texts)
        length, begin = chance.choice((1, 2, 2, 2, 3, 4)), chance.randrange(len(text))
        query = text[begin : begin + length].strip()
        if query and not any(mark in query for mark in "，。、；：（）《》“”"):
            queries.add(query)
    found += [(f"{API}/measures?q={quote(query)}&limit=40", 200) for query in sorted(queries)]
    found += [(f"{API}/measures?q={quote('数据')}&limit=50", 200)] * 10 + [(f"{API}/measures?q=qqqzzz", 200)]
    found += [(f"{API}/documents", 200), (f"{API}/agencies", 200), (f"{API}/agencies?limit=5", 200)] * 5
    found += [(f"{API}/releases", 200), (f"{API}/measures?limit=50", 200), ("/", 200), ("/downloads/", 200)]
    found += [
        (f"{API}/measures/no-such-measure", 404),
        (f"{API}/documents/no-such-document", 404),
        (f"{API}/agencies/no-such-agency", 404),
        (f"{API}/no-such-resource", 404),
        ("/no-such-page", 404),
        (f"{API}/measures?limit=0", 400),
        (f"{API}/measures?limit=many", 400),
        (f"{API}/measures?lang=xx", 400),
        (f"{API}/measures?cursor=not-a-cursor", 400),
        (f"{API}/measures?colour=red", 400),
        (f"{API}/measures?release=1999.1", 400),
        (f"{API}/measures?role=boss", 400),
    ]
    found += [
        ("/data/", 200),
        ("/data/dbay", 200),
        (f"/data/dbay/measures/{quote(measures[0])}.json", 200),
        (f"/data/dbay/measures.json?_search={quote('数据')}&_size=20", 200),
        (f"/data/dbay/search.json?q={quote('养老')}", 200),
        ("/data/dbay/no_such_table", 404),
        ("/data/dbay/measures/no-such-row.json", 404),
        ("/data/dbay/measures.json?_size=many", 400),
    ]
    return found


def _check(base: str, mix: list[tuple[str, int]]) -> tuple[list[tuple[str, int]], int]:
    """Every URL asked for once, its status checked; the mix with cursors added, and the bytes of the API's answers."""
    cursors: list[tuple[str, int]] = []
    api_bytes = 0
    for path, expected in mix:
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        if status != expected:
            sys.exit(f"{path} answered {status}, not {expected}: the mix or the server is wrong")
        api_bytes += len(body) if path.startswith(API) and status == 200 else 0
        if path.startswith(f"{API}/measures?") and "limit=" in path and status == 200:
            following = json.loads(body)["links"].get("next")
            cursors += [(following, 200)] if following else []
    return mix + cursors, api_bytes


def _role(pid: int) -> str:
    command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    return "worker" if b"spawn_main" in command else "tracker" if b"resource_tracker" in command else "other"


def _fd_kinds(pid: int) -> dict[str, int]:
    """What a process's descriptors are open on, counted: socket, pipe, anon_inode:[eventpoll], a file's name."""
    kinds: dict[str, int] = {}
    for descriptor in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{descriptor}")
        except OSError:
            continue  # closed meanwhile
        kind = re.sub(r":\[\d+\]$", "", target) if not target.startswith("/") else Path(target).name
        kinds[kind] = kinds.get(kind, 0) + 1
    return dict(sorted(kinds.items()))


def _sample(master: int, started: float) -> dict[str, Any]:
    processes: dict[str, dict[str, Any]] = {}
    for pid in [master, *children(master)]:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            rss_kib = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))  # type: ignore[union-attr]
            descriptors = len(os.listdir(f"/proc/{pid}/fd"))
            role = "master" if pid == master else _role(pid)
        except (OSError, AttributeError):
            continue  # it ended meanwhile
        processes[str(pid)] = {"role": role, "rss_mib": round(rss_kib / 1024, 1), "fds": descriptors, "fd_kinds": _fd_kinds(pid)}
    return {"t": round(time.monotonic() - started), "processes": processes}


def _wrk_figures(output: str) -> dict[str, Any]:
    """What wrk and soak.lua reported: requests, latency, statuses, unexpected answers, socket errors."""
    statuses: dict[int, int] = {}
    for code, count in re.findall(r"^status (\d+) (\d+)$", output, re.MULTILINE):  # one line a thread and status
        statuses[int(code)] = statuses.get(int(code), 0) + int(count)
    errors = re.search(r"^errors (\d+) (\d+) (\d+) (\d+)$", output, re.MULTILINE)
    socket_errors = dict(zip(("connect", "read", "write", "timeout"), map(int, errors.groups()), strict=True)) if errors else {}
    latency = {share: re.search(rf"^\s+{share}%\s+(\S+)$", output, re.MULTILINE) for share in ("50", "99")}
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "p50": latency["50"].group(1) if latency["50"] else None,
        "p99": latency["99"].group(1) if latency["99"] else None,
        "statuses": dict(sorted(statuses.items())),
        "unexpected": re.findall(r"^unexpected (\d+) (\d+) (.*)$", output, re.MULTILINE),
        "socket_errors": socket_errors,
    }


def _print_samples(samples: list[dict[str, Any]]) -> None:
    """One row a sample: each process's RSS (MiB) and descriptors, workers in the order first seen."""
    order = list(dict.fromkeys(pid for sample in samples for pid in sample["processes"]))
    roles = {pid: next(s["processes"][pid]["role"] for s in samples if pid in s["processes"]) for pid in order}
    print(f"{'t (s)':>6} " + " ".join(f"{f'{roles[pid]} {pid}':>20}" for pid in order) + f" {'total MiB':>10}")
    for sample in samples:
        processes = sample["processes"]
        cells = [
            f"{processes[pid]['rss_mib']:>9.1f} MiB {processes[pid]['fds']:>3} fd" if pid in processes else f"{'-':>20}"
            for pid in order
        ]
        total = sum(process["rss_mib"] for process in processes.values())
        print(f"{sample['t']:>6} " + " ".join(cells) + f" {total:>10.1f}")


def _growth(samples: list[dict[str, Any]], settled_at: int) -> dict[str, dict[str, Any]]:
    """Per process: RSS once settled (the first sample from ``settled_at`` s) and at the end; descriptors at start and end."""
    settled = next((sample for sample in samples if sample["t"] >= settled_at), samples[-1])
    first, last = samples[0], samples[-1]
    growth: dict[str, dict[str, Any]] = {}
    for pid, process in last["processes"].items():
        if pid in settled["processes"] and pid in first["processes"]:
            before = settled["processes"][pid]["rss_mib"]
            growth[pid] = {
                "role": process["role"],
                "rss_settled_mib": before,
                "rss_end_mib": process["rss_mib"],
                "rss_growth_mib": round(process["rss_mib"] - before, 1),
                "fds_start": first["processes"][pid]["fds"],
                "fds_end": process["fds"],
                "fd_kinds_start": first["processes"][pid]["fd_kinds"],
                "fd_kinds_end": process["fd_kinds"],
            }
    return growth


def _drive(base: str, mix_file: Path, args: argparse.Namespace, server: int) -> tuple[str, list[dict[str, Any]]]:
    """wrk's output, and the samples of the server's processes taken while it ran (and one after)."""
    command = ["wrk", f"-t{args.connections}", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", "--timeout", "10s"]
    command += ["-s", str(BENCHMARKS / "soak.lua"), base, "--", str(mix_file)]
    started = time.monotonic()
    load = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    samples = [_sample(server, started)]
    while load.poll() is None:
        time.sleep(max(0.0, started + samples[-1]["t"] + args.every - time.monotonic()))
        samples.append(_sample(server, started))
    output = load.communicate()[0]
    if load.returncode != 0:
        sys.exit(f"wrk failed:\n{output}")
    return output, samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=Path("dist"))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("SOAK_SECONDS", 180)))
    parser.add_argument("--every", type=int, default=10, help="seconds between samples of memory and descriptors")
    parser.add_argument("--connections", type=int, default=4, help="wrk's connections, one thread each")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="uvicorn workers (default: one per core)")
    args = parser.parse_args()
    version, db = latest_release(args.data)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp())
    env = {"DBAY_DATA_DIR": str(args.data), "DBAY_CACHE_BYTES": str(CACHE_BYTES)}
    with (work / "server.log").open("wb") as log:
        server = start(production_command(port, args.workers), env, port, stderr=log.fileno())
        try:
            mix, api_bytes = _check(base, _mix(db))
            random.Random(10).shuffle(mix)
            paths, expected = ", ".join(json.dumps(path) for path, _ in mix), ", ".join(str(status) for _, status in mix)
            (work / "mix.lua").write_text(f"paths = {{{paths}}}\nexpected = {{{expected}}}\n", encoding="utf-8")
            print(f"{len(mix)} URLs; the API's distinct answers are {api_bytes / 2**20:.1f} MiB", end=", ")
            print(f"its cache {CACHE_BYTES / 2**20:.0f} MiB a worker")
            print(
                f"soak: {args.seconds} s, {args.connections} connections, {args.workers} workers, a sample every {args.every} s"
            )
            output, samples = _drive(base, work / "mix.lua", args, server.pid)
        finally:
            stop(server)
    server_log = (work / "server.log").read_text(encoding="utf-8", errors="replace")
    shutil.rmtree(work)
    report(args, version, samples, _wrk_figures(output), server_log)


def report(args: argparse.Namespace, version: str, samples: list[dict[str, Any]], load: dict[str, Any], server_log: str) -> None:
    _print_samples(samples)
    settled_at = min(60, args.seconds // 3)
    growth = _growth(samples, settled_at)
    workers = {pid for sample in samples for pid, process in sample["processes"].items() if process["role"] == "worker"}
    server_errors = sum(count for status, count in load["statuses"].items() if status >= 500)
    unexpected = sum(int(count) for count, _, _ in load["unexpected"])
    verdict = {
        "server_errors_5xx": server_errors,
        "socket_errors": sum(load["socket_errors"].values()),
        "unexpected_answers": unexpected,
        "tracebacks_in_log": server_log.count("Traceback"),
        "workers_restarted": len(workers) - args.workers,
    }
    print(
        f"\n{load['requests']} requests, {load['rps']:.0f}/s, p50 {load['p50']}, p99 {load['p99']}; statuses {load['statuses']}"
    )
    for count, status, path in load["unexpected"][:10]:
        print(f"  unexpected: {count} × {status} for {path}")
    print("errors: " + ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in verdict.items()))
    print(f"log: {len(server_log.splitlines())} lines (Datasette's 4xx warnings, one a line)")
    print(f"memory from {settled_at} s (settled) to the end, descriptors from start to end:")
    for pid, process in growth.items():
        start, end = process["fd_kinds_start"], process["fd_kinds_end"]
        changed = {kind: end.get(kind, 0) - start.get(kind, 0) for kind in {*start, *end}}
        which = ", ".join(f"{kind} {change:+d}" for kind, change in sorted(changed.items()) if change)
        print(
            f"  {process['role']:<7} {pid:>7}: {process['rss_settled_mib']:.1f} → {process['rss_end_mib']:.1f} MiB"
            f" ({process['rss_growth_mib']:+.1f}), {process['fds_start']} → {process['fds_end']} fds"
            + (f" ({which})" if which else "")
        )
    out = results_path("soak")
    figures = {
        "release": version,
        "seconds": args.seconds,
        "connections": args.connections,
        "workers": args.workers,
        "cache_bytes": CACHE_BYTES,
        "load": load,
        "verdict": verdict,
        "growth": growth,
        "samples": samples,
    }
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written to {out.relative_to(BENCHMARKS.parent)}")
    failed = verdict["server_errors_5xx"] or verdict["socket_errors"] or verdict["unexpected_answers"]
    print("verdict: " + ("FAILED" if failed else "no error answers, no socket errors"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
