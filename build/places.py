"""Places: which cities, zones, regions and crossings each measure names.

Mentions are found by the dictionary ``sources/places.yml`` (``dbay.build.place_dictionary``): at
each place of a measure's text the longest name of any entry, in either script, so that
横琴粤澳深度合作区 is one mention of the zone rather than of 横琴 and of 澳门, and 粤港澳大湾区 one of
the Bay Area rather than of the group 粤港澳. A word an entry excludes (中山大学) is matched like a
name and then dropped, so that no name inside it is a mention.
"""

from pathlib import Path

from dbay.build.dictionaries import Found, LongestMatcher, check_ids_free, in_sections, located, surface_forms
from dbay.build.place_dictionary import PLACES_FILE, PlaceEntry, excluded_forms, load_places, place_record
from dbay.build.validate import Records
from dbay.schema.enrichment import MeasurePlace, SectionPlace


class PlaceMatcher(LongestMatcher[str]):
    """Leftmost-longest matching of every name and every excluded word of every entry: an excluded word
    stands for nothing, so that it hides the names inside it and is never reported."""

    def __init__(self, entries: list[PlaceEntry]) -> None:
        forms: dict[str, str | None] = {form: None for entry in entries for form in excluded_forms(entry)}
        forms.update({form: entry.id for entry in entries for form in surface_forms(entry)})
        super().__init__(forms)

    def mentions(self, text: str) -> list[Found[str]]:
        return self.found(text)


def measure_places(records: Records, matcher: PlaceMatcher) -> list[MeasurePlace]:
    return [
        MeasurePlace(
            measure_id=measure.id,
            place_id=mention.value,
            **located(mention),
        )
        for measure in records.measures
        for mention in matcher.mentions(measure.text)
    ]


def section_places(records: Records, matcher: PlaceMatcher) -> list[SectionPlace]:
    return [
        SectionPlace(
            section_id=section_id,
            field=field,
            place_id=mention.value,
            **located(mention),
        )
        for section_id, field, mention in in_sections(records.sections, matcher)
    ]


def add_places(records: Records, sources: Path) -> None:
    """Fill ``places`` (every dictionary entry, named or not), ``measure_places`` and ``section_places``."""
    entries = load_places(sources)
    check_ids_free(entries, records.meanings(), f"{sources.name}/{PLACES_FILE}", "place")
    records.places = sorted((place_record(entry) for entry in entries), key=lambda place: place.id)
    matcher = PlaceMatcher(entries)
    records.measure_places = measure_places(records, matcher)
    records.section_places = section_places(records, matcher)
