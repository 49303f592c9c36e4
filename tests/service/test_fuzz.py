"""Schemathesis against the API's own OpenAPI description, with every check it has: no input gives
a 500; every response (errors included) has a documented status, content type, headers and schema;
every request the description allows is answered (no 400); every request it does not allow is
refused.

Positive and negative requests are generated for each operation. Generated ids rarely name a
record, so each path parameter of a positive request may be swapped for a real value, to reach
the 200s too (an unknown id in a path is a 404, which a schema-valid request may get), and each
query parameter swapped or dropped. A filter naming records (``document``, ``agency``,
``agency_lineage``, ``entity``, ``technology``, ``place``) is always swapped for real values (ids, and agencies' names in either
script) or dropped: one naming no record is a 400 the description cannot state, as is a ``sort``
at odds with ``q`` on /measures (relevance only with q, never without), which a positive request
leaves out. A cursor is a value only the server makes, like an id: a positive request carries
one the server issued for the release it names (or none), never a generated one
(service/arguments.py says why). A negative request is sent as generated.

``DBAY_FUZZ_EXAMPLES`` sets the examples per operation and mode: 40 by default (``make test``:
1,280 requests over the 16 operations), 500 in ``make bench`` (16,000). The test prints how many
requests it made and their statuses (``pytest -s``).
"""

import os
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode

from dbay import releases
from dbay.service.app import create_app
from tests.conftest import query

EXAMPLES = int(os.environ.get("DBAY_FUZZ_EXAMPLES", "40"))

# Real values for parameters that name a record (path and query parameters alike). The releases
# need none: the description lists them.
AGENCIES = "select id from agencies union select name from agencies union select name_hant from agencies"
REAL: dict[str, str] = {
    "document_id": "select id from documents",
    "document": "select id from documents",
    "measure_id": "select id from measures",
    "measure": "select id from measures",
    "agency_id": "select id from agencies",
    "agency": AGENCIES,
    "agency_lineage": AGENCIES,
    "entity_id": "select id from entities",
    "entity": "select id from entities",
    "technology": "select id from entities where type = 'technology'",
    "place_id": "select id from places",
    "place": "select id from places",
    "rendition": "select id from renditions",
}
NAMING = {
    "document",
    "agency",
    "agency_lineage",
    "entity",
    "technology",
    "place",
    "measure",
    "rendition",
}  # query filters whose every value must name a record


def real_values(data_dir: Path) -> dict[str, list[str]]:
    versions = releases.list_versions(data_dir)
    database = releases.release_path(data_dir, versions[0])
    values = {name: [row[0] for row in query(database, sql)] for name, sql in REAL.items()}
    values["version"] = versions
    return values


def issued_cursors(app: Flask, versions: list[str]) -> dict[str, list[str]]:
    """Every cursor the server issues paging through the measures of each release, 7 at a time."""
    cursors: dict[str, list[str]] = {}
    client = app.test_client()
    for version in versions:
        cursors[version] = []
        url: str | None = f"/api/v1/measures?limit=7&release={version}"
        while url:
            url = client.get(url).get_json()["links"]["next"]
            if url:
                cursors[version] += parse_qs(urlsplit(url).query)["cursor"]
    return cursors


def _realistic(parameters: dict[str, Any], values: dict[str, list[str]], data: st.DataObject, droppable: bool) -> None:
    for name in list(parameters or {}):
        choices = (
            ["real", "drop"] if droppable and name in NAMING else ["keep", "real", "drop"] if droppable else ["keep", "real"]
        )
        choice = data.draw(st.sampled_from(choices))
        if choice == "real" and name in values:
            real = st.sampled_from(values[name])
            several = isinstance(parameters[name], list)  # a comma-separated parameter
            parameters[name] = data.draw(st.lists(real, min_size=1, max_size=3) if several else real)
        elif choice == "drop":
            del parameters[name]


def _sort_agreeing_with_q(query: dict[str, Any]) -> None:
    if query and "sort" in query and ("q" in query) != (query["sort"] == "relevance"):
        del query["sort"]


def _issued_cursor(query: dict[str, Any], cursors: dict[str, list[str]], data: st.DataObject) -> None:
    if query and "cursor" in query:
        release = query.get("release")
        issued = cursors.get(release) if isinstance(release, str) else None
        if data.draw(st.booleans()):
            query["cursor"] = data.draw(st.sampled_from(issued or cursors[next(iter(cursors))]))
        else:
            del query["cursor"]


class Fuzzer:
    """Sends an operation's generated requests and checks each answer, counting them."""

    def __init__(self, values: dict[str, list[str]], cursors: dict[str, list[str]]) -> None:
        self.values, self.cursors = values, cursors
        self.statuses: Counter[tuple[str, str, int]] = Counter()  # operation, mode, status

    def run(self, operation: schemathesis.APIOperation[Any, Any, Any, Any], mode: GenerationMode) -> None:
        @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case[Any], data: st.DataObject) -> None:
            if mode == GenerationMode.POSITIVE:  # a negative request stays as made: its flaw is the point
                _realistic(case.path_parameters, self.values, data, droppable=False)
                _realistic(case.query, self.values, data, droppable=True)
                _issued_cursor(case.query, self.cursors, data)
                if operation.path == "/api/v1/measures":
                    _sort_agreeing_with_q(case.query)
            response = case.call_and_validate()  # every check schemathesis has, none excluded
            self.statuses[operation.label, mode.value, response.status_code] += 1

        check()


def test_the_api_keeps_its_description_for_any_input(data_dir: Path) -> None:
    app = create_app({"DATA_DIR": data_dir, "TESTING": True})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operations.append(result.ok())
    assert len(operations) == 17  # with /variants and /relations (issue 14)
    values = real_values(data_dir)
    fuzzer = Fuzzer(values, issued_cursors(app, values["version"]))
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzzer.run(operation, mode)
    by_mode: Counter[tuple[str, int]] = Counter()
    for (_, mode_name, status), count in fuzzer.statuses.items():
        by_mode[mode_name, status] += count
    print(f"\nfuzz: {by_mode.total()} requests, {EXAMPLES} examples per operation and mode; by mode and status:")
    print("fuzz:", ", ".join(f"{mode_name} {status}: {count}" for (mode_name, status), count in sorted(by_mode.items())))
    assert {status for _, status in by_mode} >= {200, 400, 404}
    answered = {label for label, mode_name, status in fuzzer.statuses if status == 200}
    assert answered == {operation.label for operation in operations}  # every operation was reached, not only refused
