"""The pages people read: a document, a provision, an agency, and search results.

Each is server-rendered HTML (no JavaScript, nothing from another origin) at a permanent URL built
from the ids, in the script ``lang=`` or Accept-Language chooses (a visible switch on every page).
The URL is also the thing's JSON: a client preferring ``application/json`` to ``text/html`` gets the
API's own answer there (the API's view is called, so the two never differ), and every answer says
``Vary: Accept``. The page itself names its JSON with ``<link rel="alternate">`` and a ``Link`` header.
The data come from the API modules' own functions; this module only adds what a reader needs
beside them (the source text around a span, previous and next, the breadcrumbs).
"""

from collections.abc import Iterable
from typing import Any

from flask import Blueprint, Response, current_app, g, render_template, request, url_for
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from werkzeug.datastructures import ImmutableMultiDict

from dbay import maps
from dbay.service import agencies, citations, csv_links, documents, languages, measures, place_maps, relations, variants
from dbay.service.context import db, found, language, pinned, release, text, this_page_in
from dbay.service.errors import bad_parameter
from dbay.service.paging import encode_cursor, offset_from_cursor
from dbay.service.queries import has_table, placeholders, row, rows

blueprint = Blueprint("reading", __name__)

# The API view answering each page's JSON.
API_VIEWS = {
    "reading.document": "documents.Document",
    "reading.measure": "measures.Measure",
    "reading.agency": "agencies.Agency",
    "reading.search": "measures.Measures",
    "topics.entity_index": "entities.Entities",
    "topics.entity": "entities.Entity",
    "topics.target_list": "targets.Targets",
    "topics.deadlines": "milestones.Milestones",
    "topics.place_index": "places.Places",
    "topics.place": "places.Place",
    "topics.cited_index": "cited_documents.CitedDocuments",
}
CONTEXT = 100  # characters of the source text shown on each side of a provision's span
RESULTS_PER_PAGE = 20
SEARCH_FILTERS = ("q", "document", "agency")


def prefers_json() -> bool:
    """Whether the client ranks application/json above text/html (a browser's */* does not)."""
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


@blueprint.before_request
def negotiate() -> Response | None:
    """Answers JSON for a page the API has an answer of (API_VIEWS); the others are pages only."""
    if str(request.endpoint) in API_VIEWS:
        g.negotiated = True  # context._finish adds Vary: Accept
    if g.get("negotiated") and prefers_json():
        # The search form sends the filters it leaves at "all" empty; on the page they mean no filter.
        request.args = ImmutableMultiDict([(name, value) for name, value in request.args.items(multi=True) if value])
        answer: Any = current_app.view_functions[API_VIEWS[str(request.endpoint)]](**(request.view_args or {}))
        return current_app.make_response(answer)
    g.page = True  # errors.problem_response answers a person with a page; context._finish gives it its own ETag
    return None


def page_url(endpoint: str, **values: Any) -> str:
    """A link to a page that keeps the request's release and the script chosen with lang=."""
    kept = {**pinned(), **({"lang": language()} if "lang" in request.args else {})}
    return url_for(endpoint, **{**kept, **values})


def next_page_url(offset: int, replaced: Iterable[str] = (), **chosen: str) -> str:
    """This page from ``offset`` on: the same arguments (those named in ``replaced`` left out for
    ``chosen``), the script by its canonical tag, and the release the cursor pins named, as the API's
    next link names it."""
    kept = {name: value for name, value in request.args.items() if name not in ("cursor", "release", *replaced, *chosen)}
    kept |= {"lang": language()} if "lang" in kept else {}  # the canonical tag, as every link of a page
    here = {**(request.view_args or {}), **kept, **chosen, "release": release().version}
    return url_for(str(request.endpoint), **here, cursor=encode_cursor(offset))


def api_url() -> str | None:
    """The JSON this page shows, at the API's own URL (also answered here to Accept: application/json),
    or None for a page the API has no answer of.

    The search form sends the filters it leaves at "all" empty, which the API would refuse."""
    if str(request.endpoint) not in API_VIEWS:
        return None
    arguments = {**(request.view_args or {}), **{name: value for name, value in request.args.items() if value}}
    if "lang" in arguments:
        arguments["lang"] = language()  # the canonical tag, as the page's other links
    return url_for(API_VIEWS[str(request.endpoint)], **arguments)


@blueprint.context_processor
def helpers() -> dict[str, Any]:
    if "failed" in g:  # the page of a request that could not be answered (a bad lang= among them)
        return {}
    lang = language()
    here = {**(request.view_args or {}), **request.args}
    return {
        "lang": lang,
        "page_url": page_url,
        "script_url": this_page_in,
        # The same page in either script is one thing; its release, search and page are part of what it is.
        "canonical": url_for(str(request.endpoint), **{k: v for k, v in here.items() if k != "lang"}, _external=True),
        "json_url": api_url(),
    }


@blueprint.app_template_filter("in_script")
@pass_context
def in_script(context: Context, label: str) -> str:
    """A page's own wording (a heading, a label) in the language the page is read in; the templates
    write it in Simplified, mostly followed by its English. Texts from the release come in the chosen
    language already."""
    return languages.page_wording(label, str(context.get("lang")))


@blueprint.app_template_global()
def map_style() -> Markup:
    """The maps' look (dbay.maps owns it, for Datasette's pages too), for base.html's style sheet."""
    return Markup(maps.STYLE)


@blueprint.app_template_filter("as_read")
@pass_context
def as_read(context: Context, quote: str) -> str:
    """A quote of a measure's text (a mention's raw, Simplified as measures.text) in the script the page
    shows that text in, so that a reader finds it there."""
    return languages.in_script(quote, str(context.get("lang")))


blueprint.add_app_template_filter(relations.marked, "marked")


@blueprint.app_template_global()
def headed(label: str | None, title: str) -> str:
    """A heading as the documents print it: 一、总体要求, （一）指导思想, 1. 推动…; the title alone without a number."""
    if not label:
        return title
    if label.endswith("）"):
        return f"{label}{title}"
    if label.isascii():
        return f"{label}. {title}"
    return f"{label}、{title}"


def page(template: str, **context: Any) -> Response:
    """A page, naming its JSON in a Link header: the API's (api_url), or ``json_url`` where the API has none."""
    response = Response(render_template(template, **context), mimetype="text/html")
    if json_url := context.get("json_url") or api_url():
        response.headers["Link"] = f'<{json_url}>; rel="alternate"; type="application/json"'
    return response


@blueprint.route("/documents/<document_id>")
def document(document_id: str) -> Response:
    return page("document.html", document=documents.detail(document_id), csv_url=csv_links.document_csv(document_id))


@blueprint.route("/measures/<measure_id>")
def measure(measure_id: str) -> Response:
    data = measures.detail(measure_id)
    lang = language()
    urls = {r["id"]: r["url"] for r in rows(db(), "select id, url from renditions where document_id = ?", data["document_id"])}
    sources = [source | _in_context(source) | {"url": urls.get(source["rendition_id"])} for source in data["sources"]]
    others = [s["rendition_id"] for s in data["sources"] if s["rendition_id"] != data["text_rendition_id"]]
    simplified = found("select text from measures where id = ?", "measure", measure_id)["text"]  # variants' offsets are into it
    differences = variants.by_rendition(simplified, data["variants"], others)
    neighbours = {
        name: row(
            db(),
            f"select id, label, title, title_hant, title_en from measures where document_id = ? and position {sign} ? "
            f"order by position {order} limit 1",
            data["document_id"],
            data["position"],
        )
        for name, sign, order in (("previous", "<", "desc"), ("next", ">", "asc"))
    }
    for name, neighbour in neighbours.items():
        if neighbour:
            neighbours[name] = neighbour | {"title": text(neighbour, "title", lang)}
    named_places = list({place["id"]: place for place in data.get("places", [])}.values())  # each once, first mention first
    return page(
        "measure.html",
        measure=data,
        sources=sources,
        crumbs=_crumbs(data, lang),
        neighbours=neighbours,
        mentioned=list({entity["id"]: entity for entity in data["entities"]}.values()),  # each once, first mention first
        named_places=[place | {"others": csv_links.place_query(place["id"])} for place in named_places],
        places_map=place_maps.drawn(
            (place_maps.point(p, p["name"], page_url("topics.place", place_id=p["id"]), lang) for p in named_places),
            label=languages.page_wording("本条提及的地点 The places this provision names", lang),
            lang=lang,
        ),
        differences=differences,
        variants_recorded=has_table(db(), "variants"),
        bibtex=citations.bibtex(data, lang),
        csl_json=citations.csl_json_text(data, lang),
        csv_url=csv_links.measure_csv(measure_id),
    )


def _in_context(source: dict[str, Any]) -> dict[str, Any]:
    """The rendition's text just before and after a source span, for showing the span where it stands."""
    start, end = source["start"], source["end"]
    first = max(start - CONTEXT, 0)
    around = row(
        db(),
        "select substr(raw_text, ? + 1, ? - ?) as before, substr(raw_text, ? + 1, ?) as after, length(raw_text) as length "
        "from renditions where id = ?",
        first,
        start,
        first,
        end,
        CONTEXT,
        source["rendition_id"],
    )
    assert around is not None  # measure_sources.rendition_id is a foreign key
    return around | {"cut_before": first > 0, "cut_after": end + CONTEXT < around["length"]}


def _crumbs(data: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """The sections above a measure, outermost first, each with its anchor on the document page."""
    path = data["path"].split(".")
    ids = [f"{data['document_id']}.{'.'.join(path[:depth])}" for depth in range(1, len(path))]
    marks = placeholders(ids)
    found = (
        rows(db(), f"select id, label, heading, heading_hant, heading_en from sections where id in ({marks})", *ids)
        if ids
        else []
    )
    by_id = {section["id"]: section for section in found}
    return [
        {"id": section_id, "label": by_id[section_id]["label"], "heading": text(by_id[section_id], "heading", lang)}
        for section_id in ids
        if section_id in by_id
    ]


@blueprint.route("/agencies/<agency_id>")
def agency(agency_id: str) -> Response:
    data = agencies.detail(agency_id, with_predecessors=True)
    titles = documents.titles(language())
    successors = rows(
        db(),
        "select a.id, a.name, a.name_hant, a.name_en, s.effective "
        "from agency_successions s join agencies a on a.id = s.successor_id where s.predecessor_id = ?",
        agency_id,
    )
    for successor in successors:
        successor["name"] = text(successor, "name", language())
    return page(
        "agency.html",
        agency=data,
        titles=titles,
        successors=successors,
        csv_url=csv_links.agency_csv(agency_id),
        coverage=agencies.agency_clause_coverage(),
    )


@blueprint.route("/search")
def search() -> Response:
    """The API's search (the same function, so the same matches, order and snippets), a page at a time."""
    lang = language()
    chosen = {name: request.args[name].strip() for name in SEARCH_FILTERS if request.args.get(name, "").strip()}
    if len(chosen.get("q", "")) > 200:
        raise bad_parameter("q", "at most 200 characters")
    offset = offset_from_cursor(request.args.get("cursor"))
    total, results, searched = measures.listing(chosen, RESULTS_PER_PAGE, offset, lang) if chosen else (0, [], None)
    following = None
    if offset + RESULTS_PER_PAGE < total:
        following = next_page_url(offset + RESULTS_PER_PAGE, SEARCH_FILTERS, **chosen)  # the filters as chosen, trimmed
    choices = {
        "documents": [{"id": document_id, "title": title} for document_id, title in documents.titles(lang).items()],
        "agencies": [
            {"id": a["id"], "name": text(a, "name", lang)}
            for a in rows(
                db(),
                "select id, name, name_hant, name_en from agencies "
                "where id in (select agency_id from measure_agencies) order by name",
            )
        ],
    }
    titles = {d["id"]: d["title"] for d in choices["documents"]}
    return page(
        "search.html",
        chosen=chosen,
        total=total,
        results=results,
        offset=offset,
        following=following,
        choices=choices,
        titles=titles,
        csv_url=csv_links.search_csv(chosen),
        searched=searched,
    )
