"""Bulk downloads beside a release: its tables as CSV and JSON Lines, a Data Package, checksums.

For ``dist/dbay-<v>.db`` this writes, in the same folder:

- ``dbay-<v>.zip``: ``csv/<table>.csv`` and ``jsonl/<table>.jsonl`` for every published table, and
  ``datapackage.json`` at its root describing the CSV files;
- ``dbay-<v>.datapackage.json``: the same descriptor, to read without unzipping, its paths under
  the folder ``dbay-<v>/`` next to it: the service answers the zip's files there
  (``/downloads/dbay-<v>/csv/<table>.csv``), and ``unzip dbay-<v>.zip -d dbay-<v>`` makes them
  resolve on disk too;
- ``dbay-<v>.SHA256SUMS``: the SHA-256 of the database, the zip and the descriptor, in the format
  ``sha256sum -c`` checks.

The descriptor is a Frictionless Tabular Data Package (v1, the version most tools read). Column
names, types, nullability, keys and descriptions all come from the record models through
``dbay.schema.tables``; only the published tables are exported, never helper tables such as a
search index. Every file is a pure function of the database, so writing twice gives the same bytes.
"""

import csv
import hashlib
import io
import json
import sqlite3
import types
import typing
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from importlib.metadata import metadata
from pathlib import Path
from typing import IO, Any, TextIO

from dbay import releases
from dbay.schema.published import PUBLISHED_RECORDS
from dbay.schema.records import Record
from dbay.schema.tables import base_type, json_columns, not_null

TITLE = "dbay — Guangdong's digital-policy documents as open data"

# Frictionless field types of the Python types dbay.schema.tables reports for non-JSON columns.
_FIELD_TYPES: dict[type, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    date: "date",
    datetime: "datetime",
}

# Booleans are written as the JSON literals, the same in CSV as in JSON Lines, and declared as the
# only accepted spellings so that a stray 0/1 or "True" fails validation instead of passing silently.
_TRUE, _FALSE = "true", "false"

# A zip entry's timestamp is part of the archive's bytes: a fixed one keeps rebuilds identical.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

Row = dict[str, Any]


def _paths(database: Path) -> dict[str, Path]:
    parsed = releases.parse_file_name(database.name)
    if parsed is None or parsed[1] != "database":
        raise ValueError(f"{database} is not a release database named {releases.file_name('<version>')}")
    return releases.download_paths(database.parent, parsed[0])


def write_downloads(database: Path) -> dict[str, Path]:
    """Write the downloads of one release beside its database, each atomically, and return every file's path
    by kind (releases.download_paths). Idempotent: writing twice gives byte-identical files (fixed zip timestamps, sorted
    entries), so a rebuild of an unchanged release changes nothing."""
    paths = _paths(database)
    with releases.reading(database) as connection, releases.replacing(paths["tables"], keep_identical=True) as temporary:
        release = _release(connection, database)
        # Streamed, a table at a time and a row at a time: a large release's tables never stand in memory.
        with zipfile.ZipFile(temporary, "w") as archive:
            for name in sorted(_entry_names()):
                with archive.open(_zip_entry(name), "w", force_zip64=True) as entry:
                    _write_entry(entry, name, connection, release)
    standalone = _json_bytes(datapackage(release, folder=releases.tables_folder(release["version"])))
    releases.write_bytes(paths["datapackage"], standalone)
    releases.write_bytes(paths["checksums"], _checksums([paths["database"], paths["tables"], paths["datapackage"]]))
    return paths


# Field types ---------------------------------------------------------------------------------


def _is_list(annotation: Any) -> bool:
    """Whether a JSON column holds a list (else an object), looking through Optional and Annotated."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return any(_is_list(argument) for argument in typing.get_args(annotation))
    return origin is list


def field_types(model: type[Record]) -> dict[str, str]:
    """Column name → Frictionless field type, in model field order."""
    json_cols = json_columns(model)
    result: dict[str, str] = {}
    for name, info in model.model_fields.items():
        stored = base_type(info.annotation)[0]
        if name in json_cols or stored is None:
            result[name] = "array" if _is_list(info.annotation) else "object"
        else:
            result[name] = _FIELD_TYPES[stored]
    return result


# Descriptor ----------------------------------------------------------------------------------


def _field(model: type[Record], name: str, kind: str, required: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind, "description": model.model_fields[name].description}
    if kind == "boolean":
        field["trueValues"], field["falseValues"] = [_TRUE], [_FALSE]
    if required:
        field["constraints"] = {"required": True}
    return field


def _foreign_key(model: type[Record], column: str, table: str, other_column: str) -> dict[str, Any]:
    # A Data Package names a reference to the resource's own rows with the empty string.
    resource = "" if table == model.table else table
    return {"fields": [column], "reference": {"resource": resource, "fields": [other_column]}}


def table_schema(model: type[Record]) -> dict[str, Any]:
    required = not_null(model)
    schema: dict[str, Any] = {
        "fields": [_field(model, name, kind, name in required) for name, kind in field_types(model).items()],
        # Only an empty cell is null: the text columns may legitimately hold "NA", "-" and the like.
        "missingValues": [""],
        "primaryKey": list(model.primary_key),
    }
    if model.foreign_keys:
        schema["foreignKeys"] = [_foreign_key(model, *key) for key in model.foreign_keys]
    return schema


def resource(model: type[Record], folder: str = "") -> dict[str, Any]:
    return {
        "profile": "tabular-data-resource",
        "name": model.table,
        "path": f"{folder}csv/{model.table}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        # The IANA name, as the spec asks; readers (Frictionless included) skip the BOM of a UTF-8 file.
        "encoding": "utf-8",
        "description": model.description,
        "schema": table_schema(model),
    }


def datapackage(release: Row, folder: str = "") -> dict[str, Any]:
    """The Data Package descriptor of a release, given its row of the releases table: its paths relative
    to the root of the zip, or with ``folder`` (the standalone descriptor's) under that folder."""
    version = release["version"]
    where = (
        f"relative to the root of {releases.file_name(version, 'tables')}"
        if not folder
        else f"under {folder}, next to this file: the service answers them there, and "
        f"unzip {releases.file_name(version, 'tables')} -d {folder.rstrip('/')} puts them there on disk"
    )
    about = release.get("dataset_description") or f"{metadata('dbay')['Summary']}."  # releases before issue 14 have none
    return {
        "profile": "tabular-data-package",
        "name": "dbay",
        "title": TITLE,
        "description": (
            f"{about} Release {version}, record schema {release['schema_version']}. "
            f"Each resource's path is {where}. The zip also holds every table as JSON Lines (jsonl/<table>.jsonl)."
        ),
        "version": version,
        "created": release["built_at"],
        "content_sha256": release["content_sha256"],
        "licenses": [{"name": release["license"], "path": release["license_url"]}],
        "resources": [resource(model, folder) for model in PUBLISHED_RECORDS],
    }


# Reading the release -------------------------------------------------------------------------


def _release(connection: sqlite3.Connection, database: Path) -> Row:
    rows = connection.execute("select * from releases").fetchall()
    if len(rows) != 1:
        raise ValueError(f"{database} has {len(rows)} rows in releases, not one")
    release = dict(rows[0])
    if database.name != releases.file_name(release["version"]):
        raise ValueError(f"{database} holds release {release['version']}: its downloads would be misnamed")
    return release


def _rows(connection: sqlite3.Connection, model: type[Record]) -> Iterator[Row]:
    """The table's rows in model field order, ordered by primary key so every export is the same, one at a time."""
    names = ", ".join(f"[{name}]" for name in model.model_fields)
    key = ", ".join(f"[{name}]" for name in model.primary_key)
    return (dict(row) for row in connection.execute(f"select {names} from [{model.table}] order by {key}"))


# Writing the files ---------------------------------------------------------------------------


def _csv_cell(kind: str, value: Any) -> Any:
    if value is None:
        return ""  # the package's only missing value
    if kind == "boolean":
        return _TRUE if value else _FALSE
    return value  # JSON columns are already JSON text in SQLite, which is what Frictionless parses


def _json_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "boolean":
        return bool(value)
    if kind in ("array", "object"):
        return json.loads(value)
    return value


def _converted(model: type[Record], rows: Iterable[Row], convert: Callable[[str, Any], Any]) -> Iterable[list[Any]]:
    kinds = field_types(model)
    for row in rows:
        yield [convert(kind, row[name]) for name, kind in kinds.items()]


def write_csv(out: TextIO, model: type[Record], rows: Iterable[Row]) -> None:
    """The table as CSV: RFC 4180 (CRLF, minimal quoting); ``out`` encodes it as UTF-8 with a BOM, so
    that Excel reads the Chinese."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(model.model_fields)
    writer.writerows(_converted(model, rows, _csv_cell))


def write_jsonl(out: TextIO, model: type[Record], rows: Iterable[Row]) -> None:
    """The table as JSON Lines: one object a row, keys in field order, JSON columns as JSON values."""
    names = list(model.model_fields)
    for values in _converted(model, rows, _json_value):
        out.write(json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False))
        out.write("\n")


def _json_bytes(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_TABLES = {model.table: model for model in PUBLISHED_RECORDS}


def _entry_names() -> list[str]:
    """The zip's files: the descriptor, and every table as CSV and as JSON Lines."""
    return ["datapackage.json", *(f"{kind}/{table}.{kind}" for table in _TABLES for kind in ("csv", "jsonl"))]


def _zip_entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    # Fixed too, since the defaults depend on the platform that writes the zip.
    info.create_system = 3  # Unix
    info.external_attr = 0o644 << 16
    return info


def _write_entry(entry: IO[bytes], name: str, connection: sqlite3.Connection, release: Row) -> None:
    """One file of the zip, written as it is made."""
    if name == "datapackage.json":
        entry.write(_json_bytes(datapackage(release)))
        return
    kind, table = name.split("/")[0], name.split("/")[1].rsplit(".", 1)[0]
    model = _TABLES[table]
    rows = _rows(connection, model)
    text = io.TextIOWrapper(entry, encoding="utf-8-sig" if kind == "csv" else "utf-8", newline="")
    if kind == "csv":
        write_csv(text, model, rows)
    else:
        write_jsonl(text, model, rows)
    text.flush()
    text.detach()  # the zip entry is closed by its own context


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _checksums(paths: list[Path]) -> bytes:
    # Two spaces: sha256sum's text mode, which `sha256sum -c` reads on every platform.
    return "".join(f"{_sha256(path)}  {path.name}\n" for path in paths).encode("utf-8")
