"""The seed documents' English titles (sources/<document>/english.yml) against the release built from the seeds.

Each file must give every section and every measure of its document, and only those, each with the Chinese
it translates exactly as the build reads it now and an English title a reader of English can use: no Chinese
characters, nothing outside printable ASCII but typographic quotes and dashes, no final full stop.
"""

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import SOURCES, query

ENGLISH_FILE = "english.yml"
SEED_DOCUMENTS = sorted(folder.name for folder in SOURCES.iterdir() if (folder / "document.yml").is_file())

# Printable ASCII, and the typographic quotes and dashes an editor may type.
ENGLISH_CHARACTERS = re.compile(r"[\x20-\x7e‘’“”–—]+")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")

Built = dict[str, dict[str, str]]


def built_document(database: Path, document_id: str) -> Built:
    """The document's title, section headings and measure titles as the release holds them, by path."""
    title = query(database, "select title from documents where id = ?", document_id)
    sections = query(database, "select path, heading from sections where document_id = ?", document_id)
    measures = query(database, "select path, title from measures where document_id = ?", document_id)
    return {
        "title": {"": title[0]["title"]} if title else {},
        "sections": {row["path"]: row["heading"] for row in sections},
        "measures": {row["path"]: row["title"] for row in measures},
    }


def english_problem(where: str, english: object) -> str | None:
    if not isinstance(english, str) or not english.strip():
        return f"{where}: no English"
    if HAN.search(english):
        return f"{where}: Chinese characters in the English {english!r}"
    if not ENGLISH_CHARACTERS.fullmatch(english):
        return f"{where}: characters other than printable ASCII, quotes and dashes in {english!r}"
    if english != english.strip() or english.endswith("."):
        return f"{where}: stray spaces or a final full stop in {english!r}"
    return None


def entry_problems(where: str, entry: object, chinese: str) -> list[str]:
    if not isinstance(entry, dict):
        return [f"{where}: not a mapping with zh and en"]
    problems = [] if entry.get("zh") == chinese else [f"{where}: zh {entry.get('zh')!r} is not the built {chinese!r}"]
    problem = english_problem(where, entry.get("en"))
    return problems + ([problem] if problem else [])


def translation_problems(translations: dict[str, Any], built: Built) -> list[str]:
    """Everything wrong with one english.yml read against its built document; empty when it is complete."""
    problems = [] if translations.get("translation") == "unofficial" else ["translation: not marked unofficial"]
    problems += entry_problems("title", translations.get("title"), built["title"][""])
    for kind in ("sections", "measures"):
        entries = translations.get(kind) or {}
        if not isinstance(entries, dict):
            problems.append(f"{kind}: not a mapping of paths")
            continue
        expected = built[kind]
        problems += [f"{kind}: {path!r} missing" for path in expected if path not in entries]
        problems += [f"{kind}: {path!r} is not in the document" for path in entries if path not in expected]
        problems += [
            problem
            for path, entry in entries.items()
            if path in expected
            for problem in entry_problems(f"{kind}.{path}", entry, expected[path])
        ]
    return problems


def read_translations(document_id: str) -> dict[str, Any]:
    translations = yaml.safe_load((SOURCES / document_id / ENGLISH_FILE).read_text(encoding="utf-8"))
    assert isinstance(translations, dict)
    return translations


@pytest.mark.parametrize("document_id", SEED_DOCUMENTS)
def test_each_seed_document_has_an_english_title_for_every_section_and_measure(seed_db: Path, document_id: str) -> None:
    built = built_document(seed_db, document_id)
    assert built["title"] and built["sections"] and built["measures"], f"{document_id} is not in the seed release"
    assert translation_problems(read_translations(document_id), built) == []


def test_a_file_behind_its_document_is_reported_entry_by_entry() -> None:
    built: Built = {
        "title": {"": "数字广东建设2024年工作要点"},
        "sections": {"1": "总体要求", "2": "主要任务"},
        "measures": {"1.1": "指导思想", "1.2": "建设目标"},
    }
    translations = {
        "translation": "unofficial",
        "title": {"zh": "数字广东建设2024年工作要点", "en": "Key work points"},
        # Section 2 is missing; "3" is a path the document no longer has.
        "sections": {"1": {"zh": "总体要求", "en": "General requirements"}, "3": {"zh": "保障措施", "en": "Safeguards"}},
        "measures": {
            "1.1": {"zh": "指导原则", "en": "Guiding principles"},  # the Chinese has changed since
            "1.2": {"zh": "建设目标", "en": "建设 goals."},
        },
    }
    assert translation_problems(translations, built) == [
        "sections: '2' missing",
        "sections: '3' is not in the document",
        "measures.1.1: zh '指导原则' is not the built '指导思想'",
        "measures.1.2: Chinese characters in the English '建设 goals.'",
    ]


@pytest.mark.parametrize(
    ("english", "problem"),
    [
        ("", "no English"),
        (None, "no English"),
        ("Build a “smart city” — fast", None),
        ("Build a smart city.", "stray spaces or a final full stop in 'Build a smart city.'"),
        ("Build a smart city\u3002", "characters other than printable ASCII, quotes and dashes in 'Build a smart city\u3002'"),
        ("Café", "characters other than printable ASCII, quotes and dashes in 'Café'"),
    ],
)
def test_english_is_plain_and_without_chinese(english: object, problem: str | None) -> None:
    assert english_problem("x", english) == (f"x: {problem}" if problem else None)
