"""The maps drawn on the server (dbay/maps.py): frames, dots, labels and escaping."""

import math
import re

from dbay import maps
from dbay.maps import MapPoint

GUANGZHOU = MapPoint("guang-zhou", "广州", 113.26, 23.13, 40, "/places/guang-zhou")
FOSHAN = MapPoint("fo-shan", "佛山", 113.12, 23.02, 4, "/places/fo-shan")


def test_a_lone_point_is_framed_with_its_surroundings_inside_the_base_map() -> None:
    frame = maps.frame_around([GUANGZHOU])
    assert frame.north - frame.south >= maps.MINIMUM_SPAN
    assert frame.west < GUANGZHOU.longitude < frame.east and frame.south < GUANGZHOU.latitude < frame.north
    west, south, east, north = maps.basemap()["bounds"]
    assert west <= frame.west and frame.east <= east and south <= frame.south and frame.north <= north


def test_a_point_near_the_edge_moves_the_frame_back_inside() -> None:
    """Hainan's south coast at 18.2 N lies below the base map's bounds: the frame keeps to them."""
    frame = maps.frame_around([MapPoint("x", "x", 110.0, 19.6)])
    assert frame.south == maps.basemap()["bounds"][1]


def test_dots_are_links_sized_by_their_counts_largest_first() -> None:
    svg = maps.svg_map([FOSHAN, GUANGZHOU], label="两地", tooltip="{name}：{count}条")
    circles = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"><circle [^>]* r="([\d.]+)"', svg)
    assert [(url, tip) for url, tip, _ in circles] == [("/places/guang-zhou", "广州：40条"), ("/places/fo-shan", "佛山：4条")]
    assert float(circles[0][2]) > float(circles[1][2])
    assert 'aria-label="两地"' in svg
    assert "Digital Chart of the World" in svg  # the base map's source, as its licence asks


def test_a_label_that_would_cover_another_is_left_out() -> None:
    """Two places at one spot: the larger is labelled, the other keeps its tooltip only."""
    twin = MapPoint("twin", "双子", GUANGZHOU.longitude, GUANGZHOU.latitude, 1)
    svg = maps.svg_map([twin, GUANGZHOU], label="x")
    labels = re.findall(r'<text class="dbay-map-label"[^>]*>([^<]+)</text>', svg)
    assert labels == ["广州"]
    assert "<title>双子</title>" in svg


def test_a_short_name_labels_the_point_and_the_full_name_stays_in_the_tooltip() -> None:
    zone = MapPoint("heng-qin", "横琴粤澳深度合作区", 113.52, 22.13, 5, short_name="横琴")
    svg = maps.svg_map([zone], label="x")
    assert re.findall(r'<text class="dbay-map-label"[^>]*>([^<]+)</text>', svg) == ["横琴"]
    assert "<title>横琴粤澳深度合作区</title>" in svg


def test_every_text_is_escaped() -> None:
    odd = MapPoint("odd", '<b>"甲"</b>', 113.3, 23.1, 2, url='/x?a=1&b="2"')
    svg = maps.svg_map([odd], label="<script>", tooltip="{name}")
    assert "<b>" not in svg and "<script>" not in svg
    assert "&lt;b&gt;&quot;甲&quot;&lt;/b&gt;" in svg and 'href="/x?a=1&amp;b=&quot;2&quot;"' in svg


def test_the_base_map_outside_the_frame_is_not_drawn() -> None:
    """A frame around Guangzhou shows Guangdong but not Hainan, which lies 3 degrees further south."""
    svg = maps.svg_map([GUANGZHOU], label="x")
    assert 'class="dbay-map-area dbay-map-focus"' in svg
    hainan = next(f for f in maps.basemap()["features"] if f["id"] == "CNHI")
    assert maps._area_path(hainan["geometry"], maps.frame_around([GUANGZHOU])) == ""


def test_a_styled_map_carries_its_style_for_use_as_a_file() -> None:
    assert "<style>" in maps.svg_map([GUANGZHOU], label="x", styled=True)
    assert "<style>" not in maps.svg_map([GUANGZHOU], label="x")


def test_a_place_is_labelled_by_its_shortest_name() -> None:
    assert maps.short_name("横琴粤澳深度合作区", ["横琴", "横琴合作区"]) == "横琴"
    assert maps.short_name("广州", ["广州市"]) is None
    assert maps.short_name("香港", []) is None


def _slippy_tile(longitude: float, latitude: float, zoom: int) -> tuple[int, int]:
    """The tile holding a point, by the formula the tile servers publish (OpenStreetMap wiki, Slippy map tilenames)."""
    n = 2**zoom
    lat = math.radians(latitude)
    return int((longitude + 180) / 360 * n), int((1 - math.asinh(math.tan(lat)) / math.pi) / 2 * n)


def test_tiles_lie_under_the_points_they_hold() -> None:
    """With tiles configured, each point's projected position falls in the image of the tile that
    the servers' own formula names for it: the map and the tiles share one projection."""
    tiles = maps.Tiles("https://tiles.example.org/{z}/{x}/{y}.png", "© Example contributors")
    svg = maps.svg_map([GUANGZHOU, FOSHAN], label="x", tiles=tiles)
    images = re.findall(r'<image href="[^"]*/(\d+)/(\d+)/(\d+)\.png" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)"', svg)
    assert images and 'class="dbay-map-area' not in svg and "© Example contributors" in svg
    frame = maps.frame_around([GUANGZHOU, FOSHAN])
    for point in (GUANGZHOU, FOSHAN):
        x, y = frame.project(point.longitude, point.latitude)
        holding = [
            (int(tx), int(ty))
            for z, tx, ty, left, top, size in images
            if float(left) <= x < float(left) + float(size) and float(top) <= y < float(top) + float(size)
        ]
        zoom = int(images[0][0])
        assert holding == [_slippy_tile(point.longitude, point.latitude, zoom)]


def test_tiles_stay_few() -> None:
    tiles = maps.Tiles("https://t/{z}/{x}/{y}.png", "t", most=6)
    whole = maps.frame_around([])
    assert len(tiles.covering(whole, tiles.zoom(whole))) <= 6


def test_a_point_beyond_the_base_map_is_left_out_rather_than_stretching_the_frame() -> None:
    """Beijing (39.9 N) lies far north of the base map (Guangdong and its neighbours): drawing it would
    show the provinces between as sea."""
    beijing = MapPoint("bei-jing", "北京", 116.40, 39.90, 3, "/places/bei-jing")
    svg = maps.svg_map([GUANGZHOU, beijing], label="x")
    assert "/places/bei-jing" not in svg and "/places/guang-zhou" in svg
    assert svg == maps.svg_map([GUANGZHOU], label="x")
