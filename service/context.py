"""What every request shares: the release that answers, the script it answers in, and HTTP caching.

A response depends only on the release and the URL (and Accept-Language, where ``lang`` is
absent), so its ETag is derived from the release's content hash and those; a release never
changes, so clients and proxies may keep answers (``Cache-Control``) and revalidate cheaply.
"""

import hashlib
import sqlite3
from typing import Any

from datasette.utils import tilde_encode
from flask import Flask, Response, current_app, g, request, url_for

from dbay import releases
from dbay.build.scripts import to_hant
from dbay.releases import ReleaseFolder, ReleaseInfo
from dbay.service.errors import bad_parameter, not_found
from dbay.service.languages import ENGLISH, FALLBACK, REFUSAL, language_of, preferred_script

CACHE_CONTROL = "public, max-age=300"
DATASETTE_PREFIX = "/data"  # where the one origin mounts Datasette (service/asgi.py)


def release_folder() -> ReleaseFolder:
    folder: ReleaseFolder = current_app.extensions["dbay_releases"]
    return folder


def language() -> str:
    """The language asked for, by its canonical tag: ``lang`` if given, else the first Chinese preference
    in Accept-Language, else zh-Hans. Tags are read by one table (service/languages.py)."""
    if "lang" in request.args:
        given = request.args["lang"]
        chosen = language_of(given)
        if chosen is None:
            raise bad_parameter("lang", REFUSAL.format(input=given))
        return chosen
    return preferred_script(tag for tag, _quality in request.accept_languages)


def release() -> ReleaseInfo:
    """The release that answers this request: ``release=`` or the latest."""
    if "release" not in g:
        versions = release_folder().versions
        wanted = request.args.get("release")
        if wanted is not None and wanted not in versions:
            raise bad_parameter("release", f"no release {wanted!r}; available: {', '.join(versions) or 'none'}")
        if not versions:
            raise bad_parameter("release", "no release has been built yet")
        g.release = release_folder().info(wanted or versions[0])
    info: ReleaseInfo = g.release
    return info


def db() -> sqlite3.Connection:
    """The answering release's connection: opened once per thread, never per request."""
    return release_folder().connection(release().version)


def found(sql: str, what: str, *params: Any) -> dict[str, Any]:
    """The one row ``sql`` selects in the answering release, or a 404 problem naming ``what``."""
    record = db().execute(sql, params).fetchone()
    if record is None:
        raise not_found(what, release().version)
    return dict(record)


def pinned() -> dict[str, str]:
    """``release=`` as the request gave it, for links that must answer from the same release."""
    return {"release": request.args["release"]} if "release" in request.args else {}


_SLOT = "0dbay0slot0"  # stands for the one path value while a link's template is built


def link(endpoint: str, **values: Any) -> str:
    """``url_for`` that keeps the request's ``release=``, so a link answers from the same release.

    A list answer links every item to its own page: building each through werkzeug's routing took
    a third of the answer's time. So a link with one value that is a path variable is built once a
    request with a slot in its place, and each link fills the slot, the value converted by the
    route's own converter as ``url_for`` would.
    """
    if len(values) != 1 or next(iter(values)).startswith("_"):
        return url_for(endpoint, **{**values, **pinned()})
    ((name, value),) = values.items()
    templates: dict[tuple[str, str], tuple[str, Any] | None] = g.setdefault("link_templates", {})
    if (endpoint, name) not in templates:
        rule = next(current_app.url_map.iter_rules(endpoint))
        converter = rule._converters.get(name)  # werkzeug keeps the route's converters there
        slot: dict[str, Any] = {name: _SLOT, **pinned()}
        template = url_for(endpoint, **slot) if converter else ""
        templates[endpoint, name] = (template, converter) if converter and template.count(_SLOT) == 1 else None
    found = templates[endpoint, name]
    if found is None:
        return url_for(endpoint, **{**values, **pinned()})
    template, converter = found
    return template.replace(_SLOT, converter.to_url(value))


def this_page_in(script: str) -> str:
    """This request's page in another script: the same path and parameters, ``lang=`` replaced."""
    here = {**(request.view_args or {}), **request.args}
    return url_for(str(request.endpoint), **{**here, "lang": script})


def datasette_url(table: str, row_id: str | None = None) -> str:
    """The Datasette page of a table or row in the release this answer came from.

    Without ``release=`` the latest (database ``dbay``), as the answer itself; with it, that release.
    """
    database = releases.datasette_name(release().version) if "release" in request.args else releases.LATEST_DATABASE
    url = f"{DATASETTE_PREFIX}/{database}/{table}"
    return url if row_id is None else f"{url}/{tilde_encode(row_id)}"


def text(row: dict[str, Any], field: str, lang: str) -> Any:
    """A field of a row in the requested language: its ``_hant`` column for Traditional, its ``_en``
    column for English.

    English falls back to the Simplified value where the row has no English (a text, a field without
    an English column, a title not yet translated, or the column not selected); the answer's
    ``meta.fallback`` names every such field (``fallback_fields``). A release built before a field had
    its Traditional column (issuer_hant, doc_number_hant and agency_clause_hant came with issue 12)
    is answered by converting the Simplified value here, by the converter the build uses, so an older
    release served beside the latest answers in the script asked for too."""
    if lang == ENGLISH:
        english = row.get(f"{field}_en")
        if english is not None:
            return english
        if row[field] is not None:
            g.setdefault("fallback_fields", set()).add(field)
        return row[field]
    if lang != "zh-Hant":
        return row[field]
    if f"{field}_hant" in row:
        return row[f"{field}_hant"]
    value = row[field]
    return to_hant(value) if isinstance(value, str) else value


def meta(**extra: Any) -> dict[str, Any]:
    return {"release": release().version, "lang": language(), **extra}


TRANSLATION_NOTE = (
    "English titles and names are unofficial translations made for dbay (except agency names marked official); "
    "the documents' texts are Chinese only."
)


def english_meta() -> dict[str, Any]:
    """What an English answer adds to its meta: that its English is unofficial, and which fields it gave in
    Chinese for want of English (every field ``text`` fell back on while the answer was built)."""
    return {"translation": TRANSLATION_NOTE, "fallback": {"lang": FALLBACK, "fields": sorted(g.get("fallback_fields", ()))}}


def _finish(response: Response) -> Response:
    """Version header, CORS for GET, and ETag/304 for successful answers from a release."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers["Access-Control-Expose-Headers"] = "ETag, X-Dataset-Version, Link"
    # The request headers the API reads: a browser app revalidating with If-None-Match sends a preflight first.
    response.headers["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match"
    if g.get("negotiated"):  # a page's URL answers HTML or JSON by Accept (service/reading.py)
        response.headers["Vary"] = "Accept, Accept-Language"
    info: ReleaseInfo | None = g.get("release")
    if info is None:
        return response
    response.headers["X-Dataset-Version"] = info.version
    if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.direct_passthrough:
        response.headers.setdefault("Vary", "Accept-Language")
        response.headers["Content-Language"] = language()  # the script every text of the answer is in
        key = f"{info.content_sha256} {request.full_path} {language() if 'lang' not in request.args else ''}"
        if "page" in g:  # a page's HTML and JSON share its URL
            key += " page"
        response.set_etag(hashlib.sha256(key.encode()).hexdigest()[:32])
        response.headers["Cache-Control"] = CACHE_CONTROL
        response.make_conditional(request)
        del response.headers["Date"]  # make_conditional adds one; the HTTP server sends its own
    return response


def register(app: Flask) -> None:
    app.after_request(_finish)
