"""SQLite tables from the record models: columns, types, keys and the data dictionary.

Nothing here restates a field: names, types, nullability and descriptions all come from
``records.py``.
"""

import json
import types
import typing
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from dbay.schema.published import PUBLISHED_RECORDS
from dbay.schema.records import Record

_SQLITE_TYPES: dict[type, type] = {str: str, int: int, float: float, bool: int, date: str, datetime: str}


def base_type(annotation: Any) -> tuple[type | None, bool]:
    """(Python type the column stores, whether it is nullable). Lists, dicts and models are JSON text."""
    nullable = False
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(annotation))
        annotation = args[0]
        origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
        origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return str, nullable
    if origin in (list, dict) or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return None, nullable  # JSON
    return annotation, nullable


def columns(model: type[Record]) -> dict[str, type]:
    """Column name → the type sqlite-utils should give it."""
    result: dict[str, type] = {}
    for name, info in model.model_fields.items():
        base, _ = base_type(info.annotation)
        result[name] = _SQLITE_TYPES.get(base, str) if base is not None else str
    return result


def not_null(model: type[Record]) -> set[str]:
    return {name for name, info in model.model_fields.items() if not base_type(info.annotation)[1]}


def json_columns(model: type[Record]) -> set[str]:
    return {name for name, info in model.model_fields.items() if base_type(info.annotation)[0] is None}


def to_row(record: Record) -> dict[str, Any]:
    """The record as a SQLite row: JSON for lists and objects, 0/1 for booleans, ISO dates."""
    data = record.model_dump(mode="json")
    for name in json_columns(type(record)):
        data[name] = json.dumps(data[name], ensure_ascii=False, sort_keys=True)
    for name, value in data.items():
        if isinstance(value, bool):
            data[name] = int(value)
    return data


def data_dictionary() -> list[dict[str, str]]:
    """Every published column with its type and description, for documentation and metadata."""
    rows = []
    for model in PUBLISHED_RECORDS:
        sqlite_types = columns(model)
        json_cols = json_columns(model)
        for name, info in model.model_fields.items():
            kind = "JSON" if name in json_cols else {str: "TEXT", int: "INTEGER", float: "REAL"}[sqlite_types[name]]
            rows.append({"table": model.table, "column": name, "type": kind, "description": info.description or ""})
    return rows
