"""Rows from the release that answers a request, as plain dicts."""

import sqlite3
from collections.abc import Sized
from typing import Any


def rows(connection: sqlite3.Connection, sql: str, *params: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in connection.execute(sql, params).fetchall()]


def row(connection: sqlite3.Connection, sql: str, *params: Any) -> dict[str, Any] | None:
    found = connection.execute(sql, params).fetchone()
    return dict(found) if found else None


def has_table(connection: sqlite3.Connection, name: str) -> bool:
    """Whether the release has table ``name``: one built before the table existed has not."""
    return row(connection, "select 1 from sqlite_master where type = 'table' and name = ?", name) is not None


def placeholders(values: Sized) -> str:
    """The placeholders of an ``in (…)`` list of ``values``: ``?, ?, ?``."""
    return ", ".join("?" * len(values))
