"""What the server benchmarks share: the production command, starting servers, wrk, result files.

The production command is the README's: ``uvicorn --factory dbay.service.asgi:from_environment
--http dbay.service.asgi:NoDelayHTTP --workers N`` with ``DBAY_DATA_DIR``, from the same
environment as this Python (``.venv/bin/uvicorn``).
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from dbay import releases

BENCHMARKS = Path(__file__).resolve().parent
RESULTS = BENCHMARKS / "results"
UVICORN = str(Path(sys.executable).with_name("uvicorn"))
FACTORY = "dbay.service.asgi:from_environment"
HTTP = "dbay.service.asgi:NoDelayHTTP"  # TCP_NODELAY with several workers (service/asgi.py)
QUIET = ["--log-level", "warning", "--no-access-log"]  # a log line per request would be measured too


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def production_command(port: int, workers: int) -> list[str]:
    """The README's production command, on this machine's loopback."""
    served = ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    return [UVICORN, "--factory", FACTORY, "--http", HTTP, *served, *QUIET]


def start(command: list[str], env: dict[str, str], port: int, stderr: int | None = subprocess.PIPE) -> subprocess.Popen[bytes]:
    """``command`` started, once it answers on ``port`` (with several workers, once one of them does)."""
    process = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=stderr)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
            break
        except urllib.error.HTTPError:
            break  # answering, if only with an error page
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError(f"server did not start: {' '.join(command)}")
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=30)


def wrk(url: str, connections: int, seconds: int, options: tuple[str, ...] = ()) -> str:
    """wrk's report of driving ``url`` over ``connections`` (one thread) for ``seconds``."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", *options]
    return subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout


def throughput(url: str, connections: int, seconds: int, options: tuple[str, ...] = ()) -> dict[str, float]:
    """Requests per second, p50 and p99 of driving one URL; every answer must be a 2xx or 3xx."""
    output = wrk(url, connections, seconds, options)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} error answers")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "p50_ms": ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),  # type: ignore[union-attr]
        "p99_ms": ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),  # type: ignore[union-attr]
    }


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (a server's workers, and multiprocessing's tracker)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                status = Path(f"/proc/{entry}/status").read_text()
            except OSError:
                continue  # it ended meanwhile
            if re.search(rf"^PPid:\s+{pid}$", status, re.MULTILINE):
                found.append(int(entry))
    return sorted(found)


def cpu_seconds(pid: int) -> float:
    """User and system time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def requests(db: Path) -> dict[str, tuple[str, str]]:
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


def latest_release(data: Path) -> tuple[str, Path]:
    version = releases.latest_version(data)
    if version is None:
        sys.exit(f"no release in {data}: run `make dataset` first")
    return version, data / releases.file_name(version)
