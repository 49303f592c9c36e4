"""The whole origin as `dbay serve` runs it: Flask and Datasette behind one server, and a browser on it."""

import asyncio
import json
import shutil
import sqlite3
import urllib.request
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pytest

from dbay.releases import ReleaseFolder
from dbay.service.asgi import create_asgi
from tests.service.conftest import NEW, PLAN

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url) as response:
        return response.status, response.read().decode("utf-8")


def test_one_origin_serves_api_datasette_and_downloads(server: str) -> None:
    assert fetch(f"{server}/")[0] == 200
    status, body = fetch(f"{server}/api/v1/measures/{PLAN}.2.6.1")
    assert status == 200 and json.loads(body)["data"]["path"] == "2.6.1"
    status, body = fetch(f"{server}/data/dbay/measures.json?_shape=array&path=2.6.1&document_id={PLAN}")
    assert status == 200 and json.loads(body)[0]["title"] == "推动粤港澳政务服务一体化"
    status, body = fetch(f"{server}/data/dbay-{NEW.replace('.', '-')}/documents.json?_shape=array")
    assert status == 200 and len(json.loads(body)) == 3
    status, page = fetch(f"{server}/data/")
    assert status == 200 and 'href="/data/dbay"' in page
    assert fetch(f"{server}/downloads/dbay-{NEW}.SHA256SUMS")[0] == 200


def test_a_person_sees_the_home_page_the_api_docs_and_a_measure(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "Debian's chromium is needed: make install installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page()
        page.goto(f"{server}/")
        assert page.locator("#release").inner_text().startswith(f"Current release: {NEW}")
        page.get_by_role("link", name="JSON API").click()
        page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
        assert "dbay: Guangdong digital-policy provisions" in page.locator(".swagger-ui .info .title").inner_text()
        page.locator("#operations-measures-list_measures").wait_for()
        page.screenshot(path=str(tmp_path / "api-docs.png"))
        page.goto(f"{server}/api/v1/measures/{PLAN}.2.6.1")
        assert "推动粤港澳政务服务一体化" in page.content()
        browser.close()


def test_shutdown_closes_the_connections_requests_opened(data_dir: Path) -> None:
    folder = ReleaseFolder(data_dir)
    application = create_asgi(folder)
    connection = folder.connection(NEW)
    messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent: list[str] = []

    async def receive() -> dict[str, str]:
        return next(messages)

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message["type"])

    async def lifespan() -> None:
        await application({"type": "lifespan"}, receive, send)

    asyncio.run(lifespan())
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    with pytest.raises(sqlite3.ProgrammingError):
        connection.execute("select 1")
