"""Every deadline, step and cited document a reader finds in the seed documents' measures, listed by
reading sources/*/official.txt, web-page.txt and news.txt (measure id and the words as printed)."""

import sqlite3

# digital-bay-area-action-plan/official.txt, （三）实施步骤 (measure 1.3): three years, each a step.
# digital-guangdong-2024-key-tasks/web-page.txt, （八）深化數字化幫扶: 確保到2024年底基本實現均衡化發展.
# No other measure names a date: accelerating-digital-development-opinions/news.txt names none, and 每年
# (digital-bay-area-action-plan （四）加强开放合作交流) is a recurring event, not a deadline.
SEED_MILESTONES = [
    ("digital-bay-area-action-plan.1.3", "2023年", "2023-12-31", "year", "step"),
    ("digital-bay-area-action-plan.1.3", "2024年", "2024-12-31", "year", "step"),
    ("digital-bay-area-action-plan.1.3", "2025年", "2025-12-31", "year", "step"),
    ("digital-guangdong-2024-key-tasks.2.8", "确保到2024年底", "2024-12-31", "year", "deadline"),
]

# digital-guangdong-2024-key-tasks/web-page.txt: （二十）…加快研究起草《廣東省數據條例》 and
# （二十五）…加強《廣東省政務服務數字化條例》宣貫培訓; neither has a number, neither is in the dataset.
# The notice's 《數字中國建設整體布局規劃》 is in the document's preamble, not in a measure.
SEED_CITATIONS = [
    ("digital-guangdong-2024-key-tasks.5.20", "《广东省数据条例》", "广东省数据条例", None, None),
    ("digital-guangdong-2024-key-tasks.6.25", "《广东省政务服务数字化条例》", "广东省政务服务数字化条例", None, None),
]


def test_every_seed_deadline_and_step_is_found(seed_index: sqlite3.Connection) -> None:
    rows = seed_index.execute(
        "select measure_id, raw, due, precision, kind from milestones order by measure_id, start"
    ).fetchall()
    assert [tuple(row) for row in rows] == SEED_MILESTONES


def test_seed_milestones_are_stated_dates_at_their_offsets(seed_index: sqlite3.Connection) -> None:
    rows = seed_index.execute(
        "select m.text, s.start, s.end, s.raw, s.resolution, s.method from milestones s join measures m on m.id = s.measure_id"
    ).fetchall()
    assert rows
    for text, start, end, raw, resolution, method in rows:
        assert text[start:end] == raw
        assert (resolution, method) == ("stated", "pattern")


def test_every_seed_cited_document_is_found(seed_index: sqlite3.Connection) -> None:
    rows = seed_index.execute(
        "select measure_id, raw, title, doc_number, document_id from citations order by measure_id, start"
    ).fetchall()
    assert [tuple(row) for row in rows] == SEED_CITATIONS


def test_seed_citations_index_the_measure_text(seed_index: sqlite3.Connection) -> None:
    rows = seed_index.execute(
        "select m.text, c.start, c.end, c.raw from citations c join measures m on m.id = c.measure_id"
    ).fetchall()
    assert rows
    assert all(text[start:end] == raw for text, start, end, raw in rows)
