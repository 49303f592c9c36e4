"""Quantified targets found in sentences written in the genre's shapes (other provinces' plans,
Traditional reposts, news leads); expected values written by reading each sentence."""

from typing import get_args

import pytest

from dbay.build.scripts import to_hans
from dbay.build.targets import find_targets, qualifiers_named
from dbay.schema.enrichment import Qualifier

Found = tuple[str, float, str, str, str, str | None]  # raw, value, unit, kind, qualifier, counted


def found(text: str) -> list[Found]:
    results = find_targets(text)
    for target in results:
        assert text[target.start : target.end] == target.raw  # offsets index the text
    return [(t.raw, t.value, t.unit, t.unit_kind, t.qualifier, t.counted) for t in results]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2025年，全省建成5G基站25万座以上，千兆光网覆盖全部县城。",
            [("25万座以上", 250_000, "座", "count", "at_least", "5G基站")],
        ),
        (
            "培育100家以上省级工业互联网标杆示范，带动中小企业上云用云。",
            [("100家以上", 100, "家", "count", "at_least", "省级工业互联网标杆示范")],
        ),
        (
            "到2027年，规模以上工业企业关键工序数控化率达到65%，新增国家级智能工厂15个。",
            [
                ("达到65%", 65, "%", "percent", "at_least", "规模以上工业企业关键工序数控化率"),
                ("15个", 15, "个", "count", "exactly", "国家级智能工厂"),
            ],
        ),
        (
            "全年新增算力投资约1.5亿元，建设两个省级数据中心。",
            [
                ("约1.5亿元", 150_000_000, "元", "money", "about", "算力投资"),
                ("两个", 2, "个", "count", "exactly", "省级数据中心"),
            ],
        ),
        (
            "政务服务事项办理时限压缩至3个工作日以内，群众满意率提高5个百分点。",
            [
                ("3个工作日以内", 3, "个工作日", "duration", "up_to", "政务服务事项办理时限"),
                ("提高5个百分点", 5, "个百分点", "percent", "increase_by", "群众满意率"),
            ],
        ),
        (
            "打造十五项标志性应用，累计培训数字技能人才超过1万人次。",
            [
                ("十五项", 15, "项", "count", "exactly", "标志性应用"),
                ("超过1万人次", 10_000, "人次", "count", "more_than", "数字技能人才"),
            ],
        ),
        (
            "建设高标准农田120万亩左右、新建改造农村公路3000公里。",
            [
                ("120万亩左右", 1_200_000, "亩", "area", "about", "高标准农田"),
                ("3000公里", 3000, "公里", "length", "exactly", "农村公路"),
            ],
        ),
        (
            "推动3个国家级和20个市级智慧城市试点，工业企业单位能耗下降10%。",
            [
                ("3个", 3, "个", "count", "exactly", "国家级智慧城市试点"),
                ("20个", 20, "个", "count", "exactly", "市级智慧城市试点"),
                ("下降10%", 10, "%", "percent", "decrease_by", "工业企业单位能耗"),
            ],
        ),
        (
            "力争到2026年底全省数据交易规模突破200亿元，全省行政村5G网络通达率达到95%以上。",
            [
                ("突破200亿元", 20_000_000_000, "元", "money", "more_than", "全省数据交易规模"),
                ("95%以上", 95, "%", "percent", "at_least", "全省行政村5G网络通达率"),
            ],
        ),
        (
            "主管部门应自收到申请之日起五个工作日内答复；每年培训不少于五千人次。",
            [
                ("五个工作日内", 5, "个工作日", "duration", "up_to", "答复"),
                ("不少于五千人次", 5000, "人次", "count", "at_least", None),  # the text does not say who
            ],
        ),
    ],
)
def test_targets_of_mainland_plans(text: str, expected: list[Found]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("traditional", "expected"),
    [
        (
            "數位經濟核心產業增加值佔GDP比重達到10%。",
            [("达到10%", 10, "%", "percent", "at_least", "数位经济核心产业增加值占GDP比重")],
        ),
        (
            "至2026年，特區政府將推出不少於30項電子服務，惠及約20萬名居民。",
            [
                ("不少于30项", 30, "项", "count", "at_least", "电子服务"),
                ("约20万名", 200_000, "名", "count", "about", "居民"),
            ],
        ),
    ],
)
def test_targets_of_traditional_reposts_once_converted(traditional: str, expected: list[Found]) -> None:
    """Measures are published in Simplified (measures.text): the extractor reads the converted text."""
    assert found(to_hans(traditional)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "确保到2024年底基本实现均衡化发展，5月10日前报送。",  # dates
        "加快推进第十五届全国运动会广东赛区场馆建设。",  # an edition
        "完善“一网通办2.0”服务矩阵，实施信用报告改革3.0。",  # edition numbers
        "推进粤省心12345热线平台全面升级。",  # a hotline
        "印发《广东省数字政府建设规划》（粤办函〔2023〕297号），落实国发〔2021〕29号文件。",  # document numbers
        "（一）推进数字乡村建设。1.加强组织领导。",  # labels of sections and items
        "开展第二轮公共数据资源普查，落实第二批国家试点，组织第三期培训。",  # ordinals
        "加快5G网络、6G研发和IPv6单栈建设，发展8K超高清视频，利用50G PON等技术。",  # technology names
        "贯彻《广东省2025年10项民生实事》和“1+6+N”工作体系，实施“六大行动”。",  # in titles and quoted names
        "建立省、市、县三级联动体系，打造一批示范项目，建设一个中心，服务千家万户。",  # levels, articles, idioms
        "围绕四个方面，提出以下8项重点任务：",  # the document counting its own parts (build/counts.py)
    ],
)
def test_what_is_not_a_target(text: str) -> None:
    assert found(text) == []


def test_the_data_file_maps_words_to_exactly_the_schemas_qualifiers() -> None:
    assert qualifiers_named() == set(get_args(Qualifier))
