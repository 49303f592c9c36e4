"""What the curated dictionaries of named things share (``sources/entities.yml``, ``sources/places.yml``):
reading and checking the file, and finding their names in a text.

A dictionary is a YAML mapping with one list of entries; each entry has a permanent ``id``, a
``name`` in Simplified script, an optional ``name_hant`` and ``aliases``. Loading stops the build
with a message naming the file and the entry at the first entry the schema refuses, at a second
entry with an id or a name (in either script) another entry has, and at an id another published
record already has. Matching is leftmost-longest over every name of every entry in both scripts.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Generic, Protocol, TypedDict, TypeVar

import yaml
from pydantic import BaseModel, StringConstraints, ValidationError

from dbay.build.load import SourceError
from dbay.build.scripts import to_hans, to_hant
from dbay.schema.enrichment import Method, SectionField
from dbay.schema.records import Section

Name = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Entry(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def name_hant(self) -> str | None: ...
    @property
    def aliases(self) -> list[str]: ...


E = TypeVar("E", bound=BaseModel)
T = TypeVar("T")


def entry_label(number: int, data: dict[str, object]) -> str:
    return f"entry {number} ({data.get('id') or data.get('name') or '?'})"


def describe_error(error: ValidationError) -> str:
    first = error.errors()[0]
    return f"{'.'.join(str(part) for part in first['loc']) or '(top level)'}: {first['msg']}"


def both_scripts(names: Iterable[str]) -> set[str]:
    return {form for name in names for form in (name, to_hans(name), to_hant(name))}


def surface_forms(entry: Entry) -> set[str]:
    """Every way the texts may write the entry: its names and aliases, each in both scripts."""
    return both_scripts([entry.name, *([entry.name_hant] if entry.name_hant else []), *entry.aliases])


def check_names(entries: Sequence[Entry], shown: str) -> None:
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


def read_entries(path: Path, shown: str, container: type[BaseModel], key: str, model: type[E]) -> list[E]:
    """The entries listed under ``key`` of the YAML file ``path`` (``shown`` in messages): the file
    checked as ``container`` (its one list), each entry as ``model``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SourceError(f"{shown}: not valid YAML: {str(error).splitlines()[0]}") from None
    try:
        raw: list[dict[str, object]] = getattr(container.model_validate(data), key)
    except ValidationError as error:
        raise SourceError(f"{shown}: {describe_error(error)}") from None
    entries = []
    for number, item in enumerate(raw, start=1):
        try:
            entries.append(model.model_validate(item))
        except ValidationError as error:
            raise SourceError(f"{shown}: {entry_label(number, item)}: {describe_error(error)}") from None
    return entries


def check_ids_free(entries: Sequence[Entry], meanings: dict[str, tuple[str, str]], shown: str, kind: str) -> None:
    """Refuse an entry whose id another published record has: one register of permanent ids serves
    every record type (``meanings``: id → (record type, meaning); records of ``kind`` itself, filled
    by an earlier run, are replaced and so do not count)."""
    for entry in entries:
        other, meaning = meanings.get(entry.id, (kind, ""))
        if other != kind:
            raise SourceError(f"{shown}: {kind} {entry.id} ({entry.name}) has the id of {other} {meaning}")


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    start: int
    end: int
    raw: str


class LongestMatcher(Generic[T]):
    """Leftmost-longest matching of written forms, each standing for a value (None: a word that hides
    the names inside it and is never reported). ``accepts`` may refuse a form where it stands."""

    def __init__(self, forms: dict[str, T | None], accepts: Callable[[T, str, int, int], bool] = lambda *_: True) -> None:
        self.forms = forms
        self.accepts = accepts
        self.lengths: dict[str, list[int]] = {}
        for form in forms:
            self.lengths.setdefault(form[0], []).append(len(form))
        for lengths in self.lengths.values():
            lengths.sort(reverse=True)

    def found(self, text: str) -> list[Found[T]]:
        found: list[Found[T]] = []
        position = 0
        while position < len(text):
            length, value = self._longest_at(text, position)
            if length == 0:
                position += 1
                continue
            if value is not None:
                found.append(Found(value, position, position + length, text[position : position + length]))
            position += length
        return found

    def _longest_at(self, text: str, start: int) -> tuple[int, T | None]:
        for length in self.lengths.get(text[start], []):
            form = text[start : start + length]
            if form not in self.forms:
                continue
            value = self.forms[form]
            if value is None or self.accepts(value, text, start, start + length):
                return length, value
        return 0, None


class Located(TypedDict):
    start: int
    end: int
    raw: str
    method: Method


def located(mention: Found[T]) -> Located:
    """What every mention record holds of where and how a dictionary name was found."""
    return {"start": mention.start, "end": mention.end, "raw": mention.raw, "method": "dictionary"}


SECTION_FIELDS: tuple[SectionField, ...] = ("heading", "preamble")


def in_sections(sections: Iterable[Section], matcher: LongestMatcher[T]) -> Iterator[tuple[str, SectionField, Found[T]]]:
    """Each mention the matcher finds in a section's heading and preamble: (section id, field, mention)."""
    for section in sections:
        for field in SECTION_FIELDS:
            text = getattr(section, field)
            for mention in matcher.found(text) if text else ():
                yield section.id, field, mention
