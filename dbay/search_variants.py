"""Cross-strait vocabulary at query time: 人工智慧 also searches for 人工智能, and the other way round.

The pairs are a reviewed data file, ``sources/search_variants.yml`` (shipped in the package as
``dbay/search_variants.yml``), each with its source. A word or phrase of a query that is one side
of a pair gains the other side as an alternative (``expand``), as if the user had typed
``人工智慧 OR 人工智能`` — but only where the other side *occurs* (for measures, in their own
titles and texts: ``measures_probes``). So a mainland word searched in a mainland corpus keeps its plain
expression, and with it the stored ranking of a frequent term (``dbay.search_pages``); and a
side that does not occur is left out of the expression, which matches the same measures. Only
whole words and phrases are looked up (数位 but not 数位化), and exclusions are not expanded.
"""

import functools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dbay import search
from dbay.search_syntax import Query, fold

VARIANTS_FILE = Path(__file__).with_name("search_variants.yml")
SIDES = ("taiwan", "mainland")
_PROBED: dict[tuple[str, str, str], bool] = {}  # (release file, columns, phrase): whether it occurs
_PROBES_KEPT = 10_000


class VariantsFileError(ValueError):
    """The variants file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Expansion:
    """A word or phrase of the query (folded) and the variants searched for with it."""

    term: str
    variants: tuple[str, ...]


def _pair(path: Path, number: int, entry: Any) -> tuple[str, str]:
    where = f"{path}: pair {number}"
    if not isinstance(entry, dict) or set(entry) != {*SIDES, "source"}:
        raise VariantsFileError(f"{where} ({entry!r}) must have exactly the keys taiwan, mainland and source")
    for key in (*SIDES, "source"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise VariantsFileError(f"{where} ({entry!r}): {key} must be non-empty text")
    taiwan, mainland = entry["taiwan"], entry["mainland"]
    for side in (taiwan, mainland):
        if fold(side) != side or search.query_terms(side) != [side]:
            raise VariantsFileError(f"{where}: {side!r} must be one folded word (Simplified, lowercase, no spaces)")
    if taiwan == mainland:
        raise VariantsFileError(f"{where}: taiwan and mainland are the same word {taiwan!r}")
    return taiwan, mainland


def load_variants(path: Path = VARIANTS_FILE) -> dict[str, tuple[str, ...]]:
    """Each word of the file's pairs and its variants (either side gives the other), or ``VariantsFileError``."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise VariantsFileError(f"{path}: not YAML: {error}") from error
    if not isinstance(document, dict) or not isinstance(document.get("pairs"), list):
        raise VariantsFileError(f"{path}: must be a mapping with a list of pairs under 'pairs'")
    found: dict[str, list[str]] = {}
    for number, entry in enumerate(document["pairs"], start=1):
        taiwan, mainland = _pair(path, number, entry)
        for word, other in ((taiwan, mainland), (mainland, taiwan)):
            if other in found.setdefault(word, []):
                raise VariantsFileError(f"{path}: pair {number} repeats {taiwan!r} / {mainland!r}")
            found[word].append(other)
    return {word: tuple(others) for word, others in found.items()}


@functools.cache
def variants() -> dict[str, tuple[str, ...]]:
    """The packaged list, read once."""
    return load_variants()


@functools.cache
def mainland_words() -> dict[str, str]:
    """Each pair's Taiwan word and the mainland word for it (the packaged list, checked by ``variants``)."""
    variants()
    pairs = yaml.safe_load(VARIANTS_FILE.read_text(encoding="utf-8"))["pairs"]
    return {str(pair["taiwan"]): str(pair["mainland"]) for pair in pairs}


def index_probe(connection: sqlite3.Connection, columns: str = "") -> Callable[[str], bool]:
    """Whether a folded phrase occurs in this database's search index (in ``columns``, an FTS5 column
    filter such as ``{title text}``, or anywhere): one cheap FTS5 lookup, kept per release file (a
    release never changes; a new one is a new file)."""
    file = connection.execute("pragma database_list").fetchone()[2]

    def occurs(phrase: str) -> bool:
        key = (file, columns, phrase)
        if key not in _PROBED:
            expression = search.match_expression(Query(((phrase,),)))
            if columns:
                expression = f"{columns} : {expression}"
            found = connection.execute(f"select 1 from {search.TABLE} where {search.TABLE} match ? limit 1", (expression,))
            if len(_PROBED) >= _PROBES_KEPT:
                _PROBED.clear()
            _PROBED[key] = found.fetchone() is not None
            if not file:  # an in-memory database has no name to keep the answer under
                return _PROBED.pop(key)
        return _PROBED[key]

    return occurs


def measures_probes(connection: sqlite3.Connection) -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """``expand``'s two tests for the measures of a release: a variant must occur in the measures' own
    titles and texts (the renditions' wording is searched as typed already, and a Taiwan repost of a
    mainland corpus must not widen every mainland query, which would also lose the stored rankings
    of frequent terms); the word typed is kept where it occurs anywhere, renditions included."""
    return index_probe(connection, "{title text}"), index_probe(connection)


def expand(
    query: Query,
    variant_occurs: Callable[[str], bool],
    term_occurs: Callable[[str], bool] | None = None,
    table: dict[str, tuple[str, ...]] | None = None,
) -> tuple[Query, list[Expansion]]:
    """The query with each word that has variants widened to those that occur, and what was widened.

    A word that has variants occurring is kept only if it occurs itself (``term_occurs``, by default
    ``variant_occurs``): leaving out a phrase that matches nothing changes no answer and keeps the
    expression the plain one of the variant.
    """
    table = variants() if table is None else table
    term_occurs = variant_occurs if term_occurs is None else term_occurs
    clauses: list[tuple[str, ...]] = []
    expanded: list[Expansion] = []
    for clause in query.clauses:
        phrases: list[str] = []
        for phrase in clause:
            present = [variant for variant in table.get(phrase, ()) if variant_occurs(variant)]
            if present:
                expanded.append(Expansion(phrase, tuple(present)))
            phrases += ([phrase] if not present or term_occurs(phrase) else []) + present
        clauses.append(tuple(dict.fromkeys(phrases)))
    return Query(tuple(dict.fromkeys(clauses)), query.excluded), expanded


def widening(connection: sqlite3.Connection) -> Callable[[Query], Query]:
    """For SQL on a release's ``connection`` (Datasette's ``dbay_match``): a query widened as the API
    widens it. The probes read the same file through a connection of their own, since a function
    SQLite calls cannot query the connection calling it. A database without the search index (or in
    memory) is left as it is."""
    file = connection.execute("pragma database_list").fetchone()[2]
    indexed = connection.execute("select 1 from sqlite_master where name = ?", (search.TABLE,)).fetchone()
    if not file or indexed is None:
        return lambda query: query
    side = sqlite3.connect(f"{Path(file).as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    probes = measures_probes(side)
    return lambda query: expand(query, *probes)[0]
