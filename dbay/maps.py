"""Maps of places, drawn on the server as inline SVG over the bundled base map (dbay/basemap.geojson).

One owner for every map of the project: the reading pages (/places, a place's page, a provision's
page) and Datasette's ``.svg`` rendering of any table or query with latitude and longitude columns
draw with ``svg_map``. Nothing is fetched from elsewhere: no tiles, no script, so the maps work
offline and without JavaScript; each point is a link and has a tooltip, and the pages list the same
places as text beside the map.

The projection is Web Mercator, which keeps shapes true within a province and is the one of web map
tiles (an option: Tiles); the frame fits the points with a margin, never narrower than MINIMUM_SPAN
degrees so that a single point keeps its surroundings.
"""

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

BASEMAP = Path(__file__).with_name("basemap.geojson")
WIDTH = 640  # viewBox units; the SVG scales to its container
MINIMUM_SPAN = 1.6  # degrees of latitude shown around a lone point (about 180 km)
MARGIN = 0.25  # of the points' extent, on every side
PIXEL = 0.6  # a base-map point closer than this (viewBox units) to the last one drawn is skipped
LABEL_SIZE = 12  # font size of a label; a label that would cover another is left out (the tooltip stays)

Point = tuple[float, float]


@dataclass(frozen=True)
class MapPoint:
    """A place to draw: ``count`` sizes its dot (measures naming it), ``url`` is where it links."""

    id: str
    name: str
    longitude: float
    latitude: float
    count: int | None = None
    url: str | None = None
    highlighted: bool = False
    short_name: str | None = None  # the label on the map, where the name is long (横琴 for 横琴粤澳深度合作区)

    @property
    def label(self) -> str:
        return self.short_name or self.name


def short_name(name: str, aliases: Iterable[str]) -> str | None:
    """A place's label on a map: its shortest alias where shorter than its name (横琴 for
    横琴粤澳深度合作区), else None (the name)."""
    shortest = min(aliases, key=len, default=name)
    return shortest if len(shortest) < len(name) else None


def mercator(latitude: float) -> float:
    """Web Mercator's y of a latitude, in degrees as longitudes are: the projection of web map tiles,
    so that the option of tiles (Tiles) lays them exactly under the points."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2)))


@dataclass(frozen=True)
class Frame:
    west: float
    south: float
    east: float
    north: float

    @property
    def unit(self) -> float:
        """viewBox units per degree of longitude."""
        return WIDTH / (self.east - self.west)

    @property
    def height(self) -> float:
        return (mercator(self.north) - mercator(self.south)) * self.unit

    def project(self, longitude: float, latitude: float) -> Point:
        return (longitude - self.west) * self.unit, (mercator(self.north) - mercator(latitude)) * self.unit

    def overlaps(self, west: float, south: float, east: float, north: float) -> bool:
        return not (east < self.west or west > self.east or north < self.south or south > self.north)


@cache
def basemap() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(BASEMAP.read_text(encoding="utf-8"))
    return loaded


@dataclass(frozen=True)
class Tiles:
    """Web map tiles from a server the operator names (``https://tile.example.org/{z}/{x}/{y}.png``),
    drawn under the points in place of the bundled base map. Off unless configured: with tiles the
    maps load images from that server, which the service otherwise never does."""

    url: str
    attribution: str  # the tile server's terms ask for it on the map (© OpenStreetMap contributors)
    most: int = 24  # tiles a map may load; the zoom is lowered until it needs no more

    def __post_init__(self) -> None:
        if not self.url.startswith(("https://", "http://")) or not all(f"{{{key}}}" in self.url for key in "zxy"):
            raise ValueError(f"map tiles: {self.url!r} is not an http(s) URL with {{z}}, {{x}} and {{y}} in it")
        if not self.attribution.strip():
            raise ValueError(f"map tiles: {self.url!r} needs the attribution its server asks for")

    def settings(self) -> dict[str, str]:
        """As Datasette's plugin configuration holds it (``plugins: dbay: map_tiles:``)."""
        return {"url": self.url, "attribution": self.attribution}

    @classmethod
    def configured(cls, settings: Any) -> "Tiles | None":
        """From ``settings()``'s shape, or None where there are none."""
        if not isinstance(settings, dict) or not settings.get("url"):
            return None
        return cls(str(settings["url"]), str(settings.get("attribution", "")))

    def zoom(self, frame: Frame) -> int:
        """The lowest zoom at which the frame is at least WIDTH tile pixels across (tiles are 256)."""
        zoom = max(0, min(18, math.ceil(math.log2(WIDTH * 360 / ((frame.east - frame.west) * 256)))))
        while zoom > 0 and len(self.covering(frame, zoom)) > self.most:
            zoom -= 1
        return zoom

    @staticmethod
    def covering(frame: Frame, zoom: int) -> list[tuple[int, int]]:
        """The (x, y) tiles of the frame at the zoom: x from longitude, y from the Mercator latitude."""
        n = 2**zoom
        columns = range(int((frame.west + 180) / 360 * n), int((frame.east + 180) / 360 * n) + 1)
        rows = range(int((1 - mercator(frame.north) / 180) / 2 * n), int((1 - mercator(frame.south) / 180) / 2 * n) + 1)
        return [(x, y) for y in rows for x in columns]

    def images(self, frame: Frame) -> list[str]:
        zoom = self.zoom(frame)
        n, size = 2**zoom, 360 / 2**zoom * frame.unit  # a tile's side in viewBox units
        images = []
        for x, y in self.covering(frame, zoom):
            left = (x / n * 360 - 180 - frame.west) * frame.unit
            top = (mercator(frame.north) - 180 * (1 - 2 * y / n)) * frame.unit
            url = self.url.format(z=zoom, x=x, y=y)
            images.append(
                f'<image href="{escape(url)}" x="{left:.1f}" y="{top:.1f}" width="{size:.1f}" height="{size:.1f}" '
                'preserveAspectRatio="none"/>'
            )
        return images


def on_the_base_map(points: Iterable[MapPoint]) -> list[MapPoint]:
    """The points within the base map's bounds: one beyond them (北京, should a dictionary name it)
    would stretch the frame over parts the base map does not draw, land shown as sea."""
    west, south, east, north = basemap()["bounds"]
    return [p for p in points if west <= p.longitude <= east and south <= p.latitude <= north]


def frame_around(points: Sequence[MapPoint]) -> Frame:
    """The frame showing every point with a margin, at least MINIMUM_SPAN high, kept within the base
    map's bounds where it fits; with no points, the whole base map."""
    west, south, east, north = basemap()["bounds"]
    if not points:
        return Frame(west, south, east, north)
    xs, ys = [p.longitude for p in points], [p.latitude for p in points]
    middle_x, middle_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    x_scale = math.cos(math.radians(middle_y))
    # Both spans in degrees of latitude: the frame at least 4:3 wide, and no flatter than 5:3.
    tall = max((max(ys) - min(ys)) * (1 + 2 * MARGIN), MINIMUM_SPAN)
    wide = max((max(xs) - min(xs)) * x_scale * (1 + 2 * MARGIN), tall * 4 / 3)
    tall = max(tall, wide * 0.6)
    half_x, half_y = wide / x_scale / 2, tall / 2
    shift_x = _shift(middle_x - half_x, middle_x + half_x, west, east)
    shift_y = _shift(middle_y - half_y, middle_y + half_y, south, north)
    west, east = middle_x - half_x + shift_x, middle_x + half_x + shift_x
    return Frame(west, middle_y - half_y + shift_y, east, middle_y + half_y + shift_y)


def _shift(low: float, high: float, lowest: float, highest: float) -> float:
    """How far to move [low, high] to lie within [lowest, highest] where it fits (else 0)."""
    if high - low >= highest - lowest:
        return 0.0
    if low < lowest:
        return lowest - low
    if high > highest:
        return highest - high
    return 0.0


def _ring_path(ring: Sequence[Sequence[float]], frame: Frame) -> str:
    """One ring as path data, skipping points too close to the last one drawn to show."""
    drawn: list[Point] = []
    for longitude, latitude in ring:
        x, y = frame.project(longitude, latitude)
        if drawn and abs(x - drawn[-1][0]) < PIXEL and abs(y - drawn[-1][1]) < PIXEL:
            continue
        drawn.append((x, y))
    if len(drawn) < 3:
        return ""
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in drawn) + "Z"


def _area_path(geometry: dict[str, Any], frame: Frame) -> str:
    parts = []
    for polygon in geometry["coordinates"]:
        ring = polygon[0]
        xs, ys = [point[0] for point in ring], [point[1] for point in ring]
        if frame.overlaps(min(xs), min(ys), max(xs), max(ys)):
            parts.append(_ring_path(ring, frame))
    return "".join(parts)


def radius(count: int | None) -> float:
    """A dot's radius: its area grows with the count, so that 100 measures look 100 times as many as 1."""
    return 4.0 if not count else min(3.0 + 2.2 * math.sqrt(count), 26.0)


Box = tuple[float, float, float, float]


def _overlapping(box: Box, taken: Sequence[Box]) -> bool:
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken)


def label_box(point: MapPoint, frame: Frame, taken: Sequence[Box]) -> Box | None:
    """Where a point's label goes: right of its dot, else left of it, where it covers no label or dot
    already placed; None where neither side is free."""
    x, y = frame.project(point.longitude, point.latitude)
    width, gap = LABEL_SIZE * len(point.label), radius(point.count) + 3
    for left in (x + gap, x - gap - width):
        box = (left, y - LABEL_SIZE * 0.6, left + width, y + LABEL_SIZE * 0.6)
        if not _overlapping(box, taken):
            return box
    return None


def _dot(point: MapPoint, frame: Frame, tooltip: str) -> str:
    x, y = frame.project(point.longitude, point.latitude)
    kind = "dbay-map-point dbay-map-highlight" if point.highlighted else "dbay-map-point"
    title = f"<title>{escape(tooltip)}</title>"
    dot = f'<circle class="{kind}" cx="{x:.1f}" cy="{y:.1f}" r="{radius(point.count):.1f}">{title}</circle>'
    if point.url:
        dot = f'<a href="{escape(point.url)}" aria-label="{escape(tooltip)}">{dot}</a>'
    return dot


def _labels(points: Sequence[MapPoint], frame: Frame) -> list[str]:
    """The labels that fit, the highlighted point's first, then by count."""
    taken: list[Box] = []
    for p in points:
        x, y = frame.project(p.longitude, p.latitude)
        r = radius(p.count)
        taken.append((x - r, y - r, x + r, y + r))
    labels = []
    for p in sorted(points, key=lambda p: not p.highlighted):
        box = label_box(p, frame, taken)
        if box:
            taken.append(box)
            position = f'x="{box[0]:.1f}" y="{box[3] - 2:.1f}"'
            labels.append(f'<text class="dbay-map-label" {position} aria-hidden="true">{escape(p.label)}</text>')
    return labels


def svg_map(
    points: Iterable[MapPoint],
    *,
    label: str,
    tooltip: str = "{name}",
    frame: Frame | None = None,
    lang: str = "zh-Hans",
    styled: bool = False,
    tiles: Tiles | None = None,
) -> str:
    """An SVG map of ``points`` on the base map, as markup to put in a page (every text escaped).

    ``label`` names the map for assistive technology; ``tooltip`` is a format string of a point's
    tooltip and link label (``{name}``, ``{count}``). The largest counts are drawn first, so that a
    small dot is never hidden under a large one, and labelled first. Points beyond the base map are
    left out (``on_the_base_map``); the pages list every place as text. ``styled`` puts STYLE inside the
    SVG, for a map served as a file of its own rather than in a page that has the style. ``tiles``
    draws web map tiles in place of the base map.
    """
    placed = sorted(on_the_base_map(points), key=lambda p: (-(p.count or 0), p.id))
    frame = frame or frame_around(placed)
    height = frame.height
    areas = tiles.images(frame) if tiles else []
    for area in () if tiles else basemap()["features"]:
        path = _area_path(area["geometry"], frame)
        if path:
            areas.append(f'<path class="dbay-map-area dbay-map-{area["properties"]["role"]}" d="{path}"/>')
    dots = [_dot(p, frame, tooltip.format(name=p.name, count=p.count)) for p in placed] + _labels(placed, frame)
    source = basemap()["source"]
    credit = escape(tiles.attribution if tiles else f"{source['name']}, {source['licence']}")
    return (
        f'<svg class="dbay-map" viewBox="0 0 {WIDTH} {height:.0f}" role="group" aria-label="{escape(label)}" lang="{lang}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f"{f'<style>{STYLE}</style>' if styled else ''}"
        f'<rect class="dbay-map-sea" width="{WIDTH}" height="{height:.0f}"/>{"".join(areas)}{"".join(dots)}'
        f'<text class="dbay-map-credit" x="{WIDTH - 4}" y="{height - 4:.0f}" text-anchor="end">{credit}</text></svg>'
    )


STYLE = """
.dbay-map { width: 100%; max-width: 40rem; height: auto; display: block; border: 1px solid #9a9a9a; }
.dbay-map-sea { fill: #dce9f2; }
.dbay-map-area { stroke: #7d7d7d; stroke-width: 0.6; stroke-linejoin: round; }
.dbay-map-focus { fill: #f7f3e8; }
.dbay-map-neighbour { fill: #e4e4e0; }
.dbay-map-point { fill: #b3261e; fill-opacity: 0.75; stroke: #fff; stroke-width: 1; }
.dbay-map-highlight { fill: #174ea6; fill-opacity: 0.9; }
a:focus .dbay-map-point, a:hover .dbay-map-point { stroke: #000; stroke-width: 2.5; }
.dbay-map-label { font-size: 12px; fill: #1f1f1f; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.dbay-map-credit { font-size: 9px; fill: #4a4a4a; }
"""
"""The maps' look, for the pages' and Datasette's style sheets (one owner for both)."""
