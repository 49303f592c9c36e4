"""ASGI middleware that names what Datasette's own HTML leaves unnamed, for screen readers (and axe-core).

Datasette's pages have no ``lang`` on ``<html>`` (a screen reader then reads the Chinese rows with an
English voice), the filter row's column and operator menus and its value box have no label, and a
table that scrolls sideways cannot be scrolled from the keyboard. Its templates are left as they
are; the few attributes are added to each HTML answer as it leaves.
"""

from dbay.datasette.wrappers import App, Message, Receive, Scope, Send

LANGUAGE = "zh-Hans"  # the rows, most of what a page shows, are in Simplified script
# What is written, what it becomes, and how many times (0: everywhere).
NAMED = (
    (b"<html>", f'<html lang="{LANGUAGE}">'.encode(), 1),
    (b'<select name="_filter_column', b'<select aria-label="Filter column" name="_filter_column', 0),
    (b'<select name="_filter_op', b'<select aria-label="Filter operator" name="_filter_op', 0),
    (b'class="filter-value"', b'class="filter-value" aria-label="Filter value"', 0),
    # A table wider than the page scrolls sideways: with the keyboard too, once it can take the focus.
    (b'<div class="table-wrapper">', b'<div class="table-wrapper" tabindex="0">', 0),
)


def named(html: bytes) -> bytes:
    for written, replacement, times in NAMED:
        html = html.replace(written, replacement, times or -1)
    return html


def with_names(app: App) -> App:
    """``app``, with ``named`` applied to the body of every HTML answer (which is gathered whole for it)."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        start: Message | None = None
        body = b""

        async def gathering(message: Message) -> None:
            nonlocal start, body
            if message["type"] == "http.response.start":
                if not dict(message.get("headers", [])).get(b"content-type", b"").startswith(b"text/html"):
                    await send(message)
                    return
                start = message
            elif message["type"] == "http.response.body" and start is not None:
                body += message.get("body", b"")
                if not message.get("more_body", False):
                    body = named(body)
                    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                    await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
                    await send({"type": "http.response.body", "body": body})
            else:
                await send(message)

        await app(scope, receive, gathering)

    return wrapped
