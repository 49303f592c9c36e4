"""Whole API responses, kept in memory and answered without Flask.

A release is an immutable file and the server lists its folder once (``ReleaseFolder``), so an
answer depends only on the scheme and Host (a citation's URL is absolute), the URL and, where no ``lang=``
is given, the Accept-Language header. The first GET of a URL goes through Flask; its status,
headers and body are kept, and later GETs are answered from memory by this thin ASGI layer, with
a 304 where If-None-Match names the ETag. The cache is bounded in bytes (least recently used
answers go first) and counts its hits, misses and evictions, so its effect can be measured.
"""

from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]
Key = tuple[bytes, bytes, bytes, bytes]  # scheme and host, path, query, language

CACHED_PREFIX = "/api/"
DEFAULT_LIMIT_BYTES = 64 * 1024 * 1024
ENTRY_LIMIT_BYTES = 1024 * 1024  # a larger answer is not kept: it would push out hundreds of others
# Headers a 304 repeats (RFC 9110 §15.4.5); the rest of a cached answer's headers go with the body.
NOT_MODIFIED_HEADERS = {b"etag", b"cache-control", b"vary", b"x-dataset-version", b"access-control-allow-origin"}


@dataclass(frozen=True)
class Answer:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(name) + len(value) for name, value in self.headers)

    def etag(self) -> bytes | None:
        return next((value for name, value in self.headers if name == b"etag"), None)


@dataclass
class ResponseCache:
    limit_bytes: int = DEFAULT_LIMIT_BYTES
    answers: "OrderedDict[Key, Answer]" = field(default_factory=OrderedDict)
    size: int = 0
    hits: int = 0
    misses: int = 0
    evictions: int = 0

    def get(self, key: Key) -> Answer | None:
        answer = self.answers.get(key)
        if answer is None:
            self.misses += 1
            return None
        self.answers.move_to_end(key)
        self.hits += 1
        return answer

    def put(self, key: Key, answer: Answer) -> None:
        if answer.size > min(ENTRY_LIMIT_BYTES, self.limit_bytes) or key in self.answers:
            return
        self.answers[key] = answer
        self.size += answer.size
        while self.size > self.limit_bytes:
            _, evicted = self.answers.popitem(last=False)
            self.size -= evicted.size
            self.evictions += 1


def _header(scope: Scope, name: bytes) -> bytes:
    return next((value for key, value in scope.get("headers", []) if key.lower() == name), b"")


def cache_key(scope: Scope) -> Key | None:
    """The key of a cacheable request, or None: GET of an API URL, by host, path, query and language."""
    if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(CACHED_PREFIX):
        return None
    query: bytes = scope.get("query_string", b"")
    language = b"" if b"lang=" in query else _header(scope, b"accept-language")
    origin = scope.get("scheme", "http").encode() + b"://" + _header(scope, b"host")
    return origin, scope["path"].encode("utf-8"), query, language


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    tags = {tag.strip().removeprefix(b"W/") for tag in if_none_match.split(b",")}
    return b"*" in tags or etag.removeprefix(b"W/") in tags


async def _answer(answer: Answer, if_none_match: bytes, send: Send) -> None:
    etag = answer.etag()
    if etag is not None and if_none_match and answer.status == 200 and _matches(if_none_match, etag):
        headers = [(name, value) for name, value in answer.headers if name in NOT_MODIFIED_HEADERS]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": answer.status, "headers": list(answer.headers)})
    await send({"type": "http.response.body", "body": answer.body})


def cached(app: App, cache: ResponseCache) -> App:
    """``app`` with its API answers kept in ``cache``; a server error is never kept."""

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        key = cache_key(scope)
        if key is None:
            await app(scope, receive, send)
            return
        if_none_match = _header(scope, b"if-none-match")
        answer = cache.get(key)
        if answer is not None:
            await _answer(answer, if_none_match, send)
            return
        if if_none_match:  # answered by Flask, possibly a 304: nothing to keep
            await app(scope, receive, send)
            return
        start: MutableMapping[str, Any] = {}
        body: list[bytes] = []

        async def keeping(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status", 500) < 500:
                    headers = tuple((bytes(name).lower(), bytes(value)) for name, value in start.get("headers", []))
                    cache.put(key, Answer(start["status"], headers, b"".join(body)))
            await send(message)

        await app(scope, receive, keeping)

    return application
