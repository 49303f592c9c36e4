"""What each request accepts: its query parameters as marshmallow schemas, and the blueprint that
parses them and documents the answers.

The OpenAPI description of a parameter is made from the very rules it is checked against (a
pattern, an enum, bounds), so a request the description allows is one the server answers, and one
it does not allow is a 400 problem naming the parameter; tests/service/test_fuzz.py holds the
server to that. Filters need no other: ``section`` alone is that part of every document,
``predecessors`` alone changes nothing, and a ``q`` with nothing to search for matches nothing
(``q``'s syntax is a regular language: its pattern states it exactly, see ``parameters._QuerySyntax``).
The rules the description cannot state, and how they are answered (the fuzz test keeps a positive
request within them):

- a filter naming a record the release lacks (``document=``, ``agency=``, ``agency_lineage=``): a 400
  naming the parameter and the value, see ``MeasureListArgs`` and ``errors.unknown_record``;
- ``sort=`` against ``q``: with ``q`` results are ranked (``sort=relevance`` only), without it there is
  no relevance to sort by; either mismatch is a 400 naming ``sort``;
- a cursor the server did not issue for the answering release: a 400 naming ``cursor``, as APIs
  commonly answer a page token they cannot read. Its pattern can state only its alphabet: a
  cursor pins the release it pages (service/paging.py), which no schema can tie to ``release=``.
  The fuzz test therefore sends only cursors the server issued, as it sends real ids for 200s.

A parameter is given once: several values are comma-separated (``agency=a,b``), and a repeated
parameter is a 400 naming it (``_parser``) rather than one of its values silently kept.
"""

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast, get_args

from flask import current_app
from flask_smorest import Api, Blueprint
from marshmallow import RAISE, Schema, ValidationError, fields, validate
from webargs.flaskparser import FlaskParser

from dbay.releases import VERSION_PATTERN
from dbay.schema.connections import Direction, VariantKind
from dbay.schema.enrichment import EntityType, MilestoneKind, PlaceKind, Qualifier
from dbay.service.context import english_meta, language, release_folder
from dbay.service.envelopes import FACET_VALUES, ProblemSchema, envelope
from dbay.service.errors import PROBLEM_TYPE
from dbay.service.languages import ENGLISH, LANG_PATTERN, REFUSAL, accepted
from dbay.service.openapi import EXAMPLE_NAME, GET, LIST, operation_id
from dbay.service.parameters import (
    PATH,
    FullMatch,
    WholeNumber,
    agency_names,
    choices,
    day,
    issued,
    query,
    record_ids,
    several,
    sort,
    words,
)
from dbay.service.schemas import MeasureSummarySchema

CURSOR_PATTERN, CURSOR_MAX_LENGTH = "^[A-Za-z0-9_-]+$", 200  # URL-safe base64 without padding (service/paging.py)
MALFORMED_CURSOR = "malformed cursor; use the links.next URL of a previous page"
MEASURE_FIELDS = tuple(MeasureSummarySchema().fields)
AGENCY_INCLUDES = ("predecessors",)
MEASURE_ORDERS = ("position", "issued", "-issued", "relevance")
DOCUMENT_ORDERS = ("id", "issued", "-issued", "title")
AGENCY_ORDERS = ("lead", "participating", "name", "id")
FACETS = ("document", "agency", "role", "year", "entity", "technology", "place")


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


class CommonArgs(Schema):
    class Meta:
        unknown = RAISE  # a misspelt parameter is an error, not silently ignored

    lang = fields.String(
        validate=FullMatch(LANG_PATTERN, error=REFUSAL),
        metadata={
            "description": f"Language of every text field: {accepted()}, in any letter case; zh-Hans by default. "
            "meta.lang and Content-Language state it as zh-Hans, zh-Hant or en. English gives the unofficial "
            "English titles and names where they exist and Simplified Chinese elsewhere, naming those fields in "
            "meta.fallback. Without lang, Accept-Language chooses the script by the same tags (never English)."
        },
    )
    release = ReleaseVersion(
        metadata={"description": "Answer from this release (default: the latest): one of the releases this server holds."}
    )


class ListArgs(CommonArgs):
    limit = WholeNumber(load_default=50, validate=validate.Range(1, 500), metadata={"description": "Items per page, 1–500."})
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
    include = choices(
        AGENCY_INCLUDES, "Comma-separated extras: predecessors (the body's earlier names, from the agency register)."
    )


class DocumentListArgs(ListArgs):
    issued_after = issued("after")
    issued_before = issued("before")
    sort = sort(DOCUMENT_ORDERS, "Order: id (default), issued or -issued (by date, undated last, then id), title (then id).")
    q = query("Only documents whose title (either script), issuer or number holds it, by folded substring, in the list's order.")


class AgencyListArgs(ListArgs):
    q = query("Only agencies whose name (either script) or an alias holds it, by folded substring, in the list's order.")
    sort = sort(
        AGENCY_ORDERS,
        "Order: lead (default: measures led, most first, then shared, then id), participating (shared, then led, then id), "
        "name (in the script of lang, then id), id.",
    )


class EntityListArgs(ListArgs):
    type = choices(
        get_args(EntityType),
        "Only entities of these types, comma-separated: platform, programme, slogan, technology.",
    )
    q = query("Only entities whose name (either script) or an alias holds it, by folded substring, in the list's order.")


class PlaceListArgs(ListArgs):
    kind = choices(
        get_args(PlaceKind),
        "Only places of these kinds, comma-separated: province, city, sar, zone, region, group, bridge, mountains.",
    )
    q = query("Only places whose name (either script) or an alias holds it, by folded substring, in the list's order.")


class TargetListArgs(ListArgs):
    document = record_ids("Only these documents' targets: document ids, comma-separated. One the release lacks is a 400.")
    unit_kind = words(
        "Only targets whose unit measures one of these, comma-separated: count, percent, area, money … (one no target "
        "has matches nothing)."
    )
    qualifier = choices(get_args(Qualifier), "Only targets whose number is meant one of these ways, comma-separated.")


class MilestoneListArgs(ListArgs):
    document = record_ids("Only these documents' milestones: document ids, comma-separated. One the release lacks is a 400.")
    due_after = day("Only milestones due on or after this day (YYYY-MM-DD, inclusive); those without a due date are left out.")
    due_before = day("Only milestones due on or before this day (YYYY-MM-DD, inclusive); those without a due date are left out.")
    kind = choices(get_args(MilestoneKind), "Only milestones of these kinds, comma-separated: deadline, step, period.")


class VariantListArgs(ListArgs):
    document = record_ids("Only these documents' variants: document ids, comma-separated. One the release lacks is a 400.")
    measure = record_ids("Only these measures' variants: measure ids, comma-separated. One the release lacks is a 400.")
    rendition = record_ids("Only these renditions' variants: rendition ids, comma-separated. One the release lacks is a 400.")
    kind = choices(get_args(VariantKind), "Only variants of these kinds, comma-separated: changed, added, dropped.")


class RelationListArgs(ListArgs):
    measure = record_ids(
        "Only these measures' relations (as their source): measure ids, comma-separated. One the release lacks is a 400."
    )
    document = record_ids(
        "Only the relations of these documents' measures: document ids, comma-separated. One the release lacks is a 400."
    )
    direction = choices(
        get_args(Direction), "Only relations whose target was issued so, comma-separated: earlier, later, same-day, unknown."
    )


class MeasureListArgs(ListArgs):
    """The filters of /measures. Each narrows the list by itself, and filters combine (AND); a filter
    given several values, comma-separated, keeps the measures matching any of them (OR).

    ``document=`` and ``agency=`` name records: they are described by a pattern, not as an enum of
    the ids of a release, which a corpus of thousands of documents would bloat to hundreds of
    kilobytes, repeated in every client's copy. A value naming nothing in the release is a 400
    problem naming the parameter and the value (``errors.unknown_record``).
    """

    document = record_ids("Only these documents' measures: document ids, comma-separated. One the release lacks is a 400.")
    section = several(
        fields.String(validate=FullMatch(PATH.pattern, error="must be a path such as 2 or 2.6 (dotted numbers)")),
        "Only measures under these paths, comma-separated, such as 2 or 2.1,2.6: with document, in those documents; "
        "alone, in every document (section=1 is each document's first part).",
    )
    agency = agency_names(
        "Only measures one of these agencies leads or shares: ids, names or aliases in either script, comma-separated. "
        "A name several agencies answer to stands for all of them; one naming no agency is a 400."
    )
    agency_lineage = agency_names(
        "Only measures of these agencies under any of their names: each agency (id, name or alias) with every agency "
        "of its lineage (lineage_id: earlier and later names, mergers), comma-separated. One naming no agency is a 400."
    )
    predecessors = fields.Boolean(
        load_default=False,
        metadata={
            "description": "With agency: also the measures printed under the body's earlier names (its predecessors "
            "in agency_successions), each keeping the name it printed; agency_lineage adds later names too. "
            "Without agency no measure is left out, so it changes nothing."
        },
    )
    role = choices(
        ("lead", "participating"),
        "With agency or agency_lineage: only where it has one of these roles; alone: measures with any agency in them.",
    )
    issued_after = issued("after")
    issued_before = issued("before")
    entity = record_ids(
        "Only measures mentioning one of these entities (platforms, programmes, slogans, technologies): entity ids, "
        "comma-separated. One the release lacks is a 400."
    )
    technology = record_ids(
        "Only measures mentioning one of these technologies: ids of entities of type technology, comma-separated. "
        "One the release lacks, or of another type, is a 400."
    )
    place = record_ids(
        "Only measures naming one of these places or a place within it (by parent_id, at any depth: place=zhu-hai "
        "finds the measures naming 横琴, which lies in 珠海): place ids, comma-separated. One the release lacks is a 400."
    )
    has_target = fields.Boolean(
        metadata={"description": "true: only measures setting a quantified target (targets); false: only those setting none."}
    )
    deadline_before = day("Only measures with a deadline or step (milestones) due on or before this day (YYYY-MM-DD, inclusive).")
    q = query(
        "Full-text search with substring semantics, in either script, also in the renditions' wording; ranked, "
        "with a snippet and what matched."
    )
    sort = sort(
        MEASURE_ORDERS,
        "Order: position (document order; the default without q), issued or -issued (the document's date, undated "
        "last, then document order), relevance (the default with q, and the only order with q).",
    )
    facets = choices(
        FACETS,
        "Comma-separated: count the whole result (every page, q included) by document, agency, role, year of issue, "
        "entity or technology mentioned, place named (with the places within it), "
        f"into meta.facets, each the {FACET_VALUES} values with most measures.",
    )
    fields_ = choices(
        MEASURE_FIELDS, "Comma-separated fields to return (id is always included), such as title,path.", data_key="fields"
    )


class _OnceEachParser(FlaskParser):
    """Refuses a query parameter given more than once: webargs would keep one of its values and
    drop the others unsaid. Several values go in one parameter, comma-separated."""

    def load_querystring(self, req: Any, schema: Schema) -> Any:
        repeated = {name: values for name, values in req.args.lists() if len(values) > 1}
        if repeated:
            raise ValidationError(
                {
                    name: f"given {len(values)} times; give it once, its values comma-separated ({name}={','.join(values)})"
                    for name, values in repeated.items()
                }
            )
        return super().load_querystring(req, schema)


def _parser() -> FlaskParser:
    # Honour the schemas' unknown = RAISE (webargs drops unknown query parameters by default), and
    # document an invalid parameter as the 400 it is answered with.
    parser = _OnceEachParser(unknown=None)
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

    def answer(self, schema: type[Schema], example: str | None = None) -> Callable[[F], F]:
        """Documents ``schema`` as the 200 answer of a view that builds exactly that shape itself, and
        ``example`` as the name of its example in components/examples (service/openapi.py).

        flask-smorest's ``response`` would dump the view's result through the schema again, which
        took half the time of a list answer; the views already write the documented fields and
        types. A test app (``TESTING``) still dumps every answer and fails on any difference.
        """
        checker = schema()

        def decorator(view: F) -> F:
            @functools.wraps(view)
            def checked(*args: Any, **kwargs: Any) -> Any:
                result = view(*args, **kwargs)
                if language() == ENGLISH and isinstance(result, dict) and isinstance(result.get("meta"), dict):
                    result["meta"].update(english_meta())
                if current_app.testing and (dumped := checker.dump(result)) != result:
                    raise AssertionError(
                        f"{view.__qualname__} answered what {schema.__name__} does not describe: {dumped} != {result}"
                    )
                return result

            return cast(F, checked)

        examples = {EXAMPLE_NAME: example} if example else None
        return _compose(self.alt_response(200, schema=schema, success=True, examples=examples), decorator)

    def _operation(self, verb: str, decorators: Callable[[str], list[Callable[[F], F]]]) -> Callable[[F], F]:
        """Names the view's operation (``operation_id``) and documents it with ``decorators(name)``."""

        def decorator(view: F) -> F:
            name = operation_id(verb, view.__qualname__)
            named: Callable[[F], F] = self.doc(operationId=name)
            return _compose(named, *decorators(name))(view)

        return decorator

    def listing(
        self, name: str, item: type[Schema], args: type[Schema], missing: str | None = None, meta: type[Schema] | None = None
    ) -> Callable[[F], F]:
        """A list view: query arguments ``args``, answered with a page of ``item`` and ``meta``; ``missing``
        documents the 404 of a filter that names no record. Its operation is ``list_`` and the view's class."""

        def decorators(operation: str) -> list[Callable[[F], F]]:
            documented = [
                self.arguments(args, location="query", as_kwargs=True),
                self.answer(envelope(name, item, many=True, meta=meta), example=operation),
            ]
            if missing:
                documented.append(self.alt_response(404, schema=ProblemSchema, content_type=PROBLEM_TYPE, description=missing))
            return documented

        return self._operation(LIST, decorators)

    def single(self, name: str, item: type[Schema], args: type[Schema] = CommonArgs) -> Callable[[F], F]:
        """A single-resource view: the common arguments (or ``args``), one ``item``, or a 404 problem. Its
        operation is ``get_`` and the view's class."""
        return self._operation(
            GET,
            lambda operation: [
                self.arguments(args, location="query", as_kwargs=True),
                self.answer(envelope(name, item, many=False), example=operation),
                self.alt_response(404, response="NOT_FOUND"),
            ],
        )
