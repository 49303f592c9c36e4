"""/api/v1/milestones: the deadlines and steps measures name (issue 13), soonest first, with the measure naming each."""

from typing import Any

from flask.views import MethodView

from dbay.service import mentions
from dbay.service.arguments import ApiBlueprint, MilestoneListArgs
from dbay.service.context import db, meta
from dbay.service.documents import known_documents
from dbay.service.paging import links, offset_from_cursor
from dbay.service.queries import each_of, has_table, page_of
from dbay.service.schemas import MILESTONE_FIELDS
from dbay.service.topic_schemas import MilestoneSummarySchema

blueprint = ApiBlueprint(
    "milestones",
    __name__,
    url_prefix="/api/v1/milestones",
    description="Milestones: every date by which a measure says something is to happen (到2024年底) and each step of a "
    "staged plan, with the last day of the period named, soonest first.",
)
# Soonest first; those relative to an undated document (no due date) last; then in the order of the texts.
IN_DUE_ORDER = "order by mi.due is null, mi.due, m.rowid, mi.start"


def summary(record: dict[str, Any]) -> dict[str, Any]:
    """A milestone as the list answers it: its fields are dates, codes and a quote of measures.text, so in no script."""
    return mentions.in_measure(record, MILESTONE_FIELDS)


def _filters(args: dict[str, Any]) -> tuple[str, list[Any]]:
    """The list's filters as SQL on ``milestones mi`` joined to ``measures m``: each narrows (AND), a filter's
    values are alternatives (OR). A document the release lacks is a 400 naming it."""
    conditions, params = each_of((("m.document_id", known_documents(args.get("document") or [])), ("mi.kind", args.get("kind"))))
    for bound, sign in (("due_after", ">="), ("due_before", "<=")):
        if day := args.get(bound):
            conditions.append(f"mi.due {sign} ?")
            params.append(day)
    return " and ".join(["1 = 1", *conditions]), params


def in_due_order(args: dict[str, Any], limit: int = -1, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """How many milestones the filters ``args`` keep, and those from ``offset`` (``limit`` of them, or all),
    soonest first, each with its measure's document_id, path and titles. A release built before
    milestones were extracted has none."""
    if not has_table(db(), "milestones"):
        return 0, []
    where, params = _filters(args)
    joined = f"from milestones mi join measures m on m.id = mi.measure_id where {where}"
    selected = "mi.*, m.document_id, m.path, m.title, m.title_hant, m.title_en"
    return page_of(db(), selected, joined, IN_DUE_ORDER, params, limit, offset)


@blueprint.route("")
class Milestones(MethodView):
    @blueprint.listing("MilestoneList", MilestoneSummarySchema, MilestoneListArgs)
    def get(self, limit: int, cursor: str | None = None, **args: Any) -> dict[str, Any]:
        """Every milestone, soonest first (those without a due date last, then in document order), filtered by
        document, kind and due date (due_after, due_before). A release built before milestones were extracted has none."""
        offset = offset_from_cursor(cursor)
        total, found = in_due_order(args, limit, offset)
        return {
            "data": [summary(milestone) for milestone in found],
            "meta": meta(total=total, limit=limit),
            "links": links("milestones.Milestones", offset, limit, total),
        }
