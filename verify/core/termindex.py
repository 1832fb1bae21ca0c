"""A frozen term index over many announcements as numpy arrays, searched for many claims at once.

Why not `CandidateIndex`: a full re-match asks one index a hundred thousand questions, and a Python loop
over each question's postings cost most of an hour. Here the postings are flat arrays (by term, the
documents in date order), so the questions of a whole block of claims are answered with a few array
operations, and a claim's date cuts its postings (a binary search) before any score is summed.

Documents are indexed by their own words; a claim's query adds the names its known entities go by (as the
stored index `announcement_terms` does), so an alias added later still finds old announcements. BM25 uses
the same formulas as `verify.core.bm25.Collection` (document length = distinct terms).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from verify.core.bm25 import Collection
from verify.core.postingsums import COMPILED_FROM, PostingSums


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The concatenation of arange(start, start + length) for each pair, without a Python loop."""
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    offsets = np.repeat(starts - (ends - lengths), lengths)
    return offsets + np.arange(total, dtype=np.int64)


def first_in_group(groups: np.ndarray) -> np.ndarray:
    """For an array sorted by group: each element's rank inside its group (0 for the group's first)."""
    if not len(groups):
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    sizes = np.diff(np.r_[starts, len(groups)])
    return np.arange(len(groups)) - np.repeat(starts, sizes)


@dataclass(frozen=True)
class Queries:
    """A block of claims' questions, flat: for each (claim, term) pair, the claim's row in the block, the
    term's id, and whether the term is the claim's own word (alias names only help find documents)."""

    claim: np.ndarray
    term: np.ndarray
    own: np.ndarray
    first_doc: np.ndarray  # per claim: the first document (in date order) it may be matched with


class TermIndex:
    """Postings of every document's distinct terms with their BM25 parts, by term and by document."""

    def __init__(self, documents: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.75):
        # every token's term id (in order of first use, as a Counter per document gave them), then each
        # (document, term) counted in one array step: a Python step per posting cost seconds per 100,000
        self.vocabulary: dict[str, int] = {}
        number = self.vocabulary.setdefault
        ids = np.fromiter((number(token, len(self.vocabulary)) for tokens in documents for token in tokens),
                          dtype=np.int64)
        self.documents, terms = len(documents), max(1, len(self.vocabulary))
        sizes = np.fromiter((len(tokens) for tokens in documents), dtype=np.int64, count=len(documents))
        pairs, tf = np.unique(np.repeat(np.arange(self.documents, dtype=np.int64), sizes) * terms + ids,
                              return_counts=True)
        docs, term_ids = pairs // terms, pairs % terms
        lengths = np.bincount(docs, minlength=self.documents)
        self.collection = Collection(self.documents, float(lengths.mean()) if self.documents else 0.0, k1, b)
        df = np.bincount(term_ids, minlength=terms)
        self.df = df
        self.weights = np.log1p((self.documents - df + 0.5) / (df + 0.5))
        self.doc_weight = np.bincount(docs, self.weights[term_ids], minlength=self.documents)  # its terms' IDF
        norm = 1 - b + b * lengths[docs] / (self.collection.average_length or 1.0)
        parts = self.weights[term_ids] * tf * (k1 + 1) / (tf + k1 * norm)
        # the pairs come sorted by document, then term (`np.unique`): a stable sort by term alone keeps each
        # term's documents in order, and the pairs themselves are the keys by document (at a million
        # announcements, sorting them again on both keys took 2 s of the re-match's index)
        by_term = np.argsort(term_ids, kind="stable")
        self.posting_keys = term_ids[by_term] * self.documents + docs[by_term]  # sorted: term, then document
        self.posting_docs, self.posting_parts = docs[by_term], parts[by_term]
        self.starts = np.searchsorted(self.posting_keys, np.arange(terms + 1) * self.documents)
        self.doc_keys = pairs  # sorted: document, then term (document * terms + term)
        self.doc_parts = parts
        self.doc_starts = np.r_[0, np.cumsum(lengths)]  # where each document's keys start in `doc_keys`
        self.terms = terms
        self.unseen_weight = math.log1p((self.documents + 0.5) / 0.5)
        self.doc_bits = self.documents.bit_length()  # a (claim row, document) pair is row << doc_bits | document

    def idf(self, term: str) -> float:
        """BM25's IDF of a term over these documents (a term never seen weighs the most), as the matcher's
        text parts weigh words."""
        found = self.vocabulary.get(term)
        return float(self.weights[found]) if found is not None else self.unseen_weight

    def queries(self, claims: Sequence[tuple[Sequence[str], Sequence[str], int]]) -> Queries:
        """Flat questions for a block of claims, each given as (own terms, alias names' terms, first doc)."""
        claim, term, own = [], [], []
        for row, (words, names, _) in enumerate(claims):
            seen: set[int] = set()
            for is_own, group in ((True, words), (False, names)):
                for word in group:
                    found = self.vocabulary.get(word)
                    if found is not None and found not in seen:
                        seen.add(found)
                        claim.append(row)
                        term.append(found)
                        own.append(is_own)
        return Queries(np.asarray(claim, dtype=np.int64), np.asarray(term, dtype=np.int64),
                       np.asarray(own, dtype=bool), np.asarray([c[2] for c in claims], dtype=np.int64))

    def search(self, queries: Queries, *, k: int, depth: int, budget: int, ids: np.ndarray,
               excluded: np.ndarray, sums: PostingSums | None = None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each claim's best `k` documents by BM25 from its first document on, as flat arrays sorted by
        claim, then rank: (claim row, document, BM25 score, weight of the claim's own words it holds).

        Max-score in array form: a claim's terms are expanded rarest first while the postings read stay
        within `budget` (the rarest always); the `depth` best documents found so far are then scored on all
        the claim's terms (the common ones only rescore them: their postings run into the hundreds of
        thousands and carry almost no weight). Ties go to the lower id (`ids`, per document), as in
        `CandidateIndex`. `excluded` holds the pairs never to return (`pair_keys`). With `sums`, a block
        reading `COMPILED_FROM` postings or more sums them compiled (`verify.core.postingsums`: the same
        numbers, faster), and, when no pair is excluded, rescores and ranks them compiled too.
        """
        start, count, read = self._read(queries, budget)
        own = np.where(queries.own[read], self.weights[queries.term[read]], 0.0)  # a term read's weight, if own
        cut = not len(excluded)  # compiled, the sums come cut to each claim's `depth` best (none excluded)
        found = sums(queries.claim[read], start, count, own, self.posting_docs, self.posting_parts,
                     depth=depth if cut else 0, ids=ids) \
            if sums is not None and int(count.sum()) >= COMPILED_FROM else None
        if found is None:  # numpy's sums: the same numbers, the pairs in (claim, document) order
            keys, at = self._keyed(queries, start, count, read)
            keys, (partial, shared) = summed_by_key(keys, self.posting_parts[at], np.repeat(own, count))
            claim, doc = self.pairs_of(keys)
            cut = False
        else:  # compiled: each claim's documents in the order first found (the cut does not care)
            claim, doc, partial, shared = found
        if len(excluded):  # (most re-matches exclude nothing: no pass over the millions of pairs found)
            keep = ~np.isin(self.pair_keys(claim, doc), excluded)
            claim, doc, partial, shared = claim[keep], doc[keep], partial[keep], shared[keep]
        # the terms read are summed already: only the claim's other (commoner) terms are looked up
        unread = _unread(queries, read)
        if cut:  # compiled: the look-ups and the ranking too (the same numbers, the same order)
            rows = np.arange(int(claim.max()) + 1 if len(claim) else 0)
            first = np.searchsorted(unread.claim, rows)  # each claim row's entries not read: where, how many
            entries = np.searchsorted(unread.claim, rows, side="right") - first
            return sums.rescored((claim, doc, partial, shared), (first, entries, unread.term, unread.own), self,
                                 k=k, ids=ids)
        best = best_per_group(claim, partial, ids[doc], depth, ranked=False)  # (rescored, then ranked)
        claim, doc, partial, shared = claim[best], doc[best], partial[best], shared[best]
        score, more = self._rescored(unread, claim, doc)
        score, shared = partial + score, shared + more
        best = best_per_group(claim, score, ids[doc], k)
        return claim[best], doc[best], score[best], shared[best]

    def pair_keys(self, rows: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """(claim row, document) pairs as the searches key them: one integer each, in the pairs' order."""
        return (np.asarray(rows, dtype=np.int64) << self.doc_bits) | np.asarray(docs, dtype=np.int64)

    def pairs_of(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The (claim rows, documents) of pair keys (shifts, not divisions: a block's keys run to millions)."""
        return keys >> self.doc_bits, keys & ((1 << self.doc_bits) - 1)

    def postings_read(self, queries: Queries, budget: int, rarest: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """The postings a block's claims read, from each claim's first document on: its terms rarest first
        while the postings read stay within `budget` (its `rarest` terms always), as (the (claim row, document)
        pair's key, `pair_keys`; the posting's place in the flat arrays)."""
        start, count, chosen = self._read(queries, budget, rarest)
        return self._keyed(queries, start, count, chosen)

    def _keyed(self, queries: Queries, start: np.ndarray, count: np.ndarray,
               chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The postings of the query entries read (`_read`), as (pair key, place in the flat arrays)."""
        at = ranges(start, count)
        return self.pair_keys(np.repeat(queries.claim[chosen], count), self.posting_docs[at]), at

    def _read(self, queries: Queries, budget: int, rarest: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The query entries read (positions in `queries`, grouped by claim, each claim's rarest first) and
        where their postings read start and how many there are (from the claim's first document on)."""
        start = np.searchsorted(self.posting_keys, queries.term * self.documents + queries.first_doc[queries.claim])
        count = self.starts[queries.term + 1] - start
        order = np.lexsort((queries.term, count, queries.claim))
        running = np.cumsum(count[order])
        before = running - count[order]
        rank = first_in_group(queries.claim[order])
        read = before - np.repeat(before[rank == 0], np.diff(np.r_[np.flatnonzero(rank == 0), len(rank)]))
        chosen = order[(rank < rarest) | (read + count[order] <= budget)]
        return start[chosen], count[chosen], chosen

    def _rescored(self, queries: Queries, claim: np.ndarray, doc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """BM25 over all of each claim's terms, and the IDF weight of the claim's own words each document
        holds (the shared weight of the text parts), for (claim, document) pairs."""
        first = np.searchsorted(queries.claim, claim)
        count = np.searchsorted(queries.claim, claim, side="right") - first
        pair = np.repeat(np.arange(len(claim)), count)
        at = ranges(first, count)
        parts = self.lookup(doc[pair], queries.term[at])
        shared = np.where((parts > 0) & queries.own[at], self.weights[queries.term[at]], 0.0)
        return (np.bincount(pair, parts, minlength=len(claim)).astype(float),  # float even when empty
                np.bincount(pair, shared, minlength=len(claim)).astype(float))

    def lookup(self, docs: np.ndarray, terms: np.ndarray) -> np.ndarray:
        """Each (document, term)'s BM25 part, 0 where the document lacks the term."""
        keys = docs * self.terms + terms
        at = np.minimum(np.searchsorted(self.doc_keys, keys), max(0, len(self.doc_keys) - 1))
        if not len(self.doc_keys):
            return np.zeros(len(keys))
        return np.where(self.doc_keys[at] == keys, self.doc_parts[at], 0.0)


def _unread(queries: Queries, read: np.ndarray) -> Queries:
    """The query entries not among `read` (positions), in their order."""
    keep = np.ones(len(queries.term), dtype=bool)
    keep[read] = False
    return Queries(queries.claim[keep], queries.term[keep], queries.own[keep], queries.first_doc)


def best_per_group(groups: np.ndarray, scores: np.ndarray, ties: np.ndarray, k: int, *,
                   ranked: bool = True) -> np.ndarray:
    """Positions of each group's `k` highest scores (ties to the lower `ties`, distinct within a group), sorted
    by group, then rank; or, not `ranked`, the same positions in their own order.

    Groups given in order (as the searches give them) that hold many more than `k` are first cut, group by
    group, to their `k` best (a partition, linear; among those tied at the `k`-th score, the lowest `ties`,
    another partition): the sort then orders a block's few hundred per claim, not its thousands. (Partial
    scores tie by the thousand: a claim's documents hold a few dozen different sets of its words.)"""
    candidates = np.arange(len(groups))
    if len(groups) > 4 * k and np.all(groups[1:] >= groups[:-1]):
        starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1], True])
        keep = np.ones(len(groups), dtype=bool)
        for start, end in zip(starts[:-1], starts[1:], strict=True):
            if end - start > k:
                keep[start:end] = _best_of(scores[start:end], ties[start:end], k)
        candidates = np.flatnonzero(keep)
        if not ranked:
            return candidates
        groups, scores, ties = groups[candidates], scores[candidates], ties[candidates]
    order = np.lexsort((ties, -scores, groups))
    best = order[first_in_group(groups[order]) < k]
    return candidates[best] if ranked else candidates[np.sort(best)]


def _best_of(scores: np.ndarray, ties: np.ndarray, k: int) -> np.ndarray:
    """Which of one group's scores are its `k` highest, ties at the `k`-th to the lowest `ties`."""
    kth = np.partition(scores, len(scores) - k)[len(scores) - k]
    keep = scores > kth
    tied = np.flatnonzero(scores == kth)
    need = k - int(np.count_nonzero(keep))
    if need >= len(tied):
        keep[tied] = True
    else:
        keep[tied[np.argpartition(ties[tied], need - 1)[:need]]] = True
    return keep


def summed_by_key(keys: np.ndarray, *values: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """The distinct keys in order, and each of `values` summed per key, in the order given (a stable sort of
    plain integers, `argsort_ints`, then one `reduceat`: the additions `bincount` would make, in its order)."""
    if not len(keys):
        return keys, [np.zeros(0) for _ in values]
    order = argsort_ints(keys)
    ordered = keys[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    return ordered[starts], [np.add.reduceat(v[order], starts) for v in values]


SCORE_STEPS = 2**30  # partial scores are told apart to this fraction of the best one when picking the depth


def argsort_ints(keys: np.ndarray) -> np.ndarray:
    """A stable argsort of non-negative integers, as one sort of values (several times faster than argsort):
    each key shifted left with its position in the low bits, the positions read back after sorting."""
    if not len(keys):
        return np.zeros(0, dtype=np.int64)
    shift = int(len(keys) - 1).bit_length()
    if int(keys.max()).bit_length() + shift > 62:
        return np.argsort(keys, kind="stable")
    # stable (timsort): the keys come as runs already sorted (a term's postings by document), which it merges
    # (a quarter faster than the default quicksort; the packed values are distinct, so both give the same)
    packed = np.sort((keys.astype(np.int64) << shift) | np.arange(len(keys), dtype=np.int64), kind="stable")
    return packed & ((1 << shift) - 1)


def search_all(index: TermIndex, queries: Queries, *, k: int, depth: int, budget: int, ids: np.ndarray,
               rarest: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`TermIndex.search` with no pair excluded, for blocks of hundreds of claims whose expanded postings run
    into the millions, and always expanding a claim's `rarest` terms (one rare term alone can tie hundreds of
    documents). The sorts are of plain integers (`argsort_ints`): the postings by (claim, document), then the
    documents found by (claim, partial score in `SCORE_STEPS` steps), where `search` sorts three keys, which
    took most of the time. Which of the documents tied at the `depth`-th partial score (to about 1e-9 of the
    best) are rescored is left to their order; the `k` best after rescoring are ranked exactly as `search`
    ranks them (ties to the lower id).
    """
    keys, at = index.postings_read(queries, budget, rarest)
    found, (partial,) = summed_by_key(keys, index.posting_parts[at])
    claim, doc = index.pairs_of(found)
    top = float(partial.max(initial=0.0)) or 1.0
    below = np.floor((top - partial) * (SCORE_STEPS / top)).astype(np.int64)  # 0 for the best of all
    ranked = argsort_ints(claim * (SCORE_STEPS + 1) + below)
    best = ranked[first_in_group(claim[ranked]) < depth]
    claim, doc = claim[best], doc[best]
    score, shared = index._rescored(queries, claim, doc)
    best = best_per_group(claim, score, ids[doc], k)
    return claim[best], doc[best], score[best], shared[best]
