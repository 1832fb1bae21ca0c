"""BM25 over a term index kept elsewhere (the database's `claim_terms`), with max-score pruning.

`CandidateIndex` holds its postings in memory, which a cold process must rebuild from every open claim.
Here the postings are read through two callbacks, rarest term first, so a search touches only the postings
of the query's rare terms plus the common terms' postings among the documents already found: the same
max-score idea as `CandidateIndex.search`, with the I/O left to the caller.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from verify.core.normalize import tokenize

MAX_TERM = 64  # longer tokens (a run of letters pasted by mistake) are cut: they still match each other

Postings = Mapping[int, tuple[int, int]]  # document -> (term frequency, document length)


def term_frequencies(text: str) -> Counter[str]:
    """A document's index terms and how often each occurs: the matching tokens, cut to `MAX_TERM`."""
    return Counter(token[:MAX_TERM] for token in tokenize(text))


def query_terms(text: str, extra: Iterable[str] = ()) -> list[str]:
    """The distinct terms to look up for a text, plus `extra` texts (alias names), in first-seen order."""
    terms = dict.fromkeys(term_frequencies(text))
    for name in extra:
        terms.update(dict.fromkeys(term_frequencies(name)))
    return list(terms)


@dataclass(frozen=True)
class Collection:
    """What BM25 needs to know about the whole collection: how many documents, their mean length."""

    documents: int
    average_length: float
    k1: float = 1.2
    b: float = 0.75

    def idf(self, df: int) -> float:
        """BM25's IDF, always positive; `CandidateIndex` weighs terms with the same formula."""
        return math.log(1 + (self.documents - df + 0.5) / (df + 0.5))

    def part(self, weight: float, tf: int, length: int) -> float:
        """One term's contribution to one document's score."""
        norm = 1 - self.b + self.b * length / (self.average_length or 1.0)
        return weight * tf * (self.k1 + 1) / (tf + self.k1 * norm)

    def ceiling(self, weight: float) -> float:
        """More than any document can get from one term (tf grows without bound): a safe bound for pruning."""
        return weight * (self.k1 + 1)


def search(collection: Collection, frequencies: Mapping[str, int], *, postings: Callable[[str], Postings],
           among: Callable[[Sequence[str], Sequence[int]], Iterable[tuple[int, str, int]]], k: int = 50,
           budget: int = 5000) -> list[tuple[int, float]]:
    """The `k` best documents for terms with these document frequencies, best first (ties by id).

    `postings(term)` gives a term's eligible documents; `among(terms, documents)` gives (document, term, tf)
    for those terms in those documents only. Terms are expanded rarest first while the documents found stay
    within `budget` and the remaining terms could still lift an unseen document into the top `k`; the rest
    only rescore what was found, in one call. Once a term is not expanded no later (commoner) one is.
    """
    ordered = sorted((t for t, df in frequencies.items() if df > 0), key=lambda t: (frequencies[t], t))
    weights = {t: collection.idf(frequencies[t]) for t in ordered}
    reachable = [sum(collection.ceiling(weights[t]) for t in ordered[i:]) for i in range(len(ordered))]
    scores: dict[int, float] = {}
    lengths: dict[int, int] = {}
    expanded = 0
    for rank, term in enumerate(ordered):
        df = frequencies[term]
        if rank and len(scores) + df > budget:
            break
        if rank and df > len(scores) >= k and kth_best(scores, k) > reachable[rank] + 1e-9:
            break
        for doc, (tf, length) in postings(term).items():
            lengths[doc] = length
            scores[doc] = scores.get(doc, 0.0) + collection.part(weights[term], tf, length)
        expanded = rank + 1
    rest = ordered[expanded:]
    if rest and scores:
        for doc, term, tf in among(rest, sorted(scores)):
            scores[doc] += collection.part(weights[term], tf, lengths[doc])
    best = heapq.nsmallest(k, [(-score, doc) for doc, score in scores.items()])
    return [(doc, round(-score, 4)) for score, doc in best]


def kth_best(scores: dict[int, float], k: int) -> float:
    return heapq.nlargest(k, scores.values())[-1]
