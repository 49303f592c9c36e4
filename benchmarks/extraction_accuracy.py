"""How well the build extracts documents it was never tuned on, against answers read by hand.

    .venv/bin/python benchmarks/extraction_accuracy.py [folder]

Each folder under benchmarks/extraction/ is a document of the genre in a shape found on public
pages (a city government page with its furniture, a Macao-style law, a news-only repost, an
encyclopedia entry), written for this benchmark, with an ``expected.yml`` read off its text by
hand. They measure the build; a failure they show is fixed in general form, with a unit test or
a fixture of its own, never by fitting these texts (so after such a fix a document is no longer
unseen: add new ones in shapes not yet here). Each document is built on its own, so one failure
does not hide the others. Prints figures; asserts nothing.
"""

import shutil
import sqlite3
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dbay.build.pipeline import run_build

EXTRACTION = Path(__file__).resolve().parent / "extraction"
RELEASE_YML = 'version: "1.0"\nlicense: CC-BY-4.0\nlicense_url: https://creativecommons.org/licenses/by/4.0/\n'


@dataclass
class Score:
    documents: int = 0
    failed: list[str] = field(default_factory=list)
    paths: list[bool] = field(default_factory=list)  # one per expected measure: its path exists
    titles: list[bool] = field(default_factory=list)  # one per expected measure: same path and title
    extra_measures: int = 0
    sections: list[bool] = field(default_factory=list)
    agency_pairs: dict[str, list[int]] = field(default_factory=lambda: {"lead": [0, 0, 0], "participating": [0, 0, 0]})
    leaks: list[str] = field(default_factory=list)
    preambles: list[bool] = field(default_factory=list)
    declared: list[bool] = field(default_factory=list)
    texts: list[bool] = field(default_factory=list)


def _build(folder: Path, work: Path) -> Path:
    sources = work / "sources"
    shutil.copytree(folder, sources / folder.name, ignore=shutil.ignore_patterns("expected.yml"))
    (sources / "release.yml").write_text(RELEASE_YML, encoding="utf-8")
    return run_build(sources, work / "dist").written.path


def _rows(db: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def _agencies(db: Path, measure_id: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"lead": set(), "participating": set()}
    sql = "select a.name, ma.role from measure_agencies ma join agencies a on a.id = ma.agency_id where ma.measure_id = ?"
    for row in _rows(db, sql, measure_id):
        found[row["role"]].add(row["name"])
    return found


def score_document(folder: Path, db: Path, expected: dict[str, Any], score: Score) -> None:
    doc = folder.name
    measures = {row["path"]: row for row in _rows(db, "select * from measures where document_id = ?", doc)}
    sections = {row["path"]: row for row in _rows(db, "select * from sections where document_id = ?", doc)}
    wanted_paths = {m["path"] for m in expected["measures"]}
    score.extra_measures += len(set(measures) - wanted_paths)
    for want in expected["measures"]:
        row = measures.get(want["path"])
        score.paths.append(row is not None)
        score.titles.append(row is not None and row["title"] == want["title"])
        for fragment in want.get("text_contains", []):
            score.texts.append(row is not None and fragment in row["text"])
        if "agencies" in want:
            got = _agencies(db, f"{doc}.{want['path']}") if row is not None else {"lead": set(), "participating": set()}
            for role, counts in score.agency_pairs.items():
                expected_names = set(want["agencies"][role])
                counts[0] += len(got[role] & expected_names)  # true positives
                counts[1] += len(got[role] - expected_names)  # false positives
                counts[2] += len(expected_names - got[role])  # false negatives
    for want in expected["sections"]:
        row = sections.get(want["path"])
        score.sections.append(row is not None and row["heading"] == want["heading"])
    published = [*(m["text"] for m in measures.values()), *(m["title"] for m in measures.values())]
    published += [s["heading"] for s in sections.values()] + [s["preamble"] or "" for s in sections.values()]
    document = _rows(db, "select preamble, declared_measures from documents where id = ?", doc)[0]
    published.append(document["preamble"] or "")
    for fragment in expected.get("furniture", []):
        if any(fragment in text for text in published):
            score.leaks.append(f"{doc}: {fragment}")
    score.preambles.append(document["preamble"] == expected.get("preamble"))
    score.declared.append(document["declared_measures"] == expected.get("declared"))


def _share(values: list[bool]) -> str:
    return f"{sum(values)}/{len(values)}" if values else "—"


def _f1(counts: list[int]) -> float:
    true_positive, false_positive, false_negative = counts
    if true_positive == 0:
        return 0.0
    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    return 2 * precision * recall / (precision + recall)


def main(folders: list[Path]) -> None:
    score = Score()
    for folder in folders:
        score.documents += 1
        expected = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as work:
            try:
                db = _build(folder, Path(work))
            except Exception as error:  # a benchmark reports every failure and goes on
                score.failed.append(f"{folder.name}: {type(error).__name__}: {error}")
                score.paths += [False] * len(expected["measures"])
                score.titles += [False] * len(expected["measures"])
                score.sections += [False] * len(expected["sections"])
                continue
            score_document(folder, db, expected, score)
    print(f"documents built:           {score.documents - len(score.failed)}/{score.documents}")
    print(f"measure paths right:       {_share(score.paths)} (and {score.extra_measures} measures not in the answers)")
    print(f"measure titles right:      {_share(score.titles)}")
    print(f"section headings right:    {_share(score.sections)}")
    print(f"text fragments present:    {_share(score.texts)}")
    print(f"lead agencies F1:          {_f1(score.agency_pairs['lead']):.2f}  (tp, fp, fn = {score.agency_pairs['lead']})")
    participating = score.agency_pairs["participating"]
    print(f"participating agencies F1: {_f1(participating):.2f}  (tp, fp, fn = {participating})")
    print(f"preambles right:           {_share(score.preambles)}")
    print(f"declared counts right:     {_share(score.declared)}")
    print(f"furniture leaks:           {len(score.leaks)}")
    for line in score.failed:
        print(f"  failed: {line}")
    for line in score.leaks:
        print(f"  leak: {line}")


if __name__ == "__main__":
    chosen = [EXTRACTION / name for name in sys.argv[1:]] or sorted(p for p in EXTRACTION.iterdir() if p.is_dir())
    main(chosen)
