"""Comparing two renditions' wording: the same text in either script and either vocabulary.

Texts are reduced to Simplified script with mainland vocabulary and stripped of everything
but letters and digits; similarity is measured on character bigrams, which survive small edits,
reordering of clauses and word substitutions far better than a character diff.
"""

import re
from collections import Counter
from functools import lru_cache

from dbay.build.scripts import to_mainland

_NOT_WORD = re.compile(r"[^\w]|_", re.UNICODE)


@lru_cache(maxsize=65536)
def comparable(text: str) -> str:
    return _NOT_WORD.sub("", to_mainland(text)).lower()


def comparable_offsets(text: str) -> tuple[str, list[int] | None]:
    """``comparable(text)`` and, where conversion kept every character in place, the offset in ``text`` of
    each of its characters (None where it did not: a vocabulary substitution changed a length)."""
    mainland = to_mainland(text)
    key = comparable(text)
    if len(mainland) != len(text):
        return key, None
    offsets = [offset for offset, char in enumerate(mainland) if not _NOT_WORD.match(char)]
    return key, offsets if len(offsets) == len(key) else None


def bigrams(text: str) -> Counter[str]:
    key = comparable(text)
    return Counter(key[i : i + 2] for i in range(len(key) - 1)) if len(key) > 1 else Counter(key)


def _overlap(a: Counter[str], b: Counter[str]) -> int:
    """Size of the multiset intersection, without building it (``(a & b).total()`` is slower)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[gram]) for gram, count in a.items() if gram in b)


def dice(a: Counter[str], b: Counter[str]) -> float:
    """Overlap of two bigram bags relative to both sizes: 1 for the same text."""
    total = a.total() + b.total()
    return 2 * _overlap(a, b) / total if total else 0.0


def containment(part: Counter[str], whole: Counter[str]) -> float:
    """Share of ``part`` found in ``whole``: 1 when a paragraph is an excerpt of a provision."""
    size = part.total()
    return _overlap(part, whole) / size if size else 0.0
