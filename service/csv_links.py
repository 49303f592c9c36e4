"""Where each page's data can be had as CSV: Datasette's CSV of the same rows, in the same release.

``_dl=1`` makes Datasette answer ``text/csv`` (a download) rather than ``text/plain``; ``_size=max``
gives every row up to Datasette's limit, far above any document's measures. The database is the
answering release's (``context.datasette_url``), so a page pinned with ``release=`` names that release.
"""

from urllib.parse import urlencode

from dbay.service import agency_names
from dbay.service.context import datasette_url

DOWNLOAD = {"_size": "max", "_dl": "1"}


def _csv(table: str, **arguments: str) -> str:
    return f"{datasette_url(table)}.csv?{urlencode({**arguments, **DOWNLOAD})}"


def measure_csv(measure_id: str) -> str:
    """The measure's row of the measures table."""
    return f"{datasette_url('measures', measure_id)}.csv?_dl=1"


def document_csv(document_id: str) -> str:
    """The document's measures, in the order of the text."""
    return _csv("measures", document_id=document_id, _sort="position")


def agency_csv(agency_id: str) -> str:
    """The measures the agency leads and shares: its rows of measure_agencies, with the measures' titles."""
    return _csv("measure_agencies", agency_id=agency_id, _labels="on")


def search_csv(chosen: dict[str, str]) -> str | None:
    """The measures a search finds (q, document, agency, as the search page chose them), by Datasette's
    search; None before anything is chosen, when the page lists nothing."""
    if not chosen:
        return None
    arguments = {}
    if "q" in chosen:
        arguments["_search"] = chosen["q"]
    if "document" in chosen:
        arguments["document_id"] = chosen["document"]
    if "agency" in chosen:  # an id, a name or an alias, as the search page takes it: Datasette needs the ids
        ids = ", ".join("'" + agency.replace("'", "''") + "'" for agency in agency_names.resolved("agency", [chosen["agency"]]))
        arguments["_where"] = f"id in (select measure_id from measure_agencies where agency_id in ({ids}))"
    return _csv("measures", **arguments)


def entity_csv(entity_id: str) -> str:
    """The entity's mentions: its rows of measure_entities, with the measures' titles."""
    return _csv("measure_entities", entity_id=entity_id, _labels="on")


def entities_csv() -> str:
    """Every entity's row."""
    return _csv("entities")


def places_csv() -> str:
    """Every place's row."""
    return _csv("places")


def targets_csv() -> str:
    """Every target's row, with its measure's title."""
    return _csv("targets", _labels="on")


def deadlines_csv(query: str) -> str:
    """The rows of the Datasette query listing the deadlines in order."""
    return _csv(query)


PLACE_QUERY = "place_measures"  # datasette/metadata.yml: the measures naming a place or a place within it


def place_query(place_id: str) -> str:
    """Datasette's canned query of every provision naming the place or a place within it, as a page."""
    return f"{datasette_url(PLACE_QUERY)}?{urlencode({'name': place_id})}"


def place_csv(place_id: str) -> str:
    """The rows of that query."""
    return _csv(PLACE_QUERY, name=place_id)


def cited_csv() -> str:
    """Every citation's row, with its measure's title."""
    return _csv("citations", _labels="on")
