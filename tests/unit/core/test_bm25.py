"""BM25 over postings read through callbacks ranks exactly as the in-memory CandidateIndex, and reads less."""

import random

import pytest

from verify.core.bm25 import Collection, query_terms, search, term_frequencies
from verify.core.candidates import CandidateIndex
from verify.core.entities import AliasBook
from verify.core.matching import ClaimText

WORDS = ["xiaomi", "leica", "phone", "launch", "july", "nvidia", "arm", "acquire", "billion", "apple", "iphone",
         "unveil", "september", "tesla", "factory", "berlin", "open", "samsung", "fold", "flip", "chip", "tsmc",
         "plant", "arizona", "intel", "mellanox", "buy"]


def corpus(size: int, seed: int = 3) -> list[ClaimText]:
    rng = random.Random(seed)
    return [ClaimText(n, " ".join(rng.choices(WORDS, k=rng.randint(3, 9))), None) for n in range(1, size + 1)]


class Stored:
    """The postings as a database would hold them, counting what each search reads."""

    def __init__(self, docs):
        self.postings: dict[str, dict[int, tuple[int, int]]] = {}
        for doc in docs:
            counts = term_frequencies(doc.text)
            for term, tf in counts.items():
                self.postings.setdefault(term, {})[doc.id] = (tf, len(counts))
        self.collection = Collection(len(docs), sum(len(term_frequencies(d.text)) for d in docs) / len(docs))
        self.read = 0

    def frequencies(self, terms):
        return {t: len(self.postings.get(t, {})) for t in terms}

    def fetch(self, term):
        self.read += len(self.postings[term])
        return self.postings[term]

    def among(self, terms, docs):
        for term in terms:
            for doc in docs:
                if doc in self.postings.get(term, {}):
                    self.read += 1
                    yield doc, term, self.postings[term][doc][0]

    def search(self, text, **options):
        return search(self.collection, self.frequencies(query_terms(text)), postings=self.fetch,
                      among=self.among, **options)


@pytest.mark.parametrize("k", [1, 5, 50])
def test_the_ranking_is_the_in_memory_index_ranking(k):
    docs = corpus(400)
    stored, index = Stored(docs), CandidateIndex(docs, AliasBook({}))
    for query in ("nvidia to acquire arm for billion", "leica phone launch july", "tesla berlin factory",
                  "samsung fold flip", "unknown words only"):
        assert stored.search(query, k=k, budget=10_000) == index.search(query, k=k)


def test_once_the_best_cannot_change_common_words_only_rescore_what_rare_ones_found():
    docs = [*corpus(2000), ClaimText(9999, "mellanox zyxwv acquire phone", None)]
    stored = Stored(docs)
    assert stored.search("zyxwv acquire", k=1, budget=10_000)[0][0] == 9999
    assert stored.read < 10


def test_the_budget_bounds_the_postings_read_however_common_the_words():
    docs = [*corpus(2000), ClaimText(9999, "mellanox zyxwv acquire phone", None)]
    stored = Stored(docs)
    best = stored.search("zyxwv acquire phone launch", k=5, budget=100)
    assert best[0][0] == 9999 and stored.read < 10
    assert stored.search("acquire phone launch", k=5, budget=100)  # the rarest term is always read


def test_alias_names_add_their_words_to_a_query_once():
    assert query_terms("Meta launches a headset", ["Facebook", "Meta Platforms", "meta"]) == [
        "meta", "launch", "headset", "facebook", "platform"]


def test_an_empty_collection_finds_nothing():
    assert search(Collection(0, 0.0), {}, postings=lambda t: {}, among=lambda t, d: [], k=5) == []
