"""Near-duplicate linking's search as it was before the array search (commit 74e23c6), kept as the linking
benchmark's baseline: one `CandidateIndex` over the pool, each new claim searched in it one at a time, a pair
analysed in full when its terms could reach the threshold."""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from verify.config import usable_cores
from verify.core.candidates import CandidateIndex
from verify.core.matching import ClaimText, analyse, claim_similarity, glance_all

CANDIDATES = 20  # the index's best hits looked at for each new claim
PARALLEL_FROM = 2_000  # new claims: fewer are searched in this process
CHUNK = 500
_SHARED: dict = {}  # what forked workers read: set just before the fork, emptied after


class RememberingIndex(CandidateIndex):
    """The index keeps each text's terms: every new claim is both indexed and searched, and reading its
    terms (aliases included) costs as much as the search itself."""

    def __init__(self, items, aliases):
        self._remembered: dict[str, list[str]] = {}
        super().__init__(items, aliases)

    def terms(self, text: str) -> list[str]:
        found = self._remembered.get(text)
        if found is None:
            found = self._remembered[text] = super().terms(text)
        return list(found)


class Similarity:
    """`claim_similarity` of claim pairs, each text analysed once and only when a pair needs it."""

    def __init__(self, book, idf):
        self.book, self.idf = book, idf
        self.analysed: dict[int, object] = {}
        self.terms: dict[int, tuple[frozenset[str], float]] = {}

    def could_reach(self, a, b, threshold: float) -> bool:
        """False only when the pair cannot reach `threshold`: the score is 0.7 x text + 0.3 x entities, with
        entities at most 100, and the text part (weighted Dice, `text_similarity`) reads the terms alone,
        which a glance gives at a sixth of an analysis's cost."""
        (terms_a, weight_a), (terms_b, weight_b) = self._terms(a), self._terms(b)
        total = weight_a + weight_b
        text = 200.0 * sum(map(self.idf, terms_a & terms_b)) / total if total else 0.0
        return 0.7 * text + 30.0 >= threshold - 0.05 - 1e-6  # the score is rounded to one decimal

    def _terms(self, claim) -> tuple[frozenset[str], float]:
        found = self.terms.get(claim.id)
        if found is None:
            terms = glance_all([claim.text])[0].terms
            found = self.terms[claim.id] = (terms, sum(map(self.idf, terms)))
        return found

    def similarity(self, a, b) -> float:
        for c in (a, b):
            if c.id not in self.analysed:
                self.analysed[c.id] = analyse(c.text, self.book)
        return claim_similarity(self.analysed[a.id], self.analysed[b.id], self.idf)


def near_duplicates(pool: dict, new: Sequence, book, threshold: float,
                    progress=None) -> tuple[Similarity, dict[int, list[int]]]:
    """For each new claim (rows with id, text, published), the pool claims among its `CANDIDATES` best hits
    whose similarity reaches `threshold`, in the index's order; and the similarity used (to score links)."""
    index = RememberingIndex((ClaimText(c.id, c.text, c.published) for c in pool.values()), book)
    pairs = Similarity(book, index.idf)
    ids = [claim.id for claim in new]
    chunks = [ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK)]
    workers = min(usable_cores(), len(chunks))
    _SHARED.update(index=index, pairs=pairs, pool=pool, threshold=threshold)
    groups: dict[int, list[int]] = {}
    parallel = workers >= 2 and len(ids) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods()
    try:
        if parallel:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as executor:
                _collect(executor.map(_search, chunks), chunks, groups, progress)
        else:
            _collect(map(_search, chunks), chunks, groups, progress)
    finally:
        _SHARED.clear()
    return pairs, groups


def _collect(done, chunks: list[list[int]], groups: dict, progress) -> None:
    for chunk, found in zip(chunks, done, strict=True):
        groups.update(found)
        if progress is not None:
            progress.advance(len(chunk))


def _search(chunk: list[int]) -> dict[int, list[int]]:
    index, pairs, pool, threshold = (_SHARED[key] for key in ("index", "pairs", "pool", "threshold"))
    found = {}
    for claim_id in chunk:
        claim = pool[claim_id]
        hits = [pool[i] for i, _ in index.search(claim.text, k=CANDIDATES) if i != claim_id]
        found[claim_id] = [c.id for c in hits if pairs.could_reach(claim, c, threshold)
                           and pairs.similarity(claim, c) >= threshold]
    return found
