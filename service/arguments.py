"""What each request accepts: its query parameters as marshmallow schemas, and the blueprint that
parses them and documents the answers.

The OpenAPI description of a parameter is made from the very rules it is checked against (a
pattern, an enum, bounds), so a request the description allows is one the server answers, and one
it does not allow is a 400 problem naming the parameter; tests/service/test_fuzz.py holds the
server to that. No parameter needs another: ``section`` alone is that part of every document,
``predecessors`` alone changes nothing, and a ``q`` with nothing to search for matches nothing
(``q``'s syntax is a regular language: its pattern states it exactly, see ``_QuerySyntax``).
The two rules the description cannot state, and how they are answered:

- a record id the release lacks (``document=``, ``agency=``, like an id in a path): a 404, see
  ``MeasureListArgs`` and ``errors.unknown_record``;
- a cursor the server did not issue for the answering release: a 400 naming ``cursor``, as APIs
  commonly answer a page token they cannot read. Its pattern can state only its alphabet: a
  cursor pins the release it pages (service/paging.py), which no schema can tie to ``release=``.
  The fuzz test therefore sends only cursors the server issued, as it sends real ids for 200s.
"""

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast, get_args

from flask import current_app
from flask_smorest import Api, Blueprint
from marshmallow import RAISE, Schema, ValidationError, fields, validate
from webargs.fields import DelimitedList
from webargs.flaskparser import FlaskParser

from dbay import search_syntax
from dbay.releases import VERSION_PATTERN
from dbay.schema.records import Identifier
from dbay.schema.records import Path as RecordPath
from dbay.service.context import release_folder
from dbay.service.errors import PROBLEM_TYPE
from dbay.service.schemas import LANGUAGES, MeasureSummarySchema, MetaSchema, ProblemSchema, envelope

_IDENTIFIER = get_args(Identifier)[1]  # every record id's pattern and length
_PATH = get_args(RecordPath)[1]
CURSOR_PATTERN, CURSOR_MAX_LENGTH = "^[A-Za-z0-9_-]+$", 200  # URL-safe base64 without padding (service/paging.py)
MALFORMED_CURSOR = "malformed cursor; use the links.next URL of a previous page"
MEASURE_FIELDS = tuple(MeasureSummarySchema().fields)
AGENCY_INCLUDES = ("predecessors",)


class FullMatch(validate.Validator):
    """A pattern the whole value must match, as in the OpenAPI description (apispec states it as the
    parameter's ``pattern``). Unlike marshmallow's Regexp, a value ending in a newline does not pass
    for one that ends at ``$``: JSON Schema's ``$`` does not allow it."""

    def __init__(self, pattern: str, error: str = "must match {pattern}") -> None:
        self.regex = re.compile(pattern)
        self.reason = error

    def __call__(self, value: str) -> str:
        if self.regex.fullmatch(value) is None:
            raise ValidationError(self.reason.format(pattern=self.regex.pattern))
        return value


def _release_held(version: str) -> None:
    versions = release_folder().versions
    if version not in versions:
        raise ValidationError(f"no release {version!r}; available: {', '.join(versions) or 'none'}")


class ReleaseVersion(fields.String):
    """``release=``: one of the versions the server holds. They are checked against its release folder
    when a request is parsed, and listed as the parameter's enum where the server's description is
    made (``describe_releases``), so the description says exactly which releases it answers from."""

    def __init__(self, **options: Any) -> None:
        pattern = FullMatch(f"^{VERSION_PATTERN}$", error="must be a release version such as 2026.2 (dotted numbers)")
        super().__init__(validate=[pattern, _release_held], **options)


def describe_releases(api: Api, versions: Sequence[str]) -> None:
    """Describe every ``release`` parameter of ``api`` as an enum of ``versions``, newest first.

    Call before the blueprints are registered (the description is made then, once). The versions are
    those of the server's release folder, which it lists once at start, so the description is the
    same for as long as it runs and is the same for any server of the same data folder. A folder of
    releases is small (one a year or so), unlike the ids of its records (see ``MeasureListArgs``).
    """
    held = list(versions)

    def release_enum(converter: Any, field: fields.Field[Any], **_: Any) -> dict[str, Any]:
        return {"enum": held} if held and isinstance(field, ReleaseVersion) else {}

    api.ma_plugin.converter.add_attribute_function(release_enum)


def _record_id(description: str) -> fields.String:
    """A filter naming a record by its id: any id is well formed, one the release lacks is a 404."""
    rules = [FullMatch(_IDENTIFIER.pattern, error="is not an id (lower-case letters, digits, '.' and '-')")]
    return fields.String(validate=[*rules, validate.Length(max=_IDENTIFIER.max_length)], metadata={"description": description})


def _choices(choices: tuple[str, ...], description: str, **options: Any) -> DelimitedList:
    """A comma-separated list of names from a closed set (``fields=title,path``): an array of an enum,
    ``style: form, explode: false`` in the description. At least one name: ``fields=`` could be read
    as no name or as one empty name, and is refused either way (leave the parameter out instead)."""
    choice = validate.OneOf(choices, error="{input!r} is not one of {choices}")
    return DelimitedList(
        fields.String(validate=choice),
        validate=validate.Length(min=1, error="name at least one of " + ", ".join(choices)),
        metadata={"description": description},
        **options,
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


def _query(description: str) -> fields.String:
    return fields.String(
        validate=[validate.Length(min=1, max=200), _QuerySyntax()],
        metadata={
            "description": description + " Words separated by spaces must all occur; A OR B, either; -word or "
            '-"phrase" excludes; "a phrase" is matched as typed. Punctuation at a word\'s ends is ignored, and a '
            "query with no letter, digit or ideograph matches nothing. A word with a cross-strait variant "
            "(人工智慧/人工智能) finds it too where it occurs (meta.search.expanded)."
        },
    )


class CommonArgs(Schema):
    class Meta:
        unknown = RAISE  # a misspelt parameter is an error, not silently ignored

    lang = fields.String(
        validate=validate.OneOf(LANGUAGES),
        metadata={
            "description": "Script of every text field: zh-Hans (default) or zh-Hant. Without it, Accept-Language "
            "decides (zh-TW, zh-HK, zh-MO and zh-Hant select Traditional)."
        },
    )
    release = ReleaseVersion(
        metadata={"description": "Answer from this release (default: the latest): one of the releases this server holds."}
    )


class ListArgs(CommonArgs):
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 500), metadata={"description": "Items per page, 1–500."})
    cursor = fields.String(
        validate=[
            FullMatch(CURSOR_PATTERN, error=MALFORMED_CURSOR),
            validate.Length(max=CURSOR_MAX_LENGTH, error=MALFORMED_CURSOR),
        ],
        metadata={
            "description": "Opaque cursor from links.next. Only a cursor the server issued, for the release that "
            "answers, is understood: any other is a 400 naming cursor."
        },
    )


class AgencyArgs(CommonArgs):
    include = _choices(
        AGENCY_INCLUDES, "Comma-separated extras: predecessors (the body's earlier names, from the agency register)."
    )


class AgencyListArgs(ListArgs):
    q = _query("Only agencies whose name (either script) or an alias holds it, by folded substring, in the list's order.")


class DocumentListArgs(ListArgs):
    q = _query("Only documents whose title (either script), issuer or number holds it, by folded substring, in id order.")


class MeasureListArgs(ListArgs):
    """The filters of /measures. Each narrows the list by itself, and filters combine.

    ``document=`` and ``agency=`` name records by id: they are described by the id's pattern, not as
    an enum of the ids of a release, which a corpus of thousands of documents would bloat to hundreds
    of kilobytes, repeated in every client's copy. An id the release does not hold is answered as
    ``/documents/<id>`` is, with a 404 problem naming the parameter (``errors.unknown_record``).
    """

    document = _record_id("Only this document's measures: a document id. One the release lacks is a 404.")
    section = fields.String(
        validate=FullMatch(_PATH.pattern, error="must be a path such as 2 or 2.6 (dotted numbers)"),
        metadata={
            "description": "Only measures under this path, such as 2 or 2.6: with document, in that document; "
            "alone, in every document (section=1 is each document's first part)."
        },
    )
    agency = _record_id("Only measures this agency leads or shares: an agency id. One the release lacks is a 404.")
    predecessors = fields.Boolean(
        load_default=False,
        metadata={
            "description": "With agency: also the measures printed under the body's earlier names (its predecessors "
            "in agency_successions), each keeping the name it printed. Without agency no measure is left out, "
            "so it changes nothing."
        },
    )
    role = fields.String(
        validate=validate.OneOf(("lead", "participating")),
        metadata={"description": "With agency: only where it has this role; alone: measures with any agency in this role."},
    )
    q = _query(
        "Full-text search with substring semantics, in either script, also in the renditions' wording; ranked, "
        "with a snippet and what matched."
    )
    fields_ = _choices(
        MEASURE_FIELDS, "Comma-separated fields to return (id is always included), such as title,path.", data_key="fields"
    )


def _parser() -> FlaskParser:
    # Honour the schemas' unknown = RAISE (webargs drops unknown query parameters by default), and
    # document an invalid parameter as the 400 it is answered with.
    parser = FlaskParser(unknown=None)
    parser.DEFAULT_VALIDATION_STATUS = 400
    return parser


F = TypeVar("F", bound=Callable[..., Any])


def _compose(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    def apply(view: F) -> F:
        for decorator in reversed(decorators):
            view = decorator(view)
        return view

    return apply


class ApiBlueprint(Blueprint):
    """A flask-smorest blueprint for the API's conventions (see ``_parser``)."""

    ARGUMENTS_PARSER = _parser()

    def answer(self, schema: type[Schema]) -> Callable[[F], F]:
        """Documents ``schema`` as the 200 answer of a view that builds exactly that shape itself.

        flask-smorest's ``response`` would dump the view's result through the schema again, which
        took half the time of a list answer; the views already write the documented fields and
        types. A test app (``TESTING``) still dumps every answer and fails on any difference.
        """
        checker = schema()

        def decorator(view: F) -> F:
            @functools.wraps(view)
            def checked(*args: Any, **kwargs: Any) -> Any:
                result = view(*args, **kwargs)
                if current_app.testing and (dumped := checker.dump(result)) != result:
                    raise AssertionError(
                        f"{view.__qualname__} answered what {schema.__name__} does not describe: {dumped} != {result}"
                    )
                return result

            return cast(F, checked)

        return _compose(self.alt_response(200, schema=schema, success=True), decorator)

    def listing(
        self, name: str, item: type[Schema], args: type[Schema], missing: str | None = None, meta: type[Schema] = MetaSchema
    ) -> Callable[[F], F]:
        """A list view: query arguments ``args``, answered with a page of ``item`` and ``meta``; ``missing``
        documents the 404 of a filter that names no record."""
        decorators = [
            self.arguments(args, location="query", as_kwargs=True),
            self.answer(envelope(name, item, many=True, meta=meta)),
        ]
        if missing:
            decorators.append(self.alt_response(404, schema=ProblemSchema, content_type=PROBLEM_TYPE, description=missing))
        return _compose(*decorators)

    def single(self, name: str, item: type[Schema], args: type[Schema] = CommonArgs) -> Callable[[F], F]:
        """A single-resource view: the common arguments (or ``args``), one ``item``, or a 404 problem."""
        return _compose(
            self.arguments(args, location="query", as_kwargs=True),
            self.answer(envelope(name, item, many=False)),
            self.alt_response(404, response="NOT_FOUND"),
        )
