"""A request opens no SQLite connection: the releases are opened once per thread and reused."""

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from dbay.service.app import create_app
from tests.service.conftest import OLD, PLAN

URLS = [
    "/",
    "/downloads/",
    "/api/v1/documents",
    f"/api/v1/documents/{PLAN}",
    "/api/v1/measures?limit=5",
    "/api/v1/measures?q=数据",
    f"/api/v1/measures/{PLAN}.2.6.1",
    "/api/v1/agencies",
    "/api/v1/releases",
    f"/api/v1/releases/{OLD}",
    f"/api/v1/measures/{PLAN}.2.6.1?release={OLD}",
    "/api/v1/measures/nope",
]


def test_a_hundred_requests_open_no_connection(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app({"DATA_DIR": data_dir, "TESTING": True})
    client = app.test_client()
    for url in URLS:  # the first requests open each release once for this thread
        client.get(url)
    opened: list[tuple[Any, ...]] = []
    connect = sqlite3.connect

    def counting(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(args)
        connection: sqlite3.Connection = connect(*args, **kwargs)
        return connection

    monkeypatch.setattr(sqlite3, "connect", counting)
    statuses = [client.get(URLS[number % len(URLS)]).status_code for number in range(100)]
    assert statuses.count(404) == 8 and statuses.count(200) == 92  # the last URL, every twelfth request, is a 404
    assert opened == []
    app.extensions["dbay_releases"].close()
    client.get("/api/v1/documents")
    assert len(opened) == 1  # after close, the next request opens anew: the count would see a leak
