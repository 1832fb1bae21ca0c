"""CandidateIndex: built once, then updated item by item and queried per new text."""

from datetime import date

import pytest

from verify.core.candidates import CandidateIndex
from verify.core.matching import ClaimText

DAY = date(2022, 3, 28)


def claims(*texts, first_id=1):
    return [ClaimText(first_id + i, text, DAY) for i, text in enumerate(texts)]


def ids(hits):
    return [doc_id for doc_id, _ in hits]


def test_search_finds_the_item_sharing_the_rarest_words_first():
    index = CandidateIndex(claims("Intel in talks to acquire Mellanox", "Microsoft to buy TikTok",
                                  "Xiaomi and Leica will launch a phone"))
    assert ids(index.search("NVIDIA agrees to acquire Mellanox"))[0] == 1


def test_an_added_item_is_found_and_a_removed_one_never_again():
    index = CandidateIndex(claims("Intel in talks to acquire Mellanox"))
    index.add(ClaimText(9, "Mellanox sold to NVIDIA", DAY))
    assert set(ids(index.search("Mellanox"))) == {1, 9}
    index.remove(1)
    assert ids(index.search("Mellanox")) == [9] and 1 not in index and len(index) == 1


def test_adding_an_id_again_replaces_its_text():
    index = CandidateIndex(claims("Intel in talks to acquire Mellanox"))
    index.add(ClaimText(1, "Microsoft to buy TikTok", DAY))
    assert ids(index.search("Mellanox")) == [] and ids(index.search("TikTok")) == [1]


def test_removing_an_unknown_id_is_harmless_and_an_empty_index_finds_nothing():
    index = CandidateIndex()
    index.remove(42)
    assert index.search("anything") == []


def test_an_alias_finds_the_item_written_with_the_canonical_name():
    index = CandidateIndex(claims("Meta to buy Giphy", "Apple to buy Shazam"))
    assert ids(index.search("Facebook acquires Giphy"))[0] == 1
    assert ids(index.search("Facebook"))[:1] == [1]


def test_results_are_limited_to_k_best_first_with_ties_by_id():
    index = CandidateIndex(claims(*["Xiaomi phone launch"] * 5))
    hits = index.search("Xiaomi phone", k=3)
    assert ids(hits) == [1, 2, 3] and hits[0][1] == hits[2][1]


def test_common_terms_beyond_the_budget_only_rescore_what_rarer_terms_found():
    texts = [f"launch number {i}" for i in range(30)] + ["Mellanox launch"]
    index = CandidateIndex(claims(*texts), budget=5)
    assert ids(index.search("Mellanox launch", k=50)) == [31]


def test_idf_weighs_rare_terms_more_than_common_ones():
    index = CandidateIndex(claims("acquire Mellanox", "acquire Giphy", "acquire Shazam"))
    assert index.idf("mellanox") > index.idf("acquir") > 0


def brute_force_bm25(index, text, k):
    """Every document scored on every query term, no budget, no pruning: the reference ranking."""
    scores = {}
    for term in set(index.terms(text)):
        for doc_id, part in index.contributions(term).items():
            scores[doc_id] = scores.get(doc_id, 0.0) + part
    return [doc_id for _, doc_id in sorted((-s, d) for d, s in scores.items())[:k]]


PRUNING_CASES = [
    ("Mellanox launch phone", 3),
    ("Xiaomi phone launch Leica", 5),
    ("launch", 2),
    ("phone launch number 7", 4),
]


@pytest.mark.parametrize(("query", "k"), PRUNING_CASES)
def test_max_score_pruning_returns_the_same_top_k_as_scoring_every_document(query, k):
    texts = [f"launch number {i}" for i in range(40)] + [f"phone {i} launch" for i in range(40)]
    texts += ["Mellanox launch", "Xiaomi and Leica launch a phone", "Leica phone"]
    index = CandidateIndex(claims(*texts))
    assert ids(index.search(query, k=k)) == brute_force_bm25(index, query, k)


def test_cached_term_scores_are_forgotten_when_the_collection_changes():
    index = CandidateIndex(claims("Mellanox launch", "Giphy launch"))
    before = index.contributions("launch")
    index.add(ClaimText(7, "launch party", DAY))
    assert set(index.contributions("launch")) == {1, 2, 7} and set(before) == {1, 2}
    index.remove(1)
    assert set(index.contributions("launch")) == {2, 7} and index.search("Mellanox") == []
