from dbay.build.counts import declared_counts


def test_a_summary_states_its_units_widest_first() -> None:
    found = declared_counts("《意见》围绕数字生态、数字经济四个方面，分类提出8点共33项具体措施。其他内容。")
    assert [(d.unit, d.number) for d in found] == [("个方面", 4), ("点", 8), ("项", 33)]


def test_chinese_numbers_and_traditional_script() -> None:
    assert [(d.unit, d.number) for d in declared_counts("本條例共五章三十條。")] == [("章", 5), ("条", 30)]


def test_counts_without_a_total_are_not_declarations() -> None:
    assert declared_counts("“六通一融”7项主要任务：\n四点保障措施：") == []
