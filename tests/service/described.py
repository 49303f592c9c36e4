"""Reading the served OpenAPI description as a client does: parameters through their $refs."""

from typing import Any


def resolved(spec: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """``item``, or what its ``$ref`` (#/components/<kind>/<name>) names."""
    if "$ref" not in item:
        return item
    _, kind, name = item["$ref"].lstrip("#/").split("/")
    found: dict[str, Any] = spec["components"][kind][name]
    return found


def parameters(spec: dict[str, Any], path: str, method: str = "get") -> dict[str, dict[str, Any]]:
    """The query parameters of an operation, by name."""
    return {p["name"]: p for p in (resolved(spec, item) for item in spec["paths"][path][method].get("parameters", []))}
