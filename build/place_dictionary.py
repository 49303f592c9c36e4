"""The place dictionary, ``sources/places.yml``: the places measures are matched against.

Each entry is one place with a permanent id, its kind, its names in both scripts, its aliases, the
words that contain a name without naming it, the place it lies in, and a representative point with
the page it was read on. The file is checked as it is loaded: an entry the schema refuses, two
entries with one id or one name, a parent that is no entry (or a chain of parents that loops), or
coordinates without a source stop the build with a message naming the file and the entry.
"""

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from dbay.build.entity_dictionary import Name, describe_error, entry_label
from dbay.build.load import SourceError
from dbay.build.scripts import to_hans, to_hant
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


def both_scripts(names: list[str]) -> set[str]:
    return {form for name in names for form in (name, to_hans(name), to_hant(name))}


def surface_forms(entry: PlaceEntry) -> set[str]:
    """Every way the texts may write the place: its names and aliases, each in both scripts."""
    return both_scripts([entry.name, *([entry.name_hant] if entry.name_hant else []), *entry.aliases])


def excluded_forms(entry: PlaceEntry) -> set[str]:
    return both_scripts(entry.excluded)


def check_names(entries: list[PlaceEntry], shown: str) -> None:
    """Refuse a second entry with an id or a name (in either script) another entry already has."""
    owner_of_id: dict[str, int] = {}
    owner_of_form: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"{shown}: entry {number} ({entry.id})"
        if entry.id in owner_of_id:
            raise SourceError(f"{where}: duplicate id, already used by entry {owner_of_id[entry.id]}")
        owner_of_id[entry.id] = number
        for form in sorted(surface_forms(entry)):
            if owner_of_form.get(form, number) != number:
                earlier = entries[owner_of_form[form] - 1]
                raise SourceError(f"{where}: the name {form} is already a name of entry {owner_of_form[form]} ({earlier.id})")
            owner_of_form[form] = number


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
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SourceError(f"{shown}: not valid YAML: {str(error).splitlines()[0]}") from None
    try:
        raw = PlaceDictionary.model_validate(data).places
    except ValidationError as error:
        raise SourceError(f"{shown}: {describe_error(error)}") from None
    entries = []
    for number, item in enumerate(raw, start=1):
        try:
            entries.append(PlaceEntry.model_validate(item))
        except ValidationError as error:
            raise SourceError(f"{shown}: {entry_label(number, item)}: {describe_error(error)}") from None
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
        aliases=sorted(set(entry.aliases) - {entry.name}),
        parent_id=entry.parent,
        latitude=entry.latitude,
        longitude=entry.longitude,
        coordinate_source=entry.coordinate_source,
    )
