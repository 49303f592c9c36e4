"""Script conversion between Simplified (zh-Hans) and Traditional (zh-Hant) Chinese, by OpenCC.

Conversion is character and phrase based (OpenCC's ``s2t`` and ``t2s``): it changes the script,
never the vocabulary, so converted text says exactly what its source says. ``to_mainland``
additionally maps Taiwan vocabulary (數位, 網路, 資訊) to mainland words; it serves comparison
between renditions only and never produces published text.
"""

from functools import cache
from typing import Literal

import opencc

Script = Literal["zh-Hans", "zh-Hant"]
CONVERTER_NAME = {"zh-Hans": "opencc-t2s", "zh-Hant": "opencc-s2t"}


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_hans(text: str) -> str:
    return _converter("t2s").convert(text)


def to_hant(text: str) -> str:
    return _converter("s2t").convert(text)


def convert(text: str, target: Script) -> str:
    return to_hans(text) if target == "zh-Hans" else to_hant(text)


def to_mainland(text: str) -> str:
    """Simplified script with mainland vocabulary, for comparing renditions of one text."""
    return _converter("tw2sp").convert(_converter("s2t").convert(text))
