"""HTTP details clients and caches rely on: what the OpenAPI description promises about parameters,
undecodable parameters, and the headers of an error."""

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.service.conftest import PLAN
from tests.service.described import parameters


def test_release_is_described_as_the_server_checks_it(client: FlaskClient) -> None:
    spec: dict[str, Any] = client.get("/api/v1/openapi.json").get_json()
    releases = [parameters(spec, path)["release"] for path in spec["paths"]]
    assert releases and all(p["schema"].get("pattern") == r"^[0-9]+(?:\.[0-9]+)*$" for p in releases)
    # an empty release= breaks the pattern, so the 400 the server gives is what the description says
    response = client.get("/api/v1/measures?release=")
    assert response.status_code == 400
    assert [item["name"] for item in response.get_json()["invalid_params"]] == ["release"]


def test_a_parameter_that_is_not_utf8_is_a_bad_request(client: FlaskClient) -> None:
    response = client.get("/api/v1/measures?q=%FF%FE")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert response.get_json()["invalid_params"][0]["name"] == "q"
    # valid percent-encoded Chinese is answered as before
    assert client.get("/api/v1/measures?q=%E6%95%B0%E6%8D%AE").status_code == 200


def test_a_405_says_which_methods_are_allowed(client: FlaskClient) -> None:
    response = client.post(f"/api/v1/documents/{PLAN}")
    assert response.status_code == 405 and response.mimetype == "application/problem+json"
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}


def test_a_response_carries_one_date_header(server: str) -> None:
    with urllib.request.urlopen(f"{server}/api/v1/documents/{PLAN}") as response:
        assert len(response.headers.get_all("Date") or []) == 1
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(f"{server}/api/v1/documents/nope")
    assert raised.value.code == 404 and len(raised.value.headers.get_all("Date") or []) == 1


def test_concurrent_requests_are_all_answered(server: str) -> None:
    # asgiref's WSGI adapter (3.9 and later) failed about half of these with a 500
    urls = [f"{server}/api/v1/measures?limit={n}&lang=zh-Hant" for n in range(1, 121)]

    def status(url: str) -> int:
        try:
            with urllib.request.urlopen(url) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(status, urls))
    assert statuses == [200] * len(urls)
