"""Stage 11, relations (issue 14): for every measure, the measures of other documents that continue,
repeat or implement it, best first, with the evidence (``dbay.schema.connections.Relation``).

It runs after enrich, whose named things it reads (measure_entities), as it reads the agencies
(measure_agencies). Scoring is ``dbay.build.relation_scoring``. Candidates are not all pairs: the
distinctive features (n-grams and entities a few measures share) are indexed, each with at most
POSTINGS_PER_TERM measures, and a measure is compared only with the measures sharing its features, read
rarest first until CANDIDATE_VISITS postings are, so that a corpus in which every wording is frequent
(many reposts of one text) stays bounded.
"""

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from dbay.build.relation_scoring import (
    DISTINCTIVE_SHARE,
    Profile,
    Similarity,
    Vector,
    combined,
    cosine,
    frequencies,
    idf,
    ngrams,
    rarest_first,
    set_similarity,
    set_vector,
    shared_terms,
    text_vector,
)
from dbay.build.validate import Records
from dbay.schema.connections import Direction, Relation

RELATIONS_PER_MEASURE = 8  # a reader follows a few; the tail of a longer list is mostly shared boilerplate
MIN_SCORE = 0.1  # below it, pairs mostly share the genre's wording (标准化, 协同发展) or one common technology (5G, 物联网)

POSTINGS_PER_TERM = 16  # a feature many measures share adds at most this many of them as candidates
CANDIDATE_VISITS = 512  # postings read for one measure, rarest features first: bounds the work where all are frequent
CANDIDATES_SCORED = 40  # the best candidates by the weight of the features they share, scored in full

MEMO_PAIRS = 1 << 16  # pairs of texts whose similarity and evidence are remembered

ENTITY = "entity:"  # entity features share the index with n-grams, which never hold a colon

T = TypeVar("T")


@dataclass(frozen=True)
class _Corpus:
    """The measures as scoring reads them: vectors, the features each is looked up by, and the index."""

    profiles: list[Profile]
    term_weights: dict[str, float]
    entity_weights: dict[str, float]
    agency_weights: dict[str, float]
    feature_weights: dict[str, float]  # n-grams and entities: the weights the index is read by
    texts: dict[str, Vector]  # by text: reposts repeat a text verbatim
    queries: dict[str, list[str]]  # by text: its distinctive n-grams, rarest first
    entities: list[Vector]
    agencies: list[Vector]
    postings: dict[str, list[int]]  # distinctive feature: the first POSTINGS_PER_TERM measures having it


def profiles(records: Records) -> list[Profile]:
    entities: defaultdict[str, set[str]] = defaultdict(set)
    for mention in records.measure_entities:
        entities[mention.measure_id].add(mention.entity_id)
    agencies: defaultdict[str, set[str]] = defaultdict(set)
    for named in records.measure_agencies:
        agencies[named.measure_id].add(named.agency_id)
    return [Profile(m.id, m.document_id, m.text, frozenset(entities[m.id]), frozenset(agencies[m.id])) for m in records.measures]


def _corpus(profiles: list[Profile]) -> _Corpus:
    count = len(profiles)
    holders: defaultdict[str, list[int]] = defaultdict(list)  # each distinct text: the measures with it
    for number, profile in enumerate(profiles):
        holders[profile.text].append(number)
    grams = {text: ngrams(text) for text in holders}
    frequency: Counter[str] = Counter()
    for text, numbers in holders.items():
        for gram in grams[text]:
            frequency[gram] += len(numbers)
    term_weights = idf(frequency, count)
    entity_frequency = frequencies(profile.entities for profile in profiles)
    entity_weights = idf(entity_frequency, count)
    # An n-gram no other measure uses relates to nothing: left out, it would only make long texts seem less alike.
    shared = {text: Counter({gram: n for gram, n in grams[text].items() if frequency[gram] > 1}) for text in holders}
    most = max(2, int(DISTINCTIVE_SHARE * count))  # a feature of at most this many measures is worth looking up
    queries = {text: rarest_first([gram for gram in shared[text] if frequency[gram] <= most], term_weights) for text in holders}
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for text, numbers in holders.items():
        for gram in queries[text]:
            listed = postings[gram]
            listed.extend(numbers[: POSTINGS_PER_TERM - len(listed)])
    for number, profile in enumerate(profiles):
        for entity in profile.entities:
            if 2 <= entity_frequency[entity] <= most and len(postings[ENTITY + entity]) < POSTINGS_PER_TERM:
                postings[ENTITY + entity].append(number)
    return _Corpus(
        profiles,
        term_weights,
        entity_weights,
        (agency_weights := idf(frequencies(profile.agencies for profile in profiles), count)),
        term_weights | {ENTITY + entity: weight for entity, weight in entity_weights.items()},
        {text: text_vector(shared[text], term_weights) for text in holders},
        queries,
        [set_vector(profile.entities, entity_weights) for profile in profiles],
        [set_vector(profile.agencies, agency_weights) for profile in profiles],
        dict(postings),
    )


def _candidates(corpus: _Corpus, source: int) -> list[int]:
    """Measures of other documents sharing the source's distinctive features, the most shared weight first;
    the rarest features are read first, until CANDIDATE_VISITS postings are."""
    profile = corpus.profiles[source]
    entities = rarest_first(
        [ENTITY + entity for entity in profile.entities if ENTITY + entity in corpus.postings], corpus.feature_weights
    )
    shared: defaultdict[int, float] = defaultdict(float)
    visits = 0
    rarity = corpus.feature_weights.__getitem__
    for feature in heapq.merge(corpus.queries[profile.text], entities, key=lambda feature: -rarity(feature)):
        listed = corpus.postings[feature]
        for other in listed:
            if corpus.profiles[other].document_id != profile.document_id:
                shared[other] += corpus.feature_weights[feature]
        visits += len(listed)
        if visits >= CANDIDATE_VISITS:
            break
    return heapq.nlargest(CANDIDATES_SCORED, shared, key=lambda other: (shared[other], -other))


class _Memo(dict[tuple[str, str], T]):
    """Results by pair of texts, forgotten when MEMO_PAIRS are held: reposts repeat texts verbatim, and two
    texts compare the same wherever they stand, but a corpus of distinct texts must not fill the memory."""

    def remembered(self, key: tuple[str, str], compute: Callable[[str, str], T]) -> T:
        if key not in self:
            if len(self) >= MEMO_PAIRS:
                self.clear()
            self[key] = compute(*key)
        return self[key]


def _similarity(corpus: _Corpus, source: int, target: int, texts: _Memo[float]) -> Similarity:
    pair = (corpus.profiles[source].text, corpus.profiles[target].text)
    return combined(
        texts.remembered(pair, lambda first, second: cosine(corpus.texts[first], corpus.texts[second])),
        set_similarity(corpus.entities[source], corpus.entities[target], corpus.entity_weights, len(corpus.profiles)),
        set_similarity(corpus.agencies[source], corpus.agencies[target], corpus.agency_weights, len(corpus.profiles)),
    )


def direction(source: date | None, target: date | None) -> Direction:
    if source is None or target is None:
        return "unknown"
    return "later" if target > source else "earlier" if target < source else "same-day"


def related(profiles: list[Profile], issued: Mapping[str, date | None]) -> list[Relation]:
    """Each measure's RELATIONS_PER_MEASURE best relations scoring at least MIN_SCORE, ranked; ``issued``
    gives each document's date of issue."""
    corpus = _corpus(profiles)
    texts, evidence = _Memo[float](), _Memo[list[str]]()
    found: list[Relation] = []
    for source, profile in enumerate(profiles):
        scored = [(_similarity(corpus, source, target, texts), target) for target in _candidates(corpus, source)]
        best = sorted(
            ((similarity, target) for similarity, target in scored if similarity.score >= MIN_SCORE),
            key=lambda pair: (-pair[0].score, profiles[pair[1]].id),
        )[:RELATIONS_PER_MEASURE]
        for rank, (similarity, target) in enumerate(best, start=1):
            other = profiles[target]
            shared = evidence.remembered(
                (profile.text, other.text),
                lambda first, second: shared_terms(ngrams(first), second, corpus.term_weights, len(profiles)),
            )
            found.append(
                Relation(
                    source_id=profile.id,
                    target_id=other.id,
                    rank=rank,
                    score=round(similarity.score, 3),
                    text_similarity=round(similarity.text, 3),
                    shared_entities=rarest_first(profile.entities & other.entities, corpus.entity_weights),
                    shared_agencies=rarest_first(profile.agencies & other.agencies, corpus.agency_weights),
                    shared_terms=shared,
                    direction=direction(issued.get(profile.document_id), issued.get(other.document_id)),
                )
            )
    return found


def add_relations(records: Records) -> None:
    """Fill ``relations`` from the measures, their entities and their agencies."""
    records.relations = related(profiles(records), {document.id: document.issued for document in records.documents})
