"""Names in the headings and preambles of a document the build has never seen (tests/fixtures/genre/
test-heading-names, a city's plan written for this test), as its expected.yml reads them."""

from collections.abc import Sequence
from typing import Any

import yaml

from dbay.build.pipeline import BuildResult
from tests.conftest import GENRE

DOCUMENT = "test-heading-names"


def _expected() -> dict[str, Any]:
    value: dict[str, Any] = yaml.safe_load((GENRE / DOCUMENT / "expected.yml").read_text(encoding="utf-8"))
    return value


def _in_order(mentions: Sequence[tuple[str, str, int, str]]) -> list[list[str]]:
    return [[section_id.removeprefix(f"{DOCUMENT}."), field, named] for section_id, field, _, named in sorted(mentions)]


def test_the_places_and_programmes_of_headings_and_preambles_are_found(genre_release: BuildResult) -> None:
    records = genre_release.records
    ours = f"{DOCUMENT}."
    places = [(m.section_id, m.field, m.start, m.place_id) for m in records.section_places if m.section_id.startswith(ours)]
    entities = [(m.section_id, m.field, m.start, m.entity_id) for m in records.section_entities if m.section_id.startswith(ours)]
    assert _in_order(places) == _expected()["section_places"]
    assert _in_order(entities) == _expected()["section_entities"]
