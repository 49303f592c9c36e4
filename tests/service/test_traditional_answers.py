"""Under lang=zh-Hant every text of every answer and page is in Traditional script.

Every API answer and page of the seed release is fetched in zh-Hant, and each Chinese text in it
must be unchanged by the build's own converter to Traditional (``to_hant``): a Simplified character
left anywhere would be changed. A text a Traditional source supplies is its own, not a conversion,
and may print a character the converter would change where both are Traditional (旅游 for 旅遊,
台 for 臺): a changed character printed by the Traditional sources themselves passes. The texts that
are deliberately as written, in whatever script their source used, are listed with the reason and
left out.
"""

import re
import sqlite3
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from flask.testing import FlaskClient

from dbay.build.scripts import to_hant

HAN = re.compile(r"[\u3400-\u9fff]")
# API fields that are, on purpose, as their source wrote them.
VERBATIM_FIELDS = {
    "raw_text": "a source's own text between two offsets, exactly as published",
    "clause_raw_text": "the agency clause exactly as the source prints it",
    "aliases": "every spelling met in the sources, in either script, so that each can be searched",
    "notes": "the editors' notes, quoting the sources as they are written",
    "note": "the editors' note on a renaming (sources/agencies.yml)",
    "says": "the editors' words on what a source states of a renaming (sources/agencies.yml)",
    "raw": "a mention quoted from measures.text (Simplified) between two offsets, as raw_text is from its source",
    "canonical_fragment": "a variant's words quoted from measures.text (Simplified) between two offsets",
    "variant_fragment": "a variant's words exactly as the rendition publishes them, between two offsets of its raw text",
    "variant_fragment_hans": "a variant's words in Simplified, to read beside canonical_fragment whatever the lang",
    "gloss_en": "the editors' English gloss of an entity, quoting names as the sources write them",
    "source": "the editors' note of where an entity's name is attested (sources/entities.yml)",
}
# Parts of a page that are, on purpose, not in the page's script.
VERBATIM_PAGE_PARTS = {
    "source": "class of a source's text around a provision's span, and its differences: as published",
    "note": "class of an editors' note: on a renaming, as the API's note, or where an entity is attested, as its source",
    "gloss": "class of an entity's English gloss, quoting names as the sources write them, as the API's gloss_en",
    "aliases": "class of an agency's other spellings, in either script as the API's aliases",
    "zh-Hans": "lang of a text in Simplified on purpose: the script switch's 简体, the search help's example",
}


def chinese_texts(value: Any, where: str = "") -> list[tuple[str, str]]:
    """(where, text) for every string with Chinese characters in a JSON value, but the verbatim fields."""
    if isinstance(value, dict):
        return [
            found for key, item in value.items() if key not in VERBATIM_FIELDS for found in chinese_texts(item, f"{where}.{key}")
        ]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in chinese_texts(item, f"{where}[{index}]")]
    return [(where, value)] if isinstance(value, str) and HAN.search(value) else []


@cache
def printed_in_traditional(data_dir: Path) -> frozenset[str]:
    """Every character the seed release's Traditional renditions print."""
    (latest,) = sorted(data_dir.glob("dbay-*.db"))[-1:]
    with sqlite3.connect(latest) as connection:
        texts = connection.execute("select raw_text from renditions where script = 'zh-Hant'").fetchall()
    return frozenset("".join(text for (text,) in texts))


def simplified(texts: list[tuple[str, str]], allowed: frozenset[str]) -> list[tuple[str, str]]:
    """The texts with a character the converter to Traditional changes and no Traditional source prints."""
    left = []
    for where, text in texts:
        converted = to_hant(text)
        changed = {a for a, b in zip(text, converted, strict=False) if a != b} if len(converted) == len(text) else {text}
        if changed - allowed:
            left.append((where, text))
    return left


def answer(client: FlaskClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Content-Language"] == "zh-Hant", url
    return response.get_json()


def api_urls(client: FlaskClient) -> list[str]:
    """Every answer the API gives for the latest release: each list, and each record's own."""
    urls = [
        "/api/v1/documents",
        "/api/v1/measures?limit=500",
        "/api/v1/agencies?limit=500",
        "/api/v1/entities?limit=500",
        "/api/v1/targets?limit=500",
        "/api/v1/releases",
    ]
    for listing in urls[:4]:
        urls += [
            item["links"]["self"] for item in answer(client, f"{listing}{'&' if '?' in listing else '?'}lang=zh-Hant")["data"]
        ]
    urls += [release["links"]["self"] for release in answer(client, "/api/v1/releases?lang=zh-Hant")["data"]]
    return urls


def with_lang(url: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}lang=zh-Hant"


def test_every_text_of_every_api_answer_is_traditional(client: FlaskClient, data_dir: Path) -> None:
    left: list[tuple[str, str]] = []
    urls = api_urls(client)
    assert len(urls) > 100  # every measure's own answer among them
    for url in urls:
        left += [
            (f"{url} {where}", text)
            for where, text in simplified(chinese_texts(answer(client, with_lang(url))), printed_in_traditional(data_dir))
        ]
    assert left == []


def test_the_agency_clause_and_the_declared_counts_are_traditional(client: FlaskClient, data_dir: Path) -> None:
    """The fields that were Simplified under zh-Hant before (issue 12), each seen in Traditional."""
    measures = answer(client, "/api/v1/measures?limit=500&lang=zh-Hant")["data"]
    clauses = [answer(client, with_lang(m["links"]["self"]))["data"]["agency_clause"] for m in measures[::10]]
    assert any(clauses) and not simplified([("agency_clause", c) for c in clauses if c], printed_in_traditional(data_dir))
    document = answer(client, "/api/v1/documents/accelerating-digital-development-opinions?lang=zh-Hant")["data"]
    # news.txt: 围绕数字生态、数字经济、数字社会、数字政府四个方面，分类提出8点共33项具体措施
    assert [(count["unit"], count["declared"]) for count in document["declared_counts"]] == [("個方面", 4), ("點", 8), ("項", 33)]
    assert document["declared_counts"][0]["phrase"].startswith("四個方面")


class _PageText(HTMLParser):
    """The text of a page, but what the page shows verbatim (VERBATIM_PAGE_PARTS)."""

    VOID: ClassVar[set[str]] = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self) -> None:
        super().__init__()
        self.open: list[bool] = []  # for each open element: whether it is verbatim
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        classes = dict(attrs).get("class") or ""
        verbatim = dict(attrs).get("lang") in VERBATIM_PAGE_PARTS or any(c in VERBATIM_PAGE_PARTS for c in classes.split())
        self.open.append(verbatim or (bool(self.open) and self.open[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not (self.open and self.open[-1]) and HAN.search(data):
            self.texts.append(data.strip())


def page_texts(client: FlaskClient, url: str) -> list[tuple[str, str]]:
    response = client.get(with_lang(url), headers={"Accept": "text/html"})
    assert response.status_code == 200, url
    parser = _PageText()
    parser.feed(response.get_data(as_text=True))
    return [(url, text) for text in parser.texts]


def test_every_text_of_every_page_is_traditional(client: FlaskClient, data_dir: Path) -> None:
    documents = answer(client, "/api/v1/documents?lang=zh-Hant")["data"]
    measures = answer(client, "/api/v1/measures?limit=500&lang=zh-Hant")["data"]
    agencies = answer(client, "/api/v1/agencies?limit=500&lang=zh-Hant")["data"]
    entities = answer(client, "/api/v1/entities?limit=500&lang=zh-Hant")["data"]
    urls = ["/", "/agencies", "/downloads/", "/search?q=數據", "/entities", "/targets", "/deadlines"]
    urls += [f"/documents/{d['id']}" for d in documents] + [f"/measures/{m['id']}" for m in measures]
    urls += [f"/agencies/{a['id']}" for a in agencies] + [f"/entities/{e['id']}" for e in entities]
    left = [found for url in urls for found in simplified(page_texts(client, url), printed_in_traditional(data_dir))]
    assert left == []


@pytest.mark.parametrize("url", ["/documents/digital-bay-area-action-plan", "/measures/digital-bay-area-action-plan.2.6.1"])
def test_a_page_in_traditional_shows_the_issuer_and_number_in_traditional(client: FlaskClient, data_dir: Path, url: str) -> None:
    # sources/digital-bay-area-action-plan/encyclopedia.txt: 印發機關:廣東省人民政府辦公廳, 發文字號:粵辦函〔2023〕297號
    page = client.get(with_lang(url)).get_data(as_text=True)
    assert "粵辦函〔2023〕297號" in page and "粤办函" not in page
