"""A data folder with two releases of the project's sources; a client of the API on it, a server and a browser."""

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from flask.testing import FlaskClient
from playwright.sync_api import Browser, Page, sync_playwright

from dbay.build.pipeline import run_build
from dbay.releases import ReleaseFolder
from dbay.service.app import create_app
from dbay.service.asgi import create_asgi
from tests.conftest import SOURCES, write_release_config

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PLAN = "digital-bay-area-action-plan"
OLD, NEW = "2026.1", "2026.2"
# The second release corrects one provision's text (a typo of the official text: 干镇 for 千镇).
CORRECTED_MEASURE = f"{PLAN}.2.7.1"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("api")
    sources = root / "sources"
    shutil.copytree(SOURCES, sources)
    write_release_config(sources, OLD)
    run_build(sources, root / "dist")
    official = sources / PLAN / "official.txt"
    official.write_text(official.read_text(encoding="utf-8").replace("百县干镇万村", "百县千镇万村"), encoding="utf-8")
    write_release_config(sources, NEW)
    run_build(sources, root / "dist")
    return root / "dist"


@pytest.fixture(scope="session")
def client(data_dir: Path) -> FlaskClient:
    app = create_app({"DATA_DIR": data_dir, "TESTING": True})
    return app.test_client()


@pytest.fixture(scope="session")
def spec(client: FlaskClient) -> dict[str, Any]:
    """The served OpenAPI description."""
    value: dict[str, Any] = client.get("/api/v1/openapi.json").get_json()
    return value


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(data_dir: Path) -> Iterator[str]:
    config = uvicorn.Config(create_asgi(ReleaseFolder(data_dir)), host="127.0.0.1", port=_free_port(), log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    running.should_exit = True
    thread.join(timeout=10)


# Per module: Playwright's sync API keeps an event loop running while it is open, which asyncio.run in other tests refuses.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM, "Debian's chromium is needed: make install installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-HK")
    yield context.new_page()
    context.close()
