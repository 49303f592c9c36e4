"""The pages' maps: places of the release drawn by dbay.maps, which owns every map of the project.

A place with a point becomes a dot linking to its page, labelled by its shortest name in the page's
script and sized by the measures naming it; the operator's web map tiles (``MAP_TILES``, set by
``dbay serve --map-tiles``) replace the bundled base map where configured. The pages list the same
places as text beside each map, so the map adds the where to what can be read without it.
"""

import json
from collections.abc import Iterable
from typing import Any

from flask import current_app
from markupsafe import Markup

from dbay import maps
from dbay.build.scripts import to_hant
from dbay.service.languages import ENGLISH


def point(
    record: dict[str, Any], name: str, url: str, lang: str, count: int | None = None, highlighted: bool = False
) -> maps.MapPoint | None:
    """A place (a row of places, or an answer about one) as a dot named ``name``, or None where it has
    no point (regions, groups). Its aliases, where the record has them, give its label."""
    if record.get("latitude") is None or record.get("longitude") is None:
        return None
    aliases = record.get("aliases") or []
    aliases = json.loads(aliases) if isinstance(aliases, str) else aliases
    written = [to_hant(alias) for alias in aliases] if lang == "zh-Hant" else [] if lang == ENGLISH else list(aliases)
    return maps.MapPoint(
        id=record["id"],
        name=name,
        longitude=float(record["longitude"]),
        latitude=float(record["latitude"]),
        count=count,
        url=url,
        highlighted=highlighted,
        short_name=maps.short_name(name, written),
    )


def drawn(points: Iterable[maps.MapPoint | None], label: str, lang: str, tooltip: str = "{name}") -> Markup | None:
    """The map of the points that exist and lie on the base map, as markup for a template; None where none does."""
    placed = maps.on_the_base_map(p for p in points if p is not None)
    if not placed:
        return None
    tiles = current_app.config.get("MAP_TILES")
    return Markup(maps.svg_map(placed, label=label, tooltip=tooltip, lang=lang, tiles=tiles))
