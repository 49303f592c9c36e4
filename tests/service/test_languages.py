"""Which language tags choose which script (service/languages.py), for lang= and Accept-Language,
on the API and on the reading pages; and the canonical tag every answer states."""

import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.service.conftest import PLAN

MEASURE = f"{PLAN}.2.6.1"
# BCP 47 tags, any letter case: the script subtag, or a region that writes one script, or plain zh.
TAGS = {
    "zh-Hans": "zh-Hans",
    "zh-hans": "zh-Hans",
    "ZH-HANS": "zh-Hans",
    "zh-Hans-CN": "zh-Hans",
    "zh-hans-sg": "zh-Hans",
    "zh-CN": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-SG": "zh-Hans",
    "zh": "zh-Hans",
    "ZH": "zh-Hans",
    "zh-Hant": "zh-Hant",
    "zh-hant": "zh-Hant",
    "ZH-HANT": "zh-Hant",
    "zh-Hant-TW": "zh-Hant",
    "zh-hant-hk": "zh-Hant",
    "zh-Hant-MO": "zh-Hant",
    "zh-TW": "zh-Hant",
    "zh-tw": "zh-Hant",
    "zh-HK": "zh-Hant",
    "zh-MO": "zh-Hant",
    "Zh-Mo": "zh-Hant",
}
NOT_TAGS = [
    "zh-Hantx",
    "zh-Hant-",
    "zh_TW",
    "fr",
    "en_US",
    "eng",
    "zh-Latn",
    "zh-JP",
    "zh-TW-",
    "Hant",
    "",
    "zh-Hant\n",
    "zh-Hant-toolongsubtag",
]
# sources/digital-bay-area-action-plan/encyclopedia.txt prints 發文字號:粵辦函〔2023〕297號; document.yml 粤办函〔2023〕297号
DOC_NUMBER = {"zh-Hans": "粤办函〔2023〕297号", "zh-Hant": "粵辦函〔2023〕297號"}


@pytest.mark.parametrize(("tag", "script"), TAGS.items())
def test_each_tag_chooses_its_script_and_the_answer_states_the_canonical_tag(client: FlaskClient, tag: str, script: str) -> None:
    response = client.get("/api/v1/documents", query_string={"lang": tag})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["meta"]["lang"] == script
    assert response.headers["Content-Language"] == script
    plan = next(document for document in response.get_json()["data"] if document["id"] == PLAN)
    assert plan["doc_number"] == DOC_NUMBER[script]


@pytest.mark.parametrize("tag", NOT_TAGS)
def test_any_other_tag_is_a_400_naming_lang_and_the_value(client: FlaskClient, tag: str) -> None:
    response = client.get(f"/api/v1/measures/{MEASURE}", query_string={"lang": tag})
    assert response.status_code == 400
    problem = response.get_json()
    assert [param["name"] for param in problem["invalid_params"]] == ["lang"]
    assert repr(tag) in problem["detail"] and "zh-Hant" in problem["detail"]


@pytest.mark.parametrize("tag", ["zh-Hantx", "zh_TW", "fr"])
@pytest.mark.parametrize("url", ["/", f"/documents/{PLAN}", f"/measures/{MEASURE}", "/search"])
def test_a_page_refuses_the_same_tags(client: FlaskClient, url: str, tag: str) -> None:
    response = client.get(url, query_string={"lang": tag})
    assert response.status_code == 400 and "lang" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/", f"/documents/{PLAN}", f"/measures/{MEASURE}", "/search?q=數據"])
def test_a_page_reads_any_form_and_its_links_use_the_canonical_tag(client: FlaskClient, url: str) -> None:
    response = client.get(f"{url}{'&' if '?' in url else '?'}lang=zh-hant-tw")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="zh-Hant">' in page
    chosen = set(re.findall(r"[?&;]lang=([^&\"#]+)", page))
    assert chosen and chosen <= {"zh-Hans", "zh-Hant", "en"}  # the switch, and the links keeping the language


@pytest.mark.parametrize(
    ("header", "script"),
    [
        ("zh-TW", "zh-Hant"),
        ("zh-hk,zh;q=0.8", "zh-Hant"),
        ("zh-MO", "zh-Hant"),
        ("zh-Hant-HK", "zh-Hant"),
        ("en-US,zh-Hant;q=0.5", "zh-Hant"),
        ("zh-CN,zh-TW;q=0.5", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("zh-yue", "zh-Hans"),
        ("en", "zh-Hans"),
    ],
)
def test_accept_language_reads_the_same_table(client: FlaskClient, header: str, script: str) -> None:
    response = client.get(f"/api/v1/measures/{MEASURE}", headers={"Accept-Language": header})
    assert response.headers["Content-Language"] == script and response.get_json()["meta"]["lang"] == script
    assert response.get_json()["data"]["citation"]["doc_number"] == DOC_NUMBER[script]


def test_lang_overrides_accept_language(client: FlaskClient) -> None:
    response = client.get(f"/api/v1/measures/{MEASURE}?lang=zh-cn", headers={"Accept-Language": "zh-TW"})
    assert response.headers["Content-Language"] == "zh-Hans"


def test_the_openapi_description_states_the_accepted_tags_as_a_pattern(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    shared = spec.get("components", {}).get("parameters", {})

    def resolved(parameter: dict[str, Any]) -> dict[str, Any]:  # a parameter inline, or shared by reference
        return shared[parameter["$ref"].rsplit("/", 1)[1]] if "$ref" in parameter else parameter

    described = [
        resolved(parameter)
        for operation in spec["paths"].values()
        for method in operation.values()
        if isinstance(method, dict)  # an operation (a path's own "parameters" is a list)
        for parameter in method.get("parameters", [])
        if resolved(parameter).get("name") == "lang"
    ]
    assert described
    for parameter in described:
        schema = parameter["schema"]
        assert "enum" not in schema and "pattern" in schema
        pattern = re.compile(schema["pattern"])
        assert all(pattern.search(tag) for tag in TAGS) and not any(pattern.search(tag) for tag in NOT_TAGS if "\n" not in tag)
        assert "zh-TW" in parameter["description"] and "zh-Hant-…" in parameter["description"]


def test_the_traditional_citation_of_the_plans_measure(client: FlaskClient) -> None:
    # 《title》（number）place: part 二, item group （六）, item 1 (official.txt), title and number in Traditional
    citation = client.get(f"/api/v1/measures/{MEASURE}?lang=zh-Hant").get_json()["data"]["citation"]
    assert citation["text"] == "《“數字灣區”建設三年行動方案》（粵辦函〔2023〕297號）二（六）1"


@pytest.mark.parametrize(
    ("url", "header", "script"),
    [
        ("/measures/no-such-measure?lang=zh-Hant", "", "zh-Hant"),
        ("/measures/no-such-measure?lang=zh-hk", "", "zh-Hant"),
        ("/measures/no-such-measure", "zh-TW", "zh-Hant"),
        (f"/measures/{MEASURE}?lang=zh_TW", "zh-TW", "zh-Hant"),  # the bad lang itself: Accept-Language's script
        ("/measures/no-such-measure", "", "zh-Hans"),
    ],
)
def test_an_error_page_is_in_the_script_asked_for(client: FlaskClient, url: str, header: str, script: str) -> None:
    response = client.get(url, headers={"Accept": "text/html", "Accept-Language": header})
    assert response.status_code in (400, 404) and response.mimetype == "text/html"
    assert response.get_data(as_text=True).startswith(f'<!DOCTYPE html>\n<html lang="{script}">')
