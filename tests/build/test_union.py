"""The document's outline as the union of its renditions: what a lesser rendition alone carries."""

from dbay.build.union import Union, unite
from tests.build.test_renditions import TITLE, outline, rendition

ITEMS = {
    "2.1": "推广出行服务一码通行。推动城市公交、地铁和轮渡乘车码互联互通，实现一码乘车。",
    "2.2": "完善出行信息服务。建设出行信息服务平台，及时发布路况、班次和停车泊位信息。",
    "2.3": "加强出租车监管。依托交通运输监管平台，强化运营数据实时监测和异常预警。",
    "3.1": "加大资金支持。统筹交通运输专项资金，支持智慧交通重点项目建设。",
    "3.2": "加强人才培养。支持高等院校和企业联合培养交通运输数字化人才。",
    "3.3": "加强宣传引导。总结推广智慧交通建设的典型经验，营造良好社会氛围。",
}


def united(official: str, other: str, kind: str = "web-page") -> Union:
    renditions = [rendition("official", "official", official), rendition("other", kind, other)]
    outlines = {r.id: outline(r.raw, news=r.config.kind == "news") for r in renditions}
    return unite(renditions, outlines)


def shape(union: Union) -> list[tuple[str, str]]:
    return [(".".join(map(str, p.path)), p.rendition.id if p.rendition else "") for p in union.root.walk()]


def test_a_provision_only_the_lesser_rendition_carries_takes_its_own_number_in_place() -> None:
    part_one = f"{TITLE}\n一、基础\n1. 建设数据资源中心。整合行业数据，建成统一的数据资源中心。\n"
    official = f"{part_one}二、服务\n1. {ITEMS['2.1']}\n3. {ITEMS['2.3']}\n"
    other = f"{part_one}二、服务\n1. {ITEMS['2.1']}\n2. {ITEMS['2.2']}\n3. {ITEMS['2.3']}\n"
    union = united(official, other)
    assert shape(union) == [
        ("1", "doc.official"),
        ("1.1", "doc.official"),
        ("2", "doc.official"),
        ("2.1", "doc.official"),
        ("2.2", "doc.other"),
        ("2.3", "doc.official"),
    ]
    assert union.problems == []


def test_a_report_numbering_items_its_own_way_places_them_by_their_siblings_offset() -> None:
    official = f"{TITLE}\n一、服务\n1. {ITEMS['2.1']}\n二、保障\n1. {ITEMS['3.1']}\n2. {ITEMS['3.2']}\n"
    # The report runs its numbers through both parts: part 二's items are 2., 3. and 4.
    report = (
        f"记者获悉，我省印发方案。\n一、服务\n1. {ITEMS['2.1']}\n"
        f"二、保障\n2. {ITEMS['3.1']}\n3. {ITEMS['3.2']}\n4. {ITEMS['3.3']}\n"
    )
    union = united(official, report, kind="news")
    assert shape(union)[-1] == ("2.3", "doc.other")
    placed = union.root.leaves()[-1]
    assert (placed.label, placed.numbering) == (None, "inferred")  # printed 4., published as 2.3
    assert [p.node.head_text().text[:6] for p in union.root.leaves()][-1] == "加强宣传引导"


def test_items_a_report_prints_without_their_part_go_where_their_siblings_are() -> None:
    official = f"{TITLE}\n一、服务\n1. {ITEMS['2.1']}\n二、保障\n1. {ITEMS['3.1']}\n2. {ITEMS['3.2']}\n"
    report = f"记者获悉，我省印发方案。\n1. {ITEMS['3.1']}\n2. {ITEMS['3.2']}\n3. {ITEMS['3.3']}\n"
    union = united(official, report, kind="news")
    assert shape(union)[-1] == ("2.3", "doc.other")
    assert union.problems == []


def test_a_number_taken_by_another_provision_is_reported_not_placed() -> None:
    official = f"{TITLE}\n一、服务\n1. {ITEMS['2.1']}\n2. {ITEMS['2.2']}\n"
    other = f"{TITLE}\n一、服务\n1. {ITEMS['2.1']}\n2. {ITEMS['3.3']}\n"
    union = united(official, other)
    assert [path for path, _ in shape(union)] == ["1", "1.1", "1.2"]
    assert len(union.problems) == 1 and "place 1.2 is taken" in union.problems[0]
    assert list(union.unplaced) == [("doc.other", 4)]


def test_numbered_lines_that_state_nothing_are_not_provisions() -> None:
    official = f"{TITLE}\n一、服务\n1. {ITEMS['2.1']}\n"
    other = f"{TITLE}\n一、服务\n1. {ITEMS['2.1']}\n2. 广东省交通运输厅关于印发某规划的通知\n"
    union = united(official, other)
    assert [path for path, _ in shape(union)] == ["1", "1.1"]
    assert "does not read as a provision" in union.problems[0]
