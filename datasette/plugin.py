"""Datasette plugin for the dbay releases: Chinese search in the search box, and the data dictionary.

- ``prepare_connection``: Datasette turns the search box and ``?_search=`` into
  ``rowid in (select rowid from measures_fts where measures_fts match escape_fts(:search))``.
  Replacing ``escape_fts`` with dbay's query builder (``dbay.search``, the same code the JSON API
  uses) gives substring semantics in either script: 养老 and 養老 find exactly the measures that
  contain 养老, with the API's syntax (OR, -word, "phrase"; a malformed query matches nothing,
  as SQL has no way to say why) and its cross-strait variants (人工智慧 finds 人工智能). It also
  adds ``dbay_match(q)`` and ``dbay_snippet(text, q)``.
- ``get_metadata``: every release database (``dbay``, ``dbay-<version>``, or ``dbay-2026.1`` as a
  plain ``datasette serve dbay-2026.1.db`` names it) gets the metadata of ``metadata.yml``'s
  ``dbay`` entry (licence, facets, label columns, canned queries), every table and column its
  description from the record models in ``schema/records.py``, and the search query its SQL from
  ``dbay.search``, which owns the ranking.
- ``render_cell``: the search query's ``snippet_html`` column shows as HTML, its matches
  highlighted; only the ``<mark>`` and ``</mark>`` tags pass, every other character is escaped. A
  ``page`` column (where_do_the_renditions_differ, how_did_this_promise_evolve) shows as a link to the
  provision's page.
- ``asgi_wrapper``: Datasette's CSV starts with a byte order mark (Excel then reads its Chinese
  as UTF-8), and a row's URL with the dots of its id as written redirects to the tilde-encoded
  one Datasette answers (``wrappers.py``); its HTML gets a ``lang`` and its filter menus names
  (``accessible.py``).
- ``register_routes`` and ``extra_css_urls``: every page gets ``static/dbay.css`` (no CDN):
  wide columns for the texts, and a table's column descriptions after its rows, so that the
  search box is near the top.

- ``register_output_renderer`` and ``extra_body_script``: a table or query with latitude and
  longitude columns can be had as an SVG map, which its page shows above its rows (``maps.py``).

- ``handle_exception``: Datasette's errors go through logging, on the ``dbay.datasette`` logger,
  as Django logs its own: a client's mistake (a 4xx: no such table, row or database, a bad
  parameter) as one warning line, a server error with its traceback; the answer is Datasette's
  own error page or JSON. Datasette 0.65 awaits every implementation of the hook, and its own
  prints a rich traceback with every local variable for every exception, 404s included, whenever
  ``rich`` is importable: a plugin's Response does not stop it. So this one is a pluggy hook
  wrapper that replaces the answers of the implementations it wraps with its own.

The plugin is registered through the ``datasette`` entry point in setup.cfg: wherever dbay is
installed, Datasette loads it. ``site_metadata`` gives the rest of ``metadata.yml`` (title and
links of the one origin) to ``dbay serve`` and ``dbay datasette``.
"""

import copy
import html
import logging
import re
from collections.abc import Callable, Generator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from datasette.hookspecs import hookimpl
from datasette.utils import add_cors_headers
from datasette.utils.asgi import Base400, Request, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup

from dbay import maps as map_drawing
from dbay import releases, search, search_variants
from dbay.datasette import accessible, maps, wrappers
from dbay.schema.published import PUBLISHED_RECORDS

METADATA = Path(__file__).with_name("metadata.yml")
STYLESHEET = Path(__file__).with_name("static") / "dbay.css"
STYLESHEET_PATH = "/-/dbay.css"
TEMPLATE_DATABASE = releases.LATEST_DATABASE
PAGE_COLUMN = "page"  # a canned query's link to a page of the one origin (where_do_the_renditions_differ, how_did_…)
PAGE_PATHS = ("/measures/",)
# The search query's columns; its matching and ranking are dbay.search's.
SEARCH_COLUMNS = (
    "measures.id, measures.document_id, measures.path, measures.title, "
    "dbay_snippet(measures.text, :q) as snippet_html, measures.lead_agencies, "
    "measures.participating_agencies"
)
log = logging.getLogger("dbay.datasette")
# The one column of HTML the plugin writes (dbay_snippet's), and the only tags it may hold.
SNIPPET_COLUMN = "snippet_html"
MARK_TAGS = re.compile(r"(</?mark>)")


@hookimpl(trylast=True)  # after Datasette's own escape_fts, which this replaces
def prepare_connection(conn: Any, database: str) -> None:
    if releases.is_release_database(database):
        releases.with_later_columns(conn)  # an older release reads the latest columns as null, as in the API
    widen = search_variants.widening(conn)  # the cross-strait variants, as the API searches them
    search.register_functions(conn, widen)
    conn.create_function("escape_fts", 1, lambda query: search.match_or_nothing(query, widen), deterministic=True)


@cache
def _written() -> dict[str, Any]:
    written: dict[str, Any] = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    return written


# The site's links to the rest of dbay serve's origin (the downloads, the API's home page).
ORIGIN_LINKS = ("source_url", "about", "about_url")


def site_metadata(base_url: str, with_origin: bool = True) -> dict[str, Any]:
    """The site's metadata (title, description, licence, links): all of metadata.yml but the databases.

    Its description's links are made to start with Datasette's ``base_url``; ``with_origin``
    false leaves out the links to the rest of ``dbay serve``'s origin, for Datasette alone.
    """
    site = {key: copy.deepcopy(value) for key, value in _written().items() if key != "databases"}
    site["description_html"] = site["description_html"].replace("{base_url}", base_url)
    return site if with_origin else {key: value for key, value in site.items() if key not in ORIGIN_LINKS}


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


@cache
def _metadata_at(database_url: str) -> dict[str, Any]:
    """The database's metadata with ``{database_url}`` in its tables' HTML descriptions made its path."""
    database = copy.deepcopy(_database_metadata())
    for table in database["tables"].values():
        if "description_html" in table:
            table["description_html"] = table["description_html"].replace("{database_url}", database_url)
    return database


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict[str, Any]:
    names = [name for name in datasette.databases if releases.is_release_database(name)]
    return {"databases": {name: _metadata_at(datasette.urls.database(name)) for name in names}}


def marked_snippet(snippet: str) -> Markup:
    """A snippet as HTML: its ``<mark>`` and ``</mark>`` tags kept, everything else escaped.

    ``dbay_snippet`` escapes the text already; every piece between the tags is unescaped and escaped
    again, so that its entities show as written and any other tag, however it got there, as text.
    """
    pieces = MARK_TAGS.split(snippet)
    return Markup("".join(piece if MARK_TAGS.fullmatch(piece) else html.escape(html.unescape(piece)) for piece in pieces))


@hookimpl
def render_cell(value: Any, column: str) -> Markup | None:
    """The search query's snippet with its matches highlighted, not as literal ``<mark>`` tags; a provision's
    page (a query's ``page`` column, a path of the site such as /measures/<id>) as a link."""
    if column == SNIPPET_COLUMN and isinstance(value, str):
        return marked_snippet(value)
    if column == PAGE_COLUMN and isinstance(value, str) and value.startswith(PAGE_PATHS):
        return Markup(f'<a href="{html.escape(value)}">{html.escape(value)}</a>')
    return None


@hookimpl
def register_routes() -> list[tuple[str, Callable[[], Response]]]:
    return [(rf"^{STYLESHEET_PATH.replace('.', '[.]')}$", stylesheet)]


def stylesheet() -> Response:
    """dbay.css, and the maps' style, which the pages share (dbay.maps owns it)."""
    css = STYLESHEET.read_text(encoding="utf-8") + map_drawing.STYLE
    return Response(css, content_type="text/css; charset=utf-8")


@hookimpl
def register_output_renderer() -> dict[str, Any]:
    return maps.renderer()


@hookimpl
def extra_body_script(columns: list[str] | None) -> str:
    return maps.body_script(columns)


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path(STYLESHEET_PATH)]


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[wrappers.App], wrappers.App]:
    def wrap(app: wrappers.App) -> wrappers.App:
        return accessible.with_names(wrappers.dotted_rows_redirected(datasette, wrappers.csv_with_bom(datasette, app)))

    return wrap


def error_status(exception: BaseException) -> int:
    """The HTTP status Datasette gives an exception: its own where it carries one (4xx for a client's mistake), else 500."""
    status = getattr(exception, "status", 500) if isinstance(exception, Base400 | DatasetteError) else 500
    return status if isinstance(status, int) else 500


async def _error_page(datasette: Any, request: Request, exception: Exception, status: int) -> Response:
    """What Datasette's own handler answers (``datasette/handle_exception.py``), without printing anything."""
    info: dict[str, Any] = {}
    title = None
    message: Any = str(exception) if status >= 500 or not exception.args else exception.args[0]
    if isinstance(exception, DatasetteError):
        info, title, message = dict(exception.error_dict), exception.title, exception.message
        message = Markup(message) if exception.message_is_html else message
    info.update({"ok": False, "error": message, "status": status, "title": title})
    headers: dict[str, str] = {}
    if datasette.cors:
        add_cors_headers(headers)
    page: Response
    if request.path.split("?")[0].endswith(".json"):
        page = Response.json(info, status=status, headers=headers)
    else:
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        context = {**info, "urls": datasette.urls, "app_css_hash": datasette.app_css_hash(), "menu_links": lambda: []}
        page = Response.html(await template.render_async(context), status=status, headers=headers)
    return page


@hookimpl(wrapper=True)
def handle_exception(datasette: Any, request: Request, exception: Exception) -> Generator[None, list[Any], list[Any]]:
    answers = yield  # every implementation's answer; Datasette's own prints its traceback only when awaited
    if datasette.pdb:  # `datasette --pdb`: Datasette's handler opens the debugger
        return answers
    status = error_status(exception)
    url = datasette.urls.path(request.full_path)  # as the client asked for it, /data/ prefix included
    if status < 500:
        log.warning("%s %s %s: %s", status, request.method, url, " ".join(str(exception).split()) or type(exception).__name__)
    else:
        log.error("%s %s %s", status, request.method, url, exc_info=exception)

    async def page() -> Response:
        return await _error_page(datasette, request, exception, status)

    return [page]
