"""Every place a reader finds in the seed measures is found, and nothing else.

The expected places were listed by reading each measure's text: the cities, zones, regions and
groups it names (粤港澳三地 names the group 粤港澳; 粤港澳大湾区 and 大湾区 name the Bay Area;
广东 inside a platform's name such as 数字广东 still names the province).
"""

from dbay.build.pipeline import BuildResult
from dbay.build.report import summary

PLAN = "digital-bay-area-action-plan"
TASKS = "digital-guangdong-2024-key-tasks"
OPINIONS = "accelerating-digital-development-opinions"

BAY = "yue-gang-ao-da-wan-qu"
THREE = "yue-gang-ao"  # 粤港澳 named together, not the Bay Area
ZONES = {"heng-qin", "qian-hai", "nan-sha", "he-tao"}

# Measure path: the places it names (place ids).
READ_IN_THE_PLAN = {
    "1.1": {"guang-dong", BAY, THREE, *ZONES},
    "1.2": {THREE, "yue-dong-yue-xi-yue-bei", BAY},
    "1.3": {THREE, BAY},
    "2.1.1": {"gang-ao", BAY, "shao-guan", THREE},
    "2.1.2": {THREE, BAY, "guang-zhou", "shen-zhen", "zhu-hai", "heng-qin", "dong-guan"},
    "2.1.3": {BAY, "guang-dong", "xiang-gang", THREE, "guang-zhou", "shen-zhen"},
    "2.1.4": {THREE, BAY, "gang-ao", "nei-di"},
    "2.1.5": {BAY},
    "2.2.1": {BAY, THREE, "shen-zhen"},
    "2.2.2": {BAY, THREE, "guang-zhou", "gang-ao", "guang-dong", "shao-guan"},
    "2.2.3": {BAY},
    "2.3.1": {"xiang-gang", "ao-men", BAY, "guang-dong", "gang-ao"},
    "2.3.2": {BAY, "yue-gang", "yue-ao", "guang-dong", THREE},
    "2.3.3": {"xiang-gang", "ao-men"},
    "2.3.4": {BAY, THREE, "gang-ao", "nei-di", "xiang-gang", "gang-zhu-ao-da-qiao"},
    "2.4.1": {THREE, BAY},
    "2.4.2": {"guang-dong", BAY},
    "2.4.3": {BAY, "gang-ao", "he-tao", "guang-zhou", "shen-zhen"},
    "2.5.1": {BAY, "gang-ao", THREE},
    "2.5.2": {BAY, THREE},
    "2.5.3": {THREE, BAY, "he-tao"},
    "2.6.1": {THREE, BAY, "gang-ao", "nei-di", *ZONES},
    "2.6.2": {"guang-dong", "xiang-gang", "ao-men", THREE, BAY, "gang-ao", "nei-di"},
    "2.7.1": {"guang-dong", BAY, "yue-dong-yue-xi-yue-bei", "zhu-san-jiao"},
    "2.7.2": {THREE, BAY},
    "2.7.3": {BAY, "chang-san-jiao", "jing-jin-ji", "cheng-yu", "fan-zhu-san-jiao"},
    "3": {THREE, BAY},
    "4.1": {BAY, THREE},
    "4.3": {*ZONES, THREE, BAY},
    "4.4": {"xiang-gang", "ao-men", BAY, THREE},
}

READ_IN_THE_KEY_TASKS = {
    "1.1": {BAY, "yue-gang", "gang-ao", "nei-di"},
    "1.2": {BAY},
    "1.3": {BAY, THREE},
    "1.4": {BAY, THREE},
    "3.9": {"guang-dong"},
    "3.11": {BAY},
    "3.12": {"guang-zhou"},
    "4.14": {"guang-zhou", BAY},
    "4.16": {"guang-zhou", "shen-zhen", "guang-dong"},
    "4.19": {"guang-zhou", "shen-zhen"},
    "5.20": {"guang-dong"},
    "5.21": {"guang-zhou"},
    "5.22": {"guang-zhou", "shen-zhen"},
    "6.25": {"guang-dong"},
    "6.26": {"guang-dong"},
    "6.27": {"guang-dong"},
    "7.30": {"guang-dong"},
    "8.36": {"guang-dong", BAY},
    "9.37": {"guang-dong", "nan-ling"},
    "9.38": {"guang-dong"},
    "9.39": {"guang-dong"},
    "9.41": {BAY},
    "10.42": {"guang-dong"},
    "10.44": {"guang-dong"},
    "10.45": {"gang-ao", "guang-dong"},
    "11.47": {BAY, "shao-guan", "guang-zhou", "shen-zhen"},
    "11.48": {"guang-dong"},
    "12.49": {"guang-dong"},
    "13.52": {"guang-dong"},
    "13.54": {"guang-dong"},
    "13.55": {"guang-dong", "xiang-gang", "ao-men"},
}

READ_IN_THE_OPINIONS = {
    "1.1.2": {BAY, "shen-zhen"},
    "1.2.2": {"guang-zhou", "shen-zhen"},
    "1.3.1": {"guang-dong"},
    "1.3.4": {BAY, THREE},
    "1.4.2": {"guang-dong"},
    "1.4.3": {BAY, "guang-dong", "guang-dong-zi-mao-shi-yan-qu"},
    "2.1.2": {"guang-zhou", "shen-zhen"},
    "2.1.3": {"guang-zhou", "shen-zhen"},
}


def expected(document_id: str, read: dict[str, set[str]]) -> dict[str, set[str]]:
    return {f"{document_id}.{path}": ids for path, ids in read.items()}


def test_every_place_read_in_the_seed_measures_is_found(seed_release: BuildResult) -> None:
    found: dict[str, set[str]] = {}
    for mention in seed_release.records.measure_places:
        found.setdefault(mention.measure_id, set()).add(mention.place_id)
    read = {
        **expected(PLAN, READ_IN_THE_PLAN),
        **expected(TASKS, READ_IN_THE_KEY_TASKS),
        **expected(OPINIONS, READ_IN_THE_OPINIONS),
    }
    assert found == read


def test_the_zones_full_names_are_single_mentions(seed_release: BuildResult) -> None:
    # 充分依托横琴粤澳深度合作区（以下简称横琴）、前海深港现代服务业合作区（以下简称前海）…
    rows = [(m.place_id, m.raw) for m in seed_release.records.measure_places if m.measure_id == f"{PLAN}.1.1"]
    assert ("heng-qin", "横琴粤澳深度合作区") in rows
    assert ("heng-qin", "横琴") in rows
    assert not any(place_id in {"ao-men", "xiang-gang", "shen-zhen", "yue-ao"} for place_id, _ in rows)


def test_every_mention_is_the_text_at_its_offsets(seed_release: BuildResult) -> None:
    texts = {measure.id: measure.text for measure in seed_release.records.measures}
    mentions = seed_release.records.measure_places
    assert mentions
    assert all(texts[m.measure_id][m.start : m.end] == m.raw for m in mentions)


def test_names_of_a_traditional_source_are_matched_in_the_converted_text(seed_release: BuildResult) -> None:
    # The key tasks are published in Traditional script (支持廣州、深圳建設數字金融聚集區); the text is converted.
    rows = {(m.place_id, m.raw) for m in seed_release.records.measure_places if m.measure_id == f"{TASKS}.4.19"}
    assert rows == {("guang-zhou", "广州"), ("shen-zhen", "深圳")}


def test_every_place_is_published_with_its_parent(seed_release: BuildResult) -> None:
    places = {place.id: place for place in seed_release.records.places}
    assert places["heng-qin"].parent_id == "zhu-hai"
    assert places["ao-men"].name_hant == "澳門"
    assert all(place.parent_id is None or place.parent_id in places for place in places.values())


def test_the_build_report_lists_the_places_of_each_document(seed_release: BuildResult) -> None:
    report = summary(seed_release, width=200)
    block = report[report.index("Places named in the measures") :]
    opinions = block[block.index(f"  {OPINIONS}:") : block.index(f"  {PLAN}:")]
    # 粤港澳大湾区 in 1.1.2, 1.3.4 (four times: 大湾区 ×3 and 粤港澳大湾区) and 1.4.3; 深圳 in four measures.
    assert "粤港澳大湾区 " in opinions and "深圳 4" in opinions
    assert "mentions of 6 places" in opinions
