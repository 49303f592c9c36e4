"""The pages on what measures are about (issue 13): the named things they mention, one by one and all
together, the places they name, every target they set, their deadlines in date order, and the
documents they cite.

They are reading pages as service/reading.py's: the same script switch, release pinning and JSON by
Accept where the API has an answer (an entity, the entities, the places, a place, the targets, the
milestones, the cited documents); a cited document's own page has none.
"""

from collections import Counter
from typing import Any, get_args

from flask import Blueprint, Response, current_app, redirect, request
from markupsafe import Markup
from werkzeug.wrappers import Response as WerkzeugResponse

from dbay.schema.enrichment import EntityType, PlaceKind
from dbay.service import (
    cited,
    csv_links,
    documents,
    entities,
    languages,
    measure_topics,
    mentions,
    milestones,
    place_maps,
    places,
    reading,
    targets,
)
from dbay.service.charts import stacked_bars
from dbay.service.context import db, language, text
from dbay.service.paging import offset_from_cursor
from dbay.service.queries import has_table, placeholders, rows

blueprint = Blueprint("topics", __name__)
TOPIC_PAGE_SIZE = 200  # provisions listed on an entity's or a place's page at a time
blueprint.before_request(reading.negotiate)
blueprint.context_processor(reading.helpers)
blueprint.add_app_template_global(cited.cited_key, "cited_key")  # the provision page links its cited documents

DEADLINES_QUERY = "deadlines_in_order"  # datasette/metadata.yml: the CSV of the deadlines page


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


def _a_page(kind: mentions.Kind, named_ids: list[str], lang: str) -> dict[str, Any]:
    """One page of the provisions mentioning ``named_ids`` (``TOPIC_PAGE_SIZE`` of them, 200 unless
    configured), with their total and the next page's URL: a broad place (广东) is named by thousands."""
    size = int(current_app.config.get("TOPIC_PAGE_SIZE", TOPIC_PAGE_SIZE))
    offset = offset_from_cursor(request.args.get("cursor"))
    total = mentions.measures_mentioning(kind, named_ids)
    following = reading.next_page_url(offset + size) if offset + size < total else None
    return {
        "naming": mentions.mentioning_measures(kind, named_ids, lang, size, offset),
        "total": total,
        "offset": offset,
        "following": following,
    }


@blueprint.route("/entities/<entity_id>")
def entity(entity_id: str) -> Response:
    lang = language()
    data = entities.detail(entity_id, with_measures=False)
    return reading.page(
        "entity.html",
        entity=data,
        titles=documents.titles(lang),
        csv_url=csv_links.entity_csv(entity_id),
        **_a_page("entity", [entity_id], lang),
    )


@blueprint.route("/targets")
def target_list() -> Response:
    """Every target, by document in the order of the texts, with the measure setting it."""
    lang = language()
    found = []
    if has_table(db(), "targets"):
        found = rows(
            db(),
            """select t.*, m.document_id, m.path, m.title, m.title_hant, m.title_en
               from targets t join measures m on m.id = t.measure_id order by m.rowid, t.start""",
        )
    listed = [targets.summary(record, lang) | {"path": record["path"], "title": text(record, "title", lang)} for record in found]
    titles = documents.titles(lang)
    by_document = {title: Counter[str]() for title in titles.values()}  # every document, in id order
    for target in listed:
        by_document[titles[target["document_id"]]][target["unit_kind"]] += 1
    chart = stacked_bars(by_document)
    return reading.page("targets.html", targets=listed, titles=titles, chart=chart, csv_url=csv_links.targets_csv())


@blueprint.route("/deadlines")
def deadlines() -> Response:
    """Every milestone with a due date, soonest first, then those relative to an undated document: the
    API's list (/api/v1/milestones) unfiltered, which is also the page's JSON."""
    lang = language()
    _, found = milestones.in_due_order({})
    listed = [milestone | {"title": text(milestone, "title", lang)} for milestone in found]
    return reading.page(
        "deadlines.html",
        dated=[milestone for milestone in listed if milestone["due"]],
        undated=[milestone for milestone in listed if not milestone["due"]],
        titles=documents.titles(lang),
        csv_url=csv_links.deadlines_csv(DEADLINES_QUERY),
    )


@blueprint.route("/places")
def place_index() -> Response:
    """Every place of the release by kind, each with the measures naming it and those naming it or a place
    within it (the most of those first, then by id)."""
    lang = language()
    every, _ = mentions.listed("place", "kind", None, None)
    within, parents = measure_topics.measures_within(), {place["id"]: places.reference(place, lang) for place in every}
    listed = sorted(
        (places.summary(place, lang, parents, within) for place in every),
        key=lambda place: (-place["counts"]["measures_within"], place["id"]),
    )
    by_kind = {kind: [place for place in listed if place["kind"] == kind] for kind in get_args(PlaceKind)}
    return reading.page(
        "places.html",
        by_kind={kind: listed for kind, listed in by_kind.items() if listed},
        csv_url=csv_links.places_csv(),
        map_svg=place_maps.drawn(
            (
                place_maps.point(
                    p, text(p, "name", lang), reading.page_url("topics.place", place_id=p["id"]), lang, p["measures"]
                )
                for p in every
                if p["measures"]  # a place no measure names itself would be a dot of nothing
            ),
            label=languages.page_wording(
                "每个有坐标的地点，圆点大小按提及它的条目数 Every place with a point, sized by the measures naming it", lang
            ),
            lang=lang,
            tooltip=languages.page_wording("{name}：{count} 条 measures", lang),
        ),
    )


@blueprint.route("/places/<place_id>")
def place(place_id: str) -> Response:
    """A place, the place it lies in and those within it, and every provision naming it or a place within it."""
    lang = language()
    data = places.detail(place_id, with_measures=False)
    within = measure_topics.places_within([place_id])
    return reading.page(
        "place.html",
        place=data,
        headed=mentions.naming_sections("place", within, lang),
        titles=documents.titles(lang),
        query_url=csv_links.place_query(place_id),
        csv_url=csv_links.place_csv(place_id),
        map_svg=_place_map(place_id, lang),
        **_a_page("place", within, lang),
    )


def _place_map(place_id: str, lang: str) -> Markup | None:
    """The place (highlighted) and the places within it that have a point, each sized by the measures naming it."""
    within = measure_topics.places_within([place_id])
    found = rows(db(), f"{mentions.counted('place')} where x.id in ({placeholders(within)}) group by x.id", *within)
    return place_maps.drawn(
        (
            place_maps.point(
                p,
                text(p, "name", lang),
                reading.page_url("topics.place", place_id=p["id"]),
                lang,
                p["measures"],
                p["id"] == place_id,
            )
            for p in found
        ),
        label=languages.page_wording("这个地点和其中的地点 The place and the places within it", lang),
        lang=lang,
        tooltip=languages.page_wording("{name}：{count} 条 measures", lang),
    )


@blueprint.route("/cited")
def cited_index() -> Response:
    """Every document the measures cite, by title, with how many measures cite it."""
    return reading.page("cited.html", cited=cited.cited_documents(language()), csv_url=csv_links.cited_csv())


@blueprint.route("/cited/<path:key>")
def cited_document(key: str) -> Response | WerkzeugResponse:
    """Every provision citing one document (its key: ``cited.cited_key``), by document in the order of the texts."""
    if key != cited.cited_key(key):  # a title as cited (in Traditional, with spaces): its page is at the key
        return redirect(reading.page_url("topics.cited_document", key=cited.cited_key(key)), 301)
    lang = language()
    document, citations = cited.citing(key, lang)
    return reading.page("cited_document.html", cited=document, citations=citations, titles=documents.titles(lang))
