"""One origin for everything: the Flask app, and Datasette mounted at /data/ on the same releases.

Datasette is an ASGI application and Flask a WSGI one; this small dispatcher sends ``/data/…``
to Datasette and everything else to Flask (through asgiref's WSGI adapter). The latest release
is the Datasette database ``dbay``, a URL that survives new releases; every release is also
there under its version, dots as hyphens (``dbay-2026-1`` for 2026.1: Datasette reads a dot in a
URL as a format suffix).
"""

import os
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

import yaml
from asgiref.wsgi import WsgiToAsgi
from datasette.app import Datasette
from datasette.database import Database

from dbay.build.write import release_path
from dbay.service.app import create_app
from dbay.service.store import ReleaseStore

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
DATASETTE_PREFIX = "/data"
PROJECT = Path(__file__).resolve().parent.parent
METADATA = PROJECT / "datasette" / "metadata.yml"


def datasette_name(version: str) -> str:
    return f"dbay-{version.replace('.', '-')}"


def create_datasette(data_dir: Path) -> Datasette:
    store = ReleaseStore(data_dir)
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8")) if METADATA.is_file() else None
    datasette = Datasette(
        metadata=metadata,
        settings={"base_url": f"{DATASETTE_PREFIX}/", "sql_time_limit_ms": 3000, "max_returned_rows": 1000,
                  "allow_download": True},
    )
    versions = store.versions()
    for name, version in [("dbay", versions[0])] * bool(versions) + [(datasette_name(v), v) for v in versions]:
        path = str(release_path(data_dir, version))
        datasette.add_database(Database(datasette, path=path, is_mutable=False), name=name)
    return datasette


def create_asgi(data_dir: Path) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    flask_app = WsgiToAsgi(create_app({"DATA_DIR": data_dir}))
    datasette = create_datasette(data_dir)
    datasette_app = datasette.app()

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            message = await receive()
            if message["type"] == "lifespan.startup":
                await datasette.invoke_startup()
                await send({"type": "lifespan.startup.complete"})
                message = await receive()
            if message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
            return
        path = scope.get("path", "")
        if path == DATASETTE_PREFIX or path.startswith(f"{DATASETTE_PREFIX}/"):
            await datasette_app(scope, receive, send)
        else:
            await flask_app(scope, receive, send)

    return application


def from_environment() -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """For an ASGI server in production: ``uvicorn --factory dbay.service.asgi:from_environment``.

    The data folder is ``$DBAY_DATA_DIR`` (default ``dist``).
    """
    return create_asgi(Path(os.environ.get("DBAY_DATA_DIR", "dist")))
