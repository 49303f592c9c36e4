"""The SQLite tables follow from the record models: every field a column, with its type and key."""

from pathlib import Path

from dbay.schema.published import PUBLISHED_RECORDS
from dbay.schema.records import Measure
from dbay.schema.tables import columns, data_dictionary, not_null
from tests.conftest import query


def test_every_published_table_has_exactly_the_models_fields(seed_db: Path) -> None:
    for model in PUBLISHED_RECORDS:
        info = query(seed_db, f"select name, type, [notnull], pk from pragma_table_info('{model.table}')")
        assert [row["name"] for row in info] == list(model.model_fields), model.table
        assert [row["name"] for row in info if row["pk"]] == list(model.primary_key), model.table
        assert {row["name"] for row in info if row["notnull"]} == not_null(model), model.table


def test_column_types_follow_the_field_types() -> None:
    types = columns(Measure)
    assert (types["position"], types["agencies_open_ended"], types["title"]) == (int, int, str)


def test_foreign_keys_are_declared(seed_db: Path) -> None:
    keys = {(row["from"], row["table"]) for row in query(seed_db, "select * from pragma_foreign_key_list('measures')")}
    assert keys == {("document_id", "documents"), ("section_id", "sections"), ("text_rendition_id", "renditions")}
    assert query(seed_db, "select count(*) from pragma_foreign_key_check")[0][0] == 0


def test_the_data_dictionary_describes_every_column() -> None:
    rows = data_dictionary()
    assert all(row["description"] for row in rows)
    assert {
        "table": "measures",
        "column": "text_hant",
        "type": "TEXT",
        "description": Measure.model_fields["text_hant"].description,
    } in rows
