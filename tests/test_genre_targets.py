"""The targets of the genre test documents (tests/fixtures/genre/), which the build has never seen:
every number a reader takes for a target, and none of their dates, article numbers or idioms."""

from dbay.build.pipeline import BuildResult

# measure, raw phrase, value, unit, qualifier, what is counted (read from the fixtures' texts)
GENRE_TARGETS = [
    ("test-fragment-and-full-reposts.1.1", "95%以上", 95, "%", "at_least", "全省行政村5G网络通达率"),
    ("test-fragment-page.1.3", "二百个以上", 200, "个", "at_least", "共享接口"),
    ("test-regulation-articles.2.8", "二十四小时", 24, "小时", "exactly", "通知用水户"),
    ("test-responsibility-lines.1.1", "不少于一万家", 10_000, "家", "at_least", "中小企业"),
    ("test-responsibility-lines.2.5", "不少于五千人次", 5000, "人次", "at_least", None),  # 每年培训…: who is not said
    ("test-three-level-plan.1.1.1", "35万座以上", 350_000, "座", "at_least", "5G基站"),
    ("test-three-level-plan.2.3.2", "1000个以上", 1000, "个", "at_least", "智慧社区"),
    ("test-traditional-regulation.2.2.6", "五个工作日内", 5, "个工作日", "up_to", "答复"),
    ("test-two-renditions.2.2", "突破200亿元", 20_000_000_000, "元", "more_than", "全省数据交易规模"),
]


def test_the_genre_documents_targets_are_found_and_nothing_else(genre_release: BuildResult) -> None:
    found = [
        (t.measure_id, t.raw, t.value, t.unit, t.qualifier, t.counted)
        for t in sorted(genre_release.records.targets, key=lambda t: (t.measure_id, t.start))
    ]
    assert found == sorted(GENRE_TARGETS)
