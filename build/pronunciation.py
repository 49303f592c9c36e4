"""Pronunciation annotations: pinyin (or zhuyin) that encyclopedia and education pages print after words.

``優(yōu)化``, ``统筹（tǒng chóu）``, ``優(ㄧㄡ)化``: the annotation is not the document's text. Only
pinyin with tones is recognised (every word made of syllables of ``genre.yml``'s ``pinyin`` and
carrying a tone mark, or a tone digit after each syllable), so parenthesised Latin such as (CIM),
(PPP), (5G), (AI) or (yes) is never taken for it; zhuyin (bopomofo) letters are nothing else.
"""

import re
from functools import cache

from dbay.build.textmap import MappedText
from dbay.build.vocabulary import vocabulary

# A parenthesised group right after a Chinese character (spaces between them allowed).
_ANNOTATION = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff])[ \t\u3000\xa0]*[(（]([^()（）]{1,60})[)）]")
_WORD_BREAK = re.compile(r"[ \t\u3000\xa0'’·\-]+")
# Zhuyin letters and tone marks, the annotation Taiwan pages print: (ㄧㄡ), (ㄊㄨㄥˇ ㄔㄡˊ)
_ZHUYIN = re.compile(r"[\u3105-\u312f\u31a0-\u31bf][\u3105-\u312f\u31a0-\u31bfˊˇˋ˙ \u3000]*")


@cache
def _grammar() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """The tone-mark table, a toned word (syllables), a tone-digit word (syllable + digit, repeated)."""
    pinyin = vocabulary("genre.yml")["pinyin"]
    initials = "|".join(sorted(pinyin["initials"], key=len, reverse=True))
    finals = "|".join(sorted(pinyin["finals"], key=len, reverse=True))
    syllable = f"(?:{initials})?(?:{finals})"
    return dict(pinyin["tone_marks"]), re.compile(f"(?:{syllable})+"), re.compile(f"(?:{syllable}[1-5])+")


def _is_pinyin_word(word: str) -> bool:
    tone_marks, toned_word, digit_word = _grammar()
    if any(char in tone_marks for char in word):
        plain = "".join(tone_marks.get(char, char) for char in word.lower())
        return bool(toned_word.fullmatch(plain))
    return word.islower() and bool(digit_word.fullmatch(word))


def is_pinyin(group: str) -> bool:
    """Whether ``group`` (the inside of a parenthesis) is pinyin with tones (yōu, tǒng chóu, tong3chou2) or zhuyin."""
    if _ZHUYIN.fullmatch(group.strip().lstrip("˙")):
        return True
    words = [word for word in _WORD_BREAK.split(group.strip()) if word]
    return bool(words) and all(_is_pinyin_word(word) for word in words)


def drop_pronunciations(text: MappedText) -> MappedText:
    """``text`` without its pronunciation annotations; every other character keeps its raw offset."""
    return text.sub(_ANNOTATION, lambda match: "" if is_pinyin(match.group(1)) else match.group())
