"""Permanent identifiers, and the register that keeps them permanent.

A section's or measure's id is its document's id and its path (``digital-bay-area-action-plan.2.6.1``):
readable, URL-safe, and independent of which renditions exist. An agency's id is the pinyin of
its name when first published. Every id ever published is listed, with what it meant, in
``sources/published-ids.tsv``; a build in which a listed id disappears or comes to mean something
else is refused, unless ``sources/id-changes.yml`` records the change deliberately.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict
from pypinyin import lazy_pinyin

from dbay.build.compare import bigrams, dice

REGISTER_FILE = "published-ids.tsv"
CHANGES_FILE = "id-changes.yml"
SAME_MEANING_MIN_DICE = 0.5  # titles this close say the same thing, with edits
REGISTER_COLUMNS = ("id", "record_type", "meaning", "first_release")


def node_id(document_id: str, path: tuple[int, ...]) -> str:
    return f"{document_id}.{'.'.join(map(str, path))}"


def pinyin_slug(name: str) -> str:
    # A list keeps characters without pinyin whole; pypinyin accepts it, though its hints say str.
    syllables = lazy_pinyin(name, errors=lambda chars: [chars])  # type: ignore[arg-type,return-value]
    return re.sub(r"[^a-z0-9]+", "-", "-".join(syllables).lower()).strip("-")


@dataclass(frozen=True)
class Registered:
    id: str
    record_type: str
    meaning: str
    first_release: str


class DeliberateChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    change: str  # "retired" (gone for good) or "redefined" (same id, new meaning)
    reason: str


class IdChanges(BaseModel):
    model_config = ConfigDict(extra="forbid")

    changes: list[DeliberateChange] = []


class IdStabilityError(Exception):
    """A published id would disappear or change meaning without a recorded decision."""


def read_register(sources: Path) -> dict[str, Registered]:
    path = sources / REGISTER_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {row["id"]: Registered(**{key: row[key] for key in REGISTER_COLUMNS}) for row in rows}


def read_deliberate_changes(sources: Path) -> dict[str, DeliberateChange]:
    path = sources / CHANGES_FILE
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {change.id: change for change in IdChanges.model_validate(data).changes}


def check_stability(
    register: dict[str, Registered], built: dict[str, tuple[str, str]], deliberate: dict[str, DeliberateChange]
) -> list[DeliberateChange]:
    """Refuse lost or redefined ids; return the deliberate changes this build applies.

    ``built`` maps every id of the new build to (record type, meaning).
    """
    problems: list[str] = []
    applied: list[DeliberateChange] = []
    for identifier, old in register.items():
        recorded = deliberate.get(identifier)
        if identifier not in built:
            if recorded and recorded.change == "retired":
                applied.append(recorded)
            else:
                problems.append(
                    f"{old.record_type} {identifier} ({old.meaning}) was published in "
                    f"{old.first_release} and is missing from this build"
                )
            continue
        meaning = built[identifier][1]
        if dice(bigrams(old.meaning), bigrams(meaning)) < SAME_MEANING_MIN_DICE:
            if recorded and recorded.change == "redefined":
                applied.append(recorded)
            else:
                problems.append(
                    f"{old.record_type} {identifier} meant {old.meaning!r} in {old.first_release} and would now mean {meaning!r}"
                )
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise IdStabilityError(f"{problems[0]}{more}; if intended, record it in sources/{CHANGES_FILE}")
    return applied


def extend_register(sources: Path, built: dict[str, tuple[str, str]], version: str) -> int:
    """Add the build's new ids to the register; the number added."""
    register = read_register(sources)
    new = [Registered(i, kind, meaning, version) for i, (kind, meaning) in built.items() if i not in register]
    if not new:
        return 0
    rows = sorted([*register.values(), *new], key=lambda r: (r.record_type, r.id))
    path = sources / REGISTER_FILE
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(REGISTER_COLUMNS)
        writer.writerows([r.id, r.record_type, r.meaning, r.first_release] for r in rows)
    return len(new)
