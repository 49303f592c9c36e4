"""Stage 6, completeness: the counts a document declares of itself.

A summary or a preamble often says how large the document is: "分类提出8点共33项具体措施".
Such a sentence names its units from the widest to the narrowest, and states a total (共). The
narrowest count is the number of provisions; each wider one is matched to the outline level
above, so the build can show, level by level, what the text promises beside what it carries.
"""

import re
from dataclasses import dataclass
from functools import cache

from dbay.build.numbering import chinese_number
from dbay.build.scripts import to_hans
from dbay.build.vocabulary import vocabulary

_SENTENCE = re.compile(r"[^。；;！？\n]+")


@dataclass(frozen=True)
class Declaration:
    unit: str
    number: int
    phrase: str


@cache
def _grammar() -> tuple[re.Pattern[str], str]:
    grammar = vocabulary("genre.yml")["declared_counts"]
    return re.compile(grammar["count"]), grammar["total_marker"]


def declared_counts(text: str) -> list[Declaration]:
    """The counts of the first sentence in ``text`` that states a total, widest unit first."""
    count, total = _grammar()
    for sentence in _SENTENCE.findall(to_hans(text)):
        if total not in sentence:
            continue
        found = list(count.finditer(sentence))
        if not any(sentence[max(0, m.start() - len(total)) : m.start()] == total for m in found):
            continue
        phrase = sentence[found[0].start() : found[-1].end()]
        return [
            Declaration(m["unit"], int(m["number"]) if m["number"].isdigit() else chinese_number(m["number"]), phrase)
            for m in found
        ]
    return []
