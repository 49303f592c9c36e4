"""The English names in the data files: every entity and place has one, every agency of the seeds' build one entry."""

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import SOURCES, query

# Han ideographs (with the extensions and compatibility block), CJK punctuation and fullwidth forms
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")


def entries(file: str, key: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((SOURCES / file).read_text(encoding="utf-8"))[key]
    return loaded


def without_english(listed: list[dict[str, Any]]) -> list[str]:
    """The ids of the entries whose ``name_en`` is missing, empty or written (partly) in Chinese."""
    return [
        str(entry["id"])
        for entry in listed
        if not isinstance(entry.get("name_en"), str) or not entry["name_en"].strip() or CHINESE.search(entry["name_en"])
    ]


def test_the_check_refuses_missing_empty_and_chinese_names() -> None:
    listed = [
        {"id": "a", "name_en": "Yueshengshi"},
        {"id": "b"},
        {"id": "c", "name_en": " "},
        {"id": "d", "name_en": "粤省事 app"},
        {"id": "e", "name_en": "one network，one window"},
        {"id": "f", "name_en": "“one network”"},
    ]
    assert without_english(listed) == ["b", "c", "d", "e"]


@pytest.mark.parametrize(("file", "key"), [("entities.yml", "entities"), ("places.yml", "places")])
def test_every_dictionary_entry_has_an_english_name(file: str, key: str) -> None:
    listed = entries(file, key)
    assert listed
    assert without_english(listed) == []


AGENCIES = entries("english/agencies.yml", "agencies")


def test_agencies_have_one_english_entry_each_with_their_name(seed_db: Path) -> None:
    built = {row["id"]: row["name"] for row in query(seed_db, "select id, name from agencies")}
    listed = [entry["id"] for entry in AGENCIES]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(built)
    assert {entry["id"]: entry["zh"] for entry in AGENCIES} == built


def test_agency_names_are_english_and_official_ones_show_their_page() -> None:
    assert without_english([{"id": entry["id"], "name_en": entry["en"]} for entry in AGENCIES]) == []
    assert all(isinstance(entry["official"], bool) for entry in AGENCIES)
    official = [entry for entry in AGENCIES if entry["official"]]
    assert official
    for entry in official:
        source = entry["source"]
        assert source["url"].startswith(("http://", "https://")), entry["id"]
        assert source["says"].strip(), entry["id"]
    assert all(entry["source"] is None for entry in AGENCIES if not entry["official"])
