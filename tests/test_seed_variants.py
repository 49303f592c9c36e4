"""Variants in the seed documents: differences a reader finds comparing the renditions by eye are
recorded, differences only of script or vocabulary are not, and every offset finds its characters.

The expected variants were found by reading sources/digital-bay-area-action-plan/ (official.txt
against news.txt and encyclopedia.txt), not from the build's output.
"""

from dbay.build.pipeline import BuildResult
from dbay.build.scripts import to_hant, to_mainland

PLAN = "digital-bay-area-action-plan"
NEWS = f"{PLAN}.news"
ENCYCLOPEDIA = f"{PLAN}.encyclopedia"


def recorded(seed_release: BuildResult, rendition: str) -> set[tuple[str, str, str | None, str | None]]:
    return {
        (v.measure_id.removeprefix(f"{PLAN}."), v.kind, v.canonical_fragment, v.variant_fragment)
        for v in seed_release.records.variants
        if v.rendition_id == rendition
    }


def test_a_character_misread_in_the_official_pdf_text(seed_release: BuildResult) -> None:
    # 二（七）1: official.txt 切实助推“百县干镇万村高质量发展工程”; news.txt 实际助推“百县千镇万村高品质发展工程”.
    # The programme is 百县千镇万村: the PDF's text has 干 for 千.
    assert ("2.7.1", "changed", "干", "千") in recorded(seed_release, NEWS)


def test_words_the_news_report_dropped(seed_release: BuildResult) -> None:
    news = recorded(seed_release, NEWS)
    # 二（一）4: official 粤港澳大湾区博士博士后创新创业大赛; news 粤港澳大湾区博士后创新创业大赛.
    assert ("2.1.4", "dropped", "博士", None) in news
    # 二（六）1: official 推动粤港澳政务服务一体化; news 推动粤港澳政服务一体化.
    assert ("2.6.1", "dropped", "务", None) in news
    # 二（七）1: official 带动粤东粤西粤北地区深度融入; news 带动粤西粤北地区深度融入.
    assert ("2.7.1", "dropped", "粤东", None) in news
    # 二（三）4: official 推动大湾区居民出入境和通关便利化; news 推动大湾区居民出入境通关便利化.
    assert ("2.3.4", "dropped", "和", None) in news


def test_words_the_news_report_changed(seed_release: BuildResult) -> None:
    news = recorded(seed_release, NEWS)
    # 二（七）1: official 大湾区产业链和城市群, 用好省级奖补资金; news 大湾区产业炼和城市群, 以好省级奖补资金.
    assert ("2.7.1", "changed", "链", "炼") in news
    assert ("2.7.1", "changed", "用", "以") in news
    # 二（一）1: official 推动数据要素合规高效; news 推动资料要素合规有效率 (资料 for 数据 is vocabulary).
    assert ("2.1.1", "changed", "高效", "有效率") in news
    # 二（六）2: official 指导通信运营商对相关网站; news 指导通讯业者对相关网站 (通讯 for 通信 is vocabulary).
    assert ("2.6.2", "changed", "运营商", "业者") in news
    # 四（一）: official 领导小组下，建立“数字湾区”建设专责小组; news 领导小组下,成立“数位湾区”建设专责小组.
    assert ("4.1", "changed", "建立", "成立") in news


def test_vocabulary_alone_is_no_variant_of_the_news_report(seed_release: BuildResult) -> None:
    # news.txt words 数据 as 资料 and 数字 as 数位 throughout (二（一）1: 推动资料要素, 二（一）4: 数位化人才).
    fragments = {(v.canonical_fragment, v.variant_fragment) for v in seed_release.records.variants if v.rendition_id == NEWS}
    assert not fragments & {("数据", "资料"), ("数字", "数位"), ("数字化", "数位化")}


def test_the_encyclopedia_differs_from_the_official_text_in_script_and_vocabulary_only(seed_release: BuildResult) -> None:
    # encyclopedia.txt is official.txt in Traditional script with Taiwan words (數位化 for 数字化, 網路 for 网络,
    # 網際網路 for 互联网络, 智慧型 for 智能, 套用 for 应用, 連線 for 连接), up to 二（二）3 where it stops.
    carried = {s.measure_id for s in seed_release.records.measure_sources if s.rendition_id == ENCYCLOPEDIA}
    assert f"{PLAN}.2.2.3" in carried and len(carried) >= 10  # it was compared, provision by provision
    rows = [v for v in seed_release.records.variants if v.rendition_id == ENCYCLOPEDIA]
    for row in rows:  # none of them is the text's own words in the other script or in Taiwan vocabulary
        canonical, variant = row.canonical_fragment or "", row.variant_fragment or ""
        assert to_hant(canonical) != variant and to_mainland(variant) != to_mainland(canonical), row
    assert rows == []


def test_every_offset_finds_the_fragment_in_both_texts(seed_release: BuildResult) -> None:
    records = seed_release.records
    texts = {m.id: m.text for m in records.measures}
    raws = {r.id: r.raw_text for r in records.renditions}
    assert records.variants
    for row in records.variants:
        assert texts[row.measure_id][row.canonical_start : row.canonical_end] == (row.canonical_fragment or ""), row
        assert raws[row.rendition_id][row.variant_start : row.variant_end] == (row.variant_fragment or ""), row
        assert (row.kind == "added") == (row.canonical_fragment is None)
        assert (row.kind == "dropped") == (row.variant_fragment is None)
