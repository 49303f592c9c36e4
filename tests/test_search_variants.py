"""Cross-strait variants (dbay.search_variants): the reviewed list, its loader, and query expansion."""

import sqlite3
from pathlib import Path

import opencc
import pytest
import yaml

from dbay import search, search_variants
from dbay.search_syntax import fold, parse
from dbay.search_variants import Expansion, VariantsFileError, expand, load_variants

PROJECT = Path(__file__).resolve().parents[1]


def test_the_packaged_list_is_the_reviewed_file() -> None:
    assert search_variants.VARIANTS_FILE.read_bytes() == (PROJECT / "sources" / "search_variants.yml").read_bytes()


def test_either_side_gives_the_other() -> None:
    table = search_variants.variants()
    for taiwan, mainland in [("人工智慧", "人工智能"), ("数位", "数字"), ("网路", "网络"), ("资讯", "信息"), ("软体", "软件")]:
        assert mainland in table[taiwan] and taiwan in table[mainland]


def test_every_pair_citing_opencc_is_what_the_installed_opencc_says() -> None:
    assert opencc.__version__ == "1.4.2"
    to_taiwan, from_taiwan = opencc.OpenCC("s2twp"), opencc.OpenCC("tw2sp")
    pairs = yaml.safe_load(search_variants.VARIANTS_FILE.read_text(encoding="utf-8"))["pairs"]
    assert len(pairs) >= 5
    for pair in pairs:
        assert pair["source"].startswith("OpenCC 1.4.2")
        taiwan_written = to_taiwan.convert(pair["taiwan"])  # the Taiwan word in Traditional, as the dictionary keys it
        assert (
            fold(to_taiwan.convert(pair["mainland"])) == pair["taiwan"] or from_taiwan.convert(taiwan_written) == pair["mainland"]
        )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pairs: [", "not YAML"),
        ("- 人工智慧", "a list of pairs under 'pairs'"),
        ("pairs:\n  - taiwan: 人工智慧\n    mainland: 人工智能\n", "pair 1 .* must have exactly the keys"),
        ("pairs:\n  - {taiwan: 人工智慧, mainland: 人工智能, source: x, note: y}\n", "pair 1 .* must have exactly the keys"),
        (
            "pairs:\n  - {taiwan: 人工智慧, mainland: 人工智能, source: x}\n  - {taiwan: 網路, mainland: 网络, source: x}\n",
            "pair 2: '網路' must be one folded word",
        ),
        ("pairs:\n  - {taiwan: 数 位, mainland: 数字, source: x}\n", "pair 1: '数 位' must be one folded word"),
        ("pairs:\n  - {taiwan: 数字, mainland: 数字, source: x}\n", "pair 1: taiwan and mainland are the same word"),
        ("pairs:\n  - {taiwan: 数位, mainland: 数字, source: ''}\n", "pair 1 .*source must be non-empty text"),
        (
            "pairs:\n  - {taiwan: 数位, mainland: 数字, source: x}\n  - {taiwan: 数位, mainland: 数字, source: y}\n",
            "pair 2 repeats",
        ),
    ],
)
def test_a_malformed_file_is_refused_naming_file_and_entry(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "variants.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VariantsFileError, match=f"^{path}: .*{message}|^{path}: {message}"):
        load_variants(path)


TABLE: dict[str, tuple[str, ...]] = {"人工智慧": ("人工智能",), "人工智能": ("人工智慧",), "数位": ("数字",), "数字": ("数位",)}


def test_expansion_adds_only_variants_that_occur() -> None:
    present = {"人工智能", "数字"}.__contains__
    widened, expanded = expand(parse("人工智慧 数字 -数位"), present, table=TABLE)
    # 人工智慧 does not occur: its clause is the variant alone; 数位 does not occur: 数字 stays as it is.
    assert widened.clauses == (("人工智能",), ("数字",))
    assert widened.excluded == ("数位",)
    assert expanded == [Expansion("人工智慧", ("人工智能",))]


def test_expansion_keeps_a_word_that_occurs_beside_its_variant() -> None:
    widened, expanded = expand(parse("人工智慧 OR 养老"), lambda phrase: True, table=TABLE)
    assert widened.clauses == (("人工智慧", "人工智能", "养老"),)
    assert expanded == [Expansion("人工智慧", ("人工智能",))]
    assert search.match_expression(widened) == '("人 工 智 慧" OR "人 工 智 能" OR "养 老")'


@pytest.fixture(scope="module")
def connection(seed_index: sqlite3.Connection) -> sqlite3.Connection:
    return seed_index


def test_the_index_probes_decide_on_the_seed_release(connection: sqlite3.Connection) -> None:
    probes = search_variants.measures_probes(connection)
    # The seed's measures say 人工智能 and 数字; its Traditional reposts say 人工智慧 and 數位 (only there).
    widened, expanded = expand(parse("人工智慧"), *probes)
    assert expanded == [Expansion("人工智慧", ("人工智能",))] and widened.clauses == (("人工智慧", "人工智能"),)
    # 数位 is in no measure's own text: 数字 keeps its plain expression (and a stored ranking).
    widened, expanded = expand(parse("数字"), *probes)
    assert expanded == [] and search.match_expression(widened) == '"数 字"'
    widened, expanded = expand(parse("互联网"), *probes)
    assert expanded == [] and search.match_expression(widened) == '"互 联 网"'
