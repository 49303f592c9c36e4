"""Quantified targets in a measure's text: 培育50家数据要素型企业, 全省建成5G基站25万座以上.

A target is a number followed by one of the units of ``target_units.yml``; the qualifying words
around it, what it counts and the places where a number is never a target come from the same file.
"""

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, cast

from dbay.build.counts import counts_own_parts
from dbay.build.numbering import CHINESE_DIGITS
from dbay.build.numerals import CHINESE_NUMERAL, parse_number
from dbay.build.validate import Records, validated
from dbay.build.vocabulary import vocabulary
from dbay.schema.enrichment import Qualifier, Target

NUMBER = re.compile(
    r"(?<![A-Za-z0-9.．０-９])"  # not the tail of a name or a longer number (IPv6, 3.0)
    r"(?:[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?[十百千万亿]*|[" + CHINESE_NUMERAL + r"]+)"
)


def _vocabulary() -> dict[str, Any]:
    return vocabulary("target_units.yml")


@cache
def unit_kinds() -> list[tuple[str, str]]:
    """Every unit with its kind, the longest first so that 个百分点 is tried before 个."""
    pairs = [(unit, kind) for kind, units in _vocabulary()["units"].items() for unit in units]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@dataclass(frozen=True)
class FoundTarget:
    start: int
    end: int
    raw: str
    value: float
    unit: str
    unit_kind: str
    qualifier: Qualifier
    counted: str | None


# -- Where a number is not a target --------------------------------------------------------------


def enclosed_spans(text: str) -> list[tuple[int, int]]:
    """The spans inside 《…》 titles and “…” names: numbers there belong to a name."""
    spans = []
    for opening, closing in _vocabulary()["enclosures"]:
        for match in re.finditer(re.escape(opening) + r"[^" + re.escape(closing) + r"]*" + re.escape(closing), text):
            spans.append((match.start(), match.end()))
    return spans


def is_technology_name(text: str, start: int) -> bool:
    """Whether a technology's name starts at ``start``: 5G基站 and 8K视频 do, 5GB does not."""
    for name in _vocabulary()["technology_names"]:
        if text.startswith(name, start) and not re.match(r"[A-Za-z0-9]", text[start + len(name) : start + len(name) + 1]):
            return True
    return False


def is_number(numeral: str) -> bool:
    """千家万户 has no number in it: a Chinese numeral needs a digit, or to open with 十."""
    if numeral[0] not in CHINESE_NUMERAL:
        return True
    return numeral[0] == "十" or any(character in CHINESE_DIGITS for character in numeral)


def unit_at(text: str, position: int) -> tuple[str, str] | None:
    """The unit (and its kind) the text has at ``position``, if any; a Latin unit must end a word."""
    for unit, kind in unit_kinds():
        if text.startswith(unit, position):
            following = text[position + len(unit) : position + len(unit) + 1]
            if unit.isascii() and unit.isalpha() and re.match(r"[A-Za-z0-9]", following):
                continue
            return unit, kind
    return None


# -- Qualifiers ----------------------------------------------------------------------------------


def _qualifier_words(side: str, kind: str) -> list[tuple[str, Qualifier]]:
    """Words of ``side`` (before/after) that qualify a number of this kind, longest first."""
    words = [
        (word, cast(Qualifier, qualifier))
        for qualifier, entry in _vocabulary()["qualifiers"].items()
        if kind in entry.get("kinds", [kind])
        for word in entry.get(side, [])
    ]
    return sorted(words, key=lambda pair: -len(pair[0]))


def qualifier_after(text: str, position: int, kind: str) -> tuple[Qualifier, int] | None:
    """A qualifying word directly after the unit (以上, 左右) and the offset just after it."""
    for word, qualifier in _qualifier_words("after", kind):
        if text.startswith(word, position):
            return qualifier, position + len(word)
    return None


def qualifier_before(text: str, clause_start: int, number_start: int, kind: str) -> tuple[Qualifier, int] | None:
    """The qualifying word nearest before the number, within reach and its clause, and its offset."""
    reach = int(_vocabulary()["qualifier_reach"])
    best: tuple[int, int, Qualifier, int] | None = None  # (distance, -length, qualifier, start)
    for word, qualifier in _qualifier_words("before", kind):
        for match in re.finditer(re.escape(word), text[clause_start:number_start]):
            start = clause_start + match.start()
            distance = number_start - (start + len(word))
            if distance <= reach and (best is None or (distance, -len(word)) < best[:2]):
                best = (distance, -len(word), qualifier, start)
    return (best[2], best[3]) if best else None


# -- What is counted -----------------------------------------------------------------------------


def clause_start(text: str, position: int) -> int:
    """Where the clause holding ``position`` begins: just after the last stop or list separator."""
    stops = {*_vocabulary()["counted_stops"], _vocabulary()["list_separator"]}
    return max((text.rfind(stop, 0, position) + 1 for stop in stops), default=0)


def _ends_in_modifier(words: str) -> bool:
    return bool(words) and words[-1] in _vocabulary()["modifier_ends"]


def counted_after(text: str, position: int, limit: int) -> str:
    """The words after the unit up to a stop, a verb or ``limit`` (the next target), cut after their last head noun."""
    stops = set(_vocabulary()["counted_stops"])
    separator = _vocabulary()["list_separator"]
    end = position
    while end < limit and text[end] not in stops:
        if text[end] == separator and not _ends_in_modifier(text[position:end]):
            break
        end += 1
    words = text[position:end]
    words = words[: min((words.find(verb) for verb in _vocabulary()["verbs"] if verb in words), default=len(words))]
    if end == limit and words[-1:] in _vocabulary()["conjunctions"]:
        words = words[:-1]  # 2个国家级和14个…: the 和 joins the next number
    cut = max((words.rfind(head) + len(head) for head in _vocabulary()["counted_heads"] if head in words), default=0)
    return (words[:cut] if cut else words)[: int(_vocabulary()["counted_max_chars"])]


def counted_before(text: str, phrase_start: int) -> str:
    """The words of the clause before the number, after its last verb and less any verb ending them."""
    verbs = sorted(_vocabulary()["verbs"], key=len, reverse=True)
    qualifying = [word for entry in _vocabulary()["qualifiers"].values() for word in entry.get("before", [])]
    endings = sorted({*verbs, *qualifying}, key=len, reverse=True)
    words = text[clause_start(text, phrase_start) : phrase_start]
    while ending := next((word for word in endings if words.endswith(word)), None):
        words = words[: -len(ending)]
    last = max((words.rfind(verb) + len(verb) for verb in verbs if verb in words), default=0)
    words = words[last:]
    for opener in _vocabulary()["clause_openers"]:
        words = re.sub(f"^(?:{opener})", "", words)
    return words


def leading_modifier(words: str) -> str:
    """A short modifier opening ``words`` (省级 in 省级中小企业…), or nothing."""
    for length in range(1, 5):
        if _ends_in_modifier(words[:length]) and length < len(words):
            return words[:length]
    return ""


def shared_counted(text: str, found: list[FoundTarget], afters: list[tuple[int, str]]) -> list[FoundTarget]:
    """2个国家级和14个省级…试点城市: a number joined to the next by a conjunction shares what it counts."""
    conjunctions = set(_vocabulary()["conjunctions"])
    result = list(found)
    for index in range(len(found) - 2, -1, -1):
        own_end, own = afters[index]
        following = result[index + 1]
        between = text[own_end : following.start]
        if between in conjunctions and following.unit == found[index].unit and following.counted:
            shared = following.counted[len(leading_modifier(following.counted)) :]
            result[index] = replace(result[index], counted=own + shared if _ends_in_modifier(own) or not own else own)
    return result


# -- Finding targets -----------------------------------------------------------------------------


def _candidates(text: str) -> list[tuple[re.Match[str], str, str]]:
    """Each number followed by a unit, outside names and titles, with the unit and its kind."""
    enclosed = enclosed_spans(text)
    ordinals = tuple(_vocabulary()["ordinal_prefixes"])
    articles = set(_vocabulary()["article_numerals"])
    found = []
    for match in NUMBER.finditer(text):
        start = match.start()
        if any(left <= start < right for left, right in enclosed) or text[:start].endswith(ordinals):
            continue
        if match[0] in articles or not is_number(match[0]) or is_technology_name(text, start):
            continue
        unit = unit_at(text, match.end())
        if unit and not counts_own_parts(text, start, unit[0]):  # 提出以下8项重点任务 counts the document itself
            found.append((match, *unit))
    return found


def find_targets(text: str) -> list[FoundTarget]:
    """Every quantified target in ``text``, in order."""
    candidates = _candidates(text)
    found: list[FoundTarget] = []
    afters: list[tuple[int, str]] = []
    for index, (match, unit, kind) in enumerate(candidates):
        end = match.end() + len(unit)
        qualifier: Qualifier = _vocabulary()["default_qualifier"]
        start = match.start()
        if after := qualifier_after(text, end, kind):
            qualifier, end = after
        elif before := qualifier_before(text, clause_start(text, match.start()), match.start(), kind):
            qualifier, start = before
        limit = candidates[index + 1][0].start() if index + 1 < len(candidates) else len(text)
        own = counted_after(text, end, limit)
        counted = own or counted_before(text, start)
        raw = text[start:end]
        value = parse_number(match[0])
        found.append(FoundTarget(start, end, raw, value, unit, kind, qualifier, counted or None))
        afters.append((end + len(own), own))
    return shared_counted(text, found, afters)


def qualifiers_named() -> set[str]:
    """The qualifiers the data file maps words to, and its default (tests check them against the schema)."""
    return {*_vocabulary()["qualifiers"], _vocabulary()["default_qualifier"]}


def targets(records: Records) -> list[Target]:
    """The target records of every measure."""
    return [
        validated(
            Target,
            f"measure {measure.id}: target {target.raw}",
            measure_id=measure.id,
            start=target.start,
            end=target.end,
            raw=target.raw,
            value=target.value,
            unit=target.unit,
            unit_kind=target.unit_kind,
            qualifier=target.qualifier,
            counted=target.counted,
            method="pattern",
        )
        for measure in records.measures
        for target in find_targets(measure.text)
    ]
