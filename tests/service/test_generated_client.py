"""A client library generated from the served description (openapi-python-client) works against the real
server: its methods are named by the operationIds, and its models parse the server's answers."""

import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.service.conftest import NEW, PLAN

PACKAGE = "dbay_generated_client"
# No formatting hooks (ruff) after generation: the test needs only the code, and nothing from the network.
GENERATOR_CONFIG = f"package_name_override: {PACKAGE}\npost_hooks: []\n"
# Read from sources/digital-bay-area-action-plan: its document.yml, and official.txt's 二（六）1.
PLAN_TITLE = "“数字湾区”建设三年行动方案"
PLAN_NUMBER = "粤办函〔2023〕297号"
MEASURE_TITLE = "推动粤港澳政务服务一体化"
# The agency the agency clauses print as 省科技厅 (tests/service/test_api.py reads it from the key tasks).
AGENCY, AGENCY_NAME = "sheng-ke-ji-ting", "省科技厅"


@pytest.fixture(scope="module")
def generated(client: FlaskClient, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The package openapi-python-client generates from /api/v1/openapi.json, importable."""
    root = tmp_path_factory.mktemp("client")
    description = root / "openapi.json"
    description.write_text(json.dumps(client.get("/api/v1/openapi.json").get_json(), ensure_ascii=False), encoding="utf-8")
    config = root / "generator.yml"
    config.write_text(GENERATOR_CONFIG, encoding="utf-8")
    generator = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent))
    assert generator, "openapi-python-client is in the test extra: make tools installs it"
    command = [generator, "generate", "--path", str(description), "--output-path", str(root / PACKAGE)]
    run = subprocess.run([*command, "--meta", "none", "--config", str(config)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "warning" not in (run.stdout + run.stderr).lower(), run.stdout + run.stderr  # the generator read all of it
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def _operation(generated: ModuleType, tag: str, operation: str) -> Any:
    return importlib.import_module(f"{generated.__name__}.api.{tag}.{operation}")


@pytest.fixture(scope="module")
def api(generated: ModuleType, server: str) -> Iterator[Any]:
    with generated.Client(base_url=server, raise_on_unexpected_status=True) as client:
        yield client


def test_methods_are_named_by_operation(generated: ModuleType) -> None:
    for tag, operations in {
        "documents": ("list_documents", "get_document"),
        "measures": ("list_measures", "get_measure"),
        "agencies": ("list_agencies", "get_agency"),
        "entities": ("list_entities", "get_entity"),
        "places": ("list_places", "get_place"),
        "targets": ("list_targets",),
        "milestones": ("list_milestones",),
        "variants": ("list_variants",),
        "cited_documents": ("list_cited_documents",),
        "relations": ("list_relations",),
        "releases": ("list_releases", "get_release"),
    }.items():
        for operation in operations:
            assert callable(_operation(generated, tag, operation).sync), operation


def test_documents(generated: ModuleType, api: Any) -> None:
    listed = _operation(generated, "documents", "list_documents").sync(client=api, limit=10)
    assert listed.meta.release == NEW
    assert PLAN in [document.id for document in listed.data]
    plan = _operation(generated, "documents", "get_document").sync(PLAN, client=api).data
    assert (plan.title, plan.doc_number, str(plan.issued)) == (PLAN_TITLE, PLAN_NUMBER, "2023-11-07")
    assert plan.outline[0].type_ == "section"


def test_measures_filtered_searched_and_one(generated: ModuleType, api: Any) -> None:
    list_measures = _operation(generated, "measures", "list_measures")
    section = list_measures.sync(client=api, document=PLAN, section="2.6", limit=5)
    assert section.data[0].id == f"{PLAN}.2.6.1"
    assert section.data[0].title == MEASURE_TITLE
    assert all(measure.document_id == PLAN for measure in section.data)
    searched = list_measures.sync(client=api, q="养老", limit=5)
    assert searched.meta.total >= 1
    assert all("<mark>养老</mark>" in measure.snippet for measure in searched.data)
    measure = _operation(generated, "measures", "get_measure").sync(f"{PLAN}.2.6.1", client=api).data
    assert (measure.title, measure.path, measure.document.to_dict()["id"]) == (MEASURE_TITLE, "2.6.1", PLAN)
    assert measure.citation.document_title == PLAN_TITLE
    # official.txt 推动粤港澳政务服务一体化, news.txt 推动粤港澳政服务一体化: 务 dropped, offsets into the text.
    dropped = measure.variants[0]
    assert (dropped.kind, dropped.canonical_fragment, dropped.variant_fragment) == ("dropped", "务", None)


def test_agencies(generated: ModuleType, api: Any) -> None:
    listed = _operation(generated, "agencies", "list_agencies").sync(client=api, limit=500)
    assert AGENCY in [agency.id for agency in listed.data]
    agency = _operation(generated, "agencies", "get_agency").sync(AGENCY, client=api).data
    assert (agency.id, agency.name) == (AGENCY, AGENCY_NAME)
    assert agency.counts.to_dict()["participating"] >= 1


def test_a_missing_record_is_a_parsed_problem(generated: ModuleType, api: Any) -> None:
    problem = _operation(generated, "documents", "get_document").sync("no-such-document", client=api)
    assert (problem.status, problem.title) == (404, "Not Found")
    assert "no-such-document" in problem.detail


def test_relations_and_a_measures_related_measures(generated: ModuleType, api: Any) -> None:
    """Read off the seeds: the plan's 二（一）1 (探索建设“港澳数据特区”) is continued by the 2024 work points' (四)."""
    source, target = f"{PLAN}.2.1.1", "digital-guangdong-2024-key-tasks.1.4"
    related = _operation(generated, "measures", "get_measure").sync(source, client=api).data.related
    assert target in [measure.id for measure in related]
    listed = _operation(generated, "relations", "list_relations").sync(client=api, measure=source, limit=10)
    assert target in [relation.target_id for relation in listed.data]
