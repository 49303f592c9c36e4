"""One origin for everything: the Flask app, and Datasette mounted at /data/ on the same releases.

Datasette is an ASGI application and Flask a WSGI one; this small dispatcher sends ``/data/…``
to Datasette and everything else to Flask, through a2wsgi's WSGI adapter and its thread pool
(asgiref's ``WsgiToAsgi`` fails about half the requests at 8 concurrent connections with asgiref
3.9 and later: "CurrentThreadExecutor already quit or is broken", django/asgiref#491). The
latest release is the Datasette database ``dbay``, a URL that survives new releases; every release is also
there under its version, dots as hyphens (``dbay-2026-1`` for 2026.1: Datasette reads a dot in a
URL as a format suffix). Both read the same ``ReleaseFolder``; its connections are closed when
the server shuts down. Datasette's metadata and plugin come from ``dbay.datasette``, the plugin
through its ``datasette`` entry point, as for a plain ``datasette serve`` wherever dbay is installed.

``NoDelayHTTP`` is the HTTP protocol the production command names (``--http``): with several
workers, uvicorn's listening socket leaves Nagle's algorithm on (Kludex/uvicorn#3149), and every
answer on a kept-alive connection after the first waited ~40 ms for the client's delayed ACK.
"""

import asyncio
import os
import socket
import urllib.parse
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import cast

from a2wsgi import WSGIMiddleware
from datasette.app import Datasette
from datasette.database import Database
from uvicorn.protocols.http.h11_impl import H11Protocol

from dbay import releases
from dbay.datasette.plugin import site_metadata
from dbay.maps import Tiles
from dbay.releases import ReleaseFolder
from dbay.service.app import create_app
from dbay.service.cache import DEFAULT_LIMIT_BYTES, App, Receive, ResponseCache, Scope, Send, cached
from dbay.service.context import DATASETTE_PREFIX

# Flask's answers run in this many threads per worker, each with its own SQLite connections. Two:
# one can read SQLite while the other runs Python; more only contend for the interpreter lock
# (uncached, c=8, one worker: 8 threads answered by id 573/s, search 156/s, an agency's list 223/s;
# 2 threads 783, 229 and 319; 1 thread 756, 241, 334; see the README's Performance).
WSGI_THREADS = 2
# Limits for a public instance: every query read-only on immutable files, and bounded.
DATASETTE_SETTINGS = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 1000,
    "facet_time_limit_ms": 500,
    "allow_download": True,
    "default_page_size": 50,
}


def create_datasette(folder: ReleaseFolder, base_url: str = f"{DATASETTE_PREFIX}/", map_tiles: Tiles | None = None) -> Datasette:
    """Datasette on every release of the folder: the latest as ``dbay``, each as ``dbay-<version>``;
    its maps drawn over ``map_tiles`` where given, else over the bundled base map."""
    # cors: its JSON is open to every origin (Access-Control-Allow-Origin: *), as the API's is.
    metadata = site_metadata(base_url, with_origin=base_url == f"{DATASETTE_PREFIX}/")  # alone, no API beside it
    if map_tiles:
        metadata["plugins"] = {"dbay": {"map_tiles": map_tiles.settings()}}
    datasette = Datasette(metadata=metadata, settings={**DATASETTE_SETTINGS, "base_url": base_url}, cors=True)
    named = [(releases.LATEST_DATABASE, folder.latest)] if folder.latest else []
    for name, version in named + [(releases.datasette_name(v), v) for v in folder.versions]:
        datasette.add_database(Database(datasette, path=str(folder.path(version)), is_mutable=False), name=name)
    return datasette


class NoDelayHTTP(H11Protocol):
    """uvicorn's h11 protocol, with TCP_NODELAY on every connection it serves.

    asyncio turns Nagle's algorithm off only where the listening socket says IPPROTO_TCP, which
    uvicorn's own (``--workers`` above 1) does not; headers and body are two writes, so the body
    waited for the ACK of the headers. Harmless where the option is already set.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # as H11Protocol's
        connection = transport.get_extra_info("socket")
        if connection is not None and connection.family in (socket.AF_INET, socket.AF_INET6):
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


async def _redirect(send: Send, location: str, query: bytes) -> None:
    target = location.encode("utf-8") + (b"?" + query if query else b"")
    await send({"type": "http.response.start", "status": 302, "headers": [(b"location", target)]})
    await send({"type": "http.response.body", "body": b""})


def create_asgi(
    folder: ReleaseFolder, cache_bytes: int = DEFAULT_LIMIT_BYTES, map_tiles: Tiles | None = None
) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """The one origin on a folder of releases; the server's lifespan shutdown closes its connections.

    API answers are kept in memory, up to ``cache_bytes`` (``dbay.service.cache``; 0 keeps none).
    ``map_tiles``: web map tiles under every map's points, of the pages and of Datasette (an option;
    without it the maps use the bundled base map and load nothing from elsewhere).
    """
    flask_wsgi = create_app({"DATA_DIR": folder.folder, "RELEASES": folder, "MAP_TILES": map_tiles})
    flask = WSGIMiddleware(flask_wsgi, workers=WSGI_THREADS)  # type: ignore[arg-type]  # its Environ is a TypedDict
    flask_app = cached(cast(App, flask), ResponseCache(cache_bytes))  # a2wsgi types its scopes as TypedDicts
    datasette = create_datasette(folder, map_tiles=map_tiles)
    datasette_app = datasette.app()

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            message = await receive()
            if message["type"] == "lifespan.startup":
                await datasette.invoke_startup()
                await send({"type": "lifespan.startup.complete"})
                message = await receive()
            if message["type"] == "lifespan.shutdown":
                folder.close()
                await send({"type": "lifespan.shutdown.complete"})
            return
        path = scope.get("path", "")
        if scope["type"] == "http" and path.split("/")[1] in datasette.databases:
            # Datasette 0.65 builds array-facet links without base_url (/dbay/… for /data/dbay/…).
            await _redirect(send, DATASETTE_PREFIX + path, scope.get("query_string", b""))
        elif path == DATASETTE_PREFIX or path.startswith(f"{DATASETTE_PREFIX}/"):
            # Datasette expects the prefix stripped, as a proxy would; its base_url puts it back in links.
            raw_path = scope.get("raw_path") or path.encode()
            inner = {**scope, "path": path[len(DATASETTE_PREFIX) :] or "/", "raw_path": raw_path[len(DATASETTE_PREFIX) :] or b"/"}
            await datasette_app(inner, receive, send)
        else:
            # a client may send UTF-8 unencoded in the query; WSGI wants it percent-encoded ASCII
            query: bytes = scope.get("query_string", b"")
            if not query.isascii():
                scope = {**scope, "query_string": urllib.parse.quote_from_bytes(query, safe="&=+%/?:,;@!$'()*~").encode()}
            await flask_app(scope, receive, send)

    return application


def from_environment() -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """For an ASGI server in production: ``uvicorn --factory dbay.service.asgi:from_environment``.

    The data folder is ``$DBAY_DATA_DIR`` (default ``dist``); ``$DBAY_CACHE_BYTES`` bounds the memory
    each worker keeps answers in (default 64 MiB); ``$DBAY_MAP_TILES`` and
    ``$DBAY_MAP_TILES_ATTRIBUTION`` name web map tiles for the maps (default none).
    """
    cache_bytes = int(os.environ.get("DBAY_CACHE_BYTES", DEFAULT_LIMIT_BYTES))
    tiles = Tiles.configured(
        {"url": os.environ.get("DBAY_MAP_TILES"), "attribution": os.environ.get("DBAY_MAP_TILES_ATTRIBUTION", "")}
    )
    return create_asgi(ReleaseFolder(Path(os.environ.get("DBAY_DATA_DIR", "dist"))), cache_bytes, tiles)
