"""Related measures across the seed documents: promises a reader follows from one document to another.

Each link below was found by reading the three seed documents (sources/*/), before the stage was
written; the comment quotes the words of both provisions that make them one promise. Each target must
be among its source's five best relations.
"""

import json
import sqlite3

import pytest

from dbay.build.pipeline import BuildResult
from dbay.build.report import summary

PLAN = "digital-bay-area-action-plan"  # 2023-11-07
TASKS = "digital-guangdong-2024-key-tasks"  # 2024-05-10
OPINIONS = "accelerating-digital-development-opinions"  # undated

TOP = 5

READ_IN_THE_SEEDS = [
    # Plan: 探索建设“港澳数据特区”…加强跨境数据流通服务; tasks: 打造粤港澳大湾区“数据特区”。探索粤港澳三地数据跨境流通机制.
    (f"{PLAN}.2.1.1", f"{TASKS}.1.4"),
    (f"{TASKS}.1.4", f"{PLAN}.2.1.1"),
    # Plan: 推动粤港澳三地互设政务服务“跨境通办”专窗，上线“跨境通办”服务地图; tasks: 深化政务服务“跨境通办”合作…
    # 优化跨境服务地图、线下服务专窗.
    (f"{PLAN}.2.6.1", f"{TASKS}.1.1"),
    # Plan: 打造“湾事通”泛公共服务与资讯平台…港澳居民来往内地通行证、港澳居民居住证; tasks: 深化“湾事通”综合服务平台建设…
    # 港澳居民居住证、港澳居民往来内地通行证等证件在大湾区…便利化应用.
    (f"{TASKS}.1.1", f"{PLAN}.2.6.2"),
    (f"{PLAN}.2.6.2", f"{TASKS}.1.1"),
    # Plan: 按照“政府引导、企业主导、社会参与”原则…“揭榜挂帅”…设立“数字湾区”建设发展基金; tasks: 启动数字湾区“揭榜挂帅、
    # 赛龙夺锦”征集活动…按照“政府引导、企业主导、社会参与”原则…探索设立“数字湾区”建设基金.
    (f"{PLAN}.3", f"{TASKS}.1.2"),
    (f"{TASKS}.1.2", f"{PLAN}.3"),
    # Plan: 推动粤港澳三地合作建立数据要素集聚发展区，培育数据经纪人、数据商及第三方专业服务机构…支持广州、深圳数据交易所;
    # tasks: 推动广州、深圳数据交易所建立合作机制…数据经纪人、数据商和第三方专业服务机构…深化数据要素集聚发展区建设.
    (f"{PLAN}.2.1.3", f"{TASKS}.5.22"),
    (f"{TASKS}.5.22", f"{PLAN}.2.1.3"),
    # Plan: 加快一体化算力网络粤港澳大湾区国家枢纽节点建设…推进算力资源统一调度…韶关节点; tasks: 推进全国一体化算力网络
    # 粤港澳大湾区国家枢纽节点建设…加快韶关数据中心集群建设…加强算力资源统一调度.
    (f"{PLAN}.2.2.2", f"{TASKS}.11.47"),
    (f"{TASKS}.11.47", f"{PLAN}.2.2.2"),
    # Opinions: 支持广州超算、深圳超算提升能力…全国一体化大数据中心国家枢纽节点;
    # tasks: 推进广州超算、深圳超算升级改造…国家枢纽节点.
    (f"{OPINIONS}.1.2.2", f"{TASKS}.11.47"),
    (f"{TASKS}.11.47", f"{OPINIONS}.1.2.2"),
    # Opinions: 高水平建设鹏城实验室…构筑通信与网络领域及量子科技领域高端原始创新平台。推进未来网络试验设施（深圳）建设，谋划
    # 新建太赫兹科学中心; plan: 高水平建设鹏城实验室…构筑通信网络领域及量子科技领域高端创新平台。推进未来网络试验设施(深圳)
    # 建设,积极谋划太赫兹科学中心.
    (f"{OPINIONS}.1.1.2", f"{PLAN}.2.2.1"),
    (f"{PLAN}.2.2.1", f"{OPINIONS}.1.1.2"),
    # Opinions: 支持广州、深圳推进国家新一代人工智能创新发展试验区和国家人工智能创新应用先导区建设; the plan's words are the same.
    (f"{OPINIONS}.2.1.2", f"{PLAN}.2.4.3"),
    (f"{PLAN}.2.4.3", f"{OPINIONS}.2.1.2"),
    # Opinions: 在医疗影像、智能视觉、基础软硬件、普惠金融等领域推进国家和省新一代人工智能开放创新平台建设;
    # the plan's 2.4.1 repeats it.
    (f"{OPINIONS}.2.1.2", f"{PLAN}.2.4.1"),
    # Opinions: 国家新一代人工智能创新发展试验区和国家人工智能创新应用先导区; tasks: 积极培育人工智能创新发展试验区和应用先导区.
    (f"{OPINIONS}.2.1.2", f"{TASKS}.4.13"),
    # Opinions: 鼓励龙头企业围绕人工智能…构建开放、融合、具有引领发展能力的创新生态。…支持建设数字经济领域双创基地、孵化器、
    # 虚拟产业园、特色小镇; plan: 构建开放、融合、具有引领发展能力的创新生态…支持建设数字经济双创基地、孵化器、特色小镇.
    (f"{OPINIONS}.1.1.3", f"{PLAN}.2.4.1"),
    # Opinions: 支持科研合作项目需要的医疗数据等数据资源在大湾区内有序跨境流动…粤港澳联合设立的高校、科研机构建立专用科研网络，
    # 实现科研数据跨境互联; plan 2.5.3: the same words (应用研究、医疗等数据资源…专用科研网络,实现科研数据跨境互联).
    (f"{OPINIONS}.1.3.4", f"{PLAN}.2.5.3"),
    (f"{PLAN}.2.5.3", f"{OPINIONS}.1.3.4"),
    # Opinions: 推进省域治理“一网统管”…粤治慧平台; plan: 不断完善“一网统管”体系建设，持续提升“粤治慧”省域治理数字化总平台.
    (f"{OPINIONS}.4.1.2", f"{PLAN}.2.5.1"),
    # Opinions: 推进省域治理“一网统管”; tasks: 启动省域治理“一网统管”提升行动.
    (f"{OPINIONS}.4.1.2", f"{TASKS}.8.33"),
    (f"{TASKS}.8.33", f"{OPINIONS}.4.1.2"),
    # Opinions: 优化政务服务“一网通办”…打造“一网通办”升级版; tasks: 加强政务服务“一网通办2.0”建设.
    (f"{OPINIONS}.4.1.1", f"{TASKS}.6.25"),
    # Plan: 深化“粤公平”公共资源交易平台共享整合…推进CA数字证书跨区域兼容互认; tasks: 依托“粤公平”平台加强对公共资源交易
    # 监管…巩固招标投标领域数字证书(CA)跨区互认成果.
    (f"{PLAN}.2.7.2", f"{TASKS}.6.26"),
    # Plan: 开展大数据工程技术…人才职称评价…加强政数学院建设; tasks: 高标准高质量推进大数据工程技术人才职称评审工作。组织开展
    # 第三期广东数字化人才培养计划（政数学院）.
    (f"{PLAN}.2.1.4", f"{TASKS}.13.54"),
    # Opinions: 加快推进数字乡村建设; tasks: 推进数字乡村建设.
    (f"{OPINIONS}.3.1.3", f"{TASKS}.2.7"),
    (f"{TASKS}.2.7", f"{OPINIONS}.3.1.3"),
    # Plan: 建设大湾区全球贸易数字化领航区，继续培育一批省级数字服务出口基地; tasks: 推进…国家数字服务出口基地和粤港澳大湾区
    # 全球贸易数字化领航区建设.
    (f"{PLAN}.2.4.2", f"{TASKS}.4.14"),
    # Opinions: 持续推进…国家数字服务出口基地建设; tasks: 推进广州天河中央商务区国家数字服务出口基地.
    (f"{OPINIONS}.1.4.1", f"{TASKS}.4.14"),
]


def _ranked(connection: sqlite3.Connection, source_id: str) -> list[str]:
    found = connection.execute("select target_id from relations where source_id = ? order by rank", (source_id,))
    return [row[0] for row in found]


@pytest.mark.parametrize(("source_id", "target_id"), READ_IN_THE_SEEDS)
def test_a_promise_read_in_two_documents_is_among_the_best_relations(
    seed_index: sqlite3.Connection, source_id: str, target_id: str
) -> None:
    assert target_id in _ranked(seed_index, source_id)[:TOP]


def test_the_links_read_join_every_pair_of_documents_both_ways() -> None:
    pairs = {(source.split(".")[0], target.split(".")[0]) for source, target in READ_IN_THE_SEEDS}
    documents = {PLAN, TASKS, OPINIONS}
    assert {(a, b) for a in documents for b in documents if a != b} <= pairs


def test_a_promise_followed_forward_says_the_later_document_is_later(seed_index: sqlite3.Connection) -> None:
    direction = seed_index.execute(
        "select direction from relations where source_id = ? and target_id = ?", (f"{PLAN}.2.1.1", f"{TASKS}.1.4")
    ).fetchone()[0]
    back = seed_index.execute(
        "select direction from relations where source_id = ? and target_id = ?", (f"{TASKS}.1.4", f"{PLAN}.2.1.1")
    ).fetchone()[0]
    undated = seed_index.execute(
        "select direction from relations where source_id = ? and target_id = ?", (f"{OPINIONS}.1.1.2", f"{PLAN}.2.2.1")
    ).fetchone()[0]
    assert (direction, back, undated) == ("later", "earlier", "unknown")


def test_the_evidence_names_the_special_data_zone(seed_index: sqlite3.Connection) -> None:
    shared = seed_index.execute(
        "select shared_terms from relations where source_id = ? and target_id = ?", (f"{PLAN}.2.1.1", f"{TASKS}.1.4")
    ).fetchone()[0]
    assert any("数据特区" in term for term in json.loads(shared))


def test_no_measure_is_related_to_one_of_its_own_document(seed_index: sqlite3.Connection) -> None:
    same = seed_index.execute(
        "select count(*) from relations r join measures s on s.id = r.source_id join measures t on t.id = r.target_id "
        "where s.document_id = t.document_id"
    ).fetchone()[0]
    assert same == 0


def test_the_build_report_counts_the_relations_between_each_pair_of_documents(seed_release: BuildResult) -> None:
    report = summary(seed_release)
    block = report[report.index("Relations across documents") :]
    for source, target in {(s.split(".")[0], t.split(".")[0]) for s, t in READ_IN_THE_SEEDS}:
        assert f"  {source} → {target}: " in block
