"""The API against plain Datasette on the same release file, and against the server's own ceiling.

    .venv/bin/python benchmarks/http_vs_datasette.py [dist] [seconds per run]

Starts three servers on one worker each, under the same uvicorn: the API as the README's
production command runs it (``uvicorn --factory dbay.service.asgi:from_environment``), plain
``datasette serve`` on the same release file, and a bare ASGI app that returns the API's by-id
bytes (the ceiling). Then, with wrk, for each kind of request and 1, 8 and 32 connections,
alternately the API and Datasette: requests per second, p50 and p99. Prints the table with the
ratios and writes it to benchmarks/results/<date>-<machine>.json. Asserts nothing.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from recording import write_results

from dbay import releases

BENCHMARKS = Path(__file__).resolve().parent
CONNECTIONS = (1, 8, 32)
UVICORN = [sys.executable, "-m", "uvicorn", "--workers", "1", "--log-level", "warning", "--no-access-log"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start(command: list[str], env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
            return process
        except urllib.error.HTTPError:
            return process  # answering, if only with an error page
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server did not start: {' '.join(command)}")


def _wrk(url: str, connections: int, seconds: int) -> dict[str, float]:
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url], capture_output=True, text=True, check=True
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} error answers")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "p50_ms": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),  # type: ignore[union-attr]
        "p99_ms": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),  # type: ignore[union-attr]
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def requests_to_compare(db: Path) -> dict[str, tuple[str, str]]:
    """For each kind of request, the API's URL and Datasette's for the same answer."""
    connection = releases.open_read_only(db)
    try:
        measure, document = connection.execute("select id, document_id from measures order by reading_order limit 1").fetchone()
        agency = connection.execute(
            "select agency_id from measure_agencies group by agency_id order by count(*) desc"
        ).fetchone()[0]
    finally:
        connection.close()
    quote = urllib.parse.quote
    return {
        "measure by id": (f"/api/v1/measures/{measure}", f"/dbay/measures/{measure}.json"),
        "a document's measures, 50": (
            f"/api/v1/measures?document={document}&limit=50",
            f"/dbay/measures.json?document_id={document}&_size=50",
        ),
        "search 数据, 50": (f"/api/v1/measures?q={quote('数据')}&limit=50", f"/dbay/search.json?q={quote('数据')}&_size=50"),
        "a document's outline": (f"/api/v1/documents/{document}", f"/dbay/document_outline.json?document={document}"),
        "an agency's measures": (
            f"/api/v1/measures?agency={agency}&limit=50",
            f"/dbay/agency_measures.json?agency={agency}&_size=50",
        ),
    }


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
    version = releases.latest_version(data)
    if version is None:
        sys.exit(f"no release in {data}: run `make dataset` first")
    db = data / releases.file_name(version)
    work = Path(tempfile.mkdtemp())
    shutil.copy(db, work / "dbay.db")  # the same file, named so that Datasette calls it dbay
    ports = {"api": _free_port(), "uncached": _free_port(), "datasette": _free_port(), "ceiling": _free_port()}
    requests = requests_to_compare(db)
    api = [*UVICORN, "--factory", "dbay.service.asgi:from_environment"]
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
        _start([*api, "--port", str(ports["api"])], {"DBAY_DATA_DIR": str(data)}, ports["api"]),
        _start(
            [*api, "--port", str(ports["uncached"])], {"DBAY_DATA_DIR": str(data), "DBAY_CACHE_BYTES": "0"}, ports["uncached"]
        ),
        _start([*datasette, "--port", str(ports["datasette"])], {}, ports["datasette"]),
    ]
    try:
        body = urllib.request.urlopen(f"http://127.0.0.1:{ports['api']}{requests['measure by id'][0]}").read()
        (work / "body.json").write_bytes(body)
        servers.append(
            _start(
                [*UVICORN, "--port", str(ports["ceiling"]), "--app-dir", str(BENCHMARKS), "bare_asgi:app"],
                {"BARE_BODY": str(work / "body.json")},
                ports["ceiling"],
            )
        )
        rows: list[dict[str, Any]] = []
        for name, (api_url, datasette_url) in requests.items():
            for connections in CONNECTIONS:
                row: dict[str, Any] = {
                    "request": name,
                    "connections": connections,
                    "api": _wrk(f"http://127.0.0.1:{ports['api']}{api_url}", connections, seconds),
                    "datasette": _wrk(f"http://127.0.0.1:{ports['datasette']}{datasette_url}", connections, seconds),
                }
                if connections == 8:  # what the answer cache buys: the API computing every answer
                    row["api_uncached"] = _wrk(f"http://127.0.0.1:{ports['uncached']}{api_url}", connections, seconds)
                rows.append(row)
        ceiling = _wrk(f"http://127.0.0.1:{ports['ceiling']}/", 8, seconds)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work)
    _print(rows, ceiling)
    out = write_results({"release": version, "seconds": seconds, "rows": rows, "ceiling": ceiling})
    print(f"written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("dist"), int(sys.argv[2]) if len(sys.argv) > 2 else 3)
