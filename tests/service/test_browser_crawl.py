"""Every reading page of the seed release, opened in headless Chromium from the home page: no broken link, no other origin.

The pages (/, /agencies, /documents/…, /measures/…, /agencies/…, /search…, /downloads/, /entities…,
/places…, /targets, /deadlines, /cited…) are rendered and
their links followed; a link to the same page in another script or release (lang=, release=), to the
API, to Datasette or to a download is only asked for its status, once. Links to other origins (the
official sources) are not followed; what a page loads must all come from this one.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit

from playwright.sync_api import Page

CHECKED_ONLY = ("/api/", "/data/", "/downloads/dbay-")  # asked for their status, not rendered
FILES = ("/citation.bib", "/citation.json")  # a provision's citation files: downloads, not pages
LIMIT = 1000  # pages rendered at most: a bug making links without end fails instead of looping


def _without_choices(url: str) -> str:
    """The page a URL shows whatever its script and release."""
    parts = urlsplit(url)
    kept = [pair for pair in parse_qsl(parts.query) if pair[0] not in ("lang", "release")]
    return parts.path + (f"?{urlencode(kept)}" if kept else "")


def test_every_link_of_every_reading_page_resolves_in_the_browser(server: str, page: Page) -> None:
    origin = urlsplit(server).netloc
    elsewhere: set[str] = set()
    page.on("request", lambda request: elsewhere.add(request.url) if urlsplit(request.url).netloc != origin else None)
    rendered: set[str] = set()
    checked: dict[str, int] = {}
    queue = ["/"]
    while queue and len(rendered) < LIMIT:
        path = queue.pop(0)
        response = page.goto(f"{server}{path}")
        assert response is not None and response.status < 400, (path, response and response.status)
        rendered.add(path)
        hrefs: list[str] = page.eval_on_selector_all(
            # an SVG link's href is an SVGAnimatedString: resolve the attribute as HTML's href does
            "a[href], link[href]",
            "links => links.map(link => new URL(link.getAttribute('href'), document.baseURI).href)",
        )
        for href in hrefs:
            parts = urlsplit(href)
            if parts.netloc != origin:
                continue  # an official source's page, linked, not fetched
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target.startswith(CHECKED_ONLY) or parts.path.endswith(FILES) or target != _without_choices(target):
                if target not in checked:
                    checked[target] = page.request.get(f"{server}{target}").status
                continue
            if target not in rendered and target not in queue:
                queue.append(target)
    broken = {target: status for target, status in checked.items() if status >= 400}
    assert not broken and not queue, (broken, queue[:5])
    assert not elsewhere, sorted(elsewhere)
    kinds = {path.split("/")[1].split("?")[0] for path in rendered}
    expected = {
        "",
        "agencies",
        "documents",
        "measures",
        "search",
        "downloads",
        "entities",
        "places",
        "targets",
        "deadlines",
        "cited",
    }
    assert kinds >= expected, kinds
    assert len([path for path in rendered if path.startswith("/measures/")]) > 100
