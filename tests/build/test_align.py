from dbay.build.align import align
from dbay.build.clean import clean
from dbay.build.segment import segment

PROVISIONS = [
    "推动公共数据授权运营。制定公共数据授权运营管理办法，明确授权条件、运营规则和收益分配机制。",
    "培育数据要素市场主体。支持数据商和第三方专业服务机构发展，推动数据交易所建设。",
    "深化公共数据在普惠金融领域应用。推动纳税、社保、公积金等数据依法向金融机构开放。",
]
PATHS = ["2.1", "2.2", "2.3"]


def carried(report: str) -> tuple[dict[str, int], dict[str, str]]:
    outline = segment(clean(report), "某方案")
    result = align(PROVISIONS, PATHS, ["重点任务"], [], outline)
    lines = {PATHS[piece.leaf]: piece.line for piece in result.carried}
    reasons = {e.paragraph.text.text[:6]: e.reason for e in [*outline.excluded, *result.excluded]}
    return lines, reasons


def test_provisions_are_found_by_wording_whatever_their_numbers() -> None:
    lines, reasons = carried(
        "记者获悉，我省印发方案。\n五项重点任务：\n"
        "1. 培育数据要素市场主体。支持资料商和第三方专业服务机构发展，推动资料交易所建设。\n"
        "广州地铁新线开通 市民出行更便捷\n"
        "2. 深化公共数据在普惠金融领域应用。推动纳税、社保、公积金等资料依法向金融机构开放。\n"
    )
    assert lines == {"2.2": 3, "2.3": 5}
    assert reasons["记者获悉，我"] == "not found in the canonical text"
    assert "unnumbered line" in reasons["广州地铁新线"]


def test_a_quotation_in_the_lead_is_an_excerpt_when_the_full_copy_follows() -> None:
    lines, reasons = carried(
        "方案提出，制定公共数据授权运营管理办法，明确授权条件、运营规则和收益分配机制。\n主要任务：\n"
        "1. 推动公共数据授权运营。制定公共数据授权运营管理办法，明确授权条件、运营规则和收益分配机制。\n"
    )
    assert lines == {"2.1": 3}
    assert reasons["方案提出，制"] == "excerpt of 2.1, which this rendition carries in full at line 3"


def test_unnumbered_paragraphs_carry_a_provision_the_rendition_quotes_only() -> None:
    lines, _ = carried("方案要求：\n推动公共数据授权运营。制定公共数据授权运营管理办法，明确授权条件、运营规则和收益分配机制。\n")
    assert lines == {"2.1": 2}
