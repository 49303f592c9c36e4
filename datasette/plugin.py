"""Datasette plugin for the dbay releases: Chinese search in the search box, and the data dictionary.

- ``prepare_connection``: Datasette turns the search box and ``?_search=`` into
  ``rowid in (select rowid from measures_fts where measures_fts match escape_fts(:search))``.
  Replacing ``escape_fts`` with dbay's query builder (``dbay.search``, the same code the JSON API
  uses) gives substring semantics in either script: 养老 and 養老 find exactly the measures that
  contain 养老. It also adds ``dbay_match(q)`` and ``dbay_snippet(text, q)`` for SQL.
- ``get_metadata``: every release database (``dbay``, ``dbay-<version>``, or ``dbay-2026.1`` as a
  plain ``datasette serve dbay-2026.1.db`` names it) gets the metadata of ``metadata.yml``'s
  ``dbay`` entry (licence, facets, label columns, canned queries), every table and column its
  description from the record models in ``schema/records.py``, and the search query its SQL from
  ``dbay.search``, which owns the ranking.

The plugin is registered through the ``datasette`` entry point in setup.cfg: wherever dbay is
installed, Datasette loads it. ``site_metadata`` gives the rest of ``metadata.yml`` (title and
links of the one origin) to ``dbay serve``.
"""

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from datasette.hookspecs import hookimpl

from dbay import releases, search
from dbay.schema.records import PUBLISHED_RECORDS

METADATA = Path(__file__).with_name("metadata.yml")
TEMPLATE_DATABASE = releases.LATEST_DATABASE
# The search query's columns; its matching and ranking are dbay.search's.
SEARCH_COLUMNS = (
    "measures.id, measures.document_id, measures.path, measures.title, "
    "dbay_snippet(measures.text, :q) as snippet_html, measures.lead_agencies, "
    "measures.participating_agencies"
)


@hookimpl(trylast=True)  # after Datasette's own escape_fts, which this replaces
def prepare_connection(conn: Any) -> None:
    search.register_functions(conn)
    conn.create_function("escape_fts", 1, search.match_or_nothing, deterministic=True)


@cache
def _written() -> dict[str, Any]:
    written: dict[str, Any] = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    return written


def site_metadata() -> dict[str, Any]:
    """The site's metadata (title, description, licence, links): all of metadata.yml but the databases."""
    return {key: copy.deepcopy(value) for key, value in _written().items() if key != "databases"}


@cache
def _database_metadata() -> dict[str, Any]:
    """The ``dbay`` database's metadata from the file, with the models' descriptions added."""
    database: dict[str, Any] = copy.deepcopy(_written().get("databases", {}).get(TEMPLATE_DATABASE, {}))
    database.setdefault("queries", {}).setdefault("search", {})["sql"] = search.search_sql(SEARCH_COLUMNS, match="dbay_match(:q)")
    tables = database.setdefault("tables", {})
    for model in PUBLISHED_RECORDS:
        table = tables.setdefault(model.table, {})
        table.setdefault("description", model.description)
        columns = table.setdefault("columns", {})
        for name, info in model.model_fields.items():
            columns.setdefault(name, info.description or "")
    tables.setdefault(search.TABLE, {}).setdefault(
        "description", "Search index of measures (every character a token); query it with dbay_match(q)."
    )
    return database


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict[str, Any]:
    names = [name for name in datasette.databases if releases.is_release_database(name)]
    return {"databases": {name: _database_metadata() for name in names}}
