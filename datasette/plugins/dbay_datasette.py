"""Datasette plugin for the dbay releases: Chinese search in the search box, and the data dictionary.

- ``prepare_connection``: Datasette turns the search box and ``?_search=`` into
  ``rowid in (select rowid from measures_fts where measures_fts match escape_fts(:search))``.
  Replacing ``escape_fts`` with dbay's query builder (``dbay.search``, the same code the JSON API
  uses) gives substring semantics in either script: 养老 and 養老 find exactly the measures that
  contain 养老. It also adds ``dbay_match(q)`` and ``dbay_snippet(text, q)`` for SQL.
- ``get_metadata``: every release database (``dbay``, ``dbay-<version>``) gets the metadata of
  ``datasette/metadata.yml``'s ``dbay`` entry (facets, label columns, canned queries), and every
  table and column its description from the record models in ``schema/records.py``.
"""

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from datasette import hookimpl
from dbay import search
from dbay.schema.records import PUBLISHED_RECORDS

METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"
TEMPLATE_DATABASE = "dbay"


@hookimpl(trylast=True)  # after Datasette's own escape_fts, which this replaces
def prepare_connection(conn: Any) -> None:
    search.register_functions(conn)
    conn.create_function("escape_fts", 1, lambda query: search.match_expression(query or "") or search.MATCH_NOTHING,
                         deterministic=True)


@cache
def _database_metadata() -> dict[str, Any]:
    """The ``dbay`` database's metadata from the file, with the models' descriptions added."""
    written = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    database = copy.deepcopy(written.get("databases", {}).get(TEMPLATE_DATABASE, {}))
    tables = database.setdefault("tables", {})
    for model in PUBLISHED_RECORDS:
        table = tables.setdefault(model.table, {})
        table.setdefault("description", model.description)
        columns = table.setdefault("columns", {})
        for name, info in model.model_fields.items():
            columns.setdefault(name, info.description or "")
    tables.setdefault(search.TABLE, {}).setdefault(
        "description", "Search index of measures (every character a token); query it with dbay_match(q).")
    return database


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict[str, Any]:
    names = [name for name in datasette.databases if name == TEMPLATE_DATABASE or name.startswith("dbay-")]
    return {"databases": {name: _database_metadata() for name in names}}
