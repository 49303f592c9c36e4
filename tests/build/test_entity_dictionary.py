"""The entity dictionary is checked as it is loaded: errors name the file and the entry."""

from pathlib import Path

import pytest

from dbay.build.entities import add_entities
from dbay.build.entity_dictionary import entity_record, load_entity_dictionary
from dbay.build.load import SourceError
from dbay.build.validate import Records
from dbay.schema.records import Agency


def dictionary(tmp_path: Path, text: str) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "entities.yml").write_text(text, encoding="utf-8")
    return sources


YUE_SHENG_SHI = """
  - id: yue-sheng-shi
    type: platform
    name: 粤省事
    source: "seed text: test"
"""


def test_two_entries_with_one_id_are_refused(tmp_path: Path) -> None:
    sources = dictionary(tmp_path, "entities:" + YUE_SHENG_SHI + YUE_SHENG_SHI.replace("粤省事", "粤商通"))
    with pytest.raises(
        SourceError, match=r"^sources/entities\.yml: entry 2 \(yue-sheng-shi\): duplicate id, already used by entry 1$"
    ):
        load_entity_dictionary(sources)


def test_one_name_for_two_entries_is_refused_in_either_script(tmp_path: Path) -> None:
    # The second entry's alias is the first entry's name in Traditional script.
    other = """
  - id: yue-shang-tong
    type: platform
    name: 粤商通
    aliases: [粵省事]
    source: "seed text: test"
"""
    sources = dictionary(tmp_path, "entities:" + YUE_SHENG_SHI + other)
    with pytest.raises(
        SourceError, match=r"^sources/entities\.yml: entry 2 \(yue-shang-tong\): the name .+ is already a name of entry 1"
    ):
        load_entity_dictionary(sources)


def test_an_unknown_type_is_refused(tmp_path: Path) -> None:
    sources = dictionary(tmp_path, "entities:" + YUE_SHENG_SHI.replace("type: platform", "type: app"))
    with pytest.raises(SourceError, match=r"^sources/entities\.yml: entry 1 \(yue-sheng-shi\): type: Input should be 'platform'"):
        load_entity_dictionary(sources)


def test_an_entry_without_a_source_is_refused(tmp_path: Path) -> None:
    sources = dictionary(tmp_path, "entities:" + YUE_SHENG_SHI.replace('    source: "seed text: test"\n', ""))
    with pytest.raises(SourceError, match=r"entry 1 \(yue-sheng-shi\): source: Field required"):
        load_entity_dictionary(sources)


def test_an_id_that_is_not_url_safe_is_refused(tmp_path: Path) -> None:
    sources = dictionary(tmp_path, "entities:" + YUE_SHENG_SHI.replace("id: yue-sheng-shi", "id: Yue Sheng Shi"))
    with pytest.raises(SourceError, match=r"entry 1 \(Yue Sheng Shi\): id: String should match pattern"):
        load_entity_dictionary(sources)


def test_the_traditional_name_is_converted_unless_given(tmp_path: Path) -> None:
    macao = """
  - id: yi-hu-tong
    type: platform
    name: 一户通
    name_hant: 一戶通
    source: "seed text: test"
"""
    sources = dictionary(tmp_path, "entities:" + YUE_SHENG_SHI + macao)
    assert [(e.name, e.name_hant) for e in map(entity_record, load_entity_dictionary(sources))] == [
        ("粤省事", "粵省事"),
        ("一户通", "一戶通"),
    ]


def test_an_entity_with_the_id_of_another_record_is_refused(tmp_path: Path) -> None:
    records = Records(
        agencies=[
            Agency(
                id="yue-sheng-shi", name="粤省事", name_hant="粵省事", aliases=[], collective=False, lineage_id="yue-sheng-shi"
            )
        ]
    )
    sources = dictionary(tmp_path, "entities:" + YUE_SHENG_SHI)
    with pytest.raises(
        SourceError, match=r"^sources/entities\.yml: entity yue-sheng-shi \(粤省事\) has the id of agency 粤省事$"
    ):
        add_entities(records, sources)


def test_a_dictionary_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    sources = dictionary(tmp_path, "- 粤省事\n")
    with pytest.raises(SourceError, match=r"^sources/entities\.yml: \(top level\): Input should be a valid dictionary"):
        load_entity_dictionary(sources)


def test_entities_found_again_replace_those_found_before(tmp_path: Path) -> None:
    records, sources = Records(), dictionary(tmp_path, "entities:" + YUE_SHENG_SHI)
    add_entities(records, sources)
    add_entities(records, sources)
    assert [entity.id for entity in records.entities] == ["yue-sheng-shi"]
