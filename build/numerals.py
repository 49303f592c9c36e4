"""Numbers as the genre writes them: Arabic (half- or full-width, with decimals and thousands
commas), Chinese (十五, 两百, 一千二百万) and the two mixed (4万, 1.5亿, 25万)."""

import re

from dbay.build.numbering import CHINESE_DIGITS, CHINESE_UNITS, chinese_number

LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL = "".join(CHINESE_DIGITS) + "".join(CHINESE_UNITS) + "".join(LARGE_UNITS)
FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")

ARABIC = re.compile(r"^([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)([十百千万亿]*)$")


class NotANumber(ValueError):
    """The text is not a number in any of the genre's ways of writing one."""


def _multiplier(suffix: str) -> int:
    """百万 is 10**6, 万亿 is 10**12: the suffix's units multiply."""
    product = 1
    for character in suffix:
        product *= CHINESE_UNITS.get(character) or LARGE_UNITS[character]
    return product


def _chinese(text: str) -> int:
    """A Chinese number: the parts before 亿 and 万 scale by them."""
    total = 0
    rest = text
    for unit in ("亿", "万"):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            total += (_chinese(head) if head else 1) * LARGE_UNITS[unit]
    return total + (chinese_number(rest) if rest else 0)


def parse_number(text: str) -> float:
    """The value of ``text``: 4万 is 40000, 1.5亿 is 150000000, 十五 is 15, 两 is 2."""
    normal = text.translate(FULL_WIDTH).strip()
    if not normal:
        raise NotANumber(text)
    if arabic := ARABIC.match(normal):
        return float(arabic[1].replace(",", "")) * _multiplier(arabic[2])
    if all(character in CHINESE_NUMERAL for character in normal):
        try:
            return float(_chinese(normal))
        except ValueError:
            raise NotANumber(text) from None
    raise NotANumber(text)
