"""The pages on what measures are about (issue 13): the named things they mention, one by one and all
together, every target they set, and their deadlines in date order.

They are reading pages as service/reading.py's: the same script switch, release pinning and JSON by
Accept where the API has an answer (an entity, the entities, the targets). The deadlines have none
in the API: their page names the Datasette query listing them (``deadlines_in_order``) as its JSON.
"""

from collections import Counter
from typing import get_args

from flask import Blueprint, Response

from dbay.schema.enrichment import EntityType
from dbay.service import csv_links, entities, mentions, reading, targets
from dbay.service.charts import stacked_bars
from dbay.service.context import datasette_url, db, language, text
from dbay.service.queries import has_table, rows

blueprint = Blueprint("topics", __name__)
blueprint.before_request(reading.negotiate)
blueprint.context_processor(reading.helpers)

DEADLINES_QUERY = "deadlines_in_order"  # datasette/metadata.yml


def _titles(lang: str) -> dict[str, str]:
    return {d["id"]: text(d, "title", lang) for d in rows(db(), "select id, title, title_hant from documents order by id")}


@blueprint.route("/entities")
def entity_index() -> Response:
    """Every entity of the release by type, each with how many measures mention it (the most first)."""
    lang = language()
    found = []
    if has_table(db(), "entities"):
        found = rows(db(), f"{mentions.counted('entity')} group by x.id order by measures desc, x.id")
    listed = [entities.summary(record, lang) for record in found]
    by_type = {kind: [entity for entity in listed if entity["type"] == kind] for kind in get_args(EntityType)}
    return reading.page(
        "entities.html", by_type={kind: listed for kind, listed in by_type.items() if listed}, csv_url=csv_links.entities_csv()
    )


@blueprint.route("/entities/<entity_id>")
def entity(entity_id: str) -> Response:
    return reading.page(
        "entity.html", entity=entities.detail(entity_id), titles=_titles(language()), csv_url=csv_links.entity_csv(entity_id)
    )


@blueprint.route("/targets")
def target_list() -> Response:
    """Every target, by document in the order of the texts, with the measure setting it."""
    lang = language()
    found = []
    if has_table(db(), "targets"):
        found = rows(
            db(),
            """select t.*, m.document_id, m.path, m.title, m.title_hant
               from targets t join measures m on m.id = t.measure_id order by m.rowid, t.start""",
        )
    listed = [targets.summary(record, lang) | {"path": record["path"], "title": text(record, "title", lang)} for record in found]
    titles = _titles(lang)
    by_document = {title: Counter[str]() for title in titles.values()}  # every document, in id order
    for target in listed:
        by_document[titles[target["document_id"]]][target["unit_kind"]] += 1
    chart = stacked_bars(by_document)
    return reading.page("targets.html", targets=listed, titles=titles, chart=chart, csv_url=csv_links.targets_csv())


@blueprint.route("/deadlines")
def deadlines() -> Response:
    """Every milestone with a due date, soonest first, then those relative to an undated document."""
    lang = language()
    found = []
    if has_table(db(), "milestones"):
        found = rows(
            db(),
            """select mi.raw, mi.due, mi.kind, mi.resolution, m.id as measure_id, m.document_id, m.path, m.title, m.title_hant
               from milestones mi join measures m on m.id = mi.measure_id
               order by mi.due is null, mi.due, m.rowid, mi.start""",
        )
    listed = [milestone | {"title": text(milestone, "title", lang)} for milestone in found]
    return reading.page(
        "deadlines.html",
        dated=[milestone for milestone in listed if milestone["due"]],
        undated=[milestone for milestone in listed if not milestone["due"]],
        titles=_titles(lang),
        json_url=f"{datasette_url(DEADLINES_QUERY)}.json?_shape=objects",
        csv_url=csv_links.deadlines_csv(DEADLINES_QUERY),
    )
