"""Names in the seed documents' headings: the goals, programmes and places a section's heading names
are found there, as in measures' texts (tables section_entities and section_places).

Read off the headings of sources/*/official.txt: the plan's 二（一） to 二（六） each end in the goal
they serve (实现湾区发展“要素通”, …“基座通”, …“商事通”, …“产业通”, …“治理通”, …“生活通”), and 二（七）
is 加快粤东粤西粤北“数字融湾”; the 2024 work points' 一 names “一点两地” and “数字湾区”, 二 “百千万工程”,
八 平安广东 and 九 绿美广东. No other heading names an entry of either dictionary. 粤东粤西粤北 is one
mention of the group, not three of its regions, as in a measure's text; 广东 inside 平安广东 and
绿美广东 is a mention of the province, as names inside names are in measures' texts.
"""

from dbay.build.dictionaries import LongestMatcher, in_sections
from dbay.build.pipeline import BuildResult
from dbay.schema.records import Section

PLAN = "digital-bay-area-action-plan"
TASKS = "digital-guangdong-2024-key-tasks"

ENTITIES_READ = {
    f"{PLAN}.2.1": {"yao-su-tong"},
    f"{PLAN}.2.2": {"ji-zuo-tong"},
    f"{PLAN}.2.3": {"shang-shi-tong"},
    f"{PLAN}.2.4": {"chan-ye-tong"},
    f"{PLAN}.2.5": {"zhi-li-tong"},
    f"{PLAN}.2.6": {"sheng-huo-tong"},
    f"{PLAN}.2.7": {"shu-zi-rong-wan"},
    f"{TASKS}.1": {"yi-dian-liang-di", "shu-zi-wan-qu"},
    f"{TASKS}.2": {"bai-qian-wan-gong-cheng"},
    f"{TASKS}.8": {"ping-an-guang-dong"},
    f"{TASKS}.9": {"lv-mei-guang-dong"},
}
PLACES_READ = {
    f"{PLAN}.2.7": {"yue-dong-yue-xi-yue-bei"},
    f"{TASKS}.8": {"guang-dong"},
    f"{TASKS}.9": {"guang-dong"},
}


def _by_section(rows: list[tuple[str, str]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for section_id, named in rows:
        found.setdefault(section_id, set()).add(named)
    return found


def test_every_name_read_in_the_seed_headings_is_found(seed_release: BuildResult) -> None:
    records = seed_release.records
    assert _by_section([(m.section_id, m.entity_id) for m in records.section_entities]) == ENTITIES_READ
    assert _by_section([(m.section_id, m.place_id) for m in records.section_places]) == PLACES_READ
    fields = {m.field for m in records.section_entities} | {m.field for m in records.section_places}
    assert fields == {"heading"}  # no seed section has a preamble


def test_every_heading_mention_is_the_text_at_its_offsets(seed_release: BuildResult) -> None:
    sections = {section.id: section for section in seed_release.records.sections}
    records = seed_release.records
    spans = [(m.section_id, m.field, m.start, m.end, m.raw) for m in records.section_entities]
    spans += [(m.section_id, m.field, m.start, m.end, m.raw) for m in records.section_places]
    for section_id, field, start, end, raw in spans:
        assert getattr(sections[section_id], field)[start:end] == raw


def test_a_preamble_is_searched_like_a_heading() -> None:
    """A section of another province's plan, with a preamble under its heading (written for this test)."""
    section = Section(
        id="doc.1",
        document_id="doc",
        parent_id=None,
        path="1",
        label="一",
        level=1,
        position=1,
        reading_order="0001",
        heading="建设数字福建",
        heading_hant="建設數字福建",
        preamble="依托“闽政通”平台，推进政务服务一网通办。",
        preamble_hant="依託「閩政通」平臺，推進政務服務一網通辦。",
        numbering="explicit",
        text_rendition_id="doc.official",
    )
    matcher = LongestMatcher({"闽政通": "min-zheng-tong", "福建": "fu-jian"})
    found = [(field, mention.value, mention.start) for _, field, mention in in_sections([section], matcher)]
    assert found == [("heading", "fu-jian", 4), ("preamble", "min-zheng-tong", 3)]
