"""Links in answers: built once a request and filled per item, they equal what url_for builds."""

from pathlib import Path
from typing import Any

import pytest
from flask import url_for

from dbay.service.app import create_app
from dbay.service.context import link

AWKWARD = ["plan.2.7.1", "数据 共享/第一条?x=1&y=%41", "a#b", "0dbay0", ""]


@pytest.mark.parametrize("query", ["", "?release=2026.1", "?release=2026.1&lang=zh-Hant"])
def test_a_filled_link_equals_url_for(data_dir: Path, query: str) -> None:
    app = create_app({"DATA_DIR": data_dir, "TESTING": True})
    with app.test_request_context(f"/api/v1/measures{query}", base_url="http://dbay.example/prefix"):
        pinned: dict[str, Any] = {"release": "2026.1"} if "release" in query else {}
        for value in AWKWARD:
            assert link("measures.Measure", measure_id=value) == url_for("measures.Measure", measure_id=value, **pinned)
            assert link("measures.Measures", agency=value) == url_for("measures.Measures", agency=value, **pinned)
        assert link("measures.Measure", measure_id="x", _external=True) == url_for(
            "measures.Measure", measure_id="x", _external=True, **pinned
        )
        assert link("measures.Measure", measure_id="p").startswith("/prefix/api/v1/measures/p")
