"""How renditions combine, and where their sources point: the extra keys of the genre fixtures.

Each provision's text comes from the most authoritative rendition that carries it, the release
holds the union of what the renditions carry, nothing depends on the order document.yml lists
them in, and every measure_sources row cites the provision (and its agency clause) exactly.
The expected values are in each fixture's expected.yml, read off its text by hand.
"""

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from dbay.build.clean import clean
from dbay.build.compare import bigrams, dice
from dbay.build.pipeline import BuildResult, run_build
from dbay.build.scripts import to_hant
from dbay.schema.published import PUBLISHED_RECORDS
from tests.conftest import GENRE, SOURCES, copy_sources, query

FIXTURES = sorted(p.name for p in GENRE.iterdir() if p.is_dir())
# Columns that say when and from which files a release was built, not what it holds.
BUILD_FACTS = {"releases": {"built_at", "source_files"}}
# Another rendition's copy may be edited (Taiwan vocabulary such as 疊代 for 迭代, a reporter's
# 落实 for 落地), so its span is held to end with the measure's last sentence, not to match it:
# the two last sentences agree as well as an edited copy of one sentence does (bigram Dice, in
# Simplified script with mainland vocabulary, punctuation ignored).
LAST_SENTENCE_MIN_DICE = 0.5


def expected(document: str) -> dict[str, Any]:
    value: dict[str, Any] = yaml.safe_load((GENRE / document / "expected.yml").read_text(encoding="utf-8"))
    return value


def with_key(key: str) -> list[str]:
    return [document for document in FIXTURES if key in expected(document)]


@pytest.mark.parametrize("document", with_key("text_renditions"))
def test_each_text_comes_from_the_most_authoritative_rendition_that_carries_it(genre_release: BuildResult, document: str) -> None:
    rows = query(
        genre_release.written.path,
        "select path, text_rendition_id from measures where document_id = ? "
        "union all select path, text_rendition_id from sections where document_id = ?",
        document,
        document,
    )
    found = {row["path"]: row["text_rendition_id"] for row in rows}
    for path, stem in expected(document)["text_renditions"].items():
        assert found[path] == f"{document}.{stem}", path


@pytest.mark.parametrize("document", with_key("canonical_rendition"))
def test_the_canonical_rendition_is_the_most_authoritative_and_complete(genre_release: BuildResult, document: str) -> None:
    db = genre_release.written.path
    want = f"{document}.{expected(document)['canonical_rendition']}"
    assert query(db, "select canonical_rendition_id from documents where id = ?", document)[0][0] == want
    assert [row[0] for row in query(db, "select id from renditions where document_id = ? and canonical", document)] == [want]


@pytest.mark.parametrize("document", with_key("measures_carried"))
def test_each_rendition_carries_what_it_prints(genre_release: BuildResult, document: str) -> None:
    rows = query(genre_release.written.path, "select id, measures_carried from renditions where document_id = ?", document)
    found = {row["id"].removeprefix(f"{document}."): row["measures_carried"] for row in rows}
    assert found == expected(document)["measures_carried"]


@pytest.mark.parametrize("document", with_key("texts"))
def test_texts_are_the_supplying_renditions_wording(genre_release: BuildResult, document: str) -> None:
    for path, text in expected(document)["texts"].items():
        rows = query(genre_release.written.path, "select text from measures where id = ?", f"{document}.{path}")
        assert rows[0]["text"] == text, path


@pytest.mark.parametrize("document", with_key("preamble"))
def test_the_documents_own_preamble_is_kept(genre_release: BuildResult, document: str) -> None:
    rows = query(genre_release.written.path, "select preamble from documents where id = ?", document)
    assert rows[0]["preamble"] == expected(document)["preamble"]


@pytest.mark.parametrize("document", with_key("excluded_line_numbers"))
def test_the_reports_own_lines_are_excluded(genre_release: BuildResult, document: str) -> None:
    want = expected(document)
    rows = query(
        genre_release.written.path,
        "select e.line from excluded_text e where e.rendition_id = ? order by e.line",
        f"{document}.{want['canonical_rendition']}",
    )
    lines = [row["line"] for row in rows]
    assert set(want["excluded_line_numbers"]) <= set(lines)
    assert want["preamble_line"] not in lines


def test_a_provision_only_a_repost_carries_is_placed_among_the_others(genre_release: BuildResult) -> None:
    document = "test-provision-only-in-repost"
    rows = query(
        genre_release.written.path,
        "select id, path, position, section_id from measures where document_id = ? order by position",
        document,
    )
    assert [row["path"] for row in rows] == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
    assert {row["path"]: row["section_id"] for row in rows}["2.3"] == f"{document}.2"
    sources = query(
        genre_release.written.path,
        "select rendition_id from measure_sources where measure_id = ? order by rendition_id",
        f"{document}.2.3",
    )
    assert [row[0] for row in sources] == [f"{document}.web-page"]


def test_numbered_links_of_a_fragment_become_no_provision(genre_release: BuildResult) -> None:
    document = "test-fragment-and-full-reposts"
    # 相关链接 and its eight links (lines 8-16 of fragment.txt) are page furniture: excluded with
    # their reason, and none is published as a provision
    rows = query(
        genre_release.written.path,
        "select line, reason from excluded_text where rendition_id = ? and line between 8 and 16 order by line",
        f"{document}.fragment",
    )
    assert [row["line"] for row in rows] == list(range(8, 17))
    assert all("related links" in row["reason"] for row in rows)
    titles = [
        row["title"] for row in query(genre_release.written.path, "select title from measures where document_id = ?", document)
    ]
    assert not any("通知" in title or "条例" in title for title in titles)


def _tables(database: Path) -> dict[str, list[tuple[object, ...]]]:
    tables = {}
    with sqlite3.connect(database) as connection:
        for model in PUBLISHED_RECORDS:
            names = [n for n in model.model_fields if n not in BUILD_FACTS.get(model.table, set())]
            columns = ", ".join(f"[{n}]" for n in names)
            tables[model.table] = connection.execute(f"select {columns} from [{model.table}] order by rowid").fetchall()
    return tables


def _with_several_renditions() -> list[Path]:
    folders = [GENRE / name for name in FIXTURES] + [SOURCES / "digital-bay-area-action-plan"]
    return [f for f in folders if len(yaml.safe_load((f / "document.yml").read_text(encoding="utf-8"))["renditions"]) > 1]


@pytest.mark.parametrize("folder", _with_several_renditions(), ids=lambda folder: folder.name)
def test_the_release_does_not_depend_on_the_order_of_renditions(tmp_path: Path, folder: Path) -> None:
    built = []
    config = yaml.safe_load((folder / "document.yml").read_text(encoding="utf-8"))
    listed = config["renditions"]
    for number, order in enumerate([listed, list(reversed(listed)), listed[1:] + listed[:1]]):
        sources = copy_sources([folder], tmp_path / f"order{number}" / "sources")
        (sources / folder.name / "document.yml").write_text(
            yaml.safe_dump(config | {"renditions": order}, allow_unicode=True), encoding="utf-8"
        )
        built.append(_tables(run_build(sources, tmp_path / f"order{number}" / "dist").written.path))
    for other in built[1:]:
        for table, rows in built[0].items():
            assert other[table] == rows, table


# --- spans: every measure_sources row cites the provision, and its clause, exactly ------------------


def cleaned(raw: str) -> str:
    return "\n".join(paragraph.text.text for paragraph in clean(raw))


def last_sentence(text: str) -> str:
    return re.split(r"[。！？\n]", text.rstrip("。！？\n"))[-1]


def check_spans(database: Path) -> int:
    """Check every measure_sources row of a release; the number checked."""
    rows = query(
        database,
        "select s.*, m.text, m.text_hant, m.agency_clause, m.agency_clause_hant, m.text_rendition_id, r.script "
        "from measure_sources s join measures m on m.id = s.measure_id join renditions r on r.id = s.rendition_id",
    )
    for row in rows:
        where = f"{row['measure_id']} in {row['rendition_id']}"
        raw = row["raw_text"]
        assert raw == raw.strip() and not raw.endswith(("(", "（")), where
        if row["rendition_id"] == row["text_rendition_id"]:
            text, clause = (
                (row["text"], row["agency_clause"])
                if row["script"] == "zh-Hans"
                else (row["text_hant"], row["agency_clause_hant"])
            )
            assert cleaned(raw) == text, where
            if clause is not None:
                # a parenthesis ending the item, or labelled lines after it (责任单位：…), in the script of the text
                assert cleaned(row["clause_raw_text"]) in (f"（{clause}）", clause), where
        else:
            agreement = dice(bigrams(last_sentence(row["text"])), bigrams(last_sentence(cleaned(raw))))
            assert agreement >= LAST_SENTENCE_MIN_DICE, where
        if row["clause_start"] is not None:
            assert row["clause_start"] >= row["end"], where
    return len(rows)


def test_every_seed_span_cites_the_provision_from_its_first_character_to_its_last(seed_db: Path) -> None:
    assert check_spans(seed_db) == 31 + 11 + 29 + 55 + 27


def test_every_genre_span_cites_the_provision_from_its_first_character_to_its_last(genre_release: BuildResult) -> None:
    assert check_spans(genre_release.written.path) > 0


def test_the_work_points_clauses_have_spans_of_their_own(seed_db: Path) -> None:
    rows = query(
        seed_db,
        "select s.raw_text, s.end, s.clause_start, s.clause_raw_text, m.agency_clause, r.raw_text as whole "
        "from measure_sources s join measures m on m.id = s.measure_id join renditions r on r.id = s.rendition_id "
        "where m.document_id = 'digital-guangdong-2024-key-tasks'",
    )
    assert len(rows) == 55
    for row in rows:
        assert row["raw_text"].endswith("。")
        if row["agency_clause"]:
            clause = row["clause_raw_text"]
            assert clause[0] in "(（" and clause[-1] in ")）"  # its parentheses, the text's (cleaned) in check_spans
            assert not row["whole"][row["end"] : row["clause_start"]].strip()  # right after the provision


def test_a_provision_from_a_repost_in_the_other_script_keeps_that_scripts_text(tmp_path: Path) -> None:
    document = "test-provision-only-in-repost"
    sources = copy_sources([GENRE / document], tmp_path / "sources")
    repost = sources / document / "web-page.txt"
    repost.write_text(to_hant(repost.read_text(encoding="utf-8")), encoding="utf-8")
    config_path = sources / document / "document.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["renditions"][1]["script"] = "zh-Hant"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    db = run_build(sources, tmp_path / "dist").written.path
    rows = {row["path"]: row for row in query(db, "select * from measures where document_id = ?", document)}
    assert (rows["2.3"]["converted_script"], rows["2.3"]["title_hant"]) == ("zh-Hans", to_hant("加强网约车和巡游出租车监管"))
    assert (rows["2.2"]["converted_script"], rows["2.2"]["title"]) == ("zh-Hant", "完善出行信息服务")
    assert check_spans(db) == 5 + 8
