"""Places: dictionary matching on sentences written for the tests.

The sentences are in the genre's shapes: another province's plan (whose cities are not in the
dictionary), a Traditional repost, a news lead. Expected values come from reading each sentence.
"""

import pytest

from dbay.build.place_dictionary import PlaceEntry, load_places, place_record
from dbay.build.places import PlaceMatcher
from tests.conftest import SOURCES


@pytest.fixture(scope="module")
def matcher() -> PlaceMatcher:
    """The project's own dictionary."""
    return PlaceMatcher(load_places(SOURCES))


def found(matcher: PlaceMatcher, text: str) -> list[tuple[str, str]]:
    return [(mention.value, text[mention.start : mention.end]) for mention in matcher.mentions(text)]


def test_another_provinces_cities_are_not_in_the_dictionary(matcher: PlaceMatcher) -> None:
    text = "浙江省推进杭州、宁波数字经济创新发展，加强与粤港澳大湾区、长三角其他城市合作。"
    assert found(matcher, text) == [("yue-gang-ao-da-wan-qu", "粤港澳大湾区"), ("chang-san-jiao", "长三角")]


def test_a_university_named_after_sun_yat_sen_is_not_the_city_of_zhongshan(matcher: PlaceMatcher) -> None:
    text = "支持中山大学、华南理工大学在中山市、江门建设研究院。"
    assert found(matcher, text) == [("zhong-shan", "中山市"), ("jiang-men", "江门")]


def test_the_full_name_of_a_zone_is_one_mention_of_the_zone(matcher: PlaceMatcher) -> None:
    text = "高水平建设横琴粤澳深度合作区，便利澳门居民在横琴生活就业。"
    assert found(matcher, text) == [
        ("heng-qin", "横琴粤澳深度合作区"),
        ("ao-men", "澳门"),
        ("heng-qin", "横琴"),
    ]


def test_a_traditional_repost_is_matched_in_its_own_script(matcher: PlaceMatcher) -> None:
    text = "推動橫琴與澳門、香港深化合作，便利港澳居民往來內地，提升粵東粵西粵北數字化水平。"
    assert found(matcher, text) == [
        ("heng-qin", "橫琴"),
        ("ao-men", "澳門"),
        ("xiang-gang", "香港"),
        ("gang-ao", "港澳"),
        ("nei-di", "內地"),
        ("yue-dong-yue-xi-yue-bei", "粵東粵西粵北"),
    ]


def test_a_news_lead_names_a_city_and_a_crossing(matcher: PlaceMatcher) -> None:
    text = "本报广州3月2日电 港珠澳大桥珠海公路口岸今起试行“一站式”查验。"
    assert found(matcher, text) == [
        ("guang-zhou", "广州"),
        ("gang-zhu-ao-da-qiao", "港珠澳大桥"),
        ("zhu-hai", "珠海"),
    ]


def test_the_bay_area_is_not_also_the_group_of_three(matcher: PlaceMatcher) -> None:
    text = "整合粤港澳三地资源，建设粤港澳大湾区；深化粤港、粤澳合作。"
    assert found(matcher, text) == [
        ("yue-gang-ao", "粤港澳"),
        ("yue-gang-ao-da-wan-qu", "粤港澳大湾区"),
        ("yue-gang", "粤港"),
        ("yue-ao", "粤澳"),
    ]


def test_excluded_words_hide_the_names_inside_them(matcher: PlaceMatcher) -> None:
    text = "南沙群岛海洋观测与黄河源生态监测；南沙、河源建设数据中心。"
    assert found(matcher, text) == [("nan-sha", "南沙"), ("he-yuan", "河源")]


def test_words_of_no_particular_place_are_not_mentions(matcher: PlaceMatcher) -> None:
    assert found(matcher, "全省各地市、全国一体化，建设一流湾区，与发展中国家合作。") == []


def test_offsets_index_the_text_given(matcher: PlaceMatcher) -> None:
    text = "一、支持深圳市建设"
    (mention,) = matcher.mentions(text)
    assert (mention.start, mention.end, mention.raw) == (4, 7, "深圳市")


def test_a_published_place_converts_its_traditional_name_unless_given() -> None:
    zhaoqing = place_record(
        PlaceEntry(id="zhao-qing", kind="city", name="肇庆", aliases=["肇庆", "肇庆市"], coordinate_source="none")
    )
    assert (zhaoqing.name_hant, zhaoqing.aliases, zhaoqing.latitude) == ("肇慶", ["肇庆市"], None)
    macao = place_record(PlaceEntry(id="ao-men", kind="sar", name="澳门", name_hant="澳門", coordinate_source="test"))
    assert macao.name_hant == "澳門"


def test_every_point_has_a_source_and_regions_have_none() -> None:
    entries = load_places(SOURCES)
    assert all(entry.coordinate_source.startswith("http") for entry in entries if entry.latitude is not None)
    assert all(entry.latitude is None for entry in entries if entry.kind in {"region", "group", "province"})


def test_every_point_lies_in_guangdong_hong_kong_or_macao() -> None:
    # Guangdong spans 20°13′–25°31′ N and 109°39′–117°19′ E (the province's own figures); a point outside
    # it is a slip such as a west longitude copied from a page.
    points = {entry.id: (entry.latitude, entry.longitude) for entry in load_places(SOURCES) if entry.latitude is not None}
    assert {"guang-zhou", "xiang-gang", "ao-men", "heng-qin", "gang-zhu-ao-da-qiao"} <= set(points)
    outside = {place for place, (lat, lon) in points.items() if not (20.2 <= (lat or 0) <= 25.6 and 109.6 <= (lon or 0) <= 117.4)}
    assert outside == set()
