"""Search speed on the release's measures copied N times (default 1000): index build and queries.

    .venv/bin/python benchmarks/search_speed.py [dist/dbay-<version>.db] [copies]

Times the two ways search is used: Datasette's search box (every match, in reading order) and
the API's ranked first page. Prints figures; asserts nothing.
"""

import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from dbay import releases, search

QUERIES = ["养老", "養老", "5G", "互联网", "数字经济", "粤港澳大湾区", "数据", "数"]


def enlarged(source: Path, copies: int, target: Path) -> sqlite3.Connection:
    shutil.copy(source, target)
    connection = sqlite3.connect(target)
    connection.execute("drop table if exists measures_fts")
    columns = [row[1] for row in connection.execute("pragma table_info(measures)")]
    others = ", ".join(c for c in columns if c != "id")
    for copy in range(1, copies):
        connection.execute(
            f"insert into measures (id, {others}) select id || '.copy{copy}', {others} from measures where id not like '%.copy%'"
        )
    connection.commit()
    return connection


def timed(connection: sqlite3.Connection, sql: str, match: str) -> tuple[float, int]:
    started = time.perf_counter()
    rows = connection.execute(sql, {"match": match}).fetchall()
    return (time.perf_counter() - started) * 1000, len(rows)


def main() -> None:
    latest = releases.latest_version(Path("dist"))
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else releases.release_path(Path("dist"), latest) if latest else None
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    assert source, "build a release first: dbay build"
    with tempfile.TemporaryDirectory() as scratch:
        connection = enlarged(source, copies, Path(scratch) / "big.db")
        measures = connection.execute("select count(*) from measures").fetchone()[0]
        started = time.perf_counter()
        search.create_index(connection)
        print(f"measures {measures:,}; index built in {time.perf_counter() - started:.1f} s")
        box = (
            f"select id from measures where rowid in (select rowid from {search.TABLE} "
            f"where {search.TABLE} match :match) order by reading_order"
        )
        ranked = f"{search.search_sql('measures.id')} limit 20"
        print(f"{'query':<14}{'matches':>10}{'search box (all, ms)':>24}{'API first page (ms)':>22}")
        for text in QUERIES:
            match = search.match_expression(text)
            assert match is not None, text
            all_ms, count = timed(connection, box, match)
            page_ms, _ = timed(connection, ranked, match)
            print(f"{text:<14}{count:>10,}{all_ms:>24.1f}{page_ms:>22.1f}")


if __name__ == "__main__":
    main()
