"""A provision's citation as BibTeX and CSL-JSON: on its page, and as files of their own."""

import html
import json
import re

from flask.testing import FlaskClient

from dbay.service.citations import bibtex_escaped
from tests.service.conftest import PLAN

MEASURE = f"{PLAN}.2.6.1"
PAGE = f"http://localhost/measures/{MEASURE}"
# sources/digital-bay-area-action-plan/document.yml and the outline: part 二, item group （六）, item 1.
BIBTEX = f"""@misc{{dbay:{MEASURE},
  title = {{“数字湾区”建设三年行动方案 二（六）1}},
  author = {{{{广东省人民政府办公厅}}}},
  howpublished = {{“数字湾区”建设三年行动方案}},
  number = {{粤办函〔2023〕297号}},
  date = {{2023-11-07}},
  year = {{2023}},
  month = nov,
  url = {{{PAGE}}},
  language = {{zh-Hans}},
}}
"""
CSL_HANT = [
    {
        "id": MEASURE,
        "type": "legislation",
        "title": "“數字灣區”建設三年行動方案 二（六）1",
        "container-title": "“數字灣區”建設三年行動方案",
        "section": "二（六）1",
        # the issuer and number as the encyclopedia rendition prints them (印發機關, 發文字號)
        "authority": "廣東省人民政府辦公廳",
        "number": "粵辦函〔2023〕297號",
        "issued": {"date-parts": [[2023, 11, 7]]},
        "URL": PAGE,
        "language": "zh-Hant",
    }
]


def test_the_bibtex_file_cites_the_provision_page(client: FlaskClient) -> None:
    answer = client.get(f"/measures/{MEASURE}/citation.bib")
    assert answer.status_code == 200 and answer.content_type == "application/x-bibtex; charset=utf-8"
    assert answer.get_data(as_text=True) == BIBTEX


def test_the_csl_json_file_follows_the_script_chosen(client: FlaskClient) -> None:
    answer = client.get(f"/measures/{MEASURE}/citation.json?lang=zh-Hant")
    assert answer.status_code == 200 and answer.mimetype == "application/vnd.citationstyles.csl+json"
    assert answer.get_json(force=True) == CSL_HANT


def test_the_bibtex_file_in_traditional_has_every_field_in_traditional(client: FlaskClient) -> None:
    answer = client.get(f"/measures/{MEASURE}/citation.bib?lang=zh-hk").get_data(as_text=True)
    assert "  author = {{廣東省人民政府辦公廳}},\n  howpublished = {“數字灣區”建設三年行動方案},\n" in answer
    assert "  number = {粵辦函〔2023〕297號},\n" in answer and "  language = {zh-Hant},\n" in answer


def test_the_provision_page_shows_both_formats_and_links_their_files(client: FlaskClient) -> None:
    page = client.get(f"/measures/{MEASURE}?lang=zh-Hant").get_data(as_text=True)
    bibtex = re.search(r'<pre id="citation-bibtex">(.*?)</pre>', page, re.S)
    csl = re.search(r'<pre id="citation-csl-json">(.*?)</pre>', page, re.S)
    assert bibtex and "title = {“數字灣區”建設三年行動方案 二（六）1}," in html.unescape(bibtex.group(1))
    assert csl and json.loads(html.unescape(csl.group(1))) == CSL_HANT
    for kind, file in (("application/x-bibtex", "citation.bib"), ("application/vnd.citationstyles.csl+json", "citation.json")):
        assert f'<link rel="alternate" type="{kind}" href="/measures/{MEASURE}/{file}?lang=zh-Hant">' in page


def test_an_unknown_measure_has_no_citation(client: FlaskClient) -> None:
    assert client.get("/measures/nothing/citation.bib").status_code == 404


def test_bibtex_special_characters_are_escaped() -> None:
    assert bibtex_escaped("50% & {x}_1") == r"50\% \& \{x\}\_1"
