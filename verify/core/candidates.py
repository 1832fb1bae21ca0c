"""Candidate search: an incremental inverted index with BM25, so scoring only looks at texts that can match.

Scoring every pair is quadratic; an index over the open claims (or recent announcements) finds the few
dozen texts sharing rare words with a new item in milliseconds, and its document frequencies give the
IDF weights that the pair score uses (a shared "Mellanox" says more than a shared "acquire").
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable
from typing import Protocol

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
    """

    def __init__(self, items: Iterable[Item] = (), aliases: AliasBook | None = None, *,
                 k1: float = 1.2, b: float = 0.75, budget: int = 20000):
        self.aliases = aliases if aliases is not None else AliasBook.default()
        self.k1, self.b, self.budget = k1, b, budget
        self._postings: dict[str, dict[int, int]] = {}
        self._docs: dict[int, tuple[str, ...]] = {}
        self._total_length = 0
        self._idf: dict[str, float] = {}  # memo, emptied whenever the collection changes
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
        self._idf.clear()
        self._docs[item.id] = tuple(counts)
        self._total_length += len(counts)
        for term, tf in counts.items():
            self._postings.setdefault(term, {})[item.id] = tf

    def remove(self, item_id: int) -> None:
        """Forget an item (a claim confirmed or closed); unknown ids are ignored."""
        terms = self._docs.pop(item_id, None)
        if terms is None:
            return
        self._idf.clear()
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
            n, df = len(self._docs), self.document_frequency(term)
            weight = self._idf[term] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return weight

    def search(self, text: str, k: int = 50) -> list[tuple[int, float]]:
        """The `k` most relevant indexed ids for a text, best first (ties by id), with their BM25 score."""
        if not self._docs:
            return []
        scores: dict[int, float] = {}
        avg_length = self._total_length / len(self._docs) or 1.0
        k1, b, docs, norms = self.k1, self.b, self._docs, {}
        for rank, term in enumerate(sorted(set(self.terms(text)), key=lambda t: (-self.idf(t), t))):
            posting = self._postings.get(term)
            if not posting:
                continue
            weight = self.idf(term)
            expand = rank == 0 or len(scores) + len(posting) <= self.budget
            ids = posting if expand else [i for i in scores if i in posting]
            for doc_id in ids:
                tf = posting[doc_id]
                norm = norms.get(doc_id)
                if norm is None:
                    norm = norms[doc_id] = k1 * (1 - b + b * len(docs[doc_id]) / avg_length)
                scores[doc_id] = scores.get(doc_id, 0.0) + weight * tf * (k1 + 1) / (tf + norm)
        best = heapq.nsmallest(k, [(-score, doc_id) for doc_id, score in scores.items()])
        return [(doc_id, round(-score, 4)) for score, doc_id in best]
