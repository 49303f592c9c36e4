"""Every quantified target in the seed documents, listed by reading their measures, against the
targets table of the seed release. The other numbers in the seeds are not targets (see below)."""

import sqlite3

from dbay.build.pipeline import BuildResult
from dbay.build.report import summary

KEY_TASKS = "digital-guangdong-2024-key-tasks"

# measure (after the document id), raw phrase, value, unit, qualifier, what is counted
SEED_TARGETS = [
    ("4.14", "2个", 2, "个", "exactly", "国家级中小企业数字化转型试点城市"),
    ("4.14", "14个", 14, "个", "exactly", "省级中小企业数字化转型试点城市"),
    ("4.14", "累计推动4万家", 40_000, "家", "cumulative", "规模以上工业企业"),
    ("5.22", "50家", 50, "家", "exactly", "数据要素型企业"),
    ("5.22", "50个", 50, "个", "exactly", "创新型、标志性数据流通交易应用场景"),
    ("7.29", "超500项", 500, "项", "more_than", "高频民生诉求事项"),
    ("7.29", "提升10%", 10, "%", "increase_by", "诉求转派速度"),
    ("9.37", "200万亩", 2_000_000, "亩", "exactly", "林分优化"),
    ("9.37", "200万亩", 2_000_000, "亩", "exactly", "森林抚育"),
]

# Numbers a reader meets in the seed measures that set no target: (measure, phrase, why)
NOT_TARGETS = [
    (f"{KEY_TASKS}.2.8", "2024年底", "a deadline"),
    (f"{KEY_TASKS}.10.45", "第十五届", "an edition"),
    (f"{KEY_TASKS}.6.25", "2.0", "a version in a programme's name"),
    (f"{KEY_TASKS}.6.27", "3.0", "a version of a reform"),
    (f"{KEY_TASKS}.7.29", "12345", "a hotline"),
    (f"{KEY_TASKS}.5.21", "第二轮", "an ordinal"),
    (f"{KEY_TASKS}.13.54", "第三期", "an ordinal"),
    (f"{KEY_TASKS}.1.2", "三类", "the kinds of a call for proposals, not a quantity to reach"),
    (f"{KEY_TASKS}.4.14", "三级", "levels of government"),
    (f"{KEY_TASKS}.8.35", "三大平台", "a programme's parts"),
    (f"{KEY_TASKS}.7.32", "十大“便捷就医服务”场景", "the name of a programme"),
    (f"{KEY_TASKS}.11.46", "5G", "a technology"),
    ("accelerating-digital-development-opinions.1.2.1", "50G PON", "a technology"),
    ("accelerating-digital-development-opinions.2.1.4", "12英寸", "a wafer size"),
    ("accelerating-digital-development-opinions.1.2.2", "10E级", "a class of computer"),
]


def test_every_seed_target_is_found_and_nothing_else(seed_index: sqlite3.Connection) -> None:
    rows = seed_index.execute(
        "select measure_id, raw, value, unit, qualifier, counted from targets order by measure_id, start"
    ).fetchall()
    found = [tuple(row) for row in rows]
    expected = [(f"{KEY_TASKS}.{path}", *rest) for path, *rest in SEED_TARGETS]
    assert sorted(found) == sorted(expected)


def test_offsets_index_the_measure_text(seed_index: sqlite3.Connection) -> None:
    rows = seed_index.execute(
        'select t.raw, substr(m.text, t.start + 1, t."end" - t.start) as at_offsets, t.method '
        "from targets t join measures m on m.id = t.measure_id"
    ).fetchall()
    assert rows
    assert all(row["raw"] == row["at_offsets"] and row["method"] == "pattern" for row in rows)


def test_the_numbers_that_are_not_targets_are_in_the_seeds_and_not_taken(seed_index: sqlite3.Connection) -> None:
    for measure_id, phrase, why in NOT_TARGETS:
        text = seed_index.execute("select text from measures where id = ?", (measure_id,)).fetchone()["text"]
        at = text.find(phrase)
        assert at >= 0, f"{phrase} is not in {measure_id}"
        overlapping = seed_index.execute(
            'select raw from targets where measure_id = ? and start < ? and "end" > ?', (measure_id, at + len(phrase), at)
        ).fetchall()
        assert overlapping == [], f"{phrase} ({why}) was taken for a target"


def test_the_build_report_counts_the_targets_of_each_document(seed_release: BuildResult) -> None:
    lines = summary(seed_release).splitlines()
    block = lines[lines.index(f"Targets: {len(SEED_TARGETS)} found") + 3 :]  # after the header and its rule
    rows = {line.split()[0]: line.split(None, 2)[1:] for line in block[: block.index("")]}
    assert rows[KEY_TASKS] == ["9", "area 2, count 6, percent 1"]  # 200万亩 twice; 个, 家, 项; 10%
    assert rows["digital-bay-area-action-plan"] == ["0", "—"]
    assert rows["accelerating-digital-development-opinions"] == ["0", "—"]
