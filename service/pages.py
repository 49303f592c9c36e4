"""The pages a person opens first: the home page, the list of agencies and the bulk downloads."""

import zipfile
from typing import Any

from flask import Blueprint, Response, abort, g, render_template, request, send_from_directory, url_for

from dbay import releases
from dbay.service.context import language, release_folder, text, this_page_in
from dbay.service.queries import rows

blueprint = Blueprint("pages", __name__)

DESCRIPTIONS = {
    "database": "SQLite database: every table, ready for sqlite3, Datasette or any SQLite client",
    "tables": "Every table as CSV (UTF-8 with BOM, opens in Excel) and JSON Lines, with datapackage.json",
    "datapackage": "Frictionless Data Package: every file and column described",
    "checksums": "SHA-256 of each file (sha256sum -c)",
}
SWITCHED = ("pages.home", "pages.agencies")  # the pages showing names and titles, in either script
AGENCIES_ON_HOME = 10  # the agencies named in most measures; the rest are on /agencies
# Every agency with the measures it leads and shares, the most named first.
AGENCIES_BY_MEASURES = """
select a.id, a.name, a.name_hant, a.name_en, sum(ma.role = 'lead') as lead, sum(ma.role != 'lead') as participating,
       count(*) as measures
from agencies a join measure_agencies ma on ma.agency_id = a.id
group by a.id order by measures desc, a.name
"""


@blueprint.before_request
def answer_people_with_pages() -> None:
    """A bad lang= on these pages is answered with an error page, as on the reading pages."""
    if request.endpoint in SWITCHED:
        g.page = True


@blueprint.after_request
def vary_by_language(response: Response) -> Response:
    """Without lang=, Accept-Language chooses the script of these pages."""
    if request.endpoint in SWITCHED:
        response.vary.add("Accept-Language")
    return response


@blueprint.context_processor
def script_switch() -> dict[str, Any]:
    """The script switch of base.html on these pages too (the reading pages have their own helpers)."""
    if "failed" in g or request.endpoint not in SWITCHED:  # a page of an error (a bad lang= among them), or in English
        return {}
    return {"lang": language(), "script_url": this_page_in}


def page_url(endpoint: str, **values: Any) -> str:
    """A link that keeps the script chosen with lang= (these pages always show the latest release)."""
    kept: dict[str, Any] = {"lang": language()} if "lang" in request.args else {}
    return url_for(endpoint, **kept, **values)


def releases_with_downloads() -> list[dict[str, Any]]:
    listing = []
    for version in release_folder().versions:
        info = release_folder().info(version)
        files = [
            {
                "kind": kind,
                "name": path.name,
                "size": path.stat().st_size,
                "description": DESCRIPTIONS[kind],
                "url": url_for("pages.download", name=path.name),
            }
            for kind, path in release_folder().downloads(version).items()
        ]
        listing.append({"info": info, "files": files})
    return listing


def agencies_by_measures(version: str, lang: str) -> list[dict[str, Any]]:
    found = rows(release_folder().connection(version), AGENCIES_BY_MEASURES)
    return [agency | {"name": text(agency, "name", lang)} for agency in found]


@blueprint.route("/")
def home() -> str:
    lang = language()
    versions = release_folder().versions
    if not versions:
        return render_template("home.html", latest=None, page_url=page_url)
    latest = versions[0]
    connection = release_folder().connection(latest)
    counts = {
        table: connection.execute(f"select count(*) from {table}").fetchone()[0]
        for table in ("documents", "measures", "agencies")
    }
    documents = [
        document | {"title": text(document, "title", lang)}
        for document in rows(
            connection, "select id, title, title_hant, title_en, issued, extracted_measures from documents order by id"
        )
    ]
    release_row = rows(connection, "select version, built_at, license, license_url from releases where version = ?", latest)[0]
    return render_template(
        "home.html",
        latest=release_row,
        counts=counts,
        documents=documents,
        agencies=agencies_by_measures(latest, lang)[:AGENCIES_ON_HOME],
        page_url=page_url,
    )


@blueprint.route("/agencies")
def agencies() -> str:
    versions = release_folder().versions
    listed = agencies_by_measures(versions[0], language()) if versions else []
    return render_template("agencies.html", agencies=listed, page_url=page_url)


@blueprint.route("/downloads/")
def downloads() -> str:
    return render_template("downloads.html", releases=releases_with_downloads())


@blueprint.route("/downloads/<name>")
def download(name: str) -> Response:
    parsed = releases.parse_file_name(name)
    if parsed is None or parsed[0] not in release_folder().versions:
        abort(404, description=f"no download named {name!r}")
    # send_from_directory answers conditional and range requests, with an ETag.
    return send_from_directory(release_folder().folder.resolve(), name, conditional=True, etag=True, max_age=3600)


# What each file inside a release's zip is, by extension.
MEMBER_TYPES = {".csv": "text/csv; charset=utf-8", ".jsonl": "application/jsonl; charset=utf-8", ".json": "application/json"}


@blueprint.route("/downloads/<folder>/<path:member>")
def download_member(folder: str, member: str) -> Response:
    """A file of a release's zip, where the standalone datapackage.json names it (``dbay-<v>/csv/<table>.csv``)."""
    version = folder.removeprefix(f"{releases.NAME}-")
    suffix = "." + member.rsplit(".", 1)[-1]
    if releases.tables_folder(version) != f"{folder}/" or version not in release_folder().versions or suffix not in MEMBER_TYPES:
        abort(404, description=f"no download named {folder}/{member}")
    archive_path = release_folder().downloads(version).get("tables")
    if archive_path is None:
        abort(404, description=f"release {version} has no {releases.file_name(version, 'tables')}")
    with zipfile.ZipFile(archive_path) as archive:
        try:
            info = archive.getinfo(member)
        except KeyError:
            abort(404, description=f"{releases.file_name(version, 'tables')} holds no {member!r}")
        response = Response(archive.read(info), mimetype=MEMBER_TYPES[suffix])
    response.set_etag(f"{folder}-{info.CRC:08x}-{info.file_size}")
    response.cache_control.public, response.cache_control.max_age = True, 3600
    response.make_conditional(request)
    return response
