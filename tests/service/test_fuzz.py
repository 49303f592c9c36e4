"""Schemathesis against the API's own OpenAPI description: no input gives a 500, every response
(errors included) has the documented status, content type, headers and schema.

Generated values are mostly unknown ids, releases and field names, which only reach the 400 and
404 paths; so each generated query parameter may also be dropped, and an id, release or filter
swapped for a real one, to reach the 200s too.
"""

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import positive_data_acceptance

from dbay import releases
from dbay.service.app import create_app
from tests.conftest import query

# Real values for parameters that name a record (path and query parameters alike).
REAL: dict[str, str] = {
    "document_id": "select id from documents",
    "document": "select id from documents",
    "measure_id": "select id from measures",
    "agency_id": "select id from agencies",
    "agency": "select id from agencies",
    "version": "select version from releases",
    "release": "select version from releases",
}


def real_values(data_dir: Path) -> dict[str, list[str]]:
    versions = releases.list_versions(data_dir)
    database = releases.release_path(data_dir, versions[0])
    values = {name: [row[0] for row in query(database, sql)] for name, sql in REAL.items()}
    values["version"] = values["release"] = versions
    return values


def _realistic(parameters: dict[str, Any], values: dict[str, list[str]], data: st.DataObject, droppable: bool) -> None:
    for name in list(parameters or {}):
        choice = data.draw(st.sampled_from(["keep", "real", "drop"] if droppable else ["keep", "real"]))
        if choice == "real" and name in values:
            parameters[name] = data.draw(st.sampled_from(values[name]))
        elif choice == "drop":
            del parameters[name]


def test_the_api_keeps_its_description_for_any_input(data_dir: Path) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", create_app({"DATA_DIR": data_dir}))
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operations.append(result.ok())
    assert len(operations) == 8
    values = real_values(data_dir)
    statuses: set[int] = set()
    for operation in operations:

        @given(case=operation.as_strategy(), data=st.data())
        @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case[Any], data: st.DataObject) -> None:
            _realistic(case.path_parameters, values, data, droppable=False)
            _realistic(case.query, values, data, droppable=True)
            # Values the schema allows but the data does not hold (an unknown release, a document
            # id that does not exist) are rightly refused with a 400 problem; all else is checked.
            response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
            statuses.add(response.status_code)

        check()
    assert {200, 400, 404} <= statuses
