"""The API's uncached answers in process: what Flask costs a request, without HTTP or the answer cache.

    .venv/bin/python benchmarks/in_process.py [dist] [requests per kind]

By id, every request asks for a different measure (rotating over the release), so nothing is
answered twice from memory; the other kinds repeat their URL, which the Flask app computes anew
each time (the answer cache lives in the ASGI layer, ``service/cache.py``, not in Flask). The
floor printed beside by id is the measure's row read with plain sqlite3 on an open connection.
Beside the kinds the HTTP benchmarks share (``serving.requests``), the lists' filters of several
values, agencies by name and lineage, dates, sort orders and facets (``filtered_requests``).
Prints p50/p99; writes them to ``benchmarks/results/<date>-<machine>-in-process.json``.
"""

import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from recording import write_results
from serving import requests

from dbay import releases
from dbay.service.app import create_app


def _percentiles(run: Callable[[int], Any], count: int) -> dict[str, float]:
    for index in range(min(count, 50)):  # warm statements, converters and the page cache
        run(index)
    times = []
    for index in range(count):
        started = time.perf_counter()
        run(index)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50": times[len(times) // 2], "p99": times[min(len(times) - 1, int(len(times) * 0.99))]}


def _repeating(client: FlaskClient, url: str) -> Callable[[int], Any]:
    def run(_index: int) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return run


def filtered_requests(database: Path) -> dict[str, str]:
    """API-only kinds: several values, names, lineages, dates, sorts and facets, on the release's own data."""
    connection = releases.open_read_only(database, immutable=True)
    try:
        top = [
            row[0]
            for row in connection.execute("select agency_id from measure_agencies group by 1 order by count(*) desc limit 2")
        ]
        name = connection.execute("select name_hant from agencies where id = ?", (top[0],)).fetchone()[0]
        documents = [row[0] for row in connection.execute("select id from documents order by id limit 2")]
    finally:
        connection.close()
    quote = urllib.parse.quote
    every_facet = "facets=document,agency,role,year"
    return {
        "two agencies' measures, 50": f"/api/v1/measures?agency={','.join(top)}&limit=50",
        "an agency by its Traditional name, 50": f"/api/v1/measures?agency={quote(name)}&limit=50",
        "an agency's lineage, 50": f"/api/v1/measures?agency_lineage={top[0]}&limit=50",
        "two documents' measures, 50": f"/api/v1/measures?document={','.join(documents)}&limit=50",
        "measures issued in 2024, newest first, 50": "/api/v1/measures?issued_after=2024-01-01&sort=-issued&limit=50",
        "search 数据 in two agencies, 50": f"/api/v1/measures?q={quote('数据')}&agency={','.join(top)}&limit=50",
        "every measure, 50, four facets": f"/api/v1/measures?limit=50&{every_facet}",
        "search 数据, 50, four facets": f"/api/v1/measures?q={quote('数据')}&limit=50&{every_facet}",
        "two agencies, 50, four facets": f"/api/v1/measures?agency={','.join(top)}&limit=50&{every_facet}",
        "documents newest first, 50": "/api/v1/documents?sort=-issued&limit=50",
        "agencies by name, 50": "/api/v1/agencies?sort=name&limit=50",
    }


def main(data: Path, count: int) -> None:
    version = releases.latest_version(data)
    assert version, f"no release in {data}: run dbay build"
    database = releases.release_path(data, version)
    connection = releases.open_read_only(database, immutable=True)
    ids = [row[0] for row in connection.execute("select id from measures order by rowid")]
    client = create_app({"DATA_DIR": data}).test_client()

    def by_id(index: int) -> None:
        response = client.get(f"/api/v1/measures/{ids[index % len(ids)]}")
        assert response.status_code == 200, response.status_code

    def floor(index: int) -> None:
        connection.execute("select * from measures where id = ?", (ids[index % len(ids)],)).fetchone()

    figures = {"measure by id (a different one each time)": _percentiles(by_id, count)}
    for kind, (url, _datasette) in requests(database).items():
        if kind != "measure by id":
            figures[kind] = _percentiles(_repeating(client, url), max(50, count // 5))
    for kind, url in filtered_requests(database).items():
        figures[kind] = _percentiles(_repeating(client, url), max(50, count // 5))
    figures["floor: the measure's row from sqlite3"] = _percentiles(floor, count)
    print(f"release {version}, {len(ids):,} measures, in process, uncached")
    print(f"{'request':<44}{'p50 ms':>9}{'p99 ms':>9}")
    for kind, figure in figures.items():
        print(f"{kind:<44}{figure['p50']:>9.2f}{figure['p99']:>9.2f}")
    print(f"written to {write_results({'release': version, 'requests': figures}, 'in-process')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("dist"), int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
