"""Agencies named in a filter: by id, by name or by alias, in either script, and their lineages.

A value is an agency's id, or else compared in the folded form search uses (``search.fold``: each
character in Simplified, ASCII lowercased) with every agency's name, Traditional name and aliases,
so 省政务服务数据管理局 and 省政務服務數據管理局 name the same agency. A name that several agencies
answer to (an alias two bodies share) stands for all of them, as a filter's comma-separated values
do; a value no agency answers to is a 400 naming the parameter.
"""

import json
import sqlite3
from collections import defaultdict

from dbay import search
from dbay.service.context import db, release
from dbay.service.errors import unknown_record
from dbay.service.lineage import predecessor_ids
from dbay.service.queries import placeholders, row

# Per release (by content hash): folded name -> the ids of the agencies answering to it.
_NAMES: dict[str, dict[str, list[str]]] = {}


def _names(connection: sqlite3.Connection, key: str) -> dict[str, list[str]]:
    if key not in _NAMES:
        found: defaultdict[str, list[str]] = defaultdict(list)
        for agency_id, name, name_hant, name_en, aliases in connection.execute(
            "select id, name, name_hant, name_en, aliases from agencies order by id"
        ):
            english = [name_en] if name_en else []
            for spelling in {search.fold(n) for n in (name, name_hant, *english, *json.loads(aliases))}:
                found[spelling].append(agency_id)
        _NAMES[key] = dict(found)
    return _NAMES[key]


def resolved(parameter: str, values: list[str]) -> list[str]:
    """The ids of the agencies ``values`` name (ids, names or aliases), or a 400 naming ``parameter``."""
    ids: dict[str, None] = {}
    for value in values:
        if row(db(), "select 1 from agencies where id = ?", value) is not None:
            ids[value] = None
            continue
        named = _names(db(), release().content_sha256).get(search.fold(value.strip()))
        if not named:
            raise unknown_record(parameter, value, release().version)
        ids.update(dict.fromkeys(named))
    return list(ids)


def with_predecessors(agency_ids: list[str]) -> list[str]:
    """The agencies and every earlier name of each (``lineage.predecessor_ids``)."""
    found = dict.fromkeys(agency_ids)
    for agency_id in agency_ids:
        found.update(dict.fromkeys(predecessor_ids(db(), agency_id)))
    return list(found)


def _has_lineages(connection: sqlite3.Connection) -> bool:
    return any(column[1] == "lineage_id" for column in connection.execute("pragma table_info(agencies)"))


def lineages(agency_ids: list[str]) -> list[str]:
    """The agencies and every agency sharing a lineage with one of them (earlier and later names,
    the bodies merged into the same one). A release built before the register has no lineages:
    there each agency is its own, as ``agencies.summary`` reports it."""
    if not _has_lineages(db()):
        return agency_ids
    marks = placeholders(agency_ids)
    sql = f"select id from agencies where lineage_id in (select lineage_id from agencies where id in ({marks})) order by id"
    return [found for (found,) in db().execute(sql, agency_ids)]
