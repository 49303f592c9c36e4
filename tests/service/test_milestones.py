"""/api/v1/milestones (issue 13): every deadline and step in due-date order, filtered by document, kind and
due date, a page at a time.

Expected values were read off the seed texts: the plan's 一（三） heads its three steps 2023 年，…, 2024 年，…
and 2025 年，… (sources/digital-bay-area-action-plan/official.txt); the work points' 二（八） says 确保到2024年底
基本实现均衡化发展 (sources/digital-guangdong-2024-key-tasks/web-page.txt). No other seed text names a date by
which something is to happen.
"""

from flask.testing import FlaskClient

from tests.service.conftest import PLAN
from tests.service.test_api import every_page, get, problem

TASKS = "digital-guangdong-2024-key-tasks"
STEPS, HELP_VILLAGES = f"{PLAN}.1.3", f"{TASKS}.2.8"


def due(milestones: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [(m["due"], m["measure_id"], m["kind"]) for m in milestones]


def test_every_milestone_in_due_date_order_with_its_measure_and_document(client: FlaskClient) -> None:
    every = every_page(client, "/api/v1/milestones?limit=1")
    assert due(every) == [
        ("2023-12-31", STEPS, "step"),
        ("2024-12-31", STEPS, "step"),
        ("2024-12-31", HELP_VILLAGES, "deadline"),
        ("2025-12-31", STEPS, "step"),
    ]
    deadline = get(client, "/api/v1/milestones")["data"][2]  # one page: links name no release
    assert deadline["raw"] == "确保到2024年底" and deadline["document_id"] == TASKS
    assert (deadline["precision"], deadline["resolution"]) == ("year", "stated")
    assert deadline["links"] == {"measure": f"/api/v1/measures/{HELP_VILLAGES}"}
    text = get(client, f"/api/v1/measures/{HELP_VILLAGES}")["data"]["text"]
    assert text[deadline["start"] : deadline["end"]] == "确保到2024年底"  # offsets into the measure's text


def test_milestones_are_filtered_by_document_kind_and_due_date(client: FlaskClient) -> None:
    assert due(get(client, f"/api/v1/milestones?document={TASKS}")["data"]) == [("2024-12-31", HELP_VILLAGES, "deadline")]
    assert [m["raw"] for m in get(client, "/api/v1/milestones?kind=step")["data"]] == ["2023年", "2024年", "2025年"]
    inclusive = get(client, "/api/v1/milestones?due_after=2024-12-31&due_before=2024-12-31")["data"]
    assert [m["measure_id"] for m in inclusive] == [STEPS, HELP_VILLAGES]
    assert [m["due"] for m in get(client, "/api/v1/milestones?due_before=2024-06-30")["data"]] == ["2023-12-31"]
    assert get(client, f"/api/v1/milestones?due_after=2025-01-01&document={TASKS}")["meta"]["total"] == 0


def test_bad_filters_are_a_problem_naming_the_parameter(client: FlaskClient) -> None:
    body = problem(client, f"/api/v1/milestones?document={PLAN},nowhere", 400)
    assert "document" in body["detail"] and "nowhere" in body["detail"]
    assert problem(client, "/api/v1/milestones?due_before=2024-13-01", 400)["invalid_params"][0]["name"] == "due_before"
    assert problem(client, "/api/v1/milestones?kind=someday", 400)["invalid_params"][0]["name"] == "kind"
