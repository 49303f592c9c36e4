"""lang=en across the API and the pages: English titles and names where the reviewed files give them
(sources/*/english.yml, sources/english/agencies.yml, name_en in the dictionaries), Simplified Chinese
elsewhere, and the answer saying both that the English is unofficial and where it fell back."""

import json
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from dbay.build.pipeline import BuildResult
from dbay.service.app import create_app
from tests.conftest import query
from tests.service.conftest import PLAN

TASKS = "digital-guangdong-2024-key-tasks"
DATA_ZONE = f"{TASKS}.1.4"  # 打造粤港澳大湾区“数据特区”; its English is in sources/digital-guangdong-2024-key-tasks/english.yml
DATA_ZONE_EN = 'Build a Guangdong-Hong Kong-Macao Greater Bay Area "data special zone"'
TASKS_EN = "Key Work Points for Building Digital Guangdong in 2024"


def _json(client: FlaskClient, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    answer: dict[str, Any] = response.get_json()
    return answer


def test_a_measure_in_english_names_what_falls_back(client: FlaskClient) -> None:
    response = client.get(f"/api/v1/measures/{DATA_ZONE}?lang=en")
    answer = response.get_json()
    assert response.headers["Content-Language"] == "en"
    assert answer["data"]["title"] == DATA_ZONE_EN
    assert answer["data"]["text"].startswith("打造粤港澳大湾区“数据特区”。")  # the text has no English: Simplified
    assert answer["data"]["document"]["title"] == TASKS_EN
    leads = [agency["name"] for agency in answer["data"]["agencies"] if agency["role"] == "lead"]
    assert leads == ["Guangdong Provincial Government Services and Data Administration"]
    assert answer["meta"]["lang"] == "en"
    assert "unofficial" in answer["meta"]["translation"]
    assert answer["meta"]["fallback"]["lang"] == "zh-Hans"
    assert {"text", "agency_clause"} <= set(answer["meta"]["fallback"]["fields"])
    assert "title" not in answer["meta"]["fallback"]["fields"]


def test_the_chinese_answers_are_unchanged(client: FlaskClient) -> None:
    answer = _json(client, f"/api/v1/measures/{DATA_ZONE}")
    assert answer["data"]["title"] == "打造粤港澳大湾区“数据特区”"
    assert answer["meta"] == {"release": answer["meta"]["release"], "lang": "zh-Hans"}  # no translation note, no fallback


@pytest.mark.parametrize("tag", ["en", "EN", "en-GB", "en-us"])
def test_every_english_tag_answers_en(client: FlaskClient, tag: str) -> None:
    assert _json(client, f"/api/v1/documents/{TASKS}?lang={tag}")["meta"]["lang"] == "en"


def test_accept_language_never_chooses_english(client: FlaskClient) -> None:
    response = client.get(f"/api/v1/measures/{DATA_ZONE}", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response.get_json()["meta"]["lang"] == "zh-Hans"


def test_lists_in_english(client: FlaskClient) -> None:
    documents = _json(client, "/api/v1/documents?lang=en")
    assert TASKS_EN in [document["title"] for document in documents["data"]]
    assert all(not re.search(r"[\u4e00-\u9fff]", document["title"]) for document in documents["data"])
    measures = _json(client, f"/api/v1/measures?document={TASKS}&lang=en&limit=200")
    assert DATA_ZONE_EN in [measure["title"] for measure in measures["data"]]


def test_an_agency_says_whether_its_english_name_is_official(client: FlaskClient) -> None:
    official = _json(client, "/api/v1/agencies/sheng-jiao-yu-ting?lang=en")["data"]
    assert official["name"] == "Education Department of Guangdong Province"
    assert official["name_en_official"] is True
    assert official["name_en_source"].startswith("http://edu.gd.gov.cn/English/")
    ours = _json(client, "/api/v1/agencies/sheng-zheng-wu-fu-wu-he-shu-ju-guan-li-ju?lang=en")["data"]
    assert ours["name_en_official"] is False and ours["name_en_source"] is None


def test_entities_and_places_in_english(client: FlaskClient) -> None:
    place = _json(client, "/api/v1/places/heng-qin?lang=en")["data"]
    assert not re.search(r"[\u4e00-\u9fff]", place["name"]) and "Hengqin" in place["name"]
    entity = _json(client, "/api/v1/entities/yue-sheng-shi?lang=en")["data"]
    assert entity["name"] == "Yueshengshi"


def test_a_release_older_than_the_english_columns_reads_them_as_null(data_dir: Path, tmp_path: Path) -> None:
    """A release built before issue 14 has no title_en: served beside newer ones, it reads as null (and an
    English answer falls back to its Chinese) rather than failing the latest queries."""
    shutil.copy(data_dir / "dbay-2026.1.db", tmp_path / "dbay-2026.1.db")
    with sqlite3.connect(tmp_path / "dbay-2026.1.db") as connection:
        connection.execute("alter table measures drop column title_en")
    connection.close()
    app = create_app({"DATA_DIR": tmp_path, "TESTING": True})
    answer = app.test_client().get(f"/api/v1/measures/{DATA_ZONE}?lang=en").get_json()
    assert answer["data"]["title"] == "打造粤港澳大湾区“数据特区”"
    assert "title" in answer["meta"]["fallback"]["fields"]
    assert answer["data"]["document"]["title"] == TASKS_EN  # documents kept their column


def test_a_citation_in_english_keeps_the_chinese_title(client: FlaskClient) -> None:
    citation = _json(client, f"/api/v1/measures/{DATA_ZONE}?lang=en")["data"]["citation"]
    assert citation["text"] == f"《数字广东建设2024年工作要点》 [{TASKS_EN}] 一（四）"
    bibtex = client.get(f"/measures/{DATA_ZONE}/citation.bib?lang=en").get_data(as_text=True)
    assert "language = {zh-Hans}" in bibtex


def test_the_english_page(client: FlaskClient) -> None:
    page = client.get(f"/measures/{DATA_ZONE}?lang=en", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    assert DATA_ZONE_EN.replace('"', "&#34;") in page
    assert 'id="translation-note"' in page and "unofficial" in page
    switch = re.search(r'<span class="script" id="script">(.*?)</span>', page, re.S)
    assert switch and "<strong>English</strong>" in switch.group(1) and 'hreflang="zh-Hant"' in switch.group(1)
    assert "参与" not in page.split("<main>")[1]  # the page's own wording in English alone (牵头/参与 Lead/Participating)


def test_a_page_in_chinese_offers_english(client: FlaskClient) -> None:
    page = client.get(f"/documents/{PLAN}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert re.search(r'<a href="[^"]*lang=en[^"]*" hreflang="en" lang="en">English</a>', page)


def test_the_dataset_describes_itself_in_english(seed_release: BuildResult) -> None:
    """sources/release.yml's description: in the releases table, the API and the data package."""
    database = seed_release.written.path
    description = query(database, "select dataset_description from releases")[0][0]
    assert description.startswith("Every provision of Guangdong's digital-policy documents") and "unofficial" in description
    package = json.loads(database.with_name(f"dbay-{seed_release.version}.datapackage.json").read_text(encoding="utf-8"))
    assert package["description"].startswith(f"{description} Release {seed_release.version}")
    app = create_app({"DATA_DIR": database.parent, "TESTING": True})
    answer = app.test_client().get(f"/api/v1/releases/{seed_release.version}").get_json()
    assert answer["data"]["dataset_description"] == description


def test_an_agency_filter_takes_its_english_name_in_any_case(client: FlaskClient) -> None:
    for name in ("Education Department of Guangdong Province", "education department of guangdong province"):
        found = _json(client, f"/api/v1/measures?agency={name}&fields=id")["data"]
        assert [measure["id"] for measure in found] == [f"{TASKS}.7.31"]  # 推进教育数字化发展 (省教育厅牵头)


def test_the_search_page_in_english_says_what_it_also_searched_and_where_it_found(client: FlaskClient) -> None:
    page = client.get("/search?q=人工智慧&lang=en", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert re.search(r'<p id="expanded">Also searched: 人工智能（人工智慧）</p>', page)
    found = client.get("/search?q=數位化&lang=en", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert re.search(r'<span class="muted found-in">Found in [a-z.-]+', found)
