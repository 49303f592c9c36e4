"""Rows from the release that answers a request, as plain dicts."""

import sqlite3
from collections.abc import Iterable, Sequence, Sized
from typing import Any


def rows(connection: sqlite3.Connection, sql: str, *params: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in connection.execute(sql, params).fetchall()]


def row(connection: sqlite3.Connection, sql: str, *params: Any) -> dict[str, Any] | None:
    found = connection.execute(sql, params).fetchone()
    return dict(found) if found else None


def page_of(
    connection: sqlite3.Connection, selected: str, source: str, order: str, params: Sequence[Any], limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """How many rows ``source`` (a ``from … where …`` clause) gives, and the page of them ``limit`` and
    ``offset`` choose in ``order``: what every paged list answers with."""
    total: int = connection.execute(f"select count(*) {source}", params).fetchone()[0]
    return total, rows(connection, f"select {selected} {source} {order} limit ? offset ?", *params, limit, offset)


def has_table(connection: sqlite3.Connection, name: str) -> bool:
    """Whether the release has table ``name``: one built before the table existed has not."""
    return row(connection, "select 1 from sqlite_master where type = 'table' and name = ?", name) is not None


def placeholders(values: Sized) -> str:
    """The placeholders of an ``in (…)`` list of ``values``: ``?, ?, ?``."""
    return ", ".join("?" * len(values))


def each_of(filters: Iterable[tuple[str, Iterable[Any] | None]]) -> tuple[list[str], list[Any]]:
    """SQL conditions and their parameters for filters of the form (column, values): a filter's values
    are alternatives (``column in (…)``), filters without values are left out; repeated values count once."""
    conditions: list[str] = []
    params: list[Any] = []
    for column, values in filters:
        chosen = list(dict.fromkeys(values or ()))
        if chosen:
            conditions.append(f"{column} in ({placeholders(chosen)})")
            params.extend(chosen)
    return conditions, params
