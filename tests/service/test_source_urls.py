"""A rendition's url in document.yml reaches the release and the pages: the official one as the
document's official source, every one in the renditions table and beside its span on a provision page."""

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from dbay.build.pipeline import run_build
from dbay.service.app import create_app
from tests.conftest import SOURCES, copy_sources

PLAN = "digital-bay-area-action-plan"
OFFICIAL_URL = "https://example.gov.cn/gkmlpt/content/4/4291/post_4291875.html"
NEWS_URL = "https://example.com/news/2023-11-21.html"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    root = tmp_path_factory.mktemp("urls")
    sources = copy_sources([SOURCES / PLAN], root / "sources")
    config = sources / PLAN / "document.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("    kind: official\n", f"    kind: official\n    url: {OFFICIAL_URL}\n")
    text = text.replace("    kind: news\n", f"    kind: news\n    url: {NEWS_URL}\n")
    config.write_text(text, encoding="utf-8")
    run_build(sources, root / "dist")
    return create_app({"DATA_DIR": Path(root / "dist"), "TESTING": True}).test_client()


def test_the_document_page_links_the_official_source_and_every_known_rendition_url(client: FlaskClient) -> None:
    html = client.get(f"/documents/{PLAN}").get_data(as_text=True)
    official = re.search(r'<td id="official-source">(.*?)</td>', html, re.S)
    assert official and f'<a href="{OFFICIAL_URL}" rel="external">{OFFICIAL_URL}</a>' in official.group(1)
    renditions = re.search(r'<table id="renditions">(.*?)</table>', html, re.S)
    assert renditions
    rows = {row.split("</td>")[0].split(" ")[0]: row for row in renditions.group(1).split("<tr><td>")[1:]}
    assert f'<a href="{OFFICIAL_URL}" rel="external">' in rows[f"{PLAN}.official"]
    assert f'<a href="{NEWS_URL}" rel="external">' in rows[f"{PLAN}.news"]
    assert "<td>—</td>" in rows[f"{PLAN}.encyclopedia"]  # none recorded


def test_the_api_and_the_provision_page_give_the_urls(client: FlaskClient) -> None:
    renditions = client.get(f"/api/v1/documents/{PLAN}").get_json()["data"]["renditions"]
    assert {r["id"]: r["url"] for r in renditions} == {
        f"{PLAN}.official": OFFICIAL_URL,
        f"{PLAN}.news": NEWS_URL,
        f"{PLAN}.encyclopedia": None,
    }
    html = client.get(f"/measures/{PLAN}.2.6.1").get_data(as_text=True)
    assert f'<a href="{OFFICIAL_URL}" rel="external">' in html and f'<a href="{NEWS_URL}" rel="external">' in html
