"""ASGI middleware the plugin puts in front of Datasette (its ``asgi_wrapper`` hook).

- ``csv_with_bom``: Datasette's CSV (``.csv`` table and query answers, streamed or not) starts with
  the UTF-8 byte order mark, which Excel needs to read the file as UTF-8 rather than as the
  system's code page (mojibake for every Chinese character). Other CSV readers skip it.
- ``dotted_rows_redirected``: a measure's id has dots (``digital-bay-area-action-plan.1.1``), which
  Datasette reads as the start of a format (``.json``); its own URLs tilde-encode them
  (``digital-bay-area-action-plan~2E1~2E1``). A row URL with the id as written is redirected
  there, with its format if it ends with one Datasette knows (``….1.1.json``).
"""

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from datasette.utils import tilde_decode, tilde_encode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

UTF8_BOM = "\ufeff".encode()
CSV_FORMAT = "csv"


def _inner_path(datasette: Any, scope: Scope) -> str:
    """The request's path as Datasette's router sees it: without its ``base_url``."""
    path: str = scope.get("path", "")
    base_url: str = datasette.setting("base_url")
    return "/" + path[len(base_url) :] if base_url != "/" and path.startswith(base_url) else path


def csv_with_bom(datasette: Any, app: App) -> App:
    """``app``, with the byte order mark at the start of every successful ``.csv`` answer's body."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _inner_path(datasette, scope).endswith(f".{CSV_FORMAT}"):
            await app(scope, receive, send)
            return
        marking = False

        async def send_with_bom(message: Message) -> None:
            nonlocal marking
            if message["type"] == "http.response.start" and message["status"] == 200:
                marking = True
                headers = []
                for name, value in message.get("headers", []):
                    if name.lower() == b"content-length":
                        value = str(int(value) + len(UTF8_BOM)).encode()
                    headers.append((name, value))
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body" and marking:
                marking = False  # the first body message only, however the answer is streamed
                message = {**message, "body": UTF8_BOM + message.get("body", b"")}
            await send(message)

        await app(scope, receive, send_with_bom)

    return wrapped


def tilde_encoded_row_path(path: str, databases: set[str], formats: set[str]) -> str | None:
    """The path Datasette answers for a row path whose id is written with its dots, or None for any other path."""
    parts = path.split("/")
    if len(parts) != 4 or tilde_decode(parts[1]) not in databases or "." in parts[2] or "." not in parts[3]:
        return None
    row, _, suffix = parts[3].rpartition(".")
    pk, format_suffix = (row, f".{suffix}") if suffix in formats else (parts[3], "")
    if "." not in pk:  # Datasette's own form (tilde-encoded, or without dots)
        return None
    return f"/{parts[1]}/{parts[2]}/{tilde_encode(pk)}{format_suffix}"


def dotted_rows_redirected(datasette: Any, app: App) -> App:
    """``app``, with a row URL that has dots in its id redirected to the URL Datasette's links use."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        formats = {*datasette.renderers, CSV_FORMAT}
        path = _inner_path(datasette, scope)
        target = tilde_encoded_row_path(path, set(datasette.databases), formats) if scope["type"] == "http" else None
        if target is None:
            await app(scope, receive, send)
            return
        query: bytes = scope.get("query_string", b"")
        location = datasette.urls.path(target) + (f"?{query.decode('latin-1')}" if query else "")
        headers = [(b"location", location.encode("latin-1"))]
        if datasette.cors:  # a browser follows a cross-origin redirect only where the redirect allows it too
            headers.append((b"access-control-allow-origin", b"*"))
        await send({"type": "http.response.start", "status": 301, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    return wrapped
