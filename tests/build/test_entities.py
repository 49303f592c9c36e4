"""Named things: dictionary matching and unclassified quoted strings, on sentences written for the tests.

The sentences are in the genre's shapes: other provinces' plans (whose platforms are not in the
dictionary), Traditional reposts, news leads quoting an official. Expected values come from reading
each sentence.
"""

from pathlib import Path

import pytest

from dbay.build.entities import EntityMatcher, quoted_strings, unclassified_in
from dbay.build.entity_dictionary import EntityEntry, load_entity_dictionary
from tests.conftest import SOURCES


@pytest.fixture(scope="module")
def matcher() -> EntityMatcher:
    """The project's own dictionary."""
    return EntityMatcher(load_entity_dictionary(SOURCES))


def entry(identifier: str, name: str, **more: object) -> EntityEntry:
    return EntityEntry.model_validate({"id": identifier, "type": "technology", "name": name, "source": "test", **more})


def found(matcher: EntityMatcher, text: str) -> list[tuple[str, str]]:
    return [(mention.value.id, text[mention.start : mention.end]) for mention in matcher.mentions(text)]


def unclassified(matcher: EntityMatcher, text: str) -> list[str]:
    spans = [(mention.start, mention.end) for mention in matcher.mentions(text)]
    return [quoted.content for quoted in unclassified_in(text, spans)]


def test_other_provinces_platforms_are_not_in_the_dictionary_and_stay_unclassified(matcher: EntityMatcher) -> None:
    text = "学习浙江“浙里办”、上海“随申办”经验，深化“粤省事”“粤商通”建设。"
    assert found(matcher, text) == [("yue-sheng-shi", "粤省事"), ("yue-shang-tong", "粤商通")]
    assert unclassified(matcher, text) == ["浙里办", "随申办"]


def test_a_traditional_repost_matches_the_simplified_entries(matcher: EntityMatcher) -> None:
    text = "推動「粵省事」與香港「智方便」、澳門「一戶通」對接，深化「灣事通」建設。"
    assert found(matcher, text) == [
        ("yue-sheng-shi", "粵省事"),
        ("zhi-fang-bian", "智方便"),
        ("yi-hu-tong", "一戶通"),
        ("wan-shi-tong", "灣事通"),
    ]
    assert unclassified(matcher, text) == []


def test_offsets_index_the_text_given() -> None:
    text = "一、推进工业互联网"
    (mention,) = EntityMatcher([entry("gong-ye-hu-lian-wang", "工业互联网")]).mentions(text)
    assert (mention.start, mention.end, mention.raw) == (4, 9, "工业互联网")


def test_the_longest_name_wins_where_names_overlap() -> None:
    matcher = EntityMatcher([entry("hu-lian-wang", "互联网"), entry("gong-ye-hu-lian-wang", "工业互联网")])
    assert found(matcher, "推进工业互联网和互联网医疗发展") == [
        ("gong-ye-hu-lian-wang", "工业互联网"),
        ("hu-lian-wang", "互联网"),
    ]


def test_a_latin_name_is_not_found_inside_a_longer_word(matcher: EntityMatcher) -> None:
    text = "推进F5G建设，利用50G PON技术，建设5G网络，部署IPv6。"
    assert found(matcher, text) == [("f5g", "F5G"), ("5g", "5G"), ("ipv6", "IPv6")]


def test_a_quoted_only_name_is_not_found_in_ordinary_words(matcher: EntityMatcher) -> None:
    # 湾区通 is also the start of 湾区通关 (Bay Area customs clearance).
    assert found(matcher, "推动大湾区通关便利化，深化“湾区通”工程。") == [("wan-qu-tong", "湾区通")]


def test_a_quotation_of_several_names_is_classified_when_each_is_a_name(matcher: EntityMatcher) -> None:
    assert unclassified(matcher, "启动“揭榜挂帅、赛龙夺锦”征集活动") == []
    assert unclassified(matcher, "推广“粤省事、浙里办”经验") == ["粤省事、浙里办"]


def test_a_news_lead_quoting_an_official_reports_the_quotation_as_unclassified(matcher: EntityMatcher) -> None:
    text = "记者获悉，负责人表示“要让数据多跑路”，省里将升级“粤省事”。"
    assert unclassified(matcher, text) == ["要让数据多跑路"]


def test_every_kind_of_quotation_mark_is_read() -> None:
    text = '‘甲方案’、『乙方案』、"丙方案"与"丁方案"、「戊方案」'
    assert [quoted.content for quoted in quoted_strings(text)] == ["甲方案", "乙方案", "丙方案", "丁方案", "戊方案"]


def test_a_long_quotation_is_a_citation_not_a_name() -> None:
    text = "“" + "数据" * 40 + "”，以及“粤治慧”"
    assert [quoted.content for quoted in quoted_strings(text)] == ["粤治慧"]


def test_names_in_either_script_are_matched_from_one_entry() -> None:
    matcher = EntityMatcher([entry("zi-liao-yi-xian-tong", "资料一线通", name_hant="資料一線通")])
    assert found(matcher, "香港“資料一線通”与“资料一线通”") == [
        ("zi-liao-yi-xian-tong", "資料一線通"),
        ("zi-liao-yi-xian-tong", "资料一线通"),
    ]


def test_a_folder_without_a_dictionary_has_no_entities(tmp_path: Path) -> None:
    assert load_entity_dictionary(tmp_path) == []
