"""The OpenAPI description as a client generator reads it: operation names, shared parameters, required
fields that catch a missing one, and examples that are the server's own answers."""

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import OpenAPIV30SpecValidator

from dbay.service.app import create_app
from tests.conftest import SOURCES
from tests.service.conftest import NEW, PLAN
from tests.service.described import parameters, resolved

OPERATIONS = {
    ("/api/v1/documents", "list_documents"),
    ("/api/v1/documents/{document_id}", "get_document"),
    ("/api/v1/measures", "list_measures"),
    ("/api/v1/measures/{measure_id}", "get_measure"),
    ("/api/v1/agencies", "list_agencies"),
    ("/api/v1/agencies/{agency_id}", "get_agency"),
    ("/api/v1/entities", "list_entities"),
    ("/api/v1/entities/{entity_id}", "get_entity"),
    ("/api/v1/places", "list_places"),
    ("/api/v1/places/{place_id}", "get_place"),
    ("/api/v1/targets", "list_targets"),
    ("/api/v1/milestones", "list_milestones"),
    ("/api/v1/variants", "list_variants"),
    ("/api/v1/cited-documents", "list_cited_documents"),
    ("/api/v1/relations", "list_relations"),
    ("/api/v1/releases", "list_releases"),
    ("/api/v1/releases/{version}", "get_release"),
}
# Real answers, each holding every field its schema always has (and some that only some requests add).
ANSWERS = [
    "/api/v1/documents?limit=3",
    f"/api/v1/documents/{PLAN}",
    f"/api/v1/measures?document={PLAN}&limit=3",
    "/api/v1/measures?q=养老&limit=3",
    f"/api/v1/measures/{PLAN}.2.6.1",
    "/api/v1/agencies?limit=3",
    "/api/v1/agencies/sheng-zheng-wu-fu-wu-he-shu-ju-guan-li-ju?include=predecessors",
    "/api/v1/entities?q=湾事通",
    "/api/v1/entities/wan-shi-tong",
    "/api/v1/places?q=横琴",
    "/api/v1/places/zhu-hai",
    "/api/v1/targets?limit=3",
    "/api/v1/milestones?limit=3",
    "/api/v1/variants?limit=3",
    "/api/v1/cited-documents",
    f"/api/v1/relations?measure={PLAN}.2.1.1",
    "/api/v1/measures/digital-guangdong-2024-key-tasks.2.8",
    "/api/v1/releases",
    f"/api/v1/releases/{NEW}",
]


def _operations(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(path, item["get"]) for path, item in spec["paths"].items() if "get" in item]


def test_the_description_is_valid_openapi_3_0(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.0.")
    OpenAPIV30SpecValidator(spec).validate()


def test_every_operation_has_a_unique_client_friendly_operation_id(spec: dict[str, Any]) -> None:
    named = [(path, operation["operationId"]) for path, operation in _operations(spec)]
    assert len({name for _, name in named}) == len(named)
    assert set(named) == OPERATIONS


def test_repeated_parameters_are_described_once_and_referred_to(spec: dict[str, Any]) -> None:
    shared = spec["components"]["parameters"]
    for path, operation in _operations(spec):
        query = [p for p in operation["parameters"] if resolved(spec, p)["in"] == "query"]
        assert all("$ref" in p for p in query), path  # no query parameter repeated inline
        assert {"lang", "release"} <= set(parameters(spec, path)), path
    assert {"lang", "release", "limit", "cursor"} <= set(shared)
    lists = [path for path, operation in _operations(spec) if operation["operationId"] != "list_releases" and "{" not in path]
    for path in lists:
        refs = [p["$ref"] for p in spec["paths"][path]["get"]["parameters"]]
        assert {"#/components/parameters/limit", "#/components/parameters/cursor"} <= set(refs), path


def test_a_shared_parameter_states_what_the_server_accepts(client: FlaskClient, spec: dict[str, Any]) -> None:
    """Whatever rule the field has (an enum, a pattern), its component holds it: a value it allows is
    answered, one it refuses is a 400."""
    lang = OAS30Validator(spec["components"]["parameters"]["lang"]["schema"])
    limit = OAS30Validator(spec["components"]["parameters"]["limit"]["schema"])
    for value in ("zh-Hant", "en", "zh-Hans "):
        status = client.get(f"/api/v1/documents?lang={value}").status_code
        assert (status == 200) == lang.is_valid(value), value
    for number in (0, 1, 500, 501):
        status = client.get(f"/api/v1/documents?limit={number}").status_code
        assert (status == 200) == limit.is_valid(number), number


def _schema_of(spec: dict[str, Any], url: str) -> dict[str, Any]:
    """The 200 answer's schema of the operation ``url`` asks, with the components it refers to."""
    for template, operation in _operations(spec):
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), url.split("?")[0]):
            schema: dict[str, Any] = operation["responses"]["200"]["content"]["application/json"]["schema"]
            return schema | {"components": spec["components"]}
    raise AssertionError(f"no operation for {url}")


@pytest.mark.parametrize("url", ANSWERS)
def test_every_answer_matches_its_schema_and_a_dropped_field_is_caught(
    client: FlaskClient, spec: dict[str, Any], url: str
) -> None:
    answer = client.get(url).get_json()
    validator = OAS30Validator(_schema_of(spec, url))
    validator.validate(answer)
    item = answer["data"][0] if isinstance(answer["data"], list) else answer["data"]
    item_schema = resolved(spec, _item_schema(spec, url))
    required = item_schema["required"]
    # A target is known by its measure, a cited document by its key, a relation by its source.
    assert {"id", "version", "measure_id", "key", "source_id"} & set(required)
    for key in required:
        broken = copy.deepcopy(answer)
        del (broken["data"][0] if isinstance(broken["data"], list) else broken["data"])[key]
        assert [error.message for error in validator.iter_errors(broken)] == [f"'{key}' is a required property"]
    assert set(required) <= set(item)
    for envelope_key in ("data", "meta", "links"):
        broken = {k: v for k, v in answer.items() if k != envelope_key}
        assert not validator.is_valid(broken), envelope_key


def _item_schema(spec: dict[str, Any], url: str) -> dict[str, Any]:
    data = resolved(spec, _schema_of(spec, url))["properties"]["data"]
    item: dict[str, Any] = data.get("items", data)
    return item


def test_fields_only_some_answers_hold_stay_optional_and_nullable_ones_nullable(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert schemas["MeasureSummary"]["required"] == ["id"]  # fields= chooses the rest; snippet comes with q
    assert "predecessors" not in schemas["AgencyDetail"]["required"]  # only with include=predecessors
    assert "invalid_params" not in schemas["Problem"]["required"]
    assert {"id", "title", "doc_number", "links"} <= set(schemas["DocumentSummary"]["required"])
    assert schemas["DocumentSummary"]["properties"]["doc_number"]["nullable"] is True
    assert schemas["PageLinks"]["properties"]["next"]["nullable"] is True
    assert "next" not in schemas["Links"]["properties"]  # a single record's links have no next page


def test_a_null_in_a_nullable_field_and_a_missing_snippet_are_valid(client: FlaskClient, spec: dict[str, Any]) -> None:
    answer = client.get("/api/v1/documents?limit=1").get_json()
    answer["data"][0]["doc_number"] = None
    OAS30Validator(_schema_of(spec, "/api/v1/documents")).validate(answer)
    chosen = client.get("/api/v1/measures?fields=title&limit=2").get_json()
    assert set(chosen["data"][0]) == {"id", "title"}
    OAS30Validator(_schema_of(spec, "/api/v1/measures")).validate(chosen)


def test_each_answer_has_an_example_that_is_the_servers_answer_from_the_latest_release(
    client: FlaskClient, spec: dict[str, Any]
) -> None:
    examples = spec["components"]["examples"]
    first_document = sorted(p.name for p in SOURCES.iterdir() if (p / "document.yml").is_file())[0]
    asked = {
        "list_documents": "/api/v1/documents?limit=2",
        "get_document": f"/api/v1/documents/{first_document}",
        "list_measures": "/api/v1/measures?limit=2",
        "list_agencies": "/api/v1/agencies?limit=2",
        "list_entities": "/api/v1/entities?limit=2",
        "list_places": "/api/v1/places?limit=2",
        "list_targets": "/api/v1/targets?limit=2",
        "list_milestones": "/api/v1/milestones?limit=2",
        "list_variants": "/api/v1/variants?limit=2",
        "list_cited_documents": "/api/v1/cited-documents?limit=2",
        "list_releases": "/api/v1/releases",
        "get_release": f"/api/v1/releases/{NEW}",
    }
    for path, operation in _operations(spec):
        name = operation["operationId"]
        example = operation["responses"]["200"]["content"]["application/json"]["examples"]["latest_release"]
        assert example == {"$ref": f"#/components/examples/{name}"}
        value = examples[name]["value"]
        assert value["meta"]["release"] == NEW, name
        OAS30Validator(_schema_of(spec, path)).validate(value)
        if name in asked:
            assert value == client.get(asked[name]).get_json(), name
    first_measure = examples["list_measures"]["value"]["data"][0]["id"]
    assert examples["get_measure"]["value"] == client.get(f"/api/v1/measures/{first_measure}").get_json()
    first_agency = examples["list_agencies"]["value"]["data"][0]["id"]
    assert examples["get_agency"]["value"] == client.get(f"/api/v1/agencies/{first_agency}").get_json()
    first_entity = examples["list_entities"]["value"]["data"][0]["id"]
    assert examples["get_entity"]["value"] == client.get(f"/api/v1/entities/{first_entity}").get_json()
    first_place = examples["list_places"]["value"]["data"][0]["id"]
    assert examples["get_place"]["value"] == client.get(f"/api/v1/places/{first_place}").get_json()


def test_a_server_without_a_release_describes_itself_without_examples(tmp_path: Path) -> None:
    empty = create_app({"DATA_DIR": tmp_path, "TESTING": True}).test_client()
    described = empty.get("/api/v1/openapi.json").get_json()
    OpenAPIV30SpecValidator(described).validate()
    assert all("value" not in example for example in described["components"]["examples"].values())
