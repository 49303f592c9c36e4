"""Places: which cities, zones, regions and crossings each measure names.

Mentions are found by the dictionary ``sources/places.yml`` (``dbay.build.place_dictionary``): at
each place of a measure's text the longest name of any entry, in either script, so that
横琴粤澳深度合作区 is one mention of the zone rather than of 横琴 and of 澳门, and 粤港澳大湾区 one of
the Bay Area rather than of the group 粤港澳. A word an entry excludes (中山大学) is matched like a
name and then dropped, so that no name inside it is a mention.
"""

from dataclasses import dataclass
from pathlib import Path

from dbay.build.load import SourceError
from dbay.build.place_dictionary import PLACES_FILE, PlaceEntry, excluded_forms, load_places, place_record, surface_forms
from dbay.build.validate import Records
from dbay.schema.enrichment import MeasurePlace


@dataclass(frozen=True)
class PlaceMention:
    place_id: str
    start: int
    end: int
    raw: str


class PlaceMatcher:
    """Leftmost-longest matching of every name and every excluded word of every entry."""

    def __init__(self, entries: list[PlaceEntry]) -> None:
        # An excluded word maps to None: matched so that it hides the names inside it, never reported.
        self.forms: dict[str, str | None] = {form: None for entry in entries for form in excluded_forms(entry)}
        self.forms.update({form: entry.id for entry in entries for form in surface_forms(entry)})
        self.lengths: dict[str, list[int]] = {}
        for form in self.forms:
            self.lengths.setdefault(form[0], []).append(len(form))
        for lengths in self.lengths.values():
            lengths.sort(reverse=True)

    def mentions(self, text: str) -> list[PlaceMention]:
        found: list[PlaceMention] = []
        position = 0
        while position < len(text):
            length = self._longest_at(text, position)
            if length == 0:
                position += 1
                continue
            form = text[position : position + length]
            place_id = self.forms[form]
            if place_id is not None:
                found.append(PlaceMention(place_id, position, position + length, form))
            position += length
        return found

    def _longest_at(self, text: str, start: int) -> int:
        for length in self.lengths.get(text[start], []):
            if text[start : start + length] in self.forms:
                return length
        return 0


def measure_places(records: Records, matcher: PlaceMatcher) -> list[MeasurePlace]:
    return [
        MeasurePlace(
            measure_id=measure.id,
            place_id=mention.place_id,
            start=mention.start,
            end=mention.end,
            raw=mention.raw,
            method="dictionary",
        )
        for measure in records.measures
        for mention in matcher.mentions(measure.text)
    ]


def add_places(records: Records, sources: Path) -> None:
    """Fill ``places`` (every dictionary entry, named or not) and ``measure_places``."""
    entries = load_places(sources)
    # One register of permanent ids serves every record type (places filled before are replaced).
    taken = {identifier: meant for identifier, meant in records.meanings().items() if meant[0] != "place"}
    for entry in entries:
        if entry.id in taken:
            kind, meaning = taken[entry.id]
            raise SourceError(f"{sources.name}/{PLACES_FILE}: place {entry.id} ({entry.name}) has the id of {kind} {meaning}")
    records.places = sorted((place_record(entry) for entry in entries), key=lambda place: place.id)
    records.measure_places = measure_places(records, PlaceMatcher(entries))
