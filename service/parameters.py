"""What a query parameter accepts, as the marshmallow field it is checked against: a pattern the whole
value must match, a comma-separated list, a closed set of names, a day, an order, a search.

The request schemas made of them are in ``service/arguments.py``; apispec states each field's rules
in the OpenAPI description, so what is described is what is checked.
"""

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, get_args

from marshmallow import ValidationError, fields, validate
from webargs.fields import DelimitedList

from dbay import search_syntax
from dbay.schema.records import Identifier
from dbay.schema.records import Path as RecordPath

IDENTIFIER = get_args(Identifier)[1]  # every record id's pattern and length
PATH = get_args(RecordPath)[1]
# An agency named by id, name or alias: any text but the list's comma and control characters.
AGENCY_NAME_PATTERN, AGENCY_NAME_MAX_LENGTH = r"^[^,\x00-\x1f\x7f-\x9f]+$", 100
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
WORD_PATTERN = "^[a-z0-9_]+$"


class FullMatch(validate.Validator):
    """A pattern the whole value must match, as in the OpenAPI description (apispec states it as the
    parameter's ``pattern``). Unlike marshmallow's Regexp, a value ending in a newline does not pass
    for one that ends at ``$``: JSON Schema's ``$`` does not allow it."""

    def __init__(self, pattern: str, error: str = "must match {pattern}") -> None:
        self.regex = re.compile(pattern)
        self.reason = error

    def __call__(self, value: str) -> str:
        if self.regex.fullmatch(value) is None:
            raise ValidationError(self.reason.format(pattern=self.regex.pattern, input=value))
        return value


class WholeNumber(fields.Integer):
    """An integer written in digits only: Python's ``int`` also reads ``2\x0c`` or `` 2`` or ``+2``, which the
    OpenAPI description's ``integer`` does not allow (the fuzz test sends them)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, str) and not (value.isascii() and value.isdigit()):
            raise self.make_error("invalid")
        return int(super()._deserialize(value, attr, data, **kwargs))


def several(
    item: fields.Field[Any], description: str, at_least: str = "give at least one value", **options: Any
) -> DelimitedList:
    """A comma-separated list (``agency=a,b``): an array, ``style: form, explode: false`` in the
    description. At least one value: ``agency=`` could be read as no value or as one empty value,
    and is refused either way (leave the parameter out instead)."""
    return DelimitedList(item, validate=validate.Length(min=1, error=at_least), metadata={"description": description}, **options)


def record_ids(description: str) -> DelimitedList:
    """A filter naming records by their ids: any id is well formed, one the release lacks is a 400."""
    rules = [FullMatch(IDENTIFIER.pattern, error="is not an id (lower-case letters, digits, '.' and '-')")]
    return several(fields.String(validate=[*rules, validate.Length(max=IDENTIFIER.max_length)]), description)


def agency_names(description: str) -> DelimitedList:
    """Agencies by id, name or alias: any text but a comma or a control character (service/agency_names.py)."""
    rules = [FullMatch(AGENCY_NAME_PATTERN, error="must be an agency id, name or alias, without control characters")]
    return several(fields.String(validate=[*rules, validate.Length(max=AGENCY_NAME_MAX_LENGTH)]), description)


def choices(names: tuple[str, ...], description: str, **options: Any) -> DelimitedList:
    """A comma-separated list of names from a closed set (``fields=title,path``): an array of an enum."""
    choice = validate.OneOf(names, error="{input!r} is not one of {choices}")
    return several(fields.String(validate=choice), description, "name at least one of " + ", ".join(names), **options)


def words(description: str) -> DelimitedList:
    """A comma-separated list of names from an open set the data defines (``unit_kind=count,area``):
    lower-case words; one no record has matches nothing."""
    rules = [FullMatch(WORD_PATTERN, error="must be a lower-case word (letters, digits and _)")]
    return several(fields.String(validate=[*rules, validate.Length(max=40)]), description)


def _calendar_date(value: str) -> None:
    if re.fullmatch(DATE_PATTERN, value):  # a malformed one is FullMatch's to refuse
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationError(f"{value!r} is not a day of the calendar") from None


def issued(bound: str) -> fields.String:
    """``issued_after`` / ``issued_before``: a day, inclusive, as YYYY-MM-DD (not ISO's other forms)."""
    return day(f"Only documents issued on or {bound} this day (YYYY-MM-DD, inclusive); undated documents are left out.")


def day(description: str) -> fields.String:
    """A day of the calendar as YYYY-MM-DD (not ISO's other forms)."""
    rules: list[Callable[[Any], Any]] = [FullMatch(DATE_PATTERN, error="must be a date as YYYY-MM-DD"), _calendar_date]
    return fields.String(validate=rules, metadata={"description": description, "format": "date"})


def sort(orders: tuple[str, ...], description: str) -> fields.String:
    return fields.String(
        validate=validate.OneOf(orders, error="{input!r} is not one of {choices}"), metadata={"description": description}
    )


class _QuerySyntax(validate.Validator):
    """``q``'s syntax (dbay.search_syntax): the parser's own sentence for a malformed query, and its
    ``regex`` (the same rules) for apispec to state as the parameter's pattern."""

    regex = re.compile(search_syntax.QUERY_PATTERN)

    def __call__(self, value: str) -> str:
        try:
            search_syntax.parse(value)
        except search_syntax.QuerySyntaxError as error:
            raise ValidationError(str(error)) from error
        return value


def query(description: str) -> fields.String:
    return fields.String(
        validate=[validate.Length(min=1, max=200), _QuerySyntax()],
        metadata={
            "description": description + " Words separated by spaces must all occur; A OR B, either; -word or "
            '-"phrase" excludes; "a phrase" is matched as typed. Punctuation at a word\'s ends is ignored, and a '
            "query with no letter, digit or ideograph matches nothing. A word with a cross-strait variant "
            "(人工智慧/人工智能) finds it too where it occurs (meta.search.expanded)."
        },
    )
