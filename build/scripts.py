"""Script conversion between Simplified (zh-Hans) and Traditional (zh-Hant) Chinese, by OpenCC.

Conversion changes the script, never the vocabulary, so converted text says exactly what its
source says: OpenCC's ``t2s`` to Simplified, and ``s2tw`` to Traditional, whose character forms
(為, 群, 啟) are the ones readers in Hong Kong, Macao and Taiwan use, where plain ``s2t`` gives
OpenCC's own (爲, 羣, 啓); of the converters, it differs least from the Traditional sources. ``to_mainland``
additionally maps Taiwan vocabulary (數位, 網路, 資訊) to mainland words; it serves comparison
between renditions only and never produces published text.
"""

from functools import cache
from typing import Literal

import opencc

Script = Literal["zh-Hans", "zh-Hant"]


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_hans(text: str) -> str:
    return str(_converter("t2s").convert(text))


def to_hant(text: str) -> str:
    return str(_converter("s2tw").convert(text))


def convert(text: str, target: Script) -> str:
    return to_hans(text) if target == "zh-Hans" else to_hant(text)


def to_mainland(text: str) -> str:
    """Simplified script with mainland vocabulary, for comparing renditions of one text."""
    return str(_converter("tw2sp").convert(_converter("s2t").convert(text)))


def to_common_vocabulary(text: str) -> str:
    """Simplified script with mainland vocabulary, whichever side ``text`` was written on.

    ``to_mainland`` alone leaves a mainland phrase that the Taiwan converter would rewrite
    (互联网络 becomes 網際網路, which comes back as 互联网), so a text and its Taiwan rendition could
    still differ; going through Taiwan vocabulary and back gives both sides the same words.
    """
    return to_mainland(_converter("s2twp").convert(text))
