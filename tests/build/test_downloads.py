"""Bulk downloads: every published table as CSV and JSON Lines, a valid Data Package, checksums."""

import csv
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import frictionless
import pytest

from dbay import releases
from dbay.build.downloads import write_downloads
from dbay.build.pipeline import BuildResult
from dbay.schema.published import PUBLISHED_RECORDS
from dbay.schema.records import Agency, Document, Measure, Record, Release, Rendition
from dbay.schema.tables import not_null
from tests.conftest import query

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def downloads(genre_release: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The downloads of the genre release, written beside a copy of it (the shared release stays as built)."""
    database = tmp_path_factory.mktemp("downloads") / genre_release.written.path.name
    shutil.copyfile(genre_release.written.path, database)
    return write_downloads(database)


@pytest.fixture(scope="module")
def extracted(downloads: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("extracted")
    with zipfile.ZipFile(downloads["tables"]) as archive:
        archive.extractall(folder)
    return folder


def csv_rows(extracted: Path, model: type[Record]) -> list[dict[str, str]]:
    with (extracted / "csv" / f"{model.table}.csv").open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def jsonl_rows(extracted: Path, model: type[Record]) -> list[dict[str, Any]]:
    lines = (extracted / "jsonl" / f"{model.table}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def descriptor_fields(extracted: Path, model: type[Record]) -> dict[str, dict[str, Any]]:
    package = json.loads((extracted / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == model.table)
    return {field["name"]: field for field in resource["schema"]["fields"]}


def test_a_file_not_named_as_a_release_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"other\.db is not a release database"):
        write_downloads(tmp_path / "other.db")


def test_a_database_not_named_after_its_release_is_refused(genre_release: BuildResult, tmp_path: Path) -> None:
    renamed = tmp_path / "dbay-9.9.db"
    shutil.copyfile(genre_release.written.path, renamed)
    with pytest.raises(ValueError, match=r"holds release 1\.0"):
        write_downloads(renamed)
    assert not releases.download_paths(tmp_path, "9.9")["tables"].exists()


def test_the_zip_holds_exactly_every_published_table_as_csv_and_jsonl(downloads: dict[str, Path]) -> None:
    with zipfile.ZipFile(downloads["tables"]) as archive:
        entries = archive.infolist()
    expected = {"datapackage.json"} | {
        f"{folder}/{model.table}.{folder}" for model in PUBLISHED_RECORDS for folder in ("csv", "jsonl")
    }
    assert {entry.filename for entry in entries} == expected
    # What keeps a rebuild byte-identical: a fixed order and a fixed timestamp, not the time of writing.
    assert [entry.filename for entry in entries] == sorted(expected)
    assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}


def test_every_row_of_every_table_is_exported_in_key_order(downloads: dict[str, Path], extracted: Path) -> None:
    database = downloads["database"]
    for model in PUBLISHED_RECORDS:
        key = ", ".join(model.primary_key)
        keys = [list(row) for row in query(database, f"select {key} from {model.table} order by {key}")]
        assert keys, model.table  # an empty table would prove nothing
        from_csv = csv_rows(extracted, model)
        from_jsonl = jsonl_rows(extracted, model)
        assert [[row[k] for k in model.primary_key] for row in from_csv] == [[str(v) for v in k] for k in keys]
        assert [[row[k] for k in model.primary_key] for row in from_jsonl] == keys, model.table
        assert all(list(row) == list(model.model_fields) for row in from_jsonl), model.table


def test_the_csv_header_is_the_model_fields(extracted: Path) -> None:
    for model in PUBLISHED_RECORDS:
        with (extracted / "csv" / f"{model.table}.csv").open(encoding="utf-8-sig", newline="") as file:
            assert next(csv.reader(file)) == list(model.model_fields), model.table


def test_csv_is_utf8_with_a_bom_and_round_trips_chinese_text(downloads: dict[str, Path], extracted: Path) -> None:
    for model in PUBLISHED_RECORDS:
        assert (extracted / "csv" / f"{model.table}.csv").read_bytes().startswith(BOM), model.table
    # Raw texts span many lines and carry full-width punctuation: the hardest values to quote.
    expected = {row["id"]: row["raw_text"] for row in query(downloads["database"], "select id, raw_text from renditions")}
    exported = {row["id"]: row["raw_text"] for row in csv_rows(extracted, Rendition)}
    assert exported == expected
    assert any("\n" in text and "，" in text for text in exported.values())
    texts = {row["id"]: row["text_hant"] for row in csv_rows(extracted, Measure)}
    for row in query(downloads["database"], "select id, text_hant from measures"):
        assert texts[row["id"]] == row["text_hant"]


def test_nulls_are_empty_and_booleans_are_words_in_csv(downloads: dict[str, Path], extracted: Path) -> None:
    rows = {row["id"]: row for row in csv_rows(extracted, Measure)}
    for row in query(downloads["database"], "select id, section_id, agencies_open_ended from measures"):
        assert rows[row["id"]]["section_id"] == (row["section_id"] or "")
        assert rows[row["id"]]["agencies_open_ended"] == ("true" if row["agencies_open_ended"] else "false")
    assert {row["agencies_open_ended"] for row in rows.values()} == {"true", "false"}


def test_jsonl_has_json_columns_as_json_and_booleans_as_booleans(downloads: dict[str, Path], extracted: Path) -> None:
    agencies = {row["id"]: row for row in jsonl_rows(extracted, Agency)}
    for row in query(downloads["database"], "select id, aliases, collective from agencies"):
        assert agencies[row["id"]]["aliases"] == json.loads(row["aliases"])
        assert agencies[row["id"]]["collective"] is bool(row["collective"])
    assert any(agency["aliases"] for agency in agencies.values())
    assert all(isinstance(agency["aliases"], list) for agency in agencies.values())
    for model in PUBLISHED_RECORDS:
        # Chinese is written as itself, not as \\u escapes.
        text = (extracted / "jsonl" / f"{model.table}.jsonl").read_text(encoding="utf-8")
        assert "\\u" not in text, model.table


def test_the_datapackage_describes_every_column_from_the_models(downloads: dict[str, Path], extracted: Path) -> None:
    package = json.loads((extracted / "datapackage.json").read_text(encoding="utf-8"))
    standalone = json.loads(downloads["datapackage"].read_text(encoding="utf-8"))
    # The standalone copy differs only in where its paths point (next to it, under dbay-<v>/) and says so.
    for resource, beside in zip(package["resources"], standalone["resources"], strict=True):
        assert beside == resource | {"path": f"dbay-{package['version']}/{resource['path']}"}
    assert {k: v for k, v in standalone.items() if k not in ("resources", "description")} == {
        k: v for k, v in package.items() if k not in ("resources", "description")
    }
    assert (package["name"], package["version"]) == ("dbay", query(downloads["database"], "select version from releases")[0][0])
    assert [r["name"] for r in package["resources"]] == [model.table for model in PUBLISHED_RECORDS]
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}]
    for model, resource in zip(PUBLISHED_RECORDS, package["resources"], strict=True):
        assert (resource["path"], resource["description"]) == (f"csv/{model.table}.csv", model.description)
        schema = resource["schema"]
        assert [field["name"] for field in schema["fields"]] == list(model.model_fields), model.table
        for field in schema["fields"]:
            assert field["description"] == model.model_fields[field["name"]].description
            assert field.get("constraints", {}).get("required", False) == (field["name"] in not_null(model))
        assert schema["primaryKey"] == list(model.primary_key)
        references = [
            (k["fields"], k["reference"]["resource"] or model.table, k["reference"]["fields"])
            for k in schema.get("foreignKeys", [])
        ]
        assert references == [([column], table, [other]) for column, table, other in model.foreign_keys]


def test_field_types_follow_the_annotations(extracted: Path) -> None:
    def kind(model: type[Record], name: str) -> str:
        value: str = descriptor_fields(extracted, model)[name]["type"]
        return value

    assert [kind(Measure, "id"), kind(Measure, "position"), kind(Measure, "agencies_open_ended")] == [
        "string",
        "integer",
        "boolean",
    ]
    assert [kind(Rendition, "coverage"), kind(Document, "issued"), kind(Release, "built_at")] == ["number", "date", "datetime"]
    assert [kind(Agency, "aliases"), kind(Document, "declared_counts"), kind(Release, "source_files")] == [
        "array",
        "array",
        "array",
    ]


def test_frictionless_finds_the_package_valid(extracted: Path) -> None:
    report = frictionless.validate(str(extracted / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(PUBLISHED_RECORDS)
    assert sum(task.stats["rows"] for task in report.tasks) > 0


def test_the_standalone_descriptor_resolves_next_to_the_zip_unzipped_as_it_says(
    downloads: dict[str, Path], tmp_path: Path
) -> None:
    """Its paths are under dbay-<v>/; unzip -d dbay-<v>, as its description says, puts the files there."""
    folder = tmp_path / "next-to"
    folder.mkdir()
    descriptor = folder / downloads["datapackage"].name
    shutil.copyfile(downloads["datapackage"], descriptor)
    version = json.loads(descriptor.read_text(encoding="utf-8"))["version"]
    assert f"unzip dbay-{version}.zip -d dbay-{version}" in json.loads(descriptor.read_text(encoding="utf-8"))["description"]
    with zipfile.ZipFile(downloads["tables"]) as archive:
        archive.extractall(folder / f"dbay-{version}")
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(PUBLISHED_RECORDS)


def test_frictionless_rejects_a_broken_reference_or_boolean(extracted: Path, tmp_path: Path) -> None:
    """The package declares what the data must satisfy, so a validation that passes means something."""
    broken = tmp_path / "broken"
    shutil.copytree(extracted, broken)
    path = broken / "csv" / "measures.csv"
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    header = rows[0]
    rows[1][header.index("document_id")] = "no-such-document"
    rows[2][header.index("agencies_open_ended")] = "1"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    report = frictionless.validate(str(broken / "datapackage.json"))
    assert {error.type for task in report.tasks for error in task.errors} == {"foreign-key", "type-error"}


def test_sha256sums_match_the_files(downloads: dict[str, Path]) -> None:
    folder = downloads["checksums"].parent
    lines = downloads["checksums"].read_text(encoding="utf-8").splitlines()
    sums = {name: digest for digest, name in (line.split("  ", 1) for line in lines)}
    assert list(sums) == [downloads[key].name for key in ("database", "tables", "datapackage")]
    for name, digest in sums.items():
        assert digest == hashlib.sha256((folder / name).read_bytes()).hexdigest(), name


def test_writing_again_gives_the_same_bytes(downloads: dict[str, Path]) -> None:
    written = {key: path.read_bytes() for key, path in downloads.items()}
    stamps = {key: path.stat().st_mtime_ns for key, path in downloads.items()}
    assert write_downloads(downloads["database"]) == downloads
    assert {key: path.stat().st_mtime_ns for key, path in downloads.items()} == stamps  # nothing rewritten
    for key in ("tables", "datapackage", "checksums"):
        downloads[key].unlink()
    write_downloads(downloads["database"])  # from scratch this time, not skipped as unchanged
    assert {key: path.read_bytes() for key, path in downloads.items()} == written
