"""/api/v1/places.geojson: the places with a point, as a GeoJSON FeatureCollection (RFC 7946) for maps.

Outside the OpenAPI description, as the citation files are: a file in a format of its own rather
than an answer in the API's envelope. It takes ``lang`` and ``release`` like every answer.
"""

import json

from flask import Blueprint, Response

from dbay.service import measure_topics
from dbay.service.context import db, language, link, text
from dbay.service.mentions import counted
from dbay.service.queries import has_table, rows

blueprint = Blueprint("places_geojson", __name__)

GEOJSON_TYPE = "application/geo+json"


@blueprint.route("/api/v1/places.geojson")
def places_geojson() -> Response:
    """Each place with a point, by id: GeoJSON writes longitude first; the properties count the
    measures naming the place itself and those naming it or a place within it, as /places does."""
    lang = language()
    located = []
    if has_table(db(), "places"):  # a release built before places were extracted has none
        located = rows(db(), f"{counted('place')} where x.latitude is not null group by x.id order by x.id")
    within = measure_topics.measures_within()
    features = [
        {
            "type": "Feature",
            "id": place["id"],
            "geometry": {"type": "Point", "coordinates": [place["longitude"], place["latitude"]]},
            "properties": {
                "id": place["id"],
                "kind": place["kind"],
                "name": text(place, "name", lang),
                "parent_id": place["parent_id"],
                "mentions": place["mentions"],
                "measures": place["measures"],
                "measures_within": within.get(place["id"], 0),
                "url": link("places.Place", place_id=place["id"]),
            },
        }
        for place in located
    ]
    body = {"type": "FeatureCollection", "features": features}
    return Response(json.dumps(body, ensure_ascii=False) + "\n", mimetype=GEOJSON_TYPE)
