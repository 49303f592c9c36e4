"""How closely two measures of different documents are related, and the evidence for it.

Three similarities, each a cosine of vectors weighted by inverse document frequency over the corpus
itself (how few measures use a feature), so that what every document says weighs nothing and no
list of common words is needed:

- text: the character bigrams and trigrams of the comparable text (``dbay.build.compare``): words
  such as 推进, 建设, 加快 are in many measures and count for little, 数据特区 or 鹏城实验室 for much;
- entities: the named things both mention (measure_entities);
- agencies: the agencies both name, leading or participating (measure_agencies); a collective
  agency such as 各地级以上市政府 is named by many measures and weighs little.

The score is their weighted sum (weights below), between 0 and 1.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from dbay.build.compare import comparable, comparable_offsets

NGRAM_SIZES = (2, 3)  # bigrams survive rewording; trigrams make a shared phrase (数据特区) outweigh scattered shared characters

# The text carries most of the evidence; shared named things confirm it (a platform or programme named by
# both is rarely chance); shared agencies say little more, since one agency leads most of a document's measures.
TEXT_WEIGHT = 0.6
ENTITY_WEIGHT = 0.3
AGENCY_WEIGHT = 0.1

# Each measure's vector keeps its most distinctive terms only: the cost of a comparison stays bounded
# however long a measure is, and the terms left out are those that weigh least.
VECTOR_TERMS = 256

# Wording used by at most a tenth of all measures is distinctive: it is what relations are looked up by and
# what is shown as their evidence; a share, not a count, so that it means the same in a corpus of any size.
DISTINCTIVE_SHARE = 0.1
EVIDENCE_TERMS = 5  # shared strings shown for a relation, the most distinctive first
EVIDENCE_MIN_CHARS = 3
_PUNCTUATION = re.compile(r"(\W+)")

Vector = dict[str, float]


@dataclass(frozen=True)
class Profile:
    """What scoring reads of one measure."""

    id: str
    document_id: str
    text: str
    entities: frozenset[str]
    agencies: frozenset[str]


@dataclass(frozen=True)
class Similarity:
    score: float
    text: float
    entities: float
    agencies: float


@lru_cache(maxsize=4096)  # a source's n-grams serve each of its relations' evidence; callers do not change them
def ngrams(text: str) -> Counter[str]:
    """The character bigrams and trigrams of ``text``'s comparable form (Simplified, letters and digits only)."""
    key = comparable(text)
    return Counter(key[i : i + size] for size in NGRAM_SIZES for i in range(len(key) - size + 1))


def idf(document_frequency: Mapping[str, int], measures: int) -> dict[str, float]:
    """Inverse document frequency, smoothed so that a feature of every measure weighs 0 and one of a single measure most."""
    return {feature: math.log((measures + 1) / (count + 1)) for feature, count in document_frequency.items()}


def frequencies(features: Iterable[Iterable[str]]) -> Counter[str]:
    """How many of the measures (one iterable of features each) have each feature."""
    counted: Counter[str] = Counter()
    for each in features:
        counted.update(set(each))
    return counted


def _normalised(weights: dict[str, float]) -> Vector:
    norm = math.sqrt(sum(weight * weight for weight in weights.values()))
    return {feature: weight / norm for feature, weight in weights.items()} if norm else {}


def text_vector(grams: Counter[str], weights: Mapping[str, float]) -> Vector:
    """Sublinear term frequency times idf, the VECTOR_TERMS heaviest terms, unit length."""
    weighted = {gram: (1 + math.log(count)) * weights.get(gram, 0.0) for gram, count in grams.items()}
    kept = sorted(weighted.items(), key=lambda item: (-item[1], item[0]))[:VECTOR_TERMS]
    return _normalised({gram: weight for gram, weight in kept if weight > 0})


def set_vector(features: Iterable[str], weights: Mapping[str, float]) -> Vector:
    return _normalised({feature: weights.get(feature, 0.0) for feature in features if weights.get(feature, 0.0) > 0})


def set_similarity(a: Vector, b: Vector, weights: Mapping[str, float], measures: int) -> float:
    """Cosine of two idf-weighted sets, times the rarity of the rarest feature they share (1 for one only two
    measures have): cosine alone is the same for two measures naming only 5G as for two naming only 数据特区."""
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    rarest = max(weights[feature] for feature in shared) / math.log((measures + 1) / 3)
    return cosine(a, b) * min(1.0, rarest)


def cosine(a: Vector, b: Vector) -> float:
    return min(1.0, sum(a[feature] * b[feature] for feature in a.keys() & b.keys()))  # the set operation runs in C


def combined(text: float, entities: float, agencies: float) -> Similarity:
    score = TEXT_WEIGHT * text + ENTITY_WEIGHT * entities + AGENCY_WEIGHT * agencies
    return Similarity(min(1.0, score), text, entities, agencies)


def rarest_first(features: Iterable[str], weights: Mapping[str, float]) -> list[str]:
    return sorted(features, key=lambda feature: (-weights.get(feature, 0.0), feature))


def shared_terms(in_source: Counter[str], target: str, weights: Mapping[str, float], measures: int) -> list[str]:
    """The distinctive wording a source (its ``ngrams``) and ``target`` share, as it reads in ``target``, the
    heaviest (sum of its distinctive n-grams' idf) first: the longest strings both write, merged from their
    shared n-grams, each cut down to its first and last distinctive n-gram (used by at most DISTINCTIVE_SHARE
    of the measures), so that common words join two rare ones (全国一体化算力网络粤港澳大湾区国家枢纽) but
    do not trail after them."""
    least = math.log((measures + 1) / (DISTINCTIVE_SHARE * measures + 1))
    key, offsets = comparable_offsets(target)
    shared: list[tuple[int, int, float]] = []  # every shared n-gram: start, end, and its weight if distinctive, else 0
    for size in NGRAM_SIZES:
        for start in range(len(key) - size + 1):
            gram = key[start : start + size]
            if gram in in_source:
                weight = weights.get(gram, 0.0)
                shared.append((start, start + size, weight if weight >= least else 0.0))
    runs: list[list[tuple[int, int, float]]] = []  # overlapping shared n-grams: one string both write
    run_end = 0
    for piece in sorted(shared):
        if runs and piece[0] < run_end:
            runs[-1].append(piece)
        else:
            runs.append([piece])
        run_end = max(run_end, piece[1])
    merged: list[tuple[int, int, float]] = []
    for run in runs:
        distinctive = [(start, end, weight) for start, end, weight in run if weight > 0]
        if distinctive:
            start, end = min(s for s, _, _ in distinctive), max(e for _, e, _ in distinctive)
            merged.append((start, end, sum(weight for _, _, weight in distinctive)))
    terms: list[str] = []
    for start, end, _ in sorted(merged, key=lambda span: (-span[2], span[0])):
        term = _trimmed(target[offsets[start] : offsets[end - 1] + 1] if offsets else key[start:end])
        # Two characters alone are mostly a fragment of a word (化公, 以及); a string shown already is not repeated.
        if len(_PUNCTUATION.sub("", term)) >= EVIDENCE_MIN_CHARS and not any(term in shown for shown in terms):
            terms.append(term)
    return terms[:EVIDENCE_TERMS]


def _trimmed(term: str) -> str:
    """``term`` without a fragment shorter than EVIDENCE_MIN_CHARS that punctuation cuts off at either end, nor the
    punctuation: 体系，推 is 体系, “一网统管 is 一网统管, and 数据特区，加快 is 数据特区."""
    pieces = _PUNCTUATION.split(term)  # words at even places, the punctuation between them at odd ones
    while len(pieces) > 1 and len(pieces[0]) < EVIDENCE_MIN_CHARS:
        pieces = pieces[2:]
    while len(pieces) > 1 and len(pieces[-1]) < EVIDENCE_MIN_CHARS:
        pieces = pieces[:-2]
    return "".join(pieces)
