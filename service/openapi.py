"""What the API's OpenAPI description adds to flask-smorest's: operation names, shared parameters, examples.

- Every operation has an ``operationId`` a client library can use as its method name: ``list_``
  or ``get_`` and the resource its view class names (``Documents`` -> ``list_documents``,
  ``Document`` -> ``get_document``). ``ApiBlueprint`` names each operation it documents with
  ``operation_id``; the names are part of the API and stay stable.
- A query parameter is described once, under ``components/parameters``, and every operation that
  takes it refers to it (``SharedParameters``). What it accepts is still made from the marshmallow
  field it is checked against, whatever that field's rules are.
- Each operation's 200 answer has an example: the answer of the latest release the server holds,
  made when the server starts (``add_examples``), so it cannot drift from what the server answers.
"""

import re
from typing import Any

from apispec import APISpec, BasePlugin
from flask import Flask
from flask_smorest import Api

EXAMPLE_NAME = "latest_release"  # the name of each 200 answer's example, under its media type
LIST, GET = "list", "get"


def operation_id(verb: str, view_name: str) -> str:
    """``list_documents`` for ``verb`` list and the view ``Documents.get``: a Python-friendly method name."""
    resource = view_name.split(".")[0]
    return f"{verb}_" + re.sub(r"(?<!^)(?=[A-Z])", "_", resource).lower()


class SharedParameters(BasePlugin):
    """Moves every query parameter into ``components/parameters`` and refers to it from each operation.

    Runs after flask-smorest's marshmallow plugin has turned the argument schemas into parameters
    (plugins run in order, extra plugins last), so a component is exactly what the field states.
    A parameter is named after itself; one whose definition differs from an earlier one of the same
    name (``sort`` orders each list by its own fields) is named after its operation as well
    (``list_agencies.sort``), so a client still finds every parameter among the components.
    """

    def init_spec(self, spec: APISpec) -> None:
        self.spec = spec
        self.shared: dict[str, dict[str, Any]] = {}

    def operation_helper(self, path: str | None = None, operations: dict[Any, Any] | None = None, **_: Any) -> None:
        for operation in (operations or {}).values():
            if isinstance(operation, dict) and "parameters" in operation:
                name = operation.get("operationId", path or "")
                operation["parameters"] = [self._shared(parameter, name) for parameter in operation["parameters"]]

    def _shared(self, parameter: Any, operation: str) -> Any:
        if not isinstance(parameter, dict) or parameter.get("in") != "query":
            return parameter
        for name in (parameter["name"], f"{operation}.{parameter['name']}"):
            if name not in self.shared:
                self.shared[name] = parameter
                self.spec.components.parameter(name, "query", parameter)
            if self.shared[name] == parameter:
                return name  # a name is resolved to its $ref by apispec
        return parameter


def add_examples(app: Flask, api: Api) -> None:
    """Register each operation's example (components/examples/<operationId>, which its 200 answer refers to).

    The example of a list is its first page of two items from the latest release; that of a single
    record is the first item of the list its path extends (``/documents/{document_id}`` shows the
    first document). They are the server's own answers, made once at start like the release enum of
    ``describe_releases``, so the description is the same for any server of the same data folder.
    A server holding no release has nothing to show, and says so.
    """
    spec: dict[str, Any] = api.spec.to_dict()
    client = app.test_client()
    first_items: dict[str, str] = {}
    # Lists before single records: paths without a template first.
    for path, operations in sorted(spec["paths"].items(), key=lambda item: "{" in item[0]):
        operation = operations.get("get", {})
        name = operation.get("operationId")
        if name is None:
            continue
        if "{" not in path:
            query = "?limit=2" if any(_parameter_name(p) == "limit" for p in operation.get("parameters", [])) else ""
            url: str | None = path + query
        else:
            url = first_items.get(path.rsplit("/", 1)[0])
        answer = client.get(url) if url else None
        if answer is None or answer.status_code != 200:
            api.spec.components.example(name, {"summary": "No example: the server holds no release."})
            continue
        body = answer.get_json()
        if "{" not in path and body["data"] and "self" in body["data"][0]["links"]:  # a target has no URL of its own
            first_items[path] = body["data"][0]["links"]["self"]
        api.spec.components.example(name, {"summary": f"GET {url}, from release {body['meta']['release']}", "value": body})


def _parameter_name(parameter: dict[str, Any]) -> str:
    """A parameter's name, also where it is a $ref to components/parameters/<name>."""
    return str(parameter.get("name") or parameter.get("$ref", "").rsplit("/", 1)[-1])
