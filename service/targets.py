"""/api/v1/targets: the quantified targets measures set (issue 13), with the measure setting each."""

from typing import Any

from flask.views import MethodView

from dbay.service import mentions
from dbay.service.arguments import ApiBlueprint, TargetListArgs
from dbay.service.context import db, language, meta
from dbay.service.documents import known_documents
from dbay.service.measure_topics import TARGET_WORDS, in_script
from dbay.service.paging import links, offset_from_cursor
from dbay.service.queries import each_of, has_table, page_of
from dbay.service.schemas import TARGET_FIELDS, TargetSummarySchema

blueprint = ApiBlueprint(
    "targets",
    __name__,
    url_prefix="/api/v1/targets",
    description="Targets: every number a measure sets (培育50家…, 提升10%), with its unit, qualifier and what is counted.",
)


def summary(record: dict[str, Any], lang: str) -> dict[str, Any]:
    return mentions.in_measure(record, TARGET_FIELDS) | in_script(record, TARGET_WORDS, lang)


def _filters(args: dict[str, Any]) -> tuple[str, list[Any]]:
    """The list's filters as SQL on ``targets t`` joined to ``measures m``: each narrows (AND), a filter's
    values are alternatives (OR). A document the release lacks is a 400 naming it."""
    documents = known_documents(args.get("document") or [])
    conditions, params = each_of(
        (("m.document_id", documents), ("t.unit_kind", args.get("unit_kind")), ("t.qualifier", args.get("qualifier")))
    )
    return " and ".join(["1 = 1", *conditions]), params


@blueprint.route("")
class Targets(MethodView):
    @blueprint.listing("TargetList", TargetSummarySchema, TargetListArgs)
    def get(self, limit: int, cursor: str | None = None, **args: Any) -> dict[str, Any]:
        """Every target, in document order (then by its place in the measure's text), filtered by document,
        unit_kind and qualifier. A release built before targets were extracted has none."""
        offset = offset_from_cursor(cursor)
        where, params = _filters(args)
        found: list[dict[str, Any]] = []  # a release built before the table has none
        total = 0
        if has_table(db(), "targets"):
            joined = f"from targets t join measures m on m.id = t.measure_id where {where}"
            total, found = page_of(db(), "t.*, m.document_id", joined, "order by m.rowid, t.start", params, limit, offset)
        return {
            "data": [summary(t, language()) for t in found],
            "meta": meta(total=total, limit=limit),
            "links": links("targets.Targets", offset, limit, total),
        }
