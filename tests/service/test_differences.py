"""A rendition's words against the measure's text: character by character, script aside."""

from dbay.service.differences import Piece, character_differences, identical, rendition_differences


def test_equal_texts_are_one_equal_piece() -> None:
    pieces = character_differences("推动数据共享", "推动数据共享")
    assert pieces == [Piece("equal", "推动数据共享")] and identical(pieces)


def test_a_replaced_word_is_a_deletion_then_an_insertion() -> None:
    # 数据 (data) worded 资料 in a news report: 推动 kept, 数据 out, 资料 in, 共享 kept.
    assert character_differences("推动数据共享", "推动资料共享") == [
        Piece("equal", "推动"),
        Piece("delete", "数据"),
        Piece("insert", "资料"),
        Piece("equal", "共享"),
    ]


def test_a_dropped_and_an_added_character() -> None:
    # 政务服务 loses 务 (a typo in the news report); a label 1. is added in front.
    assert character_differences("推动政务服务", "1. 推动政服务") == [
        Piece("insert", "1. "),
        Piece("equal", "推动政"),
        Piece("delete", "务"),
        Piece("equal", "服务"),
    ]


def test_the_script_alone_is_no_difference() -> None:
    pieces = character_differences("建设数字湾区", "建設數字灣區")
    assert pieces == [Piece("equal", "建設數字灣區")] and identical(pieces)


def test_a_rendition_in_the_other_script_is_shown_in_its_own() -> None:
    # The Traditional encyclopedia words 数字 as 數位: the deletion is shown as 數字, in its script.
    assert rendition_differences("数字化人才", "zh-Hans", "數位化人才", "zh-Hant") == [
        Piece("equal", "數"),
        Piece("delete", "字"),
        Piece("insert", "位"),
        Piece("equal", "化人才"),
    ]


def test_frequent_characters_are_still_matched_in_a_long_text() -> None:
    # difflib's autojunk would ignore characters this frequent in texts of 200 characters or more.
    first = "数据" * 150 + "共享"
    assert character_differences(first, first + "。") == [Piece("equal", first), Piece("insert", "。")]
