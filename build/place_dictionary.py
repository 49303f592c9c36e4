"""The place dictionary, ``sources/places.yml``: the places measures are matched against.

Each entry is one place with a permanent id, its kind, its names in both scripts, its aliases, the
words that contain a name without naming it, the place it lies in, and a representative point with
the page it was read on. The file is checked as it is loaded: an entry the schema refuses, two
entries with one id or one name, a parent that is no entry (or a chain of parents that loops), or
coordinates without a source stop the build with a message naming the file and the entry.
"""

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from dbay.build.dictionaries import Name, both_scripts, check_names, read_entries
from dbay.build.load import SourceError
from dbay.build.scripts import to_hant
from dbay.schema.enrichment import Place, PlaceKind
from dbay.schema.records import Identifier

PLACES_FILE = "places.yml"


class PlaceEntry(BaseModel):
    """One entry of ``sources/places.yml``."""

    model_config = ConfigDict(extra="forbid")

    id: Identifier
    kind: PlaceKind
    name: Name = Field(description="The name in Simplified script.")
    name_hant: Name | None = Field(default=None, description="The Traditional name where usage differs from conversion.")
    name_en: Name | None = Field(default=None, description="English name: a translation made for dbay unless the place's own.")
    aliases: list[Name] = []
    excluded: list[Name] = Field(default=[], description="Words containing a name that do not name the place (中山大学).")
    parent: Identifier | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    coordinate_source: Name = Field(description="The page the coordinates were read on, or why there are none.")

    @model_validator(mode="after")
    def _both_coordinates_or_neither(self) -> "PlaceEntry":
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give latitude and longitude together, or neither")
        return self


class PlaceDictionary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    places: list[dict[str, object]] = []


def excluded_forms(entry: PlaceEntry) -> set[str]:
    return both_scripts(entry.excluded)


def check_parents(entries: list[PlaceEntry], shown: str) -> None:
    """Every parent is an entry, and following parents never comes back to the place it started from."""
    parents = {entry.id: entry.parent for entry in entries}
    for number, entry in enumerate(entries, start=1):
        where = f"{shown}: entry {number} ({entry.id})"
        if entry.parent is not None and entry.parent not in parents:
            raise SourceError(f"{where}: parent {entry.parent} is not an entry of the dictionary")
        seen = {entry.id}
        ancestor = entry.parent
        while ancestor is not None:
            if ancestor in seen:
                raise SourceError(f"{where}: its parents loop back to {ancestor}")
            seen.add(ancestor)
            ancestor = parents[ancestor]


def read_places(path: Path, shown: str) -> list[PlaceEntry]:
    entries = read_entries(path, shown, PlaceDictionary, "places", PlaceEntry)
    check_names(entries, shown)
    check_parents(entries, shown)
    return entries


def load_places(sources: Path) -> list[PlaceEntry]:
    """The dictionary in ``sources``; an empty one where the folder has none."""
    path = sources / PLACES_FILE
    return read_places(path, f"{sources.name}/{PLACES_FILE}") if path.exists() else []


def place_record(entry: PlaceEntry) -> Place:
    """The published row of an entry: its Traditional name converted where the entry gives none."""
    return Place(
        id=entry.id,
        kind=entry.kind,
        name=entry.name,
        name_hant=entry.name_hant or to_hant(entry.name),
        name_en=entry.name_en,
        aliases=sorted(set(entry.aliases) - {entry.name}),
        parent_id=entry.parent,
        latitude=entry.latitude,
        longitude=entry.longitude,
        coordinate_source=entry.coordinate_source,
    )
