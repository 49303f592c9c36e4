"""The place dictionary is checked as it is loaded: errors name the file and the entry."""

from pathlib import Path

import pytest

from dbay.build.load import SourceError
from dbay.build.place_dictionary import load_places
from dbay.build.places import add_places
from dbay.build.validate import Records
from dbay.schema.records import Agency


def dictionary(tmp_path: Path, text: str) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "places.yml").write_text(text, encoding="utf-8")
    return sources


GUANGZHOU = """
  - id: guang-zhou
    kind: city
    name: 广州
    coordinate_source: test
"""


def refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        load_places(dictionary(tmp_path, text))


def test_two_entries_with_one_id_are_refused(tmp_path: Path) -> None:
    text = "places:" + GUANGZHOU + GUANGZHOU.replace("广州", "深圳")
    refused(tmp_path, text, r"^sources/places\.yml: entry 2 \(guang-zhou\): duplicate id, already used by entry 1$")


def test_one_name_for_two_entries_is_refused_in_either_script(tmp_path: Path) -> None:
    other = GUANGZHOU.replace("guang-zhou", "sui").replace("name: 广州", "name: 穗\n    aliases: [廣州]")
    refused(
        tmp_path, "places:" + GUANGZHOU + other, r"entry 2 \(sui\): the name 广州 is already a name of entry 1 \(guang-zhou\)"
    )


def test_a_parent_that_is_no_entry_is_refused(tmp_path: Path) -> None:
    zone = GUANGZHOU.replace("guang-zhou", "nan-sha").replace("city", "zone").replace("广州", "南沙") + "    parent: guangzhou\n"
    refused(tmp_path, "places:" + GUANGZHOU + zone, r"entry 2 \(nan-sha\): parent guangzhou is not an entry of the dictionary$")


def test_parents_that_loop_are_refused(tmp_path: Path) -> None:
    first = GUANGZHOU + "    parent: shen-zhen\n"
    second = GUANGZHOU.replace("guang-zhou", "shen-zhen").replace("广州", "深圳") + "    parent: guang-zhou\n"
    refused(tmp_path, "places:" + first + second, r"entry 1 \(guang-zhou\): its parents loop back to guang-zhou$")


def test_a_latitude_without_a_longitude_is_refused(tmp_path: Path) -> None:
    refused(
        tmp_path, "places:" + GUANGZHOU + "    latitude: 23.13\n", r"entry 1 \(guang-zhou\): .*latitude and longitude together"
    )


def test_a_latitude_beyond_the_pole_is_refused(tmp_path: Path) -> None:
    text = "places:" + GUANGZHOU + "    latitude: 123.1\n    longitude: 23.1\n"
    refused(tmp_path, text, r"entry 1 \(guang-zhou\): latitude: Input should be less than or equal to 90")


def test_an_entry_without_a_coordinate_source_is_refused(tmp_path: Path) -> None:
    refused(
        tmp_path, "places:" + GUANGZHOU.replace("    coordinate_source: test\n", ""), r"entry 1 \(guang-zhou\): coordinate_source"
    )


def test_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "places:" + GUANGZHOU.replace("city", "town"), r"entry 1 \(guang-zhou\): kind: Input should be")


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, "- 广州\n", r"^sources/places\.yml: \(top level\): Input should be a valid dictionary")


def test_a_place_may_not_take_the_id_of_another_record(tmp_path: Path) -> None:
    sources = dictionary(tmp_path, "places:" + GUANGZHOU)
    records = Records(
        agencies=[Agency(id="guang-zhou", name="广州", name_hant="廣州", aliases=[], collective=False, lineage_id="guang-zhou")]
    )
    with pytest.raises(SourceError, match=r"^sources/places\.yml: place guang-zhou \(广州\) has the id of agency 广州$"):
        add_places(records, sources)


def test_a_folder_without_a_dictionary_has_no_places(tmp_path: Path) -> None:
    records = Records()
    add_places(records, tmp_path)
    assert (records.places, records.measure_places) == ([], [])
