"""The entity dictionary, ``sources/entities.yml``: the named things measures are matched against.

Each entry is one platform, programme, slogan or technology with a permanent id, its names in both
scripts, its aliases and where the name is attested. The file is checked as it is loaded: an entry
the schema refuses, two entries with one id, or one name given to two entries stops the build with
a message naming the file and the entry.
"""

from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from dbay.build.load import SourceError
from dbay.build.scripts import to_hans, to_hant
from dbay.schema.enrichment import Entity, EntityType
from dbay.schema.records import Identifier

DICTIONARY_FILE = "entities.yml"

Name = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class EntityEntry(BaseModel):
    """One entry of ``sources/entities.yml``."""

    model_config = ConfigDict(extra="forbid")

    id: Identifier
    type: EntityType
    name: Name = Field(description="The name in Simplified script.")
    name_hant: Name | None = Field(default=None, description="The Traditional name where usage differs from conversion.")
    aliases: list[Name] = []
    gloss_en: str | None = None
    source: Name
    quoted_only: bool = Field(
        default=False,
        description="Match only where the text puts the name in quotation marks: for names that are also "
        "ordinary words (产业通 in 产业通过).",
    )


class EntityDictionary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entities: list[dict[str, object]] = []


def entry_label(number: int, data: dict[str, object]) -> str:
    return f"entry {number} ({data.get('id') or data.get('name') or '?'})"


def describe_error(error: ValidationError) -> str:
    first = error.errors()[0]
    return f"{'.'.join(str(part) for part in first['loc']) or '(top level)'}: {first['msg']}"


def surface_forms(entry: EntityEntry) -> set[str]:
    """Every way the texts may write the entry: its names and aliases, each in both scripts."""
    written = [entry.name, *([entry.name_hant] if entry.name_hant else []), *entry.aliases]
    return {form for name in written for form in (name, to_hans(name), to_hant(name))}


def check_entries(entries: list[EntityEntry], shown: str) -> None:
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


def read_entries(path: Path, shown: str) -> list[EntityEntry]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SourceError(f"{shown}: not valid YAML: {str(error).splitlines()[0]}") from None
    try:
        raw = EntityDictionary.model_validate(data).entities
    except ValidationError as error:
        raise SourceError(f"{shown}: {describe_error(error)}") from None
    entries = []
    for number, item in enumerate(raw, start=1):
        try:
            entries.append(EntityEntry.model_validate(item))
        except ValidationError as error:
            raise SourceError(f"{shown}: {entry_label(number, item)}: {describe_error(error)}") from None
    check_entries(entries, shown)
    return entries


def load_entity_dictionary(sources: Path) -> list[EntityEntry]:
    """The dictionary in ``sources``; an empty one where the folder has none."""
    path = sources / DICTIONARY_FILE
    return read_entries(path, f"{sources.name}/{DICTIONARY_FILE}") if path.exists() else []


def entity_record(entry: EntityEntry) -> Entity:
    """The published row of an entry: its Traditional name converted where the entry gives none."""
    aliases = sorted(set(entry.aliases) - {entry.name})
    return Entity(
        id=entry.id,
        type=entry.type,
        name=entry.name,
        name_hant=entry.name_hant or to_hant(entry.name),
        aliases=aliases,
        gloss_en=entry.gloss_en,
        source=entry.source,
    )
