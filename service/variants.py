"""/api/v1/variants: where renditions word a measure differently from its text (issue 14), in document order."""

from dataclasses import dataclass
from typing import Any, Literal

from flask.views import MethodView

from dbay.service.arguments import ApiBlueprint, VariantListArgs
from dbay.service.connection_schemas import VARIANT_FIELDS, VariantSummarySchema
from dbay.service.context import db, link, meta
from dbay.service.documents import known_documents, known_records
from dbay.service.paging import links, offset_from_cursor
from dbay.service.queries import each_of, has_table, page_of, rows

blueprint = ApiBlueprint(
    "variants",
    __name__,
    url_prefix="/api/v1/variants",
    description="Variants: where a rendition (a news report, an encyclopedia page) words a measure differently from the "
    "measure's text, once script, cross-strait vocabulary, punctuation and whitespace are set aside.",
)
JOINED = "from variants v join measures m on m.id = v.measure_id join renditions r on r.id = v.rendition_id"
IN_TEXT_ORDER = "order by m.rowid, v.rendition_id, v.position"


def _filters(args: dict[str, Any]) -> tuple[str, list[Any]]:
    """The list's filters as SQL: each narrows (AND), a filter's values are alternatives (OR)."""
    conditions, params = each_of(
        (
            ("m.document_id", known_documents(args.get("document") or [])),
            ("v.measure_id", known_records("measures", "measure", args.get("measure") or [])),
            ("v.rendition_id", known_records("renditions", "rendition", args.get("rendition") or [])),
            ("v.kind", args.get("kind")),
        )
    )
    return " and ".join(["1 = 1", *conditions]), params


def summary(record: dict[str, Any]) -> dict[str, Any]:
    """A variant as the list answers it: fragments are quotes of the texts, so in no script of the API's choosing."""
    return {
        "measure_id": record["measure_id"],
        "document_id": record["document_id"],
        "rendition_kind": record["rendition_kind"],
        **{name: record[name] for name in VARIANT_FIELDS},
        "links": {"measure": link("measures.Measure", measure_id=record["measure_id"])},
    }


@dataclass(frozen=True)
class Piece:
    """A run of a diff: words both have (equal), the measure's words the rendition has not (delete), or its own (insert)."""

    change: Literal["equal", "delete", "insert"]
    text: str


def as_diff(measure_text: str, variants: list[dict[str, Any]]) -> list[Piece]:
    """The measure's text with one rendition's variants marked in it, from their offsets into the text."""
    pieces: list[Piece] = []
    at = 0
    for variant in sorted(variants, key=lambda v: (v["canonical_start"], v["position"])):
        if variant["canonical_start"] > at:
            pieces.append(Piece("equal", measure_text[at : variant["canonical_start"]]))
        if variant["canonical_fragment"]:
            pieces.append(Piece("delete", variant["canonical_fragment"]))
        if variant["variant_fragment"]:
            pieces.append(Piece("insert", variant["variant_fragment"]))
        at = max(at, variant["canonical_end"])
    if at < len(measure_text):
        pieces.append(Piece("equal", measure_text[at:]))
    return pieces


def by_rendition(measure_text: str, variants: list[dict[str, Any]], rendition_ids: list[str]) -> dict[str, list[Piece]]:
    """Each rendition's diff against the measure's text; a rendition without variants has none (it agrees)."""
    return {
        rendition_id: as_diff(measure_text, [v for v in variants if v["rendition_id"] == rendition_id])
        for rendition_id in rendition_ids
        if any(v["rendition_id"] == rendition_id for v in variants)
    }


def of_measure(measure_id: str) -> list[dict[str, Any]]:
    """The measure's variants, by rendition then in text order (none in a release built before variants)."""
    if not has_table(db(), "variants"):
        return []
    found = rows(
        db(),
        f"select v.*, r.kind as rendition_kind {JOINED} where v.measure_id = ? order by v.rendition_id, v.position",
        measure_id,
    )
    return [{"rendition_kind": record["rendition_kind"], **{name: record[name] for name in VARIANT_FIELDS}} for record in found]


@blueprint.route("")
class Variants(MethodView):
    @blueprint.listing("VariantList", VariantSummarySchema, VariantListArgs)
    def get(self, limit: int, cursor: str | None = None, **args: Any) -> dict[str, Any]:
        """Every variant, in document order (by measure, then rendition, then place in the text), filtered by
        document, measure, rendition and kind. A release built before variants were recorded has none."""
        offset = offset_from_cursor(cursor)
        found: list[dict[str, Any]] = []  # a release built before the table has none
        total = 0
        if has_table(db(), "variants"):
            where, params = _filters(args)
            selected = "v.*, m.document_id, r.kind as rendition_kind"
            total, found = page_of(db(), selected, f"{JOINED} where {where}", IN_TEXT_ORDER, params, limit, offset)
        return {
            "data": [summary(variant) for variant in found],
            "meta": meta(total=total, limit=limit),
            "links": links("variants.Variants", offset, limit, total),
        }
