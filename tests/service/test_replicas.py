"""Two replicas of the production command on the same release answer with the same bytes and
ETags, so any load balancer or cache in front may send a client to either."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.service.conftest import PLAN

SAMPLE = [
    f"/api/v1/documents/{PLAN}",
    f"/api/v1/measures/{PLAN}.2.6.1",
    "/api/v1/measures?q=%E6%95%B0%E6%8D%AE&limit=5",  # search 数据
    f"/api/v1/measures?document={PLAN}&limit=3&lang=zh-Hant",
    "/api/v1/agencies?limit=5",
    "/api/v1/documents/nope",  # a 404 problem
    "/api/v1/measures?limit=0",  # a 400 problem
]


def _start(data: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The README's production command, with its two workers
    command = [sys.executable, "-m", "uvicorn", "--factory", "dbay.service.asgi:from_environment", "--port", str(port)]
    command += ["--http", "dbay.service.asgi:NoDelayHTTP", "--workers", "2"]
    process = subprocess.Popen(command, env={**os.environ, "DBAY_DATA_DIR": str(data)}, stderr=subprocess.DEVNULL)
    for _ in range(300):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process, f"http://127.0.0.1:{port}"
        time.sleep(0.1)
    process.kill()
    raise AssertionError("a replica did not start")


@pytest.fixture(scope="module")
def replicas(data_dir: Path) -> Iterator[list[str]]:
    started = [_start(data_dir), _start(data_dir)]
    yield [url for _, url in started]
    for process, _ in started:
        process.terminate()
        process.wait(timeout=10)


def _get(url: str) -> tuple[int, str | None, bytes]:
    # behind a load balancer every replica sees the site's own Host
    request = urllib.request.Request(url, headers={"Host": "dbay.example"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers.get("ETag"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag"), error.read()


def test_replicas_answer_with_the_same_bytes_and_etags(replicas: list[str]) -> None:
    first, second = replicas
    for path in SAMPLE:
        for _ in range(2):  # computed, then from each replica's answer cache
            assert _get(first + path) == _get(second + path), path
    # a cursor one replica hands out is a page the other answers alike
    status, _, body = _get(first + "/api/v1/measures?limit=2")
    cursor = body.decode().split("cursor=", 1)[1].split('"', 1)[0]
    assert status == 200 and _get(f"{first}/api/v1/measures?limit=2&cursor={cursor}") == _get(
        f"{second}/api/v1/measures?limit=2&cursor={cursor}"
    )
