"""A data folder with two releases of the project's sources, and a client of the API on it."""

import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from dbay.build.pipeline import run_build
from dbay.service.app import create_app
from tests.conftest import SOURCES

PLAN = "digital-bay-area-action-plan"
OLD, NEW = "2026.1", "2026.2"
# The second release corrects one provision's text (a typo of the official text: 干镇 for 千镇).
CORRECTED_MEASURE = f"{PLAN}.2.7.1"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("api")
    sources = root / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "release.yml").write_text(f'version: "{OLD}"\n', encoding="utf-8")
    run_build(sources, root / "dist")
    official = sources / PLAN / "official.txt"
    official.write_text(official.read_text(encoding="utf-8").replace("百县干镇万村", "百县千镇万村"), encoding="utf-8")
    (sources / "release.yml").write_text(f'version: "{NEW}"\n', encoding="utf-8")
    run_build(sources, root / "dist")
    return root / "dist"


@pytest.fixture(scope="session")
def client(data_dir: Path) -> FlaskClient:
    app = create_app({"DATA_DIR": data_dir, "TESTING": True})
    return app.test_client()
