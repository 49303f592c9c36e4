"""The entity dictionary, ``sources/entities.yml``: the named things measures are matched against.

Each entry is one platform, programme, slogan or technology with a permanent id, its names in both
scripts, its aliases and where the name is attested. The file is checked as it is loaded: an entry
the schema refuses, two entries with one id, or one name given to two entries stops the build with
a message naming the file and the entry.
"""

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from dbay.build.dictionaries import Name, check_names, read_entries
from dbay.build.scripts import to_hant
from dbay.schema.enrichment import Entity, EntityType
from dbay.schema.records import Identifier

DICTIONARY_FILE = "entities.yml"


class EntityEntry(BaseModel):
    """One entry of ``sources/entities.yml``."""

    model_config = ConfigDict(extra="forbid")

    id: Identifier
    type: EntityType
    name: Name = Field(description="The name in Simplified script.")
    name_hant: Name | None = Field(default=None, description="The Traditional name where usage differs from conversion.")
    name_en: Name | None = Field(default=None, description="English name: a translation made for dbay unless official.")
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


def read_dictionary(path: Path, shown: str) -> list[EntityEntry]:
    entries = read_entries(path, shown, EntityDictionary, "entities", EntityEntry)
    check_names(entries, shown)
    return entries


def load_entity_dictionary(sources: Path) -> list[EntityEntry]:
    """The dictionary in ``sources``; an empty one where the folder has none."""
    path = sources / DICTIONARY_FILE
    return read_dictionary(path, f"{sources.name}/{DICTIONARY_FILE}") if path.exists() else []


def entity_record(entry: EntityEntry) -> Entity:
    """The published row of an entry: its Traditional name converted where the entry gives none."""
    aliases = sorted(set(entry.aliases) - {entry.name})
    return Entity(
        id=entry.id,
        type=entry.type,
        name=entry.name,
        name_hant=entry.name_hant or to_hant(entry.name),
        name_en=entry.name_en,
        aliases=aliases,
        gloss_en=entry.gloss_en,
        source=entry.source,
    )
