"""The pages people read: a document, a provision, an agency, search; one URL for the page and its JSON."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit

import pytest
from datasette.utils import tilde_encode
from flask.testing import FlaskClient

from tests.service.conftest import NEW, OLD, PLAN

MEASURE = f"{PLAN}.2.6.1"
BUREAU = "sheng-zheng-wu-fu-wu-he-shu-ju-guan-li-ju"
FORMER_BUREAU = "sheng-zheng-wu-fu-wu-shu-ju-guan-li-ju"
TASKS = "digital-guangdong-2024-key-tasks"
TASK = f"{TASKS}.1.1"  # the provincial data bureau leads it


def page(client: FlaskClient, url: str, status: int = 200, /, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.status_code)
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


class Links(HTMLParser):
    """Every href of a page, and the text of its <mark>, <title> and <h1> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.texts: dict[str, list[str]] = {"mark": [], "title": [], "h1": []}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value for name, value in attrs if name == "href" and value]
        if tag in self.texts:
            self._open.append(tag)
            self.texts[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for tag in self._open:
            self.texts[tag][-1] += data


def parsed(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


def test_a_document_page_has_its_metadata_renditions_and_outline(client: FlaskClient) -> None:
    html = page(client, f"/documents/{PLAN}")
    found = parsed(html)
    assert found.texts["h1"] == ["“数字湾区”建设三年行动方案"]
    assert "粤办函〔2023〕297号" in html and "广东省人民政府办公厅" in html and "2023-11-07" in html
    for rendition in ("official", "news", "encyclopedia"):
        assert f"{PLAN}.{rendition}" in html
    assert "11 of 31 measures (35%)" in html  # the encyclopedia carries eleven
    assert f'id="{PLAN}.2.6"' in html  # a section is an anchor the provision pages link to
    assert f"/measures/{MEASURE}" in found.hrefs
    assert f'<link rel="alternate" type="application/json" href="/api/v1/documents/{PLAN}">' in html
    assert f'<link rel="canonical" href="http://localhost/documents/{PLAN}">' in html


def test_a_document_page_compares_declared_and_found_counts(client: FlaskClient) -> None:
    html = page(client, "/documents/accelerating-digital-development-opinions")
    counts = re.search(r'<table id="counts">(.*?)</table>', html, re.S)
    assert counts and "<td>33</td><td>27</td>" in counts.group(1)


def test_a_provision_page_shows_its_place_agencies_sources_and_citation(client: FlaskClient) -> None:
    html = page(client, f"/measures/{MEASURE}")
    found = parsed(html)
    assert found.texts["h1"] == ["1. 推动粤港澳政务服务一体化"]
    assert f'href="/documents/{PLAN}#{PLAN}.2"' in html and f'href="/documents/{PLAN}#{PLAN}.2.6"' in html
    assert "二、主要任务" in html and "（六）推动政府服务衔接融合" in html
    assert f'rel="prev" href="/measures/{PLAN}.2.5.3"' in html and f'rel="next" href="/measures/{PLAN}.2.6.2"' in html
    # Both renditions that carry it, the span highlighted in the source text around it.
    assert len(found.texts["mark"]) == 2
    assert found.texts["mark"][0].startswith("推动粤港澳政务服务一体化。围绕")
    assert found.texts["mark"][1].startswith("1. 推动粤港澳政服务一体化")
    citation = f"《“数字湾区”建设三年行动方案》（粤办函〔2023〕297号）二（六）1 http://localhost/measures/{MEASURE}"
    assert f'<pre id="citation">{citation}</pre>' in html
    assert f"/api/v1/measures/{MEASURE}" in found.hrefs and f"/data/dbay/measures/{tilde_encode(MEASURE)}" in found.hrefs


def test_a_provision_page_links_its_agencies(client: FlaskClient) -> None:
    html = page(client, f"/measures/{TASK}")
    lead = re.search(r'<p id="lead">(.*?)</p>', html, re.S)
    assert lead and f'href="/agencies/{BUREAU}">省政务服务和数据管理局</a>' in lead.group(1)


def test_an_agency_page_lists_what_it_leads_and_shares_and_its_earlier_names(client: FlaskClient) -> None:
    html = page(client, f"/agencies/{BUREAU}")
    found = parsed(html)
    assert found.texts["h1"] == ["省政务服务和数据管理局"]
    assert "政务服务和数据管理局" in html.split('id="aliases"')[1]
    assert f"/agencies/{FORMER_BUREAU}" in found.hrefs
    assert f"/measures/{TASK}" in found.hrefs and f"/documents/{TASKS}" in found.hrefs
    former = page(client, f"/agencies/{FORMER_BUREAU}")
    assert f'href="/agencies/{BUREAU}"' in former.split('id="successors"')[1]


def test_the_search_page_finds_either_script_highlights_filters_and_pages(client: FlaskClient) -> None:
    simplified, traditional = page(client, "/search?q=养老"), page(client, "/search?q=養老")
    hits = [re.findall(r'<li><a href="/measures/([^"]+)"', html) for html in (simplified, traditional)]
    assert hits[0] and hits[0] == hits[1]
    assert client.get("/api/v1/measures?q=养老").get_json()["meta"]["total"] == len(hits[0])
    assert "<mark>养老</mark>" in simplified
    as_the_form_sends = client.get("/search?q=养老&document=&agency=")
    assert as_the_form_sends.status_code == 200 and "<mark>养老</mark>" in as_the_form_sends.get_data(as_text=True)
    assert client.get(as_the_form_sends.headers["Link"].split(">")[0][1:]).status_code == 200  # its JSON leaves them out
    narrowed = page(client, f"/search?q=数据&agency={BUREAU}&document={TASKS}")
    shown = re.findall(r'<li><a href="/measures/([^"]+)"', narrowed)
    assert shown and all(i.startswith(f"{TASKS}.") for i in shown)
    first = page(client, "/search?q=数据")
    following = re.search(r'<a rel="next" href="([^"]+)"', first)
    assert following and f"release={NEW}" in following.group(1)
    second = page(client, following.group(1).replace("&amp;", "&"))
    assert '<ol start="21"' in second
    assert '<link rel="canonical" href="http://localhost/search?q=%E6%95%B0%E6%8D%AE">' in first
    assert set(re.findall(r'href="/measures/([^"]+)"', second)).isdisjoint(re.findall(r'href="/measures/([^"]+)"', first))


@pytest.mark.parametrize(("query", "headers"), [("?lang=zh-Hant", {}), ("", {"Accept-Language": "zh-TW,zh;q=0.8"})])
def test_pages_answer_in_traditional_script(client: FlaskClient, query: str, headers: dict[str, str]) -> None:
    document = page(client, f"/documents/{PLAN}{query}", **headers)
    assert '<html lang="zh-Hant">' in document and "<h1>“數字灣區”建設三年行動方案</h1>" in document
    measure = page(client, f"/measures/{MEASURE}{query}", **headers)
    assert "推動粵港澳政務服務一體化" in measure
    assert "省政務服務和數據管理局" in page(client, f"/agencies/{BUREAU}{query}", **headers)
    assert "<strong>繁體</strong>" in measure  # the switch shows the script chosen and links the other
    if query:  # a script chosen by lang= is kept as the reader follows links
        assert f'href="/measures/{PLAN}.2.6.2?lang=zh-Hant"' in measure


def test_the_script_switch_links_the_same_page_in_the_other_script(client: FlaskClient) -> None:
    html = page(client, f"/measures/{MEASURE}")
    assert '<html lang="zh-Hans">' in html
    assert f'<a href="/measures/{MEASURE}?lang=zh-Hant" hreflang="zh-Hant"' in html


def test_a_release_named_in_the_url_is_kept_in_links(client: FlaskClient) -> None:
    html = page(client, f"/measures/{PLAN}.2.7.1?release={OLD}")
    assert "百县干镇万村" in html  # the first release's typo, corrected in the second
    assert f'href="/measures/{PLAN}.2.7.2?release={OLD}"' in html


@pytest.mark.parametrize("url", [f"/documents/{PLAN}x", "/measures/nothing", "/agencies/nobody"])
def test_an_unknown_id_is_a_404_page(client: FlaskClient, url: str) -> None:
    html = page(client, url, 404)
    assert "<h1>404 Not Found</h1>" in html and "does not exist in release" in html


def test_a_bad_parameter_is_a_400_page(client: FlaskClient) -> None:
    assert "lang" in page(client, f"/measures/{MEASURE}?lang=fr", 400)
    # A search filter naming no record is a bad parameter, as in the API
    assert "document: &#39;nothing&#39; does not exist in release" in page(client, "/search?q=x&document=nothing", 400)


@pytest.mark.parametrize(
    ("url", "api"),
    [
        (f"/measures/{MEASURE}", f"/api/v1/measures/{MEASURE}"),
        (f"/documents/{PLAN}?lang=zh-Hant", f"/api/v1/documents/{PLAN}?lang=zh-Hant"),
        (f"/agencies/{BUREAU}", f"/api/v1/agencies/{BUREAU}"),
        ("/search?q=养老", "/api/v1/measures?q=养老"),
    ],
)
def test_a_client_preferring_json_gets_the_api_answer_at_the_same_url(client: FlaskClient, url: str, api: str) -> None:
    answer = client.get(url, headers={"Accept": "application/json"})
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert answer.get_json() == client.get(api).get_json()
    assert answer.headers["Vary"] == "Accept, Accept-Language"
    html = client.get(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.mimetype == "text/html" and html.headers["Vary"] == "Accept, Accept-Language"
    assert html.headers["Link"] == f'<{quote(api, safe="/?=&")}>; rel="alternate"; type="application/json"'
    assert answer.headers["ETag"] != html.headers["ETag"]  # one URL, two representations: caches keep them apart


def test_no_accept_header_gets_the_page_and_json_errors_stay_problems(client: FlaskClient) -> None:
    assert client.get(f"/measures/{MEASURE}").mimetype == "text/html"
    missing = client.get("/measures/nothing", headers={"Accept": "application/json"})
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"


def test_the_api_citation_points_at_the_page(client: FlaskClient) -> None:
    citation = client.get(f"/api/v1/measures/{MEASURE}").get_json()["data"]["citation"]
    assert citation["url"] == f"http://localhost/measures/{MEASURE}"


def _without_choices(url: str) -> str:
    """A URL without lang= and release=: the same page in another script or release, not crawled again."""
    parts = urlsplit(url)
    kept = [pair for pair in parse_qsl(parts.query) if pair[0] not in ("lang", "release")]
    return parts.path + (f"?{urlencode(kept)}" if kept else "")


def test_following_every_link_from_the_home_page_finds_no_broken_page(client: FlaskClient) -> None:
    """Every same-origin link of every page reached from / (Datasette, served by the ASGI app, aside).

    A page is crawled once whatever its script or release, which other tests cover; the bound keeps
    a bug that made links without end from looping."""
    seen, queue, checked = {"/"}, ["/"], 0
    while queue and checked < 3000:
        url = queue.pop(0)
        response = client.get(url)
        checked += 1
        assert response.status_code < 400, (url, response.status_code)
        if response.mimetype != "text/html":
            continue
        for href in parsed(response.get_data(as_text=True)).hrefs:
            parts = urlsplit(urljoin(url, href))
            if parts.netloc or parts.scheme or parts.path.startswith(("/data/", "/downloads/")):
                continue  # other origins, Datasette, and files (test_openapi_and_pages checks the downloads)
            followed = parts.path + (f"?{parts.query}" if parts.query else "")
            if _without_choices(followed) not in seen:
                seen.add(_without_choices(followed))
                queue.append(followed)
    assert checked > 400 and not queue  # 3 documents, 208 measures, their agencies, JSON and searches


def test_a_provision_page_shows_how_each_other_rendition_words_it(client: FlaskClient) -> None:
    html = page(client, f"/measures/{MEASURE}")
    news = re.search(rf'<p class="source differences" id="differences-{PLAN}.news">(.*?)</p>', html, re.S)
    assert news
    # official.txt: 推动粤港澳政务服务一体化 … 加快推动 … 按照用户授权原则; news.txt: 推动粤港澳政服务一体化 …
    # 加速推动 … 依照使用者授权原则. 数据通 worded 资料通 is vocabulary, no difference; the label 1. is no word.
    assert news.group(1).startswith("推动粤港澳政<del>务</del>服务一体化。")
    assert "加<del>快</del><ins>速</ins>推动" in news.group(1) and "数据通" in news.group(1) and "资料" not in news.group(1)
    assert f'id="differences-{PLAN}.official"' not in html  # the measure's text comes from the official text


def test_a_rendition_worded_like_the_text_is_said_to_agree(client: FlaskClient) -> None:
    # 1.3, the three steps: the encyclopedia words them in Traditional script with 數位 for 数字, the news report
    # prints 2023年 where the official PDF text has 2023 年: neither is a difference of wording.
    html = page(client, f"/measures/{PLAN}.1.3")
    for rendition in ("encyclopedia", "news"):
        agrees = re.search(rf'<p class="muted" id="differences-{PLAN}.{rendition}">(.*?)</p>', html, re.S)
        assert agrees and "It agrees with the text" in agrees.group(1)


def test_a_page_s_own_wording_follows_the_script_chosen(client: FlaskClient) -> None:
    # The templates write their headings in Simplified: 来源 (sources) and 机关 (agencies) are
    # 來源 and 機關 in Traditional; the page's English stays as it is.
    measure = f"/measures/{PLAN}.2.6.1"
    assert "<h2>来源 Sources</h2>" in client.get(f"{measure}?lang=zh-Hans").get_data(as_text=True)
    assert "<h2>來源 Sources</h2>" in client.get(f"{measure}?lang=zh-Hant").get_data(as_text=True)
    home = client.get("/", headers={"Accept-Language": "zh-TW"}).get_data(as_text=True)
    assert "<h2>機關 Agencies</h2>" in home and "机关" not in home


def test_a_url_no_route_answers_is_a_page_for_a_browser_and_a_problem_for_the_api(client: FlaskClient) -> None:
    cut_short = client.get("/measures/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert cut_short.status_code == 404 and cut_short.mimetype == "text/html"
    assert "<h1>" in cut_short.get_data(as_text=True)
    as_data = client.get("/measures/", headers={"Accept": "application/json"})
    assert as_data.status_code == 404 and as_data.mimetype == "application/problem+json"
    api = client.get("/api/v1/nowhere", headers={"Accept": "text/html"})
    assert api.status_code == 404 and api.mimetype == "application/problem+json"


def test_the_search_page_s_json_reads_empty_filters_as_all(client: FlaskClient) -> None:
    # The HTML form sends document= and agency= empty when "all" is chosen; asked for JSON, the
    # same URL answers as the API does without those filters.
    asked = client.get("/search?q=养老&document=&agency=", headers={"Accept": "application/json"})
    assert asked.status_code == 200 and asked.mimetype == "application/json"
    plain = client.get("/api/v1/measures?q=养老").get_json()
    assert [m["id"] for m in asked.get_json()["data"]] == [m["id"] for m in plain["data"]] != []
