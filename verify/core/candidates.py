"""Candidate search: an incremental inverted index with BM25, so scoring only looks at texts that can match.

Scoring every pair is quadratic; an index over the open claims (or recent announcements) finds the few
dozen texts sharing rare words with a new item in milliseconds, and its document frequencies give the
IDF weights that the pair score uses (a shared "Mellanox" says more than a shared "acquire").
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from typing import Protocol

from verify.core.bm25 import Collection, kth_best
from verify.core.entities import AliasBook
from verify.core.normalize import tokenize


class Item(Protocol):
    id: int
    text: str


class CandidateIndex:
    """BM25 over normalised tokens plus the canonical names of known aliases ("Facebook" also indexes "meta").

    Terms so common that expanding them would touch more than `budget` documents only rescore the
    documents already found through rarer terms: this bounds query time while costing almost no recall,
    because common terms carry almost no weight.

    Speed: each term's BM25 contribution to each of its documents is computed once and kept until the
    collection changes (a full re-match asks the same common terms over and over), and the per-document
    sums are merged with set and dict operations that run in C rather than one Python step per posting.
    """

    def __init__(self, items: Iterable[Item] = (), aliases: AliasBook | None = None, *,
                 k1: float = 1.2, b: float = 0.75, budget: int = 20000):
        self.aliases = aliases if aliases is not None else AliasBook.default()
        self.k1, self.b, self.budget = k1, b, budget
        self._postings: dict[str, dict[int, int]] = {}
        self._docs: dict[int, tuple[str, ...]] = {}
        self._total_length = 0
        self._idf: dict[str, float] = {}  # memo, emptied whenever the collection changes
        self._contributions: dict[str, dict[int, float]] = {}  # memo: term -> {doc: BM25 part}, likewise
        self._ceilings: dict[str, float] = {}  # memo: term -> its highest contribution, likewise
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, item_id: int) -> bool:
        return item_id in self._docs

    def terms(self, text: str) -> list[str]:
        """The index terms of a text: its tokens, and the canonical names of aliases it uses."""
        tokens = tokenize(text)
        present = set(tokens)
        for entity in self.aliases.find(text):
            tokens.extend(t for t in tokenize(entity.key) if t not in present)
        return tokens

    def add(self, item: Item) -> None:
        """Index an item; adding an id again replaces its text."""
        if item.id in self._docs:
            self.remove(item.id)
        counts = Counter(self.terms(item.text))
        self._forget_weights()
        self._docs[item.id] = tuple(counts)
        self._total_length += len(counts)
        for term, tf in counts.items():
            self._postings.setdefault(term, {})[item.id] = tf

    def remove(self, item_id: int) -> None:
        """Forget an item (a claim confirmed or closed); unknown ids are ignored."""
        terms = self._docs.pop(item_id, None)
        if terms is None:
            return
        self._forget_weights()
        self._total_length -= len(terms)
        for term in terms:
            posting = self._postings[term]
            del posting[item_id]
            if not posting:
                del self._postings[term]

    def document_frequency(self, term: str) -> int:
        return len(self._postings.get(term, ()))

    def idf(self, term: str) -> float:
        """BM25's IDF, always positive; a term never seen gets the highest weight. Memoised: the matcher asks
        for the same terms' weights for every pair it scores."""
        weight = self._idf.get(term)
        if weight is None:
            weight = self._idf[term] = self._collection().idf(self.document_frequency(term))
        return weight

    def _collection(self) -> Collection:
        """The collection's size and mean length, for the shared BM25 formulas."""
        docs = len(self._docs)
        return Collection(docs, self._total_length / docs if docs else 0.0, self.k1, self.b)

    def _forget_weights(self) -> None:
        self._idf.clear()
        self._contributions.clear()
        self._ceilings.clear()

    def contributions(self, term: str) -> dict[int, float]:
        """Each document's BM25 score for one term (memoised until the collection changes)."""
        found = self._contributions.get(term)
        if found is None:
            posting, weight, part, docs = (self._postings.get(term, {}), self.idf(term), self._collection().part,
                                           self._docs)
            found = {doc_id: part(weight, tf, len(docs[doc_id])) for doc_id, tf in posting.items()}
            self._contributions[term] = found
        return found

    def search(self, text: str, k: int = 50) -> list[tuple[int, float]]:
        """The `k` most relevant indexed ids for a text, best first (ties by id), with their BM25 score.

        Max-score pruning: once the `k`-th best score so far beats everything the remaining terms could add,
        no document they alone reach can enter the top `k`, so they only rescore the documents found (the
        same result as expanding them, far fewer documents touched).
        """
        if not self._docs:
            return []
        ordered = sorted(set(self.terms(text)), key=lambda t: (-self.idf(t), t))
        found = [(rank, self.contributions(term)) for rank, term in enumerate(ordered) if term in self._postings]
        ceilings = [self._ceiling(ordered[rank]) for rank, _ in found]
        reachable = [sum(ceilings[i:]) for i in range(len(ceilings))]  # the most the terms from i on can add
        scores: dict[int, float] = {}
        for (rank, part), ceiling in zip(found, reachable, strict=True):
            expand = rank == 0 or len(scores) + len(part) <= self.budget
            if expand and len(part) > len(scores) >= k and kth_best(scores, k) > ceiling + 1e-9:
                expand = False
            if expand:
                scores = _merged(scores, part)
            else:  # a common term: it only rescores what rarer terms found
                for doc_id in scores.keys() & part.keys():
                    scores[doc_id] += part[doc_id]
        best = heapq.nsmallest(k, [(-score, doc_id) for doc_id, score in scores.items()])
        return [(doc_id, round(-score, 4)) for score, doc_id in best]

    def _ceiling(self, term: str) -> float:
        """The highest BM25 score one term gives any document (memoised with its contributions)."""
        ceiling = self._ceilings.get(term)
        if ceiling is None:
            ceiling = self._ceilings[term] = max(self.contributions(term).values())
        return ceiling


def _merged(scores: dict[int, float], part: dict[int, float]) -> dict[int, float]:
    """scores + part, summed per document; the loop runs over the documents in both only."""
    if not scores:
        return dict(part)
    both = scores.keys() & part.keys()
    merged = {**part, **scores}
    for doc_id in both:
        merged[doc_id] = scores[doc_id] + part[doc_id]
    return merged
