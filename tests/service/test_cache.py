"""The in-memory answer cache in front of Flask: the same bytes as Flask, 304s, bounds, languages."""

import asyncio
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import pytest

from dbay.releases import ReleaseFolder
from dbay.service.asgi import create_asgi
from dbay.service.cache import Answer, ResponseCache, cached
from tests.service.conftest import PLAN

Headers = dict[str, str]


def call(app: Any, path: str, query: str = "", headers: Headers | None = None, method: str = "GET") -> tuple[int, Headers, bytes]:
    """One request to an ASGI app: status, headers (lower-case names) and body."""
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [
            (k.encode(), v.encode()) for k, v in {"host": "test", **{k.lower(): v for k, v in (headers or {}).items()}}.items()
        ],
        "server": ("test", 80),
        "client": ("client", 1),
    }
    asyncio.run(app(scope, receive, send))
    start = sent[0]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], {bytes(k).decode().lower(): bytes(v).decode() for k, v in start["headers"]}, body


@pytest.fixture
def uncached_and_cached(data_dir: Path) -> Iterator[tuple[Any, Any, ResponseCache]]:
    folder = ReleaseFolder(data_dir)
    cache = ResponseCache()
    plain = create_asgi(folder, cache_bytes=0)
    yield plain, cached(plain, cache), cache
    folder.close()


@pytest.mark.parametrize(
    ("path", "query"),
    [
        (f"/api/v1/documents/{PLAN}", ""),
        ("/api/v1/measures", "q=数据&limit=5".encode().decode()),
        ("/api/v1/measures", f"document={PLAN}&limit=3&lang=zh-Hant"),
        ("/api/v1/documents/nope", ""),  # a 404 problem is as fixed as a 200
    ],
)
def test_a_cached_answer_is_the_same_bytes_as_flask_s(
    uncached_and_cached: tuple[Any, Any, ResponseCache], path: str, query: str
) -> None:
    plain, fast, cache = uncached_and_cached
    expected = call(plain, path, query)
    first = call(fast, path, query)
    again = call(fast, path, query)
    assert first == expected and again == expected
    assert (cache.misses, cache.hits) == (1, 1)


def test_if_none_match_on_a_cached_answer_is_a_304_with_the_etag(uncached_and_cached: tuple[Any, Any, ResponseCache]) -> None:
    _, fast, cache = uncached_and_cached
    status, headers, _ = call(fast, f"/api/v1/documents/{PLAN}")
    assert status == 200 and headers["etag"]
    status, again, body = call(fast, f"/api/v1/documents/{PLAN}", headers={"If-None-Match": headers["etag"]})
    assert (status, body, again["etag"], again["cache-control"]) == (304, b"", headers["etag"], headers["cache-control"])
    assert "content-type" not in again and cache.hits == 1
    # another tag gets the whole answer
    assert call(fast, f"/api/v1/documents/{PLAN}", headers={"If-None-Match": '"other"'})[0] == 200


def test_languages_are_cached_apart(uncached_and_cached: tuple[Any, Any, ResponseCache]) -> None:
    _, fast, cache = uncached_and_cached
    simplified = call(fast, f"/api/v1/documents/{PLAN}")[2]
    traditional = call(fast, f"/api/v1/documents/{PLAN}", headers={"Accept-Language": "zh-TW"})[2]
    assert simplified != traditional and "數字".encode() in traditional
    assert call(fast, f"/api/v1/documents/{PLAN}", headers={"Accept-Language": "zh-TW"})[2] == traditional
    assert (cache.misses, cache.hits) == (2, 1)


def test_hosts_are_cached_apart(uncached_and_cached: tuple[Any, Any, ResponseCache]) -> None:
    # a citation's URL is absolute: the answer for one host is not another's
    _, fast, cache = uncached_and_cached
    path = f"/api/v1/measures/{PLAN}.2.6.1"
    first = call(fast, path, headers={"Host": "one.example"})[2]
    second = call(fast, path, headers={"Host": "two.example"})[2]
    assert b"http://one.example/" in first and b"http://two.example/" in second
    assert (cache.misses, cache.hits) == (2, 0)


def test_only_api_gets_are_kept(uncached_and_cached: tuple[Any, Any, ResponseCache]) -> None:
    _, fast, cache = uncached_and_cached
    call(fast, "/")
    call(fast, f"/api/v1/documents/{PLAN}", method="HEAD")
    assert not cache.answers


def test_the_cache_keeps_to_its_bound_and_drops_the_least_recently_used() -> None:
    cache = ResponseCache(limit_bytes=250)
    answer = Answer(200, ((b"etag", b'"x"'),), b"x" * 93)  # 100 bytes with its header (4 + 3)
    for name in (b"a", b"b", b"c"):
        cache.put((name, b"", b"", b""), answer)
    assert list(cache.answers) == [(b"b", b"", b"", b""), (b"c", b"", b"", b"")] and cache.size == 200 and cache.evictions == 1
    cache.get((b"b", b"", b"", b""))
    cache.put((b"d", b"", b"", b""), answer)
    assert list(cache.answers) == [(b"b", b"", b"", b""), (b"d", b"", b"", b"")]
    cache.put((b"big", b"", b"", b""), Answer(200, (), b"x" * 300))  # larger than the whole bound: not kept
    assert (b"big", b"", b"", b"") not in cache.answers
