"""A synthetic corpus for the benchmarks: the seeds' provisions recombined into new documents.

``synthetic_sources(scale, target)`` writes a sources folder that ``dbay build`` reads like any
other. Each new document takes the shape of one seed document (its canonical rendition: front
matter, title line, headings, preamble and numbering, exactly as printed) and fills each of its
numbered items with a provision drawn at random from every seed's canonical rendition, so each
item keeps the number its slot prints and its text comes from anywhere. The seed documents are
used in turn as templates, ``scale`` times each, so the corpus holds about ``scale`` times the
seeds' provisions; nothing about the seeds is written here, all of it is read from ``sources/``
by the build's own stages (load, clean, segment, build_document).

``built_corpus(scale)`` is the release built from it, cached under ``benchmarks/.corpus/`` by
scale and by a hash of the sources, the build's code and this module, so a change to any of them
builds it again.
"""

import hashlib
import importlib.metadata
import random
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from dbay.build.assemble import build_document
from dbay.build.clean import clean_rendition
from dbay.build.load import DOCUMENT_FILE, RELEASE_FILE, LoadedDocument, LoadedRendition, load_documents, load_release
from dbay.build.pipeline import run_build
from dbay.build.renditions import is_news
from dbay.build.scripts import Script, convert
from dbay.build.segment import segment
from dbay.releases import release_path

BENCHMARKS = Path(__file__).resolve().parent
PROJECT = BENCHMARKS.parent
SOURCES = PROJECT / "sources"
CACHE = BENCHMARKS / ".corpus"
# Copied beside the documents: the release settings, the agency renamings and the dictionaries of
# named things and places, which apply to any document. sources/published-ids.tsv is not: it lists
# the seeds' ids, which the synthetic corpus does not have, so the build would refuse it for losing them.
SHARED_FILES = (RELEASE_FILE, "agencies.yml", "entities.yml", "places.yml", "english/agencies.yml")
# What the build's output depends on besides the sources: the package's code, the pipeline and its vocabularies, the records.
CODE_FOLDERS = ("dbay", "build", "schema")

Span = tuple[int, int]


@dataclass(frozen=True)
class Provision:
    """A seed provision as its canonical rendition prints it, after its number, with any agency clause."""

    measure_id: str  # the seed measure it is
    script: Script  # the script its rendition prints it in
    raw: dict[Script, str]  # in both scripts: a template in the other script gets it converted


@dataclass(frozen=True)
class Template:
    """A seed document's canonical rendition, with the places a synthetic document changes."""

    document: LoadedDocument
    rendition: LoadedRendition
    slots: tuple[Span, ...]  # raw spans of its provisions: from after the number to the end of the agency clause
    titles: tuple[Span, ...]  # raw spans printing its title (the title line, and the same words elsewhere)


@dataclass(frozen=True)
class Seeds:
    templates: tuple[Template, ...]
    pool: tuple[Provision, ...]


def _provision_slots(document: LoadedDocument) -> tuple[LoadedRendition, dict[str, Span]]:
    """The canonical rendition, and the span of each provision whose text it supplies, by measure id."""
    built = build_document(document)
    canonical = next(r for r in document.renditions if r.id == built.canonical_id)
    slots: dict[str, Span] = {}
    for measure in built.measures:
        if measure.text_rendition_id != canonical.id:
            continue  # a provision only another rendition carries: the canonical text has no slot for it
        # The first source is the text rendition's own copy, which starts after the number (the
        # copies aligned from other renditions start at it).
        source = measure.sources[0]
        span = source.start, source.clause[1] if source.clause else source.end
        if not any(span[0] < end and start < span[1] for start, end in slots.values()):
            slots[measure.id] = span  # spans overlapping one already taken could not both be replaced
    return canonical, slots


def _title_spans(document: LoadedDocument, rendition: LoadedRendition, slots: tuple[Span, ...]) -> tuple[Span, ...]:
    """Where the rendition prints the document's title, found by the segmenter; none if it does not."""
    cleaned = clean_rendition(rendition.raw)
    outline = segment(cleaned.paragraphs, document.config.title, news=is_news(rendition.config.kind))
    if outline.title is None:
        return ()  # a news report naming the document only inside a sentence: the new title goes in document.yml alone
    start, end = outline.title.text.raw_span()
    printed = rendition.raw[start:end]
    # The same words elsewhere (a notice quoting the title) name the new document too.
    spans, at = [], rendition.raw.find(printed)
    while at >= 0:
        if not any(at < slot_end and slot_start < at + len(printed) for slot_start, slot_end in slots):
            spans.append((at, at + len(printed)))
        at = rendition.raw.find(printed, at + len(printed))
    return tuple(spans)


@cache
def read_seeds(sources: Path = SOURCES) -> Seeds:
    """Every seed document as a template, and every provision of their canonical renditions as the pool."""
    templates, pool = [], []
    for document in load_documents(sources):
        rendition, slots = _provision_slots(document)
        spans = tuple(sorted(slots.values()))
        templates.append(Template(document, rendition, spans, _title_spans(document, rendition, spans)))
        own: Script = rendition.config.script
        other: Script = "zh-Hant" if own == "zh-Hans" else "zh-Hans"
        for measure_id, (start, end) in slots.items():
            raw = rendition.raw[start:end]
            pool.append(Provision(measure_id, own, {own: raw, other: convert(raw, other)}))
    return Seeds(tuple(templates), tuple(pool))


def document_id(number: int) -> str:
    return f"synthetic-{number:06d}"


def document_title(number: int) -> str:
    # Neither a numbered line nor a sentence, so the segmenter takes it for the title line it is.
    return f"数字化发展合成文件第{number}号"


def _filled(template: Template, title: str, drawn: list[Provision]) -> str:
    """The template's text with the new title and, slot by slot, the drawn provisions."""
    script: Script = template.rendition.config.script
    edits = sorted(
        [(span, convert(title, script)) for span in template.titles]
        + [(span, provision.raw[script]) for span, provision in zip(template.slots, drawn, strict=True)]
    )
    raw, pieces, last = template.rendition.raw, [], 0
    for (start, end), replacement in edits:
        pieces += [raw[last:start], replacement]
        last = end
    return "".join([*pieces, raw[last:]])


def _document_config(template: Template, identifier: str, title: str) -> dict[str, object]:
    config = template.document.config
    rendition = template.rendition.config
    return {
        "id": identifier,
        "title": title,
        "issuer": config.issuer,
        "issued": config.issued,
        "doc_number": None,
        "notes": f"Synthetic (benchmarks/corpus.py): the shape of {config.id}, provisions drawn from every seed.",
        "renditions": [{"file": Path(rendition.file).name, "script": rendition.script, "kind": rendition.kind}],
    }


def synthetic_sources(scale: int, target: Path, seed: int = 0) -> Path:
    """Write a sources folder of ``scale`` × the seed documents, their provisions recombined.

    Deterministic: the same ``scale`` and ``seed`` write the same bytes. ``target`` must not
    exist yet.
    """
    seeds = read_seeds()
    target.mkdir(parents=True)
    for name in SHARED_FILES:
        if (SOURCES / name).is_file():
            (target / name).parent.mkdir(exist_ok=True)
            shutil.copy(SOURCES / name, target / name)
    draw = random.Random(seed)
    for number in range(1, scale * len(seeds.templates) + 1):
        template = seeds.templates[(number - 1) % len(seeds.templates)]
        identifier, title = document_id(number), document_title(number)
        drawn = [draw.choice(seeds.pool) for _ in template.slots]
        folder = target / identifier
        folder.mkdir()
        (folder / Path(template.rendition.file).name).write_text(_filled(template, title, drawn), encoding="utf-8")
        config = yaml.safe_dump(_document_config(template, identifier, title), allow_unicode=True, sort_keys=False)
        (folder / DOCUMENT_FILE).write_text(config, encoding="utf-8")
    return target


def _fingerprint(folder: Path) -> bytes:
    """A hash of every file under ``folder``, by path and content."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def corpus_key(scale: int) -> str:
    """Names a built corpus by everything it depends on: scale, sources, the build's code, this module."""
    digest = hashlib.sha256(f"scale {scale}\ndbay {importlib.metadata.version('dbay')}\n".encode())
    for folder in (SOURCES, *(PROJECT / name for name in CODE_FOLDERS)):
        digest.update(_fingerprint(folder))
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def built_corpus(scale: int, cache_dir: Path = CACHE) -> Path:
    """The release database built from ``synthetic_sources(scale)``, built only if not cached."""
    cached = cache_dir / f"scale-{scale}-{corpus_key(scale)}.db"
    if cached.is_file():
        return cached
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir) as scratch:
        sources = synthetic_sources(scale, Path(scratch) / "sources")
        run_build(sources, Path(scratch) / "dist")
        built = release_path(Path(scratch) / "dist", load_release(sources).version)
        built.replace(cached)  # a rename within one folder: a reader never sees half a file
    for stale in cache_dir.glob(f"scale-{scale}-*.db"):
        if stale != cached:
            stale.unlink()
    return cached
