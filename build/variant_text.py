"""A text in the form renditions are compared in, remembering which raw characters each character stands for.

Two renditions of one provision differ in ways that are not differences of wording: script
(數據/数据), cross-strait vocabulary (資料/数据, 數位/数字, 網路/网络), punctuation forms (full or half
width, 「」 or “”) and whitespace (page breaks, spaces an extraction left). The comparable form sets
all of them aside: whitespace dropped, punctuation unified, then Simplified script and mainland
vocabulary by the build's converter (``dbay.build.scripts.to_common_vocabulary``) and the reviewed
cross-strait pairs (``sources/search_variants.yml``, and ``build/rendition_vocabulary.yml``
for a converter's words seen in renditions). Vocabulary conversion rewrites phrases into
phrases of another length (網際網路 -> 互联网), so each comparable character keeps the raw span it
stands for: a fragment of the comparison maps back to the exact characters of either text.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from dbay.build.scripts import to_common_vocabulary
from dbay.build.textmap import MappedText
from dbay.build.vocabulary import vocabulary as build_vocabulary
from dbay.search_variants import mainland_words

VOCABULARY = "rendition_vocabulary.yml"
# Quotation marks of either script and width read as one mark; other punctuation is unified by
# width (NFKC turns ，；：（） into ,;:()).
_QUOTES = dict.fromkeys(map(ord, "「」『』“”‘’﹁﹂﹃﹄〝〞＂'\""), '"')


@dataclass(frozen=True)
class Comparable:
    text: str
    spans: tuple[tuple[int, int], ...]  # spans[i]: the raw characters text[i] stands for

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of ``text[start:end]``; for an empty stretch, the point between its neighbours."""
        if end > start:
            return min(s for s, _ in self.spans[start:end]), max(e for _, e in self.spans[start:end])
        if start > 0:
            return self.spans[start - 1][1], self.spans[start - 1][1]
        return (self.spans[0][0], self.spans[0][0]) if self.spans else (0, 0)


@lru_cache(maxsize=8192)
def _unified(char: str) -> str:
    """The character's punctuation form: one quotation mark, half width; '' for whitespace."""
    if char.isspace():
        return ""
    char = char.translate(_QUOTES)
    wide = unicodedata.normalize("NFKC", char)
    return wide if len(wide) == 1 else char


@cache
def _mainland_words() -> dict[str, str]:
    """Taiwan words and their mainland words: the search's reviewed pairs and the renditions' own."""
    seen = {str(pair["taiwan"]): str(pair["mainland"]) for pair in build_vocabulary(VOCABULARY)["pairs"]}
    return {**seen, **mainland_words()}


@cache
def _pairs_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(_mainland_words(), key=len, reverse=True))))


def vocabulary(text: str) -> str:
    """Simplified script, mainland vocabulary: the converter, then the pairs it misses."""
    return _pairs_pattern().sub(lambda match: _mainland_words()[match.group()], to_common_vocabulary(text))


@lru_cache(maxsize=65536)
def _char_vocabulary(char: str) -> str:
    return vocabulary(char)[:1] or char


Region = tuple[bool, tuple[int, int], tuple[int, int]]  # equal?, old range, new range


def _regions(old: str, new: str) -> list[Region]:
    """Stretches of ``old`` and ``new`` that are the same, and those rewritten. A rewritten phrase may share a
    character with what it replaces (網際網路 -> 互联网 shares 网): a lone shared character between two
    rewritten stretches is part of one rewritten phrase."""
    regions: list[Region] = []
    for tag, old_start, old_end, new_start, new_end in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal" and old_end - old_start > 1:
            regions.append((True, (old_start, old_end), (new_start, new_end)))
        elif regions and not regions[-1][0]:
            _, (first_old, _), (first_new, _) = regions.pop()
            regions.append((False, (first_old, old_end), (first_new, new_end)))
        else:
            regions.append((tag == "equal", (old_start, old_end), (new_start, new_end)))
    return regions


_CLAUSE_END = re.compile(r"[^\w]")  # conversion rewrites words, never across punctuation


def _clause_regions(old: str, new: str) -> list[Region]:
    """``_regions``, clause by clause where both texts have the same punctuation (they do unless a
    conversion rewrote a mark), so that only the few rewritten clauses are diffed, not the whole text."""
    old_ends = [m.end() for m in _CLAUSE_END.finditer(old)]
    new_ends = [m.end() for m in _CLAUSE_END.finditer(new)]
    if [old[e - 1] for e in old_ends] != [new[e - 1] for e in new_ends]:
        return _regions(old, new)
    regions: list[Region] = []
    for (old_start, old_end), (new_start, new_end) in zip(
        itertools.pairwise([0, *old_ends, len(old)]), itertools.pairwise([0, *new_ends, len(new)]), strict=True
    ):
        if old[old_start:old_end] == new[new_start:new_end]:
            regions.append((True, (old_start, old_end), (new_start, new_end)))
            continue
        for equal, (a, b), (c, d) in _regions(old[old_start:old_end], new[new_start:new_end]):
            regions.append((equal, (old_start + a, old_start + b), (new_start + c, new_start + d)))
    return regions


def comparable(text: MappedText) -> Comparable:
    """``text`` in comparable form, each character with the raw span it stands for."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    for char, offset in zip(text.text, text.offsets, strict=True):
        unified = _unified(char)
        if unified:
            chars.append(unified)
            spans.append((offset, offset + 1))
    plain = "".join(chars)
    converted = vocabulary(plain)
    # Character by character, conversion keeps the length; where a phrase was rewritten as a whole,
    # the two versions differ, and each character of the new phrase stands for the whole old one.
    one_by_one = "".join(_char_vocabulary(char) for char in plain)
    if converted == one_by_one:
        return Comparable(converted, tuple(spans))
    mapped: list[tuple[int, int]] = []
    for equal, (old_start, old_end), (new_start, new_end) in _clause_regions(one_by_one, converted):
        if equal or old_end - old_start == new_end - new_start:  # the same characters, or words of one length
            mapped.extend(spans[old_start:old_end])
        elif new_end > new_start:
            old = spans[old_start:old_end] or spans[max(old_start - 1, 0) : old_start + 1]
            mapped.extend([(min(s for s, _ in old), max(e for _, e in old))] * (new_end - new_start))
    return Comparable(converted, tuple(mapped))
