"""Make the base map (dbay/basemap.geojson) from the Digital Chart of the World, as build/basemap.yml says.

Not a stage of the release build: the base map is a file of the program, made once by a maintainer
(`make basemap`) and committed, so that neither the build nor the service needs the source file, which
comes from a Debian package (gmt-dcw).

The DCW-GMT file is netCDF-4 (HDF5): each area has ``<code>_lon`` and ``<code>_lat``, unsigned 16-bit
integers to be read as ``min + value / scale`` (attributes of each variable), rings one after another,
each preceded by 65535 in the longitudes.
"""

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SETTINGS = Path(__file__).with_name("basemap.yml")
OUTPUT = Path(__file__).resolve().parent.parent / "dbay" / "basemap.geojson"
RING_START = 65535  # in the longitudes, before each ring
DECIMALS = 4  # about 10 m: finer than the source's 1:1,000,000

Point = tuple[float, float]  # longitude, latitude


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    name_en: str
    role: str
    tolerance: float


def decoded(values: Sequence[int], minimum: float, scale: float) -> list[float]:
    """The coordinates of one variable: DCW-GMT stores ``(coordinate - min) * scale`` as an integer."""
    return [minimum + value / scale for value in values]


def rings(longitudes: Sequence[int], lon: Sequence[float], lat: Sequence[float]) -> Iterator[list[Point]]:
    """Each ring of an area, split where the raw longitudes hold the ring marker."""
    ring: list[Point] = []
    for raw, x, y in zip(longitudes, lon, lat, strict=True):
        if raw == RING_START:
            if ring:
                yield ring
            ring = []
        else:
            ring.append((x, y))
    if ring:
        yield ring


def _distance(point: Point, start: Point, end: Point) -> float:
    """How far ``point`` lies from the line through ``start`` and ``end``, in degrees."""
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    if length == 0:
        return float(((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
    return float(abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length)


def simplified(line: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the fewest points of ``line`` that stay within ``tolerance`` of it, ends kept."""
    if len(line) < 3:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    pending = [(0, len(line) - 1)]
    while pending:  # a stack, not recursion: Guangdong's coast is one ring of 88,000 points
        first, last = pending.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            d = _distance(line[index], line[first], line[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            pending += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(line, keep, strict=True) if kept]


def _extent(ring: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def kept_ring(ring: list[Point], tolerance: float, bounds: Sequence[float]) -> list[Point] | None:
    """The ring simplified and rounded, or None where it lies outside ``bounds`` or is an islet
    smaller than the tolerance (a closed ring keeps at least four points)."""
    west, south, east, north = _extent(ring)
    if east < bounds[0] or west > bounds[2] or north < bounds[1] or south > bounds[3]:
        return None
    if max(east - west, north - south) < tolerance * 2:
        return None
    # A ring's ends are the same point: split it in two so Douglas-Peucker has two ends to keep.
    middle = len(ring) // 2
    points = simplified(ring[: middle + 1], tolerance)[:-1] + simplified(ring[middle:], tolerance)
    rounded = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in points]
    return rounded if len(rounded) >= 4 else None


def feature(area: Area, area_rings: list[list[Point]]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": area.code,
        "properties": {"code": area.code, "name": area.name, "name_en": area.name_en, "role": area.role},
        "geometry": {"type": "MultiPolygon", "coordinates": [[[list(point) for point in ring]] for ring in area_rings]},
    }


def basemap(source: Any, settings: dict[str, Any]) -> dict[str, Any]:
    """The GeoJSON FeatureCollection of ``settings['areas']`` read from the open DCW-GMT file ``source``
    (an h5py File or any mapping of variables with ``attrs``)."""
    features = []
    for entry in settings["areas"]:
        area = Area(**entry)
        lon_var, lat_var = source[f"{area.code}_lon"], source[f"{area.code}_lat"]
        raw_lon, raw_lat = [int(v) for v in lon_var[:]], [int(v) for v in lat_var[:]]
        lon = decoded(raw_lon, float(lon_var.attrs["min"][0]), float(lon_var.attrs["scale"][0]))
        lat = decoded(raw_lat, float(lat_var.attrs["min"][0]), float(lat_var.attrs["scale"][0]))
        kept = [kept_ring(ring, area.tolerance, settings["bounds"]) for ring in rings(raw_lon, lon, lat)]
        features.append(feature(area, [ring for ring in kept if ring]))
    described = settings["source"]
    return {
        "type": "FeatureCollection",
        # Foreign members (RFC 7946 section 6.1): where the outlines come from and under which licence.
        "source": {key: described[key] for key in ("name", "url", "licence")},
        "bounds": settings["bounds"],
        "features": features,
    }


def main(argv: Sequence[str] = ()) -> int:
    import h5py  # only here: the maintainer's tool, not something the build or the service needs

    settings = yaml.safe_load(SETTINGS.read_text(encoding="utf-8"))
    path = Path(argv[0]) if argv else Path(settings["source"]["file"])
    if not path.exists():
        print(f"{path}: no such file; install the Debian package {settings['source']['debian_package']}", file=sys.stderr)
        return 1
    with h5py.File(path, "r") as source:
        collection = basemap(source, settings)
    OUTPUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(ring[0]) for f in collection["features"] for ring in f["geometry"]["coordinates"])
    print(f"{OUTPUT}: {len(collection['features'])} areas, {points} points, {OUTPUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
