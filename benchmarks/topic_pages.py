"""The pages of a broad place and a common entity on a large corpus: one page of provisions against all.

    .venv/bin/python benchmarks/topic_pages.py [scale] [repeats]      (default: 1000 5)

The corpus is ``corpus.built_corpus(scale)`` (the seeds' shapes with the dictionaries of named
things and places), taken from benchmarks/.corpus or built. Its most named place and most mentioned
entity are asked for in process, uncached, with the pages' default page size and with every
provision on one page, as the pages listed them before they were paged (the baseline, in the same
process). Prints the median time and the size of each, and the ratios. Asserts nothing.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from corpus import built_corpus
from flask.testing import FlaskClient
from recording import write_results

from dbay import releases
from dbay.service.app import create_app
from dbay.service.topic_pages import TOPIC_PAGE_SIZE

EVERY_PROVISION = 10**9  # a page size no corpus reaches: the whole list on one page


def _timed(client: FlaskClient, url: str, repeats: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.data)
    return statistics.median(times), size


def main(scale: int, repeats: int) -> None:
    database = built_corpus(scale)
    with tempfile.TemporaryDirectory() as folder:
        connection = releases.open_read_only(database, immutable=True)
        version = connection.execute("select version from releases").fetchone()[0]
        most = "select {0} from {1} group by 1 order by count(*) desc limit 1"
        place = connection.execute(most.format("place_id", "measure_places")).fetchone()[0]
        entity = connection.execute(most.format("entity_id", "measure_entities")).fetchone()[0]
        connection.close()
        (Path(folder) / f"dbay-{version}.db").symlink_to(database)
        paged = create_app({"DATA_DIR": Path(folder)}).test_client()
        whole = create_app({"DATA_DIR": Path(folder), "TOPIC_PAGE_SIZE": EVERY_PROVISION}).test_client()
        figures = {}
        print(f"scale {scale}, page of {TOPIC_PAGE_SIZE} against every provision on one page, median of {repeats}")
        print(f"{'page':<34}{'one page ms':>13}{'KB':>9}{'all ms':>10}{'KB':>9}{'time ×':>9}")
        for url in (f"/places/{place}", f"/entities/{entity}"):
            page_ms, page_bytes = _timed(paged, url, repeats)
            all_ms, all_bytes = _timed(whole, url, repeats)
            figures[url] = {"page_ms": page_ms, "page_bytes": page_bytes, "all_ms": all_ms, "all_bytes": all_bytes}
            ratio = all_ms / page_ms
            print(f"{url:<34}{page_ms:>13.0f}{page_bytes / 1000:>9.0f}{all_ms:>10.0f}{all_bytes / 1000:>9.0f}{ratio:>9.1f}")
    print(f"written to {write_results({'scale': scale, 'page_size': TOPIC_PAGE_SIZE, 'pages': figures}, 'topic-pages')}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
