"""The pages a person opens: the home page and the bulk downloads."""

from typing import Any

from flask import Blueprint, Response, abort, render_template, send_from_directory, url_for

from dbay import releases
from dbay.service.context import release_folder

blueprint = Blueprint("pages", __name__)

DESCRIPTIONS = {
    "database": "SQLite database: every table, ready for sqlite3, Datasette or any SQLite client",
    "tables": "Every table as CSV (UTF-8 with BOM, opens in Excel) and JSON Lines, with datapackage.json",
    "datapackage": "Frictionless Data Package: every file and column described",
    "checksums": "SHA-256 of each file (sha256sum -c)",
}


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


@blueprint.route("/")
def home() -> str:
    listing = releases_with_downloads()
    counts = None
    if listing:
        connection = release_folder().connection(listing[0]["info"].version)
        counts = {
            table: connection.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("documents", "measures", "agencies")
        }
        documents = [dict(r) for r in connection.execute("select id, title, extracted_measures from documents")]
    else:
        documents = []
    return render_template("home.html", latest=listing[0]["info"] if listing else None, counts=counts, documents=documents)


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
