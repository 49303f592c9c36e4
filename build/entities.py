"""Named things: which platforms, programmes, slogans and technologies each measure mentions.

Mentions are found by the dictionary ``sources/entities.yml`` (``dbay.build.entity_dictionary``):
at each place of a measure's text the longest name of any entry, in either script (工业互联网
rather than 互联网; 粵省事 as well as 粤省事). Quoted strings (“…”, 「…」, ‘…’, "…", 『…』) are the
genre's way of marking a name; one the dictionary does not cover is *unclassified*: not
published, but listed by the build report so that the dictionary can grow.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from dbay.build.dictionaries import Found, LongestMatcher, check_ids_free, in_sections, located, surface_forms
from dbay.build.entity_dictionary import DICTIONARY_FILE, EntityEntry, entity_record, load_entity_dictionary
from dbay.build.validate import Records
from dbay.schema.enrichment import MeasureEntity, SectionEntity

QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("‘", "’"), ("『", "』"), ('"', '"'))
QUOTED_MAX_CHARS = 60  # a longer stretch between quotation marks is a citation, not a name
SEPARATORS = frozenset("、，,；; ·/")  # what may stand between names inside one quotation: “揭榜挂帅、赛龙夺锦”
OPENING = frozenset(opening for opening, _ in QUOTE_PAIRS)
CLOSING = frozenset(closing for _, closing in QUOTE_PAIRS)
_LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Quoted:
    start: int  # offset of the first character inside the quotation marks
    end: int
    content: str


@dataclass(frozen=True)
class UnclassifiedQuote:
    measure_id: str
    start: int
    content: str


class EntityMatcher(LongestMatcher[EntityEntry]):
    """Leftmost-longest matching of every surface form of every dictionary entry, where it stands alone
    and, for a ``quoted_only`` entry, inside quotation marks."""

    def __init__(self, entries: list[EntityEntry]) -> None:
        super().__init__({form: entry for entry in entries for form in surface_forms(entry)}, _stands_as_name)

    def mentions(self, text: str) -> list[Found[EntityEntry]]:
        return self.found(text)


def _stands_as_name(entry: EntityEntry, text: str, start: int, end: int) -> bool:
    return stands_alone(text, start, end) and (not entry.quoted_only or is_quoted(text, start, end))


def stands_alone(text: str, start: int, end: int) -> bool:
    """A name that begins or ends with a Latin letter or digit is not part of a longer word: 5G is not in F5G or 50G."""
    before = start > 0 and _LATIN.match(text[start]) and _LATIN.match(text[start - 1])
    after = end < len(text) and _LATIN.match(text[end - 1]) and _LATIN.match(text[end])
    return not before and not after


def is_quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1] in OPENING and text[end] in CLOSING


def quoted_strings(text: str) -> list[Quoted]:
    """Every stretch of one line between a pair of quotation marks, in text order."""
    found: list[Quoted] = []
    for opening, closing in QUOTE_PAIRS:
        pattern = re.compile(
            f"{re.escape(opening)}([^{re.escape(opening + closing)}\n]{{1,{QUOTED_MAX_CHARS}}}){re.escape(closing)}"
        )
        position = 0
        while (match := pattern.search(text, position)) is not None:
            found.append(Quoted(match.start(1), match.end(1), match[1]))
            position = match.end()  # "…" pairs by alternation: a closing mark opens nothing
    return sorted(found, key=lambda quoted: quoted.start)


def is_covered(quoted: Quoted, mentions: list[tuple[int, int]]) -> bool:
    """Whether dictionary names cover the quotation, but for separators between them."""
    covered: set[int] = set()
    for start, end in mentions:
        covered.update(range(max(start, quoted.start), min(end, quoted.end)))
    return all(offset in covered or quoted_char in SEPARATORS for offset, quoted_char in enumerate(quoted.content, quoted.start))


def unclassified_in(text: str, mentions: list[tuple[int, int]]) -> list[Quoted]:
    return [quoted for quoted in quoted_strings(text) if not is_covered(quoted, mentions)]


def measure_entities(records: Records, matcher: EntityMatcher) -> list[MeasureEntity]:
    return [
        MeasureEntity(
            measure_id=measure.id,
            entity_id=mention.value.id,
            **located(mention),
        )
        for measure in records.measures
        for mention in matcher.mentions(measure.text)
    ]


def section_entities(records: Records, matcher: EntityMatcher) -> list[SectionEntity]:
    return [
        SectionEntity(
            section_id=section_id,
            field=field,
            entity_id=mention.value.id,
            **located(mention),
        )
        for section_id, field, mention in in_sections(records.sections, matcher)
    ]


def unclassified_quotes(records: Records) -> list[UnclassifiedQuote]:
    """Every quoted string no published mention covers, by measure in reading order (one a measure and string)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in records.measure_entities:
        spans.setdefault(mention.measure_id, []).append((mention.start, mention.end))
    found: list[UnclassifiedQuote] = []
    for measure in sorted(records.measures, key=lambda m: m.reading_order):
        seen: set[str] = set()
        for quoted in unclassified_in(measure.text, spans.get(measure.id, [])):
            if quoted.content not in seen:
                seen.add(quoted.content)
                found.append(UnclassifiedQuote(measure.id, quoted.start, quoted.content))
    return found


def add_entities(records: Records, sources: Path) -> None:
    """Fill ``entities`` (every dictionary entry, mentioned or not), ``measure_entities`` and ``section_entities``."""
    entries = load_entity_dictionary(sources)
    check_ids_free(entries, records.meanings(), f"{sources.name}/{DICTIONARY_FILE}", "entity")
    records.entities = sorted((entity_record(entry) for entry in entries), key=lambda entity: entity.id)
    matcher = EntityMatcher(entries)
    records.measure_entities = measure_entities(records, matcher)
    records.section_entities = section_entities(records, matcher)
