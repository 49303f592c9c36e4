"""An agency's predecessors: the names its body had before, from the agency register.

``agency_successions`` links each earlier name to the one that took over (a renaming or a
merger). Releases built before the register have no such table: there an agency has none.
"""

import json
import sqlite3
from typing import Any

from dbay.service.queries import has_table, rows

# Every earlier name, however many renamings back, nearest first.
PREDECESSORS = """
    with recursive earlier(id, steps) as (
        select predecessor_id, 1 from agency_successions where successor_id = ?
        union
        select s.predecessor_id, e.steps + 1 from agency_successions s join earlier e on s.successor_id = e.id
    )
    select a.id, a.name, a.name_hant, a.name_en, s.successor_id, s.effective, s.note, s.sources, min(e.steps) as steps
    from earlier e
    join agencies a on a.id = e.id
    join agency_successions s on s.predecessor_id = a.id
    group by a.id
    order by steps, a.id"""


def has_successions(connection: sqlite3.Connection) -> bool:
    return has_table(connection, "agency_successions")


def predecessors(connection: sqlite3.Connection, agency_id: str) -> list[dict[str, Any]]:
    """The agency's predecessors (id, names, successor_id, effective, note, sources as a list), nearest first."""
    if not has_successions(connection):
        return []
    found = rows(connection, PREDECESSORS, agency_id)
    for record in found:
        record["sources"] = json.loads(record["sources"])
    return found


def predecessor_ids(connection: sqlite3.Connection, agency_id: str) -> list[str]:
    return [record["id"] for record in predecessors(connection, agency_id)]
