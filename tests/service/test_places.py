"""Places in the API (issue 13): /places, /places/{id}, the /measures filter and facet place, and a
measure's places.

Expected values were read off the plan's text (sources/digital-bay-area-action-plan/official.txt):
横琴 is named in the guiding paragraph (一) 1 twice (横琴粤澳深度合作区（以下简称横琴）), in 二（一）2
(珠海横琴先进智能计算平台, the plan's only 珠海), in 二（六）1 (在横琴、前海、南沙、河套) and in 四（三）
(充分发挥横琴、前海…). sources/places.yml puts 横琴 in 珠海 and 珠海 in 广东.
"""

from urllib.parse import quote

from flask.testing import FlaskClient

from tests.service.conftest import PLAN
from tests.service.test_api import every_page, get, problem

HENGQIN, ZHUHAI = "heng-qin", "zhu-hai"
NAMING_HENGQIN = [f"{PLAN}.1.1", f"{PLAN}.2.1.2", f"{PLAN}.2.6.1", f"{PLAN}.4.3"]
NAMING_ZHUHAI = [f"{PLAN}.2.1.2"]


def ids(client: FlaskClient, url: str) -> list[str]:
    return [m["id"] for m in every_page(client, url)]


def test_places_are_found_by_name_in_either_script_with_their_parent_and_point(client: FlaskClient) -> None:
    for name in ("横琴", "橫琴", "横琴粤澳深度合作区"):
        found = get(client, f"/api/v1/places?q={quote(name)}")["data"]
        assert [(p["id"], p["kind"], p["parent_id"]) for p in found] == [(HENGQIN, "zone", ZHUHAI)]
    hengqin = get(client, f"/api/v1/places?q={quote('横琴')}&lang=zh-Hant")["data"][0]
    assert hengqin["name"] == "橫琴粵澳深度合作區"
    assert hengqin["parent"] == {"id": ZHUHAI, "kind": "city", "name": "珠海", "url": f"/api/v1/places/{ZHUHAI}"}
    assert hengqin["counts"] == {"mentions": 5, "measures": 4, "measures_within": 4}
    assert hengqin["links"] == {"self": f"/api/v1/places/{HENGQIN}", "measures": f"/api/v1/measures?place={HENGQIN}"}
    assert 21 < hengqin["latitude"] < 23 and 113 < hengqin["longitude"] < 114  # Hengqin island, west of Macao


def test_places_are_filtered_by_kind(client: FlaskClient) -> None:
    zones = every_page(client, "/api/v1/places?kind=zone&limit=5")
    assert HENGQIN in {p["id"] for p in zones} and {p["kind"] for p in zones} == {"zone"}
    cities = get(client, "/api/v1/places?kind=city&limit=1")["meta"]["total"]
    assert get(client, "/api/v1/places?kind=zone,city&limit=1")["meta"]["total"] == len(zones) + cities
    problem(client, "/api/v1/places?kind=village", 400)


def test_a_place_lists_its_parent_children_and_the_measures_naming_it(client: FlaskClient) -> None:
    zhuhai = get(client, f"/api/v1/places/{ZHUHAI}?lang=zh-Hant")["data"]
    assert zhuhai["parent"]["id"] == "guang-dong"
    assert [c["id"] for c in zhuhai["children"]] == [HENGQIN]
    assert [m["id"] for m in zhuhai["measures"]] == NAMING_ZHUHAI
    assert zhuhai["measures"][0]["title"] == "建設互通的數據要素網絡" and zhuhai["measures"][0]["raw"] == ["珠海"]
    hengqin = get(client, f"/api/v1/places/{HENGQIN}")["data"]
    assert [m["id"] for m in hengqin["measures"]] == NAMING_HENGQIN
    first = hengqin["measures"][0]
    assert (first["mentions"], first["raw"]) == (2, ["横琴粤澳深度合作区", "横琴"])
    assert hengqin["children"] == []
    assert "nowhere" in problem(client, "/api/v1/places/nowhere", 404)["detail"]


def test_measures_naming_a_place_include_those_naming_a_place_within_it(client: FlaskClient) -> None:
    assert ids(client, f"/api/v1/measures?place={HENGQIN}") == NAMING_HENGQIN
    assert ids(client, f"/api/v1/measures?place={ZHUHAI}") == NAMING_HENGQIN  # 横琴 lies in 珠海
    in_guangdong = set(ids(client, "/api/v1/measures?place=guang-dong"))
    assert set(NAMING_HENGQIN) <= in_guangdong  # 横琴 in 珠海 in 广东
    both = ids(client, f"/api/v1/measures?place={HENGQIN},xiang-gang&document={PLAN}")
    assert set(NAMING_HENGQIN) < set(both)
    body = problem(client, f"/api/v1/measures?place={HENGQIN},nowhere", 400)
    assert "place" in body["detail"] and "nowhere" in body["detail"]


def test_the_place_facet_counts_a_place_with_the_places_within_it(client: FlaskClient) -> None:
    facet = get(client, f"/api/v1/measures?place={HENGQIN}&facets=place&limit=1")["meta"]["facets"]["place"]
    counts = {value["value"]: (value["label"], value["count"]) for value in facet["values"]}
    assert counts[HENGQIN] == ("横琴粤澳深度合作区", 4)
    assert counts[ZHUHAI] == ("珠海", 4)  # each measure naming 横琴 names a place within 珠海
    assert counts["guang-dong"][1] == 4
    every = get(client, "/api/v1/measures?facets=place&limit=1")["meta"]["facets"]["place"]
    zhuhai = next(value for value in every["values"] if value["value"] == ZHUHAI)
    assert zhuhai["count"] == get(client, f"/api/v1/measures?place={ZHUHAI}&limit=1")["meta"]["total"]


def test_a_measure_lists_the_places_it_names_in_text_order(client: FlaskClient) -> None:
    places = get(client, f"/api/v1/measures/{PLAN}.2.1.2?lang=zh-Hant")["data"]["places"]
    named = [p["id"] for p in places]
    # 国家超级计算广州中心、深圳中心，支持鹏城"云脑"、珠海横琴先进智能计算平台、东莞大科学智能计算平台
    assert named[named.index("guang-zhou") :][:5] == ["guang-zhou", "shen-zhen", ZHUHAI, HENGQIN, "dong-guan"]
    zhuhai, hengqin = places[named.index(ZHUHAI)], places[named.index(HENGQIN)]
    assert (zhuhai["raw"], hengqin["raw"], hengqin["name"]) == ("珠海", "横琴", "橫琴粵澳深度合作區")
    assert zhuhai["end"] == hengqin["start"]  # 珠海横琴: two names side by side
    assert zhuhai["kind"] == "city" and zhuhai["latitude"] is not None and zhuhai["url"] == f"/api/v1/places/{ZHUHAI}"


def test_the_places_with_a_point_are_a_geojson_feature_collection(client: FlaskClient) -> None:
    answer = client.get("/api/v1/places.geojson?lang=zh-Hant")
    assert answer.status_code == 200 and answer.mimetype == "application/geo+json"
    collection = answer.get_json(force=True)
    assert collection["type"] == "FeatureCollection"
    features = {feature["id"]: feature for feature in collection["features"]}
    hengqin = features[HENGQIN]
    place = get(client, f"/api/v1/places/{HENGQIN}")["data"]
    assert hengqin["geometry"] == {"type": "Point", "coordinates": [place["longitude"], place["latitude"]]}
    assert hengqin["properties"] | {"name": None} == {
        "id": HENGQIN,
        "kind": "zone",
        "name": None,
        "parent_id": ZHUHAI,
        "mentions": 5,
        "measures": 4,
        "measures_within": 4,  # no place lies in 横琴
        "url": f"/api/v1/places/{HENGQIN}",
    }
    assert hengqin["properties"]["name"] == "橫琴粵澳深度合作區"
    # 珠海 names itself in one measure; with 横琴, which lies in it, four (test_place_pages.py reads them).
    assert (features[ZHUHAI]["properties"]["measures"], features[ZHUHAI]["properties"]["measures_within"]) == (1, 4)
    assert "guang-dong" not in features  # a province has no single point (sources/places.yml)
    assert all(feature["geometry"]["coordinates"][0] > 100 for feature in features.values())  # longitude first
    problem(client, "/api/v1/places.geojson?lang=xx", 400)
