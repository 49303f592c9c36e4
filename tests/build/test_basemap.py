"""The base-map maker (build/basemap.py) on small made-up areas, and the committed base map itself."""

import json
from pathlib import Path
from typing import Any

import yaml

from dbay.build import basemap
from dbay.maps import BASEMAP

PLACES = Path(__file__).resolve().parents[2] / "sources" / "places.yml"


class Variable:
    """What the maker reads of an h5py dataset: its values and its min/scale attributes."""

    def __init__(self, values: list[int], minimum: float, scale: float) -> None:
        self.values, self.attrs = values, {"min": [minimum], "scale": [scale]}

    def __getitem__(self, _: slice) -> list[int]:
        return self.values


def test_values_are_read_as_min_plus_value_over_scale() -> None:
    assert basemap.decoded([0, 100, 65534], 110.0, 100.0) == [110.0, 111.0, 110.0 + 655.34]


def test_rings_start_after_each_marker() -> None:
    raw = [65535, 1, 2, 3, 65535, 4, 5]
    lon = [0.0, 1.0, 2.0, 3.0, 0.0, 4.0, 5.0]
    assert list(basemap.rings(raw, lon, lon)) == [[(1.0, 1.0), (2.0, 2.0), (3.0, 3.0)], [(4.0, 4.0), (5.0, 5.0)]]


def test_simplification_drops_what_lies_within_the_tolerance_and_keeps_the_rest() -> None:
    line = [(0.0, 0.0), (1.0, 0.004), (2.0, 0.0), (3.0, 0.5), (4.0, 0.0)]
    # (1, 0.004) is 0.004 off the line from (0, 0) to (2, 0); (3, 0.5) is 0.5 off it.
    assert basemap.simplified(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 0.5), (4.0, 0.0)]
    assert basemap.simplified(line, 0.001) == line


def test_islets_and_rings_outside_the_bounds_are_dropped() -> None:
    square = [(113.0, 22.0), (113.0, 22.5), (113.5, 22.5), (113.5, 22.0), (113.0, 22.0)]
    assert basemap.kept_ring(square, 0.01, [110, 20, 116, 25]) == square
    assert basemap.kept_ring(square, 0.01, [100, 10, 105, 15]) is None  # wholly outside
    assert basemap.kept_ring(square, 0.3, [110, 20, 116, 25]) is None  # 0.5 degrees across, under twice 0.3


def test_an_area_becomes_one_multipolygon_feature_with_its_names() -> None:
    # Two rings: a square of 0.5 degrees and a speck of 0.001, the speck under the tolerance.
    lon = [65535, 0, 0, 50, 50, 0, 65535, 0, 0, 0]
    lat = [0, 0, 50, 50, 0, 0, 0, 0, 0, 1]
    source = {"XXAA_lon": Variable(lon, 113.0, 100.0), "XXAA_lat": Variable(lat, 22.0, 100.0)}
    settings: dict[str, Any] = {
        "source": {"name": "test", "url": "https://example.org", "licence": "CC0-1.0"},
        "bounds": [110, 20, 116, 25],
        "areas": [{"code": "XXAA", "name": "甲", "name_en": "A", "role": "focus", "tolerance": 0.01}],
    }
    collection = basemap.basemap(source, settings)
    [feature] = collection["features"]
    assert feature["properties"] == {"code": "XXAA", "name": "甲", "name_en": "A", "role": "focus"}
    assert feature["geometry"]["coordinates"] == [[[[113.0, 22.0], [113.0, 22.5], [113.5, 22.5], [113.5, 22.0], [113.0, 22.0]]]]
    assert collection["source"]["licence"] == "CC0-1.0"


def _inside(point: tuple[float, float], ring: list[list[float]]) -> bool:
    """Ray casting: whether the point lies inside the ring."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_the_committed_base_map_holds_every_city_seat_in_its_own_area() -> None:
    """The points sources/places.yml gives (read on public pages) fall inside the outline the base map
    draws for them: the cities of Guangdong in Guangdong, Hong Kong's in Hong Kong's. Macao's published
    point, 22°10'N 113°33'E (the CIA World Factbook's, as Wikipedia's), lies in the water between the
    peninsula and Taipa: it is only near its outline, within 0.02 degrees (2 km) of a point of it."""
    collection = json.loads(BASEMAP.read_text(encoding="utf-8"))
    areas = {f["id"]: [polygon[0] for polygon in f["geometry"]["coordinates"]] for f in collection["features"]}
    assert {"CNGD", "CNHK", "CNMO"} <= set(areas)
    assert collection["source"]["licence"] == "LGPL-3.0-or-later"
    area_of = {"xiang-gang": "CNHK"}
    places = yaml.safe_load(PLACES.read_text(encoding="utf-8"))["places"]
    checked = 0
    for place in places:
        if place["kind"] not in ("city", "sar") or "latitude" not in place:
            continue
        if place["id"] == "ao-men":
            x, y = place["longitude"], place["latitude"]
            assert not any(_inside((x, y), ring) for ring in areas["CNMO"])
            assert any(abs(x - px) < 0.02 and abs(y - py) < 0.02 for ring in areas["CNMO"] for px, py in ring)
            continue
        area = area_of.get(place["id"], "CNGD")
        point = (place["longitude"], place["latitude"])
        assert any(_inside(point, ring) for ring in areas[area]), (place["id"], area)
        checked += 1
    assert checked >= 10
