"""Scoring related measures (build/relations.py, build/relation_scoring.py) on small texts written for the test.

Every text holds 加快推进建设工作, so those words weigh nothing; 数据特区 is in three texts and 智慧城市群 in two, of
thirty-seven (fillers of a fourth document make the corpus large enough for three to be few).
"""

from datetime import date

from dbay.build.relation_scoring import TEXT_WEIGHT, Profile
from dbay.build.relations import direction, related
from dbay.schema.connections import Relation

COMMON = "加快推进建设工作。"
TEXTS = {
    ("a", "a1"): "探索建设港澳数据特区，" + COMMON,
    ("a", "a2"): "共建湾区智慧城市群，" + COMMON,
    ("a", "a3"): "港澳数据特区先行先试，" + COMMON,  # shares 数据特区 with a1, but is of a1's own document
    ("b", "b1"): "打造大湾区数据特区，" + COMMON,
    ("b", "b2"): "落实责任分工，" + COMMON + COMMON,  # shares with a1 only what every text says
    ("c", "c1"): "推进数字乡村，" + COMMON,
    ("c", "c2"): "完善智慧城市群机制，" + COMMON,
    **{("d", f"d{n}"): f"开展第{n}次普查，" + COMMON for n in range(30)},
}
ISSUED = {"a": date(2023, 11, 7), "b": date(2024, 5, 10), "c": None, "d": date(2024, 5, 10)}


def _profiles(entities: dict[str, set[str]] | None = None, agencies: dict[str, set[str]] | None = None) -> list[Profile]:
    return [
        Profile(
            measure, document, text, frozenset((entities or {}).get(measure, ())), frozenset((agencies or {}).get(measure, ()))
        )
        for (document, measure), text in TEXTS.items()
    ]


def _of(relations: list[Relation], source: str) -> dict[str, Relation]:
    return {relation.target_id: relation for relation in relations if relation.source_id == source}


def test_a_pair_sharing_a_rare_term_outranks_a_pair_sharing_only_common_words() -> None:
    found = _of(related(_profiles(), ISSUED), "a1")
    assert found["b1"].rank == 1
    assert "b2" not in found or found["b2"].rank > found["b1"].rank
    assert found["b1"].text_similarity > (found["b2"].text_similarity if "b2" in found else 0)


def test_measures_of_the_same_document_are_never_related() -> None:
    relations = related(_profiles(), ISSUED)
    documents = {measure: document for document, measure in TEXTS}
    assert relations and all(documents[r.source_id] != documents[r.target_id] for r in relations)
    assert "a3" not in _of(relations, "a1")


def test_the_evidence_lists_the_shared_term_as_the_target_writes_it() -> None:
    # Both write 数据特区，加快 (区加快 in these two only, 加快 in every text): 加快, cut off by the comma, is left out.
    assert _of(related(_profiles(), ISSUED), "a1")["b1"].shared_terms[0] == "数据特区"
    assert "智慧城市群" in _of(related(_profiles(), ISSUED), "a2")["c2"].shared_terms


def test_a_shared_entity_raises_the_score_and_is_named_as_evidence() -> None:
    plain = _of(related(_profiles(), ISSUED), "a2")["c2"]
    named = _of(related(_profiles(entities={"a2": {"zhi-hui-cheng-shi"}, "c2": {"zhi-hui-cheng-shi"}}), ISSUED), "a2")["c2"]
    assert named.score > plain.score and named.shared_entities == ["zhi-hui-cheng-shi"] and plain.shared_entities == []


def test_a_shared_agency_raises_the_score_and_is_named_as_evidence() -> None:
    plain = _of(related(_profiles(), ISSUED), "a2")["c2"]
    agencies = {"a2": {"sheng-zheng-wu-ju"}, "c2": {"sheng-zheng-wu-ju"}, "b1": {"sheng-ke-ji-ting"}}
    shared = _of(related(_profiles(agencies=agencies), ISSUED), "a2")["c2"]
    assert shared.score > plain.score and shared.shared_agencies == ["sheng-zheng-wu-ju"]


def test_an_agency_every_measure_names_adds_nothing() -> None:
    everyone = {measure: {"ge-di-ji-yi-shang-shi-zheng-fu"} for _, measure in TEXTS}
    plain = _of(related(_profiles(), ISSUED), "a2")["c2"]
    collective = _of(related(_profiles(agencies=everyone), ISSUED), "a2")["c2"]
    assert collective.score == plain.score


def test_the_direction_says_when_the_target_was_issued_compared_with_the_source() -> None:
    assert _of(related(_profiles(), ISSUED), "a1")["b1"].direction == "later"
    assert _of(related(_profiles(), ISSUED), "b1")["a1"].direction == "earlier"
    assert _of(related(_profiles(), ISSUED), "a2")["c2"].direction == "unknown"
    assert direction(date(2024, 5, 10), date(2024, 5, 10)) == "same-day"


def test_reposts_of_one_text_stay_bounded_to_the_best_few() -> None:
    """Copies in many documents (the benchmark corpus's shape): each measure keeps at most its best few."""
    copies = [Profile(f"m{n}", f"doc{n}", "港澳数据特区建设，" + COMMON, frozenset(), frozenset()) for n in range(40)]
    others = [Profile(f"f{n}", "fillers", f"开展第{n}次普查，" + COMMON, frozenset(), frozenset()) for n in range(460)]
    relations = [relation for relation in related(copies + others, {}) if relation.source_id.startswith("m")]
    assert len({relation.source_id for relation in relations}) == 40 and len(relations) == 40 * 8
    # Identical texts naming nothing: the text's whole weight, and no more.
    assert all(relation.text_similarity == 1 and relation.score == TEXT_WEIGHT for relation in relations)
