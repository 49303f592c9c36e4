"""The Flask application factory: the JSON API, the home page and the downloads of one data folder.

Configuration is passed in (``DATA_DIR``, the folder ``dbay build`` writes releases to); nothing
is read from the environment or the network. The API's OpenAPI description is generated from the
marshmallow schemas by flask-smorest, and its interactive page uses Swagger UI's files from the
``swagger_ui_bundle`` package, served locally.
"""

from pathlib import Path
from typing import Any

import swagger_ui_bundle
from flask import Flask, Response, send_from_directory
from flask.json.provider import DefaultJSONProvider
from flask_smorest import Api

from dbay.releases import ReleaseFolder
from dbay.service import (
    agencies,
    citations,
    cited,
    context,
    documents,
    entities,
    errors,
    measures,
    milestones,
    pages,
    places,
    places_geojson,
    reading,
    relations,
    releases,
    targets,
    topic_pages,
    variants,
)
from dbay.service.arguments import describe_releases
from dbay.service.envelopes import ProblemSchema
from dbay.service.errors import PROBLEM_TYPE
from dbay.service.openapi import SharedParameters, add_examples

SWAGGER_ASSETS = "/api/docs/assets/"


class DbayApi(Api):
    """flask-smorest's Api, documenting every error as the problem details the app answers with.

    flask-smorest registers its error response components (400, 404, the default …) when the Api
    is made, with the content type ``DEFAULT_RESPONSE_CONTENT_TYPE`` has then: problem+json here.
    ``create_app`` then sets it back to JSON for the successful responses. Only public attributes
    are used; setup.cfg pins the flask-smorest versions this was tested with, and
    tests/service/test_openapi_and_pages.py checks the content types it gives.
    """

    ERROR_SCHEMA = ProblemSchema
    DEFAULT_RESPONSE_CONTENT_TYPE = PROBLEM_TYPE


def create_app(config: dict[str, Any] | None = None) -> Flask:
    here = Path(__file__).resolve().parent
    app = Flask("dbay.service", root_path=str(here), template_folder="templates", static_folder=None)
    app.config.update(
        DATA_DIR=Path("dist"),
        API_TITLE="dbay: Guangdong digital-policy provisions",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="v1/openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL=SWAGGER_ASSETS,
        API_SPEC_OPTIONS={
            "info": {
                "description": "Every provision of Guangdong's digital-policy documents, with permanent "
                "identifiers, agencies and roles, both scripts, and links to the source text. "
                "Every response names the release that answered (meta.release and the "
                "X-Dataset-Version header); errors are RFC 9457 problem details."
            },
        },
        JSON_SORT_KEYS=False,
    )
    app.config.update(config or {})
    if isinstance(app.json, DefaultJSONProvider):  # the provider Flask makes; another would set its own
        app.json.ensure_ascii = False
    # Given a ReleaseFolder (as the one origin shares its own with Datasette), or made from DATA_DIR.
    folder = app.config.get("RELEASES") or ReleaseFolder(Path(app.config["DATA_DIR"]))
    app.extensions["dbay_releases"] = folder

    api = DbayApi(app, spec_kwargs={"extra_plugins": [SharedParameters()]})
    api.DEFAULT_RESPONSE_CONTENT_TYPE = "application/json"  # the error components are registered by now
    describe_releases(api, folder.versions)  # before the blueprints: their description is made as they register
    for blueprint in (
        documents.blueprint,
        measures.blueprint,
        agencies.blueprint,
        entities.blueprint,
        places.blueprint,
        targets.blueprint,
        milestones.blueprint,
        cited.blueprint,
        variants.blueprint,
        relations.blueprint,
        releases.blueprint,
    ):
        api.register_blueprint(blueprint)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(reading.blueprint)
    app.register_blueprint(topic_pages.blueprint)
    app.register_blueprint(citations.blueprint)
    app.register_blueprint(places_geojson.blueprint)
    errors.register(app)
    context.register(app)

    @app.route(f"{SWAGGER_ASSETS}<path:name>")
    def swagger_assets(name: str) -> Response:
        return send_from_directory(swagger_ui_bundle.swagger_ui_path, name, max_age=86400)

    add_examples(app, api)  # last: the app answers by now, and a Flask app that has answered takes no more routes
    return app
