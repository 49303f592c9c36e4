"""Search speed on a synthetic corpus (default 1,000× the seeds, built by the normal build).

    .venv/bin/python benchmarks/search_speed.py [--scale 1000] [--db release.db] [--runs 15]

For 1- to 4-character terms, the most frequent of each length (where the answer set is largest)
and rare ones, all taken from the corpus itself, times the API's first page of 50 three ways:
ranked inside the index as the API does (``dbay.search_pages``), the whole uncached API answer
in process (Flask, snippets included), and a plain ``LIKE`` scan (every measure read, the page in
reading order, no ranking: the cheapest thing a scan can do). Prints p50/p99 a query and over all
queries, and the speed-up; then the same for a few queries using the syntax (OR, -word, a phrase)
and a cross-strait variant, summed up apart (their LIKE column scans for the query as one string);
then the index page for a few hundred terms drawn where they stand in the texts (phrases of
common characters are the slowest to match), with the slowest. Writes the figures to
``benchmarks/results/<date>-<machine>-search.json``.
Asserts nothing.
"""

import argparse
import functools
import random
import sqlite3
import statistics
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import corpus
from recording import write_results

from dbay import releases, search, search_pages, search_variants
from dbay.service.app import create_app

PAGE = 50
NAMED = ["数据", "数字", "建设"]  # the terms the issue names
# The query syntax and a cross-strait variant (人工智慧 is searched as 人工智能 where only that occurs).
SYNTAX = ["数据 OR 养老", "数据 -互联网", '"数据要素"', "数字 OR 建设 -数据", "人工智慧", "数位 建设"]


def _terms(connection: sqlite3.Connection, rng: random.Random) -> list[str]:
    """Per length 1–4: the two most frequent terms and two rare ones, from the corpus's own texts."""
    texts = [search.fold(row[0]) for row in connection.execute("select text from measures where rowid % 97 = 0")]
    chosen = list(NAMED)
    for size in range(1, 5):
        counts: dict[str, int] = {}
        for text in texts:
            for term in {text[i : i + size] for i in range(len(text) - size + 1)}:
                if term.isalnum():
                    counts[term] = counts.get(term, 0) + 1
        ranked = sorted(counts, key=lambda term: (-counts[term], term))
        # In a recombined corpus every provision recurs, so "rare" is the fewest the sample holds.
        fewest = min(counts.values())
        rare = sorted(term for term in ranked if counts[term] == fewest)
        chosen += ranked[:2] + rng.sample(rare, min(2, len(rare)))
    return list(dict.fromkeys(chosen))


def _sampled_terms(connection: sqlite3.Connection, rng: random.Random, count: int) -> list[str]:
    """``count`` terms of 1–4 letters, digits or ideographs picked where they stand in the texts, so a
    term is drawn as often as it is written: common ones often, phrases of common characters too."""
    texts = [search.fold(row[0]) for row in connection.execute("select text from measures where rowid % 211 = 0")]
    terms: set[str] = set()
    while len(terms) < count:
        text, size = rng.choice(texts), rng.randint(1, 4)
        start = rng.randrange(max(1, len(text) - size))
        if len(term := text[start : start + size]) == size and term.isalnum():
            terms.add(term)
    return sorted(terms)


def _timed(run: Callable[[], Any], runs: int) -> list[float]:
    run()  # warm the page cache and the statement cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _p(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _like_page(connection: sqlite3.Connection, term: str) -> Callable[[], Any]:
    pattern = f"%{term}%"
    where = "title like :p or text like :p or title_hant like :p or text_hant like :p"

    def run() -> Any:
        total = connection.execute(f"select count(*) from measures where {where}", {"p": pattern}).fetchone()
        page = connection.execute(f"select * from measures where {where} order by rowid limit {PAGE}", {"p": pattern}).fetchall()
        return total, page

    return run


def _index_page(connection: sqlite3.Connection, term: str) -> Callable[[], Any]:
    """The API's work inside the index: the query parsed and widened by its variants, a ranked page."""
    widened, _ = search_variants.expand(search.parse(term), *search_variants.measures_probes(connection))
    match = search.match_expression(widened)
    assert match is not None, term

    def run() -> Any:
        total, rowids = search_pages.ranked_page(connection, match, PAGE)
        marks = ",".join("?" * len(rowids))
        return total, connection.execute(f"select * from measures where rowid in ({marks})", rowids).fetchall()

    return run


def _summary(name: str, rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    every = {kind: [t for row in rows for t in row[kind]] for kind in ("index_ms", "api_ms", "like_ms")}
    summary = {kind: {"p50": _p(times, 0.5), "p99": _p(times, 0.99)} for kind, times in every.items()}
    print(
        f"{name}: index p50 {summary['index_ms']['p50']:.2f} ms, p99 {summary['index_ms']['p99']:.1f} ms; "
        f"API p50 {summary['api_ms']['p50']:.2f} ms, p99 {summary['api_ms']['p99']:.1f} ms; "
        f"LIKE p50 {summary['like_ms']['p50']:.0f} ms, p99 {summary['like_ms']['p99']:.0f} ms"
    )
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--db", type=Path, help="a built release to search instead of the synthetic corpus")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sampled", type=int, default=300, help="terms drawn from the texts, timed on the index only")
    args = parser.parse_args()
    database = args.db or corpus.built_corpus(args.scale)
    connection = releases.open_read_only(database, immutable=True)
    measures = connection.execute("select count(*) from measures").fetchone()[0]
    stored = connection.execute(f"select count(*) from {search_pages.RANKED_TABLE}").fetchone()[0]
    print(f"{database}: {measures:,} measures; {stored} frequent terms with stored rankings")
    terms = _terms(connection, random.Random(0))
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch)
        version = connection.execute("select version from releases").fetchone()[0]
        releases.release_path(data, version).symlink_to(database.resolve())
        client = create_app({"DATA_DIR": data}).test_client()
        rows = []
        header = f"{'term':<10}{'matches':>9}{'index p50':>11}{'p99':>7}{'API p50':>10}{'p99':>7}"
        header += f"{'LIKE p50':>10}{'p99':>8}{'speed-up':>10}"
        print(header)
        for term in [*terms, *SYNTAX]:
            if term == SYNTAX[0]:
                print("syntax queries (not in the figures over all terms):")
            url = f"/api/v1/measures?q={urllib.parse.quote(term)}&limit={PAGE}"
            index = _timed(_index_page(connection, term), args.runs)
            api = _timed(functools.partial(client.get, url), args.runs)
            like = _timed(_like_page(connection, term), max(3, args.runs // 5))
            matches = _index_page(connection, term)()[0]
            row = {"term": term, "matches": matches, "index_ms": index, "api_ms": api, "like_ms": like}
            rows.append(row)
            speedup = statistics.median(like) / statistics.median(index)
            print(
                f"{term:<10}{matches:>9,}{_p(index, 0.5):>11.2f}{_p(index, 0.99):>7.1f}{_p(api, 0.5):>10.2f}"
                f"{_p(api, 0.99):>7.1f}{_p(like, 0.5):>10.1f}{_p(like, 0.99):>8.1f}{speedup:>9.0f}×"
            )
    sampled = []
    for term in _sampled_terms(connection, random.Random(1), args.sampled):
        timed = _timed(_index_page(connection, term), 3)
        sampled.append({"term": term, "matches": _index_page(connection, term)()[0], "index_ms": timed})
    slowest = sorted(sampled, key=lambda row: statistics.median(row["index_ms"]), reverse=True)[:5]
    times = [t for row in sampled for t in row["index_ms"]]
    print(
        f"{len(sampled)} terms drawn where they stand in the texts, index page: p50 {_p(times, 0.5):.2f} ms, "
        f"p99 {_p(times, 0.99):.1f} ms; slowest (median) "
        + ", ".join(f"{row['term']} ({row['matches']:,}) {statistics.median(row['index_ms']):.1f} ms" for row in slowest)
    )
    summary = _summary("all queries", [row for row in rows if row["term"] not in SYNTAX])
    syntax = _summary("syntax queries", [row for row in rows if row["term"] in SYNTAX])
    figures = {
        "database": str(database),
        "measures": measures,
        "queries": rows,
        "sampled": sampled,
        "summary": summary,
        "syntax_summary": syntax,
    }
    out = write_results(figures, "search")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
