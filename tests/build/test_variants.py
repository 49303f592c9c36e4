"""The variants stage (dbay.build.variants): what is a difference of wording, and what only of script,
vocabulary, punctuation or whitespace."""

from pathlib import Path

from dbay.build.pipeline import run_build
from dbay.build.textmap import MappedText
from dbay.build.variant_text import comparable
from dbay.build.variants import Edit, edits
from tests.conftest import copy_sources

TAIWAN = Path(__file__).resolve().parent.parent / "fixtures" / "variants" / "test-taiwan-rendition"


def test_edits_a_word_apart_are_one_difference() -> None:
    # 合规高效 worded 合规有效率: 高 changed, 效 shared, 率 added; one difference, not two characters.
    assert edits("合规高效、安全", "合规有效率、安全") == [Edit((2, 4), (2, 5))]


def test_edits_further_apart_stay_apart() -> None:
    assert edits("加快推动区域数字化均衡发展", "加速推动区域数字均衡发展") == [Edit((1, 2), (1, 2)), Edit((8, 9), (8, 8))]


def test_a_run_one_text_has_is_read_at_its_leftmost_place() -> None:
    # news.txt: 依照国家资料跨境安全管理法规要求 for official.txt's 按照国家数据跨境安全管理法律法规要求: 法律 dropped,
    # which a diff may equally report as 律法.
    assert edits("管理法律法规要求", "管理法规要求") == [Edit((2, 4), (2, 2))]
    assert edits("管理法规要求", "管理法律法规要求") == [Edit((2, 2), (2, 4))]


def test_an_excerpt_drops_nothing_before_or_after_what_it_quotes() -> None:
    provision = "依托平台提升便捷性。推动服务网对接互认。拓展跨境电子钱包应用。"
    excerpt = "推动服务网对接互认。"
    assert edits(provision, excerpt, open_start=True, open_end=True) == []
    assert [edit.kind for edit in edits(provision, excerpt)] == ["dropped", "dropped"]  # a whole copy dropped them


def test_an_excerpt_s_own_words_in_place_of_the_provision_s_are_only_as_long_as_its_own() -> None:
    # A reporter's 此外， where the provision has a sentence the excerpt leaves out: the three characters
    # against the provision's three before the agreement (捷性。), not against the whole sentence.
    found = edits("依托平台提升便捷性。推动服务网对接互认。", "此外，推动服务网对接互认。", open_start=True)
    assert found == [Edit((7, 10), (0, 3))]


def test_the_comparable_form_maps_each_character_back_to_its_raw_characters() -> None:
    # 網際網路頻寬 (6 characters) becomes 互联网带宽 (5): characters of a stretch rewritten into another length
    # (互联网带 for 網際網路頻) each stand for the whole of it, so a fragment never points at fewer raw
    # characters than it came from; 寬, converted on its own, stands for itself.
    raw = "擴大網際網路頻寬，實施「計畫」"
    form = comparable(MappedText.from_raw(raw))
    assert form.text == '扩大互联网带宽,实施"计划"'
    assert [raw[s:e] for s, e in form.spans[:2]] == ["擴", "大"]
    assert {raw[s:e] for s, e in form.spans[2:6]} == {"網際網路頻"}
    assert [raw[s:e] for s, e in form.spans[6:]] == ["寬", "，", "實", "施", "「", "計", "畫", "」"]


def test_punctuation_forms_and_whitespace_are_no_difference() -> None:
    simplified = comparable(MappedText.from_raw("实施“数据要素”计划，加强保障。"))
    traditional = comparable(MappedText.from_raw("實施「資料要素」計畫,加強\n保障。"))
    assert simplified.text == traditional.text


def test_a_rendition_in_taiwan_script_and_vocabulary_of_the_same_text_has_no_variant(tmp_path: Path) -> None:
    # encyclopedia.txt words official.txt in Traditional script with 數位 (数字), 資料 (数据), 網路 (网络),
    # 資訊 (信息), 計畫 (计划), 「」 and half-width commas, and breaks a line inside 治理能力.
    sources = copy_sources([TAIWAN], tmp_path / "sources")
    records = run_build(sources, tmp_path / "dist").records
    carried = {(s.measure_id, s.rendition_id) for s in records.measure_sources}
    assert {m for m, r in carried if r.endswith(".encyclopedia")} == {m.id for m in records.measures}  # all compared
    assert records.variants == []


def test_a_word_the_rendition_changes_is_a_variant(tmp_path: Path) -> None:
    sources = copy_sources([TAIWAN], tmp_path / "sources")
    rendition = sources / TAIWAN.name / "encyclopedia.txt"
    rendition.write_text(rendition.read_text(encoding="utf-8").replace("提升數位化治理", "增強數位化治理"), encoding="utf-8")
    records = run_build(sources, tmp_path / "dist").records
    assert [(v.measure_id, v.kind, v.canonical_fragment, v.variant_fragment) for v in records.variants] == [
        (f"{TAIWAN.name}.1.2", "changed", "提升", "增強")
    ]
