"""The benchmarks' synthetic corpus: new documents of the seeds' shapes, built by the normal build.

Small (twice the seeds), fast, and untimed: what is checked is that the corpus is what the
benchmarks take it for, not how fast it builds.
"""

from collections import Counter
from pathlib import Path

import corpus
import pytest
from corpus import built_corpus, read_seeds, synthetic_sources

from dbay.build.pipeline import BuildResult, run_build
from tests.conftest import query

SCALE = 2


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("synthetic")
    return run_build(synthetic_sources(SCALE, root / "sources"), root / "dist")


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_same_seed_writes_the_same_bytes_and_another_seed_other_documents(tmp_path: Path) -> None:
    first = files(synthetic_sources(SCALE, tmp_path / "first"))
    again = files(synthetic_sources(SCALE, tmp_path / "again"))
    other = files(synthetic_sources(SCALE, tmp_path / "other", seed=1))
    assert first == again
    assert first.keys() == other.keys()
    assert first != other


def test_the_corpus_holds_scale_times_the_seeds_provisions(synthetic: BuildResult, seed_release: BuildResult) -> None:
    seed_measures = len(seed_release.records.measures)
    assert 0.9 * SCALE * seed_measures <= len(synthetic.records.measures) <= 1.1 * SCALE * seed_measures
    assert len(synthetic.builds) == SCALE * len(seed_release.builds)


def test_each_document_has_its_templates_outline_rendition_and_a_title_of_its_own(
    synthetic: BuildResult, seed_release: BuildResult
) -> None:
    """The seeds are the templates in turn: each new document has its template's outline and canonical rendition's kind."""
    templates = seed_release.builds
    for number, build in enumerate(synthetic.builds):
        template = templates[number % len(templates)]
        assert [m.path for m in build.measures] == [m.path for m in template.measures], build.id
        assert [s.path for s in build.sections] == [s.path for s in template.sections], build.id
        canonical = next(r for r in template.loaded.renditions if r.id == template.canonical_id)
        (rendition,) = build.loaded.renditions
        assert (rendition.config.kind, rendition.config.script) == (canonical.config.kind, canonical.config.script)
    titles = {build.title.hans for build in synthetic.builds}
    assert len(titles) == len(synthetic.builds)
    assert not titles & {template.title.hans for template in templates}


def test_every_item_written_is_a_measure_with_the_seed_provisions_text(synthetic: BuildResult, seed_release: BuildResult) -> None:
    """Each numbered item of a synthetic file is found as a measure whose printed span is exactly the
    provision written there; in the provision's own script its text is the seed measure's text."""
    pool = read_seeds().pool
    by_raw = {(script, raw): provision for provision in pool for script, raw in provision.raw.items()}
    seed_texts = {m.id: m.text for b in seed_release.builds for m in b.measures}
    drawn: Counter[str] = Counter()
    for build in synthetic.builds:
        (rendition,) = build.loaded.renditions
        for measure in build.measures:
            (source,) = measure.sources
            span_end = source.clause[1] if source.clause else source.end
            provision = by_raw[rendition.config.script, rendition.raw[source.start : span_end]]
            drawn[provision.measure_id] += 1
            if provision.script == rendition.config.script:
                assert measure.text == seed_texts[provision.measure_id], measure.id
    assert sum(drawn.values()) == len(synthetic.records.measures)
    assert len(drawn) > len(pool) / 2  # drawn from all over the pool, not a few provisions


def test_the_release_database_holds_every_synthetic_measure(synthetic: BuildResult) -> None:
    rows = query(synthetic.written.path, "select count(*) as n, count(distinct document_id) as d from measures")
    assert (rows[0]["n"], rows[0]["d"]) == (len(synthetic.records.measures), len(synthetic.builds))


def test_a_built_corpus_is_kept_and_built_again_when_what_it_depends_on_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = built_corpus(1, tmp_path)
    written = built.stat().st_mtime_ns
    assert built_corpus(1, tmp_path) == built
    assert built.stat().st_mtime_ns == written
    monkeypatch.setattr(corpus, "corpus_key", lambda scale: "changed")  # as if the sources or the build had changed
    rebuilt = built_corpus(1, tmp_path)
    assert rebuilt.is_file() and rebuilt != built and not built.exists()
    assert [path.name for path in tmp_path.iterdir()] == [rebuilt.name]
