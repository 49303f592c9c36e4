"""Maps in Datasette: any table or query whose rows have ``latitude`` and ``longitude`` columns.

- ``svg`` output (``register_output_renderer``): ``/dbay/places.svg``, ``/dbay/places_on_map.svg``
  or ``/dbay.svg?sql=…`` draws the rows' points on the base map with ``dbay.maps``, the drawing the
  pages use (over web map tiles where the plugin configuration names them: ``plugins: dbay:
  map_tiles: {url, attribution}``, as ``dbay serve --map-tiles`` sets). The format is offered
  ("This data as … svg") only where those columns are; it keeps the page's filters, so the map
  shows what the table shows.
- The map on the page (``extra_body_script``): on such a page a few lines of script put that SVG
  above the table, from the same origin. Without scripts, the "svg" link still opens it.

A row's ``aliases`` (the places table's) give its label on the map where one is shorter than its name.
Rows of the same place are one point: its dot is sized by the sum of a ``measures`` column where the
query has one, else by the number of its rows (a row a measure, as place_measures answers).
"""

import json
from collections.abc import Iterable
from typing import Any

from datasette.utils.asgi import Response

from dbay import maps

COORDINATES = ("latitude", "longitude")
NAME_COLUMNS = ("name", "place", "title", "id")  # the first of these a row has names its point
PLACES_TABLE = "places"
SVG_TYPE = "image/svg+xml; charset=utf-8"


def can_render(columns: Iterable[str]) -> bool:
    return set(COORDINATES) <= set(columns or ())


def _place_id(row: dict[str, Any], table: str | None) -> str | None:
    """The row's place in the places table, where it names one (a row of places, or a place_id column)."""
    if "place_id" in row:
        return str(row["place_id"])
    if table == PLACES_TABLE and "id" in row:
        return str(row["id"])
    return None


def _aliases(value: Any) -> list[str]:
    """The places table's aliases column (a JSON array), where the rows have it."""
    try:
        found = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        return []
    return [alias for alias in found if isinstance(alias, str)] if isinstance(found, list) else []


def points(rows: Iterable[dict[str, Any]], database: str, table: str | None, datasette: Any) -> list[maps.MapPoint]:
    """The rows as points, those of one place (or of one position) merged, rows without a position left out."""
    merged: dict[str, maps.MapPoint] = {}
    for row in rows:
        latitude, longitude = row.get("latitude"), row.get("longitude")
        if not isinstance(latitude, int | float) or not isinstance(longitude, int | float):
            continue
        place = _place_id(row, table)
        key = place or f"{longitude},{latitude}"
        name = next((str(row[column]) for column in NAME_COLUMNS if row.get(column) is not None), key)
        count = row["measures"] if isinstance(row.get("measures"), int) else 1
        url = datasette.urls.row(database, PLACES_TABLE, place) if place else None
        earlier = merged.get(key)
        total = count + (earlier.count or 0 if earlier else 0)
        label = maps.short_name(name, _aliases(row.get("aliases")))
        merged[key] = maps.MapPoint(key, name, float(longitude), float(latitude), total, url, short_name=label)
    return list(merged.values())


def render(datasette: Any, rows: list[Any], columns: list[str], database: str, table: str | None) -> Response:
    if not can_render(columns):  # asked for by URL: Datasette offers the format only where it can
        refused: Response = Response.text(f"{table or 'this query'}: a map needs latitude and longitude columns", status=400)
        return refused
    found = points((dict(zip(columns, row, strict=True)) for row in rows), database, table, datasette)
    label = f"{table or database}: {len(found)} places"
    tiles = maps.Tiles.configured((datasette.plugin_config("dbay") or {}).get("map_tiles"))
    svg = maps.svg_map(found, label=label, tooltip="{name} ({count})", styled=True, tiles=tiles)
    return Response(svg, content_type=SVG_TYPE)


def renderer() -> dict[str, Any]:
    """The ``svg`` output format, for ``register_output_renderer`` (Datasette passes the arguments by name)."""
    return {"extension": "svg", "render": render, "can_render": can_render}


# Puts the page's own svg rendering (the link Datasette lists under "This data as") above its table.
EMBED = """
(function () {
  var link = Array.prototype.find.call(document.querySelectorAll('.export-links a'), function (a) {
    return a.textContent === 'svg';
  });
  var table = document.querySelector('.table-wrapper');
  if (!link || !table) { return; }
  fetch(link.href).then(function (r) { return r.ok ? r.text() : ''; }).then(function (svg) {
    if (!svg) { return; }
    var figure = document.createElement('figure');
    figure.className = 'dbay-map-figure';
    figure.innerHTML = svg + '<figcaption>' + %s + '</figcaption>';
    table.parentNode.insertBefore(figure, table);
  });
})();
"""
CAPTION = "Map of this page's rows with a latitude and longitude; each dot is sized by its measures and links to its place."


def body_script(columns: Iterable[str] | None) -> str:
    """The script embedding the map, on pages whose rows can be drawn; nothing elsewhere."""
    return EMBED % json.dumps(CAPTION) if columns and can_render(columns) else ""
