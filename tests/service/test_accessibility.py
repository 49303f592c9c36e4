"""Every page type, checked in headless Chromium by axe-core: no finding on dbay's own pages, nothing serious in Datasette's.

axe-core is installed by `make axe` (a prerequisite of `make test`) into the git-ignored .cache/node;
the test injects it into each page, so the pages themselves still fetch nothing from elsewhere.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.service.conftest import PLAN

AXE = Path(__file__).resolve().parent.parent.parent / ".cache/node/node_modules/axe-core/axe.min.js"
BLOCKING = ("serious", "critical")
PAGE_TYPES = {
    "home": "/",
    "home in Traditional": "/?lang=zh-Hant",
    "agencies": "/agencies",
    "document": f"/documents/{PLAN}",
    "provision": f"/measures/{PLAN}.2.6.1",
    "provision with targets and named things": "/measures/digital-guangdong-2024-key-tasks.7.29",
    "provision with a deadline": "/measures/digital-guangdong-2024-key-tasks.2.8",
    "provision citing a document": "/measures/digital-guangdong-2024-key-tasks.5.20",
    "entities": "/entities",
    "entity": "/entities/wan-shi-tong",
    "targets": "/targets",
    "deadlines": "/deadlines",
    "places": "/places",
    "place": "/places/zhu-hai",
    "place in Traditional": "/places/heng-qin?lang=zh-Hant",
    "cited documents": "/cited",
    "cited document": "/cited/广东省数据条例",
    "agency": "/agencies/sheng-zheng-wu-fu-wu-he-shu-ju-guan-li-ju",
    "search": "/search?q=数据",
    "empty search": "/search",
    "downloads": "/downloads/",
    "error": "/measures/no-such-measure",
}
# Datasette's own templates lack a <main> landmark and skip a heading level (moderate findings).
DATASETTE_PAGE_TYPES = {"Datasette measures table": "/data/dbay/measures", "Datasette row": f"/data/dbay/measures/{PLAN}.2.6.1"}


def findings(page: Page) -> list[dict[str, Any]]:
    """axe's violations on the page as it stands."""
    assert AXE.exists(), "axe-core is missing: run make axe (make test does)"
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("async () => await axe.run()")
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def described(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "where": [(node["target"], node["failureSummary"]) for node in v["nodes"][:5]],
            }
            for v in violations
        ],
        ensure_ascii=False,
        indent=1,
    )


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_axe_finds_nothing_in_the_pages(server: str, page: Page, path: str) -> None:
    page.goto(f"{server}{path}")
    violations = findings(page)
    assert not violations, described(violations)


@pytest.mark.parametrize("path", DATASETTE_PAGE_TYPES.values(), ids=DATASETTE_PAGE_TYPES.keys())
def test_axe_finds_nothing_serious_in_datasette(server: str, page: Page, path: str) -> None:
    page.goto(f"{server}{path}")
    violations = findings(page)
    assert not [v for v in violations if v["impact"] in BLOCKING], described(violations)
