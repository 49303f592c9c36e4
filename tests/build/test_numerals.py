"""Numbers as the genre writes them, converted to values."""

import pytest

from dbay.build.numerals import NotANumber, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("50", 50),
        ("１２", 12),  # full-width digits
        ("1.5", 1.5),
        ("1,200", 1200),
        ("4万", 40_000),
        ("25万", 250_000),
        ("1.5亿", 150_000_000),
        ("1.2万亿", 1_200_000_000_000),
        ("两", 2),
        ("二", 2),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("二十三", 23),
        ("百", 100),
        ("两百", 200),
        ("两百零五", 205),
        ("一千二百三十四", 1234),
        ("三万", 30_000),
        ("十万", 100_000),
        ("一千二百万", 12_000_000),
        ("三亿五千万", 350_000_000),
        ("〇", 0),
    ],
)
def test_numbers_are_converted(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "项", "5G", "十五届", "1.2.3", "4万家"])
def test_what_is_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(NotANumber):
        parse_number(text)
