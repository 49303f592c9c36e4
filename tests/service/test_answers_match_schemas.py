"""Views build their answers in the documented shape and are not dumped again; a test app checks it."""

from typing import Any

import pytest
from flask import Flask
from flask.views import MethodView
from flask_smorest import Api
from marshmallow import Schema, fields

from dbay.service.arguments import ApiBlueprint


class Item(Schema):
    name = fields.String()
    count = fields.Integer()


def app_answering(answer: dict[str, Any], testing: bool) -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=testing, API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.0.3")
    blueprint = ApiBlueprint("items", __name__, url_prefix="/items")

    @blueprint.route("")
    class Items(MethodView):
        @blueprint.answer(Schema.from_dict({"data": fields.Nested(Item)}, name="ItemAnswer"))
        def get(self) -> dict[str, Any]:
            return answer

    Api(app).register_blueprint(blueprint)
    return app


def test_an_answer_in_the_documented_shape_is_sent_as_built() -> None:
    answer = {"data": {"name": "养老", "count": 2}}
    assert app_answering(answer, testing=True).test_client().get("/items").json == answer


@pytest.mark.parametrize("wrong", [{"name": "养老", "count": 2, "undocumented": 1}, {"name": "养老", "count": "2"}])
def test_a_test_app_refuses_an_answer_the_schema_does_not_describe(wrong: dict[str, Any]) -> None:
    with pytest.raises(AssertionError, match="ItemAnswer does not describe"):
        app_answering({"data": wrong}, testing=True).test_client().get("/items")


def test_production_sends_the_answer_without_dumping_it_again() -> None:
    answer = {"data": {"name": "养老", "count": 2, "undocumented": 1}}
    assert app_answering(answer, testing=False).test_client().get("/items").json == answer
