"""Named things in the seed documents: every platform, programme and slogan a reader finds in the seed
measures is found, and the quoted strings left unclassified are only those that name nothing.

The expected lists were written by reading sources/*/ (the measure texts), not from the build.
"""

from dbay.build.entities import unclassified_quotes
from dbay.build.pipeline import BuildResult
from dbay.build.report import summary

PLAN = "digital-bay-area-action-plan"
TASKS = "digital-guangdong-2024-key-tasks"
OPINIONS = "accelerating-digital-development-opinions"

# Measure path: the platforms, programmes and slogans it names (entity ids).
READ_IN_THE_PLAN = {
    "1.1": {"1310", "shu-zi-wan-qu"},
    "1.2": {
        "da-ping-tai-da-shu-ju-da-fu-wu-da-zhi-li-da-xie-tong",
        "yao-su-tong",
        "ji-zuo-tong",
        "shang-shi-tong",
        "chan-ye-tong",
        "zhi-li-tong",
        "sheng-huo-tong",
        "shu-zi-rong-wan",
        "shu-zi-wan-qu",
    },
    "1.3": {"shu-zi-wan-qu", "kua-jing-tong-ban", "zheng-fu-yin-dao-qi-ye-zhu-dao-she-hui-can-yu"},
    "2.1.1": {"shu-ju-te-qu", "nan-shu-bei-shang-bei-shu-nan-xia", "quan-guo-yi-ti-hua-suan-li-wang-luo"},
    "2.1.2": {"peng-cheng-yun-nao"},
    "2.1.3": {"kai-fang-guang-dong", "zi-liao-yi-xian-tong"},
    "2.1.4": {
        "ju-zhu-zai-gang-ao-gong-zuo-zai-nei-di",
        "da-wan-qu-qing-nian-jiu-ye-ji-hua",
        "zhan-chi-ji-hua",
        "zheng-shu-xue-yuan",
    },
    "2.2.1": {"yue-ji-zuo"},
    "2.2.2": {"dong-shu-xi-suan"},
    "2.3.1": {"yue-shang-tong", "guang-dong-zheng-wu-fu-wu-wang", "yue-zhi-zhu"},
    "2.3.2": {"kua-jing-tong-ban", "tou-zi-guang-dong"},
    "2.3.3": {"yue-sheng-xin"},
    "2.3.4": {"guo-ji-mao-yi-dan-yi-chuang-kou", "e-dao-fu-wu", "yi-ma-tong-guan", "yi-ma-chang-xing"},
    "2.4.1": {"suan-li-huo-ban-ji-hua"},
    "2.4.2": {
        "gong-ye-hu-lian-yuan-qu-hang-ye-ping-tai-zhuan-jing-te-xin-qi-ye-qun-chan-ye-shu-zi-jin-rong",
        "guang-dong-zhi-neng-zhi-zao-sheng-tai-he-zuo-huo-ban-xing-dong-ji-hua",
    },
    "2.5.1": {"yi-wang-tong-guan", "yue-zhi-hui", "yue-jing-ji"},
    "2.6.1": {
        "yong-hu-tong-xi-tong-tong-shu-ju-tong-zheng-zhao-tong-ye-wu-tong",
        "kua-jing-tong-ban",
        "yue-sheng-xin",
        "wan-qu-she-bao-tong",
    },
    "2.6.2": {"wan-shi-tong", "guang-dong-zheng-wu-fu-wu-wang", "yue-xi-lie", "zhi-fang-bian", "yi-hu-tong"},
    "2.7.1": {"bai-qian-wan-gong-cheng", "tou-zi-guang-dong"},  # printed 百县干镇万村 in the PDF's text
    "2.7.2": {"yue-gong-ping"},
    "2.7.3": {"shu-zi-wan-qu", "kua-sheng-tong-ban"},
    "3": {"shu-zi-wan-qu", "zheng-fu-yin-dao-qi-ye-zhu-dao-she-hui-can-yu", "jie-bang-gua-shuai"},
    "4.1": {"shu-zi-wan-qu"},
    "4.2": {"shu-zi-wan-qu"},
    "4.3": {"shu-zi-wan-qu", "wan-qu-biao-zhun"},
    "4.4": {"shu-zi-wan-qu"},
}

READ_IN_THE_KEY_TASKS = {
    "1.1": {"kua-jing-tong-ban", "wan-shi-tong", "wan-qu-pass"},
    "1.2": {
        "shu-zi-wan-qu",
        "jie-bang-gua-shuai",
        "sai-long-duo-jin",
        "liu-tong-yi-rong",
        "zheng-fu-yin-dao-qi-ye-zhu-dao-she-hui-can-yu",
    },
    "1.3": {"gang-che-bei-shang", "ao-che-bei-shang", "yue-che-nan-xia"},
    "1.4": {"shu-ju-te-qu"},
    "2.5": {"bai-qian-wan-gong-cheng"},
    "2.7": {"si-hao-nong-cun-lu", "zhi-hui-guang-dian"},
    "2.8": {"qian-qi-bang-qian-zhen-wan-qi-xing-wan-cun", "yue-tong-xing"},
    "3.9": {"guang-dong-qiang-xin", "cui-can-xing-dong"},
    "3.11": {"you-zu-zhi-ke-yan-you-zu-zhi-cheng-guo-zhuan-hua"},
    "4.16": {"yue-xin-rong", "gong-yin-dan-bao"},
    "4.18": {"shu-ju-yao-su-cheng"},
    "5.22": {"yi-suo-duo-ji-di"},
    "5.23": {"shu-ju-yao-su-cheng"},
    "6.24": {"xian-zhen-kuo-quan-fu-neng"},
    "6.25": {
        "yi-wang-tong-ban",
        "gao-xiao-ban-cheng-yi-jian-shi",
        "yi-jian-shi",
        "guang-dong-zheng-wu-fu-wu-wang",
        "yue-shi-jia",
        "yue-zhi-zhu",
    },
    "6.26": {"tou-zi-guang-dong", "yue-shang-tong", "yue-sheng-shi", "yue-gong-ping", "jin-shui-si-qi"},
    "6.27": {"xin-yong-guang-dong", "xin-yi-dai", "xin-yong-da-shu-ju"},
    "6.28": {"zheng-min-hu-dong-shi"},
    "7.29": {"min-yi-su-ban", "yue-sheng-xin", "yue-ping-an", "yue-ren-da", "yue-dang-jia"},
    "7.30": {"quan-cheng-wang-ban-kua-yu-tong-ban", "yi-ka-tong"},
    "7.31": {"yi-wang-tong-guan", "guo-jia-zhong-xiao-xue-zhi-hui-jiao-yu-ping-tai"},
    "7.32": {"bian-jie-jiu-yi-fu-wu"},
    "8.33": {"yi-wang-tong-guan", "ren-gong-zhi-neng-jia", "yi-shi-yi-ping", "yi-ting-yi-ping"},
    "8.34": {"1-6-n", "yue-ping-an"},
    "8.35": {"yi-wang-yun-xing-yi-wang-tong-ban-yi-wang-fu-neng-yi-wang-yun-wei", "yue-zhi-fa"},
    "8.36": {"yue-jing-ji", "zhi-hui-tong-gang", "zheng-fu-zhu-dao-she-hui-can-yu-quan-min-fu-gai-pu-hui-gong-xiang"},
    "9.37": {"lv-mei-guang-dong-sheng-tai-jian-she-liu-da-xing-dong", "lin-ye-yi-zhang-tu"},
    "9.40": {"hai-yang-sheng-tai-bao-hu-xiu-fu-wu-da-gong-cheng", "yue-zhi-fa"},
    "9.41": {"yue-tan-yun"},
    "10.42": {"wen-hua-guang-dong", "guang-dong-wen-lv"},
    "10.45": {"zhi-hui-quan-yun", "wan-shi-tong", "qun-ti-tong"},
    "11.46": {"yang-fan-zhi-cheng"},
    "11.47": {"quan-guo-yi-ti-hua-suan-li-wang-luo", "yi-wang-tong-guan"},
    "11.48": {"yi-wang-gong-xiang", "kai-fang-guang-dong", "an-xu-gui-ji-ying-gui-jin-gui"},
    "12.49": {"yue-shu-an"},
    "12.50": {"yue-dun"},
    "13.53": {"yue-ji-zuo", "yue-zheng-yi", "yue-fu-yong", "yi-di-chuang-xin-ge-di-fu-yong", "shu-zi-ren-da", "shu-zi-zheng-xie"},
    "13.54": {"zheng-shu-xue-yuan", "shu-zi-wan-qu"},
    "13.55": {"yi-dai-yi-lu"},
}

READ_IN_THE_OPINIONS = {
    "1.1.1": {"qiang-ji-zhu-hun", "jie-bang-gua-shuai"},
    "1.2.1": {"wan-wu-zhi-lian"},
    "1.2.2": {"yun-wang-yi-ti", "neng-suan-xie-tong"},
    "1.2.3": {"zhi-hui-jia"},
    "1.3.1": {"shou-xi-shu-ju-guan-zhi-du", "kai-fang-guang-dong"},
    "1.4.2": {"yi-dai-yi-lu", "zou-chu-qu"},
    "2.1.1": {"5g-hang-ye"},
    "2.1.3": {"zhong-guo-ruan-jian-ming-cheng"},
    "3.1.1": {"san-ge-ke-tang"},
    "4.1.1": {"yi-wang-tong-ban", "yue-sheng-shi", "yue-shang-tong", "yue-xi-lie", "yi-wang-yi-di-yi-chuang-yi-ci-yi-ji-yi-ma"},
    "4.1.2": {"yi-wang-tong-guan", "yue-zhi-hui"},
    "4.1.3": {"yi-wang-xie-tong", "yue-zheng-yi", "yue-xi-lie"},
    "4.1.4": {"yi-zhang-wang", "an-quan-ke-xin-he-gui-ke-kong"},
}

# Quoted strings that name nothing a reader would classify, and why.
NOT_NAMES = [
    (f"{OPINIONS}.1.2.2", "双超算"),  # shorthand for the two supercomputing centres the sentence names
    (f"{OPINIONS}.1.3.1", "数据靶场"),  # a kind of facility ("data range"), coined and quoted
    (f"{OPINIONS}.1.3.1", "数据演习"),  # a kind of exercise ("data drill")
    (f"{OPINIONS}.1.3.2", "全省一盘棋"),  # an idiom: the whole province as one game of chess
    (f"{OPINIONS}.3.1.2", "城市大脑"),  # a kind of system every city builds, not one platform
    (f"{OPINIONS}.3.1.2", "城市智能综合体"),  # likewise
    (f"{OPINIONS}.4.1.3", "指尖"),  # a metaphor: "at the fingertips"
    (f"{PLAN}.1.3", "数能"),  # a coined word ("data energy"), not a programme
    (f"{PLAN}.2.1.1", "白名单"),  # a common term: whitelist
    (f"{PLAN}.2.1.5", "生产要素的要素"),  # a cited phrase: "the factor of factors of production"
    (f"{PLAN}.2.3.4", "多式联运"),  # a common term: multimodal transport
    (f"{PLAN}.2.3.4", "高精尖缺"),  # a category of talent
    (f"{PLAN}.2.3.4", "一站式"),  # a common adjective: one-stop
    (f"{PLAN}.2.5.3", "数字空间"),  # a concept ("digital space") in 数字空间治理新格局
    (f"{TASKS}.2.7", "三线"),  # a term the sentence defines: power, telecom and broadcast lines
    (f"{TASKS}.2.7", "三位一体"),  # an idiom: three in one
    (f"{TASKS}.2.8", "数字鸿沟"),  # a common term: the digital divide
    (f"{TASKS}.8.34", "一站式"),  # a common adjective: one-stop
]


def named_in(seed_release: BuildResult, kinds: set[str]) -> dict[str, set[str]]:
    types = {entity.id: entity.type for entity in seed_release.records.entities}
    found: dict[str, set[str]] = {}
    for mention in seed_release.records.measure_entities:
        if types[mention.entity_id] in kinds:
            found.setdefault(mention.measure_id, set()).add(mention.entity_id)
    return found


def expected(document_id: str, read: dict[str, set[str]]) -> dict[str, set[str]]:
    return {f"{document_id}.{path}": ids for path, ids in read.items()}


def test_every_platform_programme_and_slogan_read_in_the_seeds_is_found(seed_release: BuildResult) -> None:
    read = {
        **expected(PLAN, READ_IN_THE_PLAN),
        **expected(TASKS, READ_IN_THE_KEY_TASKS),
        **expected(OPINIONS, READ_IN_THE_OPINIONS),
    }
    assert named_in(seed_release, {"platform", "programme", "slogan"}) == read


def test_the_seeds_unclassified_quoted_strings_are_only_those_that_name_nothing(seed_release: BuildResult) -> None:
    found = [(quote.measure_id, quote.content) for quote in unclassified_quotes(seed_release.records)]
    assert sorted(found) == sorted(NOT_NAMES)


def test_technologies_are_found_and_f5g_is_not_5g(seed_release: BuildResult) -> None:
    technologies = named_in(seed_release, {"technology"})
    # 推进F5G（第五代固定网络）建设 … 高质量建设5G网络 … 量子保密通信、量子互联网、卫星互联网
    assert {"f5g", "5g", "liang-zi", "wei-xing-hu-lian-wang", "gong-ye-hu-lian-wang", "ipv6"} <= technologies[f"{OPINIONS}.1.2.1"]
    # 推进5G、人工智能、北斗等新兴技术应用
    assert {"5g", "ren-gong-zhi-neng", "bei-dou"} <= technologies[f"{TASKS}.7.32"]
    # 大力发展云计算、大数据、物联网、区块链、人工智能等数字经济重点产业
    assert {"yun-ji-suan", "da-shu-ju", "wu-lian-wang", "qu-kuai-lian", "ren-gong-zhi-neng"} <= technologies[f"{PLAN}.2.4.1"]


def test_every_mention_is_the_text_at_its_offsets(seed_release: BuildResult) -> None:
    texts = {measure.id: measure.text for measure in seed_release.records.measures}
    mentions = seed_release.records.measure_entities
    assert mentions
    assert all(texts[m.measure_id][m.start : m.end] == m.raw for m in mentions)


def test_names_of_a_traditional_source_are_matched_in_the_converted_text(seed_release: BuildResult) -> None:
    # The key tasks are published in Traditional script (粵商通、粵省事); the measure's text is converted.
    rows = {(m.entity_id, m.raw) for m in seed_release.records.measure_entities if m.measure_id == f"{TASKS}.6.26"}
    assert {("yue-shang-tong", "粤商通"), ("yue-sheng-shi", "粤省事")} <= rows


def test_the_build_report_lists_each_documents_unclassified_quoted_strings(seed_release: BuildResult) -> None:
    report = summary(seed_release, width=200)
    plan = report[report.index(f"== {PLAN}") : report.index(f"== {TASKS}")]
    assert "Unclassified quoted strings: 7 " in plan
    assert f"  {PLAN}.2.1.5  “生产要素的要素”" in plan.splitlines()
    assert "platform: " in plan and "湾事通 2" in plan  # 2.6.2 names it twice
