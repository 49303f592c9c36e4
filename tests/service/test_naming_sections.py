"""Sections whose heading names an entity or a place: in the API's answer about one, and on its page.

Read off the headings (tests/test_seed_headings.py lists them all): the plan's 二（一） is
以数据流动带动要素市场化，实现湾区发展“要素通”; the 2024 work points' 八 and 九 name 广东 (…助力打造平安广东,
赋能绿美广东建设…); the plan's 二（七） names the group 粤东粤西粤北.
"""

from flask.testing import FlaskClient

from tests.service.conftest import PLAN
from tests.service.test_api import get
from tests.service.test_reading_pages import page
from tests.service.test_topic_pages import section

TASKS = "digital-guangdong-2024-key-tasks"


def test_an_entity_lists_the_sections_its_name_heads(client: FlaskClient) -> None:
    [headed] = get(client, "/api/v1/entities/yao-su-tong")["data"]["sections"]
    assert {key: headed[key] for key in ("section_id", "document_id", "path", "field", "raw", "heading")} == {
        "section_id": f"{PLAN}.2.1",
        "document_id": PLAN,
        "path": "2.1",
        "field": "heading",
        "raw": "要素通",
        "heading": "以数据流动带动要素市场化，实现湾区发展“要素通”",
    }
    assert headed["links"]["measures"] == f"/api/v1/measures?document={PLAN}&section=2.1"
    [traditional] = get(client, "/api/v1/entities/yao-su-tong?lang=zh-Hant")["data"]["sections"]
    assert traditional["heading"].startswith("以數據流動帶動要素市場化") and traditional["raw"] == "要素通"


def test_a_place_lists_the_sections_naming_it_itself(client: FlaskClient) -> None:
    headed = get(client, "/api/v1/places/guang-dong")["data"]["sections"]
    assert [(h["section_id"], h["raw"]) for h in headed] == [(f"{TASKS}.8", "广东"), (f"{TASKS}.9", "广东")]
    assert [h["section_id"] for h in get(client, "/api/v1/places/yue-dong-yue-xi-yue-bei")["data"]["sections"]] == [f"{PLAN}.2.7"]
    assert get(client, "/api/v1/places/heng-qin")["data"]["sections"] == []


def test_the_pages_link_each_section_to_its_place_in_the_document(client: FlaskClient) -> None:
    listed = section(page(client, "/entities/yao-su-tong"), "ul", "naming-sections")
    assert f'href="/documents/{PLAN}#{PLAN}.2.1"' in listed and "以数据流动带动要素市场化" in listed
    # The page, as its provisions, takes the places within it too: sources/places.yml puts 粤东粤西粤北 in 广东.
    hant = section(page(client, "/places/guang-dong?lang=zh-Hant"), "ul", "naming-sections")
    assert hant.count("<li>") == 3 and "平安廣東" in hant and "(粵東粵西粵北)" in hant
    assert 'id="naming-sections"' not in page(client, "/places/heng-qin")
