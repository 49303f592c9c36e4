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


def bigrams(text: str) -> Counter[str]:
    key = comparable(text)
    return Counter(key[i : i + 2] for i in range(len(key) - 1)) if len(key) > 1 else Counter(key)


def dice(a: Counter[str], b: Counter[str]) -> float:
    """Overlap of two bigram bags relative to both sizes: 1 for the same text."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def containment(part: Counter[str], whole: Counter[str]) -> float:
    """Share of ``part`` found in ``whole``: 1 when a paragraph is an excerpt of a provision."""
    size = sum(part.values())
    return sum((part & whole).values()) / size if size else 0.0
