"""Web map tiles, an operator's option: under Datasette's maps and the pages', refused without a usable URL and credit.

Apart from test_datasette_maps.py: Playwright's sync API, which that module's browser test uses, keeps an
event loop running that asyncio.run (Datasette's client) refuses.
"""

import asyncio
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dbay.cli import main
from dbay.maps import Tiles
from dbay.releases import ReleaseFolder
from dbay.service.asgi import create_datasette


def test_an_operator_may_draw_the_maps_over_web_map_tiles(data_dir: Path) -> None:
    """`dbay datasette --map-tiles URL` (or `dbay serve`): the tiles replace the base map and their credit shows."""
    tiles = Tiles("https://tiles.example.org/{z}/{x}/{y}.png", "© Example contributors")
    datasette = create_datasette(ReleaseFolder(data_dir), base_url="/", map_tiles=tiles)
    svg = asyncio.run(datasette.client.get("/dbay/places_on_map.svg")).text
    assert re.search(r'<image href="https://tiles\.example\.org/\d+/\d+/\d+\.png"', svg)
    assert "© Example contributors" in svg and 'class="dbay-map-area' not in svg
    plain = asyncio.run(create_datasette(ReleaseFolder(data_dir), base_url="/").client.get("/dbay/places_on_map.svg")).text
    assert "<image" not in plain and 'class="dbay-map-area' in plain


@pytest.mark.parametrize(
    ("url", "attribution", "complaint"),
    [
        ("ftp://tiles.example.org/{z}/{x}/{y}.png", "© x", "is not an http(s) URL"),
        ("https://tiles.example.org/{z}/{x}.png", "© x", "is not an http(s) URL"),
        ("https://tiles.example.org/{z}/{x}/{y}.png", " ", "needs the attribution"),
    ],
)
def test_tiles_without_a_usable_url_or_a_credit_are_refused_naming_the_option(
    data_dir: Path, url: str, attribution: str, complaint: str
) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--out", str(data_dir), "--map-tiles", url, "--map-tiles-attribution", attribution]
    )
    assert result.exit_code == 2
    assert "--map-tiles" in result.stderr and complaint in result.stderr
