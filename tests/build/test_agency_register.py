"""The agency register sources/agencies.yml: loaded, checked, and linked into lineages."""

from pathlib import Path

import pytest

from dbay.build.agency_register import AgencyRegister, load_agency_register
from dbay.build.load import SourceError
from tests.conftest import SOURCES

SOURCE = "    sources:\n      - url: https://example.org/notice\n        says: The notice states the change.\n"


def write(folder: Path, entries: list[tuple[str, str]]) -> Path:
    body = "successions:\n" + "".join(
        f"  - predecessor: {old}\n    successor: {new}\n    effective: null\n{SOURCE}" for old, new in entries
    )
    (folder / "agencies.yml").write_text(body, encoding="utf-8")
    return folder


def test_no_register_is_an_empty_one(tmp_path: Path) -> None:
    register = load_agency_register(tmp_path)
    assert register == AgencyRegister((), None)
    assert register.latest("省科技厅") == "省科技厅"


def test_lineages_end_in_the_latest_name(tmp_path: Path) -> None:
    register = load_agency_register(write(tmp_path, [("省甲局", "省乙局"), ("省乙局", "省丙局"), ("省丁局", "省丙局")]))
    assert register.file == "agencies.yml"
    assert [register.latest(name) for name in ("省甲局", "省乙局", "省丙局", "省丁局")] == ["省丙局"] * 4
    assert register.names() == {"省甲局", "省乙局", "省丙局", "省丁局"}


def test_names_are_kept_in_simplified_script(tmp_path: Path) -> None:
    register = load_agency_register(write(tmp_path, [("省衛生廳", "省衛生計生委")]))
    assert register.names() == {"省卫生厅", "省卫生计生委"}


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([("省甲局", "省甲局")], "successions entry 1 (省甲局 → 省甲局): a body cannot succeed itself"),
        (
            [("省甲局", "省乙局"), ("省甲局", "省丙局")],
            "successions entry 2 (省甲局 → 省丙局): 省甲局 already has the successor 省乙局",
        ),
        ([("省甲局", "省乙局"), ("省乙局", "省甲局")], "successions entry 2 (省乙局 → 省甲局): the successions run in a circle"),
    ],
)
def test_ambiguous_lineages_are_refused_naming_file_and_entry(
    tmp_path: Path, entries: list[tuple[str, str]], message: str
) -> None:
    with pytest.raises(SourceError) as error:
        load_agency_register(write(tmp_path, entries))
    assert "agencies.yml" in str(error.value)
    assert message in str(error.value)


def test_an_entry_without_a_source_is_refused(tmp_path: Path) -> None:
    (tmp_path / "agencies.yml").write_text(
        "successions:\n  - predecessor: 省甲局\n    successor: 省乙局\n    effective: 2020-01-01\n    sources: []\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match=r"agencies\.yml: successions\.0\.sources"):
        load_agency_register(tmp_path)


def test_an_unknown_key_is_refused(tmp_path: Path) -> None:
    (tmp_path / "agencies.yml").write_text(
        f"successions:\n  - predecessor: 省甲局\n    successor: 省乙局\n    effective: null\n    date: 2020\n{SOURCE}",
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match=r"agencies\.yml: successions\.0\.date: Extra inputs"):
        load_agency_register(tmp_path)


def test_the_projects_register_loads_with_a_source_for_every_entry() -> None:
    register = load_agency_register(SOURCES)
    assert register.latest("省政务服务数据管理局") == "省政务服务和数据管理局"
    assert register.latest("省人口计生委") == register.latest("省卫生厅") == "省卫生计生委"
    assert all(entry.sources and all(s.url.startswith("http") for s in entry.sources) for entry in register.successions)
