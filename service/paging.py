"""Pages of a list: an opaque cursor and the links to follow to the end.

A release never changes, so an offset into a fixed order pages without gaps or repeats. The
cursor pins the release it was issued for, and the next link names that release, so a client
paging through keeps reading the same release even if a newer one is published meanwhile.
"""

import base64
import binascii
import json
from typing import Any

from flask import request, url_for

from dbay.service.context import release
from dbay.service.errors import bad_parameter


def encode_cursor(offset: int) -> str:
    payload = json.dumps({"r": release().version, "o": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def offset_from_cursor(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset, version = payload["o"], payload["r"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise bad_parameter("cursor", "malformed cursor; use the links.next URL of a previous page") from None
    if not isinstance(offset, int) or offset < 0:
        raise bad_parameter("cursor", "malformed cursor; use the links.next URL of a previous page")
    if version != release().version:
        raise bad_parameter("cursor", f"this cursor belongs to release {version}; add release={version}")
    return offset


def links(endpoint: str, offset: int, limit: int, total: int, **view_args: Any) -> dict[str, str | None]:
    arguments = {k: v for k, v in request.args.items() if k != "cursor"}
    current = url_for(endpoint, **view_args, **request.args, _external=False)
    following = None
    if offset + limit < total:
        arguments.update(release=release().version, cursor=encode_cursor(offset + limit))
        following = url_for(endpoint, **view_args, **arguments, _external=False)
    return {"self": current, "next": following}
