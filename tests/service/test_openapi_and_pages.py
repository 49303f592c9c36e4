"""The API describes itself (OpenAPI, docs page with local assets); the pages a person opens."""

import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from tests.service.conftest import NEW, OLD, PLAN
from tests.service.described import parameters

EXAMPLES = [
    "/api/v1/documents",
    f"/api/v1/documents/{PLAN}",
    "/api/v1/measures?limit=5",
    "/api/v1/measures?q=养老",
    f"/api/v1/measures/{PLAN}.2.6.1",
    "/api/v1/agencies",
    "/api/v1/agencies/sheng-ke-ji-ting",
    "/api/v1/releases",
    f"/api/v1/releases/{NEW}",
]


def test_the_openapi_description_is_valid(spec: dict[str, Any]) -> None:
    validate(spec)
    assert set(spec["paths"]) >= {
        "/api/v1/documents",
        "/api/v1/documents/{document_id}",
        "/api/v1/measures",
        "/api/v1/measures/{measure_id}",
        "/api/v1/agencies",
        "/api/v1/agencies/{agency_id}",
        "/api/v1/releases",
        "/api/v1/releases/{version}",
    }
    assert set(parameters(spec, "/api/v1/measures")) >= {
        "document",
        "section",
        "agency",
        "role",
        "q",
        "fields",
        "limit",
        "cursor",
        "lang",
        "release",
    }
    text = spec["components"]["schemas"]["MeasureDetail"]["properties"]["text"]
    assert text["description"].startswith("Full text, Simplified, without the trailing agency clause.")


def _content_types(spec: dict[str, Any], response: dict[str, Any]) -> set[str]:
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return set(response.get("content", {}))


def test_errors_are_documented_as_problem_details_and_answers_as_json(spec: dict[str, Any]) -> None:
    responses = spec["paths"]["/api/v1/measures/{measure_id}"]["get"]["responses"]
    assert _content_types(spec, responses["200"]) == {"application/json"}
    for status in ("400", "404", "default"):
        assert _content_types(spec, responses[status]) == {"application/problem+json"}, status
    listing = spec["paths"]["/api/v1/measures"]["get"]["responses"]
    assert _content_types(spec, listing["200"]) == {"application/json"}
    assert _content_types(spec, listing["400"]) == {"application/problem+json"}
    assert "404" not in listing  # a filter naming no record is a 400, as any other bad value


def test_the_description_states_what_each_parameter_accepts(spec: dict[str, Any]) -> None:
    measures = parameters(spec, "/api/v1/measures")
    assert measures["release"]["schema"]["enum"] == [NEW, OLD]  # the releases this server holds, newest first
    assert measures["fields"]["schema"]["items"]["enum"][:3] == ["id", "document_id", "section_id"]
    assert (measures["fields"]["style"], measures["fields"]["explode"], measures["fields"]["schema"]["minItems"]) == (
        "form",
        False,
        1,
    )
    # Several values of a filter, comma-separated: arrays, form style, not exploded (a repeated parameter is a 400)
    for name in ("document", "section", "agency", "agency_lineage", "role", "facets"):
        assert (measures[name]["style"], measures[name]["explode"], measures[name]["schema"]["type"]) == ("form", False, "array")
    assert measures["document"]["schema"]["items"] == {"type": "string", "pattern": "^[a-z0-9][a-z0-9.\\-]*$", "maxLength": 200}
    # Agencies by id, name or alias: any text but a comma or a control character
    assert measures["agency"]["schema"]["items"] == {
        "type": "string",
        "pattern": "^[^,\\x00-\\x1f\\x7f-\\x9f]+$",
        "maxLength": 100,
    }
    assert measures["agency_lineage"]["schema"] == measures["agency"]["schema"]
    assert measures["role"]["schema"]["items"]["enum"] == ["lead", "participating"]
    assert measures["sort"]["schema"]["enum"] == ["position", "issued", "-issued", "relevance"]
    assert measures["issued_after"]["schema"] == {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    documents = parameters(spec, "/api/v1/documents")
    assert documents["sort"]["schema"]["enum"] == ["id", "issued", "-issued", "title"]
    assert documents["issued_before"]["schema"] == measures["issued_after"]["schema"]
    agencies = parameters(spec, "/api/v1/agencies")
    assert agencies["sort"]["schema"]["enum"] == ["lead", "participating", "name", "id"]
    assert measures["cursor"]["schema"]["pattern"] == "^[A-Za-z0-9_-]+$"
    agency = parameters(spec, "/api/v1/agencies/{agency_id}")
    assert agency["include"]["schema"]["items"]["enum"] == ["predecessors"]


def _response_schema(spec: dict[str, Any], url: str) -> dict[str, Any]:
    path = url.split("?")[0]
    for template, operations in spec["paths"].items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path):
            schema: dict[str, Any] = operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            return schema
    raise AssertionError(f"no path for {url}")


@pytest.mark.parametrize("url", EXAMPLES)
def test_responses_match_the_openapi_description(client: FlaskClient, spec: dict[str, Any], url: str) -> None:
    schema = _response_schema(spec, url) | {"components": spec["components"]}
    OAS30Validator(schema).validate(client.get(url).get_json())


def test_docs_page_uses_local_assets(client: FlaskClient) -> None:
    page = client.get("/api/docs").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(asset.startswith("/api/docs/assets/") for asset in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_home_page_names_the_release_and_links_the_three(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert f"Current release: <strong>{NEW}</strong>" in page
    for link in ('href="/api/docs"', 'href="/data/"', 'href="/downloads/"'):
        assert link in page


def test_downloads_list_every_release_and_serve_ranges(client: FlaskClient) -> None:
    page = client.get("/downloads/").get_data(as_text=True)
    for version in (NEW, OLD):
        for suffix in (".db", ".zip", ".datapackage.json", ".SHA256SUMS"):
            assert f"/downloads/dbay-{version}{suffix}" in page
    full = client.get(f"/downloads/dbay-{NEW}.SHA256SUMS")
    assert full.status_code == 200 and full.headers["ETag"]
    part = client.get(f"/downloads/dbay-{NEW}.db", headers={"Range": "bytes=0-15"})
    assert part.status_code == 206 and part.data == b"SQLite format 3\x00"
    again = client.get(f"/downloads/dbay-{NEW}.SHA256SUMS", headers={"If-None-Match": full.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/downloads/release.yml").status_code == 404
