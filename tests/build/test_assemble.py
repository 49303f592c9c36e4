"""One document's records: canonical text, the other script, inherited agency clauses."""

from pathlib import Path

import yaml

from dbay.build.pipeline import run_build
from dbay.build.scripts import to_hant
from tests.conftest import GENRE, copy_sources, query

PLAN = "test-three-level-plan"


def test_an_official_rendition_in_the_other_script_supplies_that_script(tmp_path: Path) -> None:
    sources = copy_sources([GENRE / PLAN], tmp_path / "sources")
    official = (sources / PLAN / "official.txt").read_text(encoding="utf-8")
    # A Traditional official text with one wording of its own, so its use is visible.
    (sources / PLAN / "official-hant.txt").write_text(
        to_hant(official).replace("千兆光網建設", "千兆光纖網絡建設"), encoding="utf-8"
    )
    config_path = sources / PLAN / "document.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["renditions"].append({"file": "official-hant.txt", "script": "zh-Hant", "kind": "official"})
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    db = run_build(sources, tmp_path / "dist").written.path
    first = query(db, "select * from measures where id = ?", f"{PLAN}.1.1.1")[0]
    assert first["title"] == "加快5G网络和千兆光网建设"  # canonical: the Simplified official text
    assert first["title_hant"] == "加快5G網絡和千兆光纖網絡建設"  # the Traditional official text's own
    assert first["converted_script"] is None
    coverage = query(db, "select coverage from renditions where id = ?", f"{PLAN}.official-hant")[0][0]
    assert coverage == 1.0


def test_a_clause_saying_the_same_below_covers_the_following_items(tmp_path: Path) -> None:
    sources = copy_sources([GENRE / PLAN], tmp_path / "sources")
    db = run_build(sources, tmp_path / "dist").written.path
    rows = query(
        db,
        "select id, agency_clause, agency_clause_inherited_from from measures where section_id = ? order by position",
        f"{PLAN}.1.2",
    )
    assert [tuple(row) for row in rows] == [
        (f"{PLAN}.1.2.1", "省住房城乡建设厅牵头，下同", None),
        (f"{PLAN}.1.2.2", None, f"{PLAN}.1.2.1"),
        (f"{PLAN}.1.2.3", None, f"{PLAN}.1.2.1"),
    ]
    inherited = query(db, "select inherited from measure_agencies where measure_id = ?", f"{PLAN}.1.2.3")
    assert [row[0] for row in inherited] == [1]
    # 2.1.1 has a clause of its own, which ends the 下同 of 1.2.1.
    assert query(db, "select agency_clause_inherited_from from measures where id = ?", f"{PLAN}.2.1.1")[0][0] is None
