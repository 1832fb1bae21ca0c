"""A block's postings summed per (claim, document) in one compiled pass, for re-matches at archive scale.

Why: the re-match's array search (`TermIndex.search`) reads up to a twentieth of the announcements' postings
per claim, millions per block of claims, and must add up each document's parts. In numpy that is a stable
sort of the block's postings, gathers and a `reduceat`: about 1 ms a claim at a million announcements, a
quarter of matching it. Compiled with numba, each posting is added in place into its document's row of an
accumulator (its first value, the sum of the others, the same two for the weight of the claim's own words,
how many), and each claim's documents come out in the order first found: 2.5-3 times faster on the
benchmark's blocks (bench/bench_rematch.py). The rows are the claim's documents, in the order found (a sparse
set: each document's place among them is kept in 4 bytes, so the places of a million documents, 4 MB, stay
in the processor's cache; an accumulator row per document, 64 MB at a million, made every posting a trip to
memory: a real block's sums at a million announcements, bench/bench_rematch.py's data, 123 -> 77 ms). Each
claim's pairs are then cut to the `depth` best at once, in place (what `termindex.best_per_group` keeps, ties
and all), so the millions of pairs a block finds never leave the loop. A second loop (`rescored`) then adds
the parts of each claim's commoner words to those pairs, looked up in each document's own sorted keys, and
ranks each claim's best: numpy's look-ups, `bincount`s and sorts of the same, in one pass (a block at a
million announcements: 4.0 -> 3.0 ms a claim in one process, the same proposals).

The sums are the very numbers numpy gives: `np.add.reduceat` takes a document's first value plus the others
added one by one from zero, as here, as long as a document is found at most `EXACT_UP_TO` times in a
claim's postings (past that numpy adds them pairwise). A block with a document found more often is summed by
numpy instead, as are blocks too small to repay the compiling (`COMPILED_FROM`): numba is imported and the
loops compiled (about three seconds) only by a re-match that needs them.
"""

from __future__ import annotations

import functools
from types import SimpleNamespace

import numpy as np

COMPILED_FROM = 1_000_000  # postings in a block: fewer are summed by numpy (no import, no compiling)
EXACT_UP_TO = 8  # times a document may be found in a claim's postings for the compiled sums to be numpy's
FIRST, REST, OWN_FIRST, OWN_REST, FOUND = range(5)  # the fields of a claim's document in the accumulator
ROW = 5  # floats per accumulator row
PLACES = 2**31 - 1  # postings in a block, at most, for its places to be held in 4 bytes (more: numpy sums them)


@functools.cache
def _compiled():
    """The loops compiled, (summing, rescoring), once per process (worker processes forked after it inherit
    them), or None without numba."""
    try:
        from numba import njit
    except ImportError:  # pragma: no cover - numba is a dependency; numpy's sums are the same, only slower
        return None
    return _loops(njit(cache=False, nogil=True))


def _loops(jit):  # pragma: no cover - compiled by numba: the tests check what it gives
    """The loops, each given to `jit` (numba's `njit`): the summing one and the rescoring one call the cutting
    one."""

    @jit
    def ranked(values, rank):
        """The value `rank` places from the lowest (0: the lowest) of `values`, which it reorders (a
        quickselect: `np.partition`'s pick, without the 8 seconds numba takes to compile that)."""
        low, high = 0, len(values) - 1
        while low < high:
            pivot = values[(low + high) // 2]
            i, j = low, high
            while i <= j:
                while values[i] < pivot:
                    i += 1
                while values[j] > pivot:
                    j -= 1
                if i <= j:
                    values[i], values[j] = values[j], values[i]
                    i += 1
                    j -= 1
            if rank <= j:
                high = j
            elif rank >= i:
                low = i
            else:
                break  # between the two halves: equal to the pivot
        return values[rank]

    @jit
    def best_at(values, depth):
        """The `depth`-th highest of `values` (not reordered). Many values (a claim's sums run to tens of
        thousands, its pool to hundreds): first a threshold from a sample of a thousand, about three times
        `depth` of the values reaching it, then the pick among those that do, when they are `depth` at least
        (the same value: it is among them, and as many above it); else the pick among all."""
        size = len(values)
        if size >= 4 * depth and size >= 4096:
            step = size // 1024
            sample = values[::step].copy()
            want = min(len(sample) - 1, (3 * depth * len(sample)) // size + 8)
            threshold = ranked(sample, len(sample) - 1 - want)
            count = 0
            for i in range(size):
                if values[i] >= threshold:
                    count += 1
            if count >= depth:
                above = np.empty(count)
                count = 0
                for i in range(size):
                    if values[i] >= threshold:
                        above[count] = values[i]
                        count += 1
                return ranked(above, count - depth)
        return ranked(values.copy(), size - depth)

    @jit
    def cut(first, end, depth, ids, out_claim, out_doc, out_partial, out_shared):
        """One claim's pairs (`first` to `end` of the outputs) cut in place to its `depth` best sums, ties
        at the last to the lowest ids, in their order (what `termindex.best_per_group` keeps); returns the
        new end. (The sums of a claim tie by the thousand, a few dozen values among tens of thousands: the
        ties' ids, read from all over `ids`, are read once.)"""
        kth = best_at(out_partial[first:end], depth)
        above = 0
        tied = 0
        for at in range(first, end):
            if out_partial[at] > kth:
                above += 1
            elif out_partial[at] == kth:
                tied += 1
        need = depth - above  # (at least 1: kth is the depth-th best)
        every_tie = need >= tied
        highest_id = 0  # (when not every tie is kept: those with an id up to this)
        tied_ids = np.empty(0 if every_tie else tied, dtype=np.int64)  # the ties' ids, in their order
        if not every_tie:
            found = 0
            for at in range(first, end):
                if out_partial[at] == kth:
                    tied_ids[found] = ids[out_doc[at]]
                    found += 1
            highest_id = ranked(tied_ids.copy(), need - 1)
        kept = first
        tie = 0
        for at in range(first, end):
            value = out_partial[at]
            keep = value > kth
            if value == kth:
                keep = every_tie or tied_ids[tie] <= highest_id
                tie += 1
            if keep:
                out_claim[kept] = out_claim[at]
                out_doc[kept] = out_doc[at]
                out_partial[kept] = value
                out_shared[kept] = out_shared[at]
                kept += 1
        return kept

    @jit
    def sum_postings(claims, starts, counts, own, posting_docs, posting_parts, where, rows, depth, ids,
                     out_claim, out_doc, out_partial, out_shared):
        """Entries (claim row, start and count of a term's postings read, weight if the claim's own word)
        sorted by claim; returns how many (claim, document) pairs were written to the outputs, or -1 when a
        document was found more than `EXACT_UP_TO` times in a claim's postings. With `depth` (0: all), only
        each claim's `depth` best sums are written, ties at the last to the lowest `ids`.

        A claim's documents are a sparse set: `out_doc[first_written:written]` in the order found, and
        `where[doc]` a document's place there, trusted only when it points inside the claim's places at that
        very document (so `where` is never cleared, whatever an earlier claim or block left in it); its
        sums in `rows`, a row per place."""
        written = 0
        entry = 0
        entries = len(claims)
        places = np.empty(32, dtype=np.int64)
        while entry < entries:
            claim = claims[entry]
            end = entry
            while end < entries and claims[end] == claim:
                end += 1
            first_written = written
            for term in range(entry, end):
                weight = own[term]
                begin = starts[term]
                stop = begin + counts[term]
                while begin < stop:  # places read 32 at a time, apart from their use: the reads overlap
                    n = min(32, stop - begin)
                    for i in range(n):
                        places[i] = where[posting_docs[begin + i]]  # (a term finds a document once: these hold)
                    for i in range(n):
                        posting = begin + i
                        doc = posting_docs[posting]
                        place = places[i]
                        if place < first_written or place >= written or out_doc[place] != doc:
                            where[doc] = written
                            out_doc[written] = doc
                            row = rows[written - first_written]
                            row[FIRST] = posting_parts[posting]
                            row[REST] = 0.0
                            row[OWN_FIRST] = weight
                            row[OWN_REST] = 0.0
                            row[FOUND] = 1.0
                            written += 1
                        else:
                            row = rows[place - first_written]
                            row[REST] += posting_parts[posting]
                            row[OWN_REST] += weight
                            row[FOUND] += 1.0
                            if row[FOUND] > EXACT_UP_TO:
                                return -1
                    begin += n
            for at in range(first_written, written):
                row = rows[at - first_written]
                out_claim[at] = claim
                out_partial[at] = row[FIRST] + row[REST]
                out_shared[at] = row[OWN_FIRST] + row[OWN_REST]
            if 0 < depth < written - first_written:
                written = cut(first_written, written, depth, ids, out_claim, out_doc, out_partial, out_shared)
            entry = end
        return written

    @jit
    def later(scores, ids, a, b):
        """Whether `a` ranks after `b`: a lower score, or the same and a higher id (ids differ)."""
        return scores[a] < scores[b] or (scores[a] == scores[b] and ids[a] > ids[b])

    @jit
    def ranking(scores, ids):
        """Positions best first (the highest score, ties to the lowest id): a quicksort, insertion sorts for
        the short stretches, the longer part of each split kept for later (a stack of 64 splits holds any
        length): the rescoring took a quarter less time than with a heapsort of a claim's 800 best. (numba compiles
        `np.argsort` slowly: two of them cost two seconds more.)"""
        size = len(scores)
        order = np.arange(size)
        stack = np.empty(128, dtype=np.int64)
        top = 0
        stack[0] = 0
        stack[1] = size - 1
        top = 2
        while top > 0:
            top -= 2
            low = stack[top]
            high = stack[top + 1]
            while high - low > 16:
                middle = (low + high) // 2
                # median of three into order[middle]
                if later(scores, ids, order[low], order[middle]):
                    order[low], order[middle] = order[middle], order[low]
                if later(scores, ids, order[middle], order[high]):
                    order[middle], order[high] = order[high], order[middle]
                    if later(scores, ids, order[low], order[middle]):
                        order[low], order[middle] = order[middle], order[low]
                pivot = order[middle]
                i, j = low, high
                while i <= j:
                    while later(scores, ids, pivot, order[i]):
                        i += 1
                    while later(scores, ids, order[j], pivot):
                        j -= 1
                    if i <= j:
                        order[i], order[j] = order[j], order[i]
                        i += 1
                        j -= 1
                if j - low < high - i:
                    stack[top] = i
                    stack[top + 1] = high
                    top += 2
                    high = j
                else:
                    stack[top] = low
                    stack[top + 1] = j
                    top += 2
                    low = i
            for a in range(low + 1, high + 1):
                value = order[a]
                b = a - 1
                while b >= low and later(scores, ids, order[b], value):
                    order[b + 1] = order[b]
                    b -= 1
                order[b + 1] = value
        return order

    @jit
    def rescore(claim, doc, partial, shared, unread_first, unread_count, unread_term, unread_own, doc_starts,
                doc_keys, terms, doc_parts, weights, ids, k, out_claim, out_doc, out_score, out_shared):
        """Pairs grouped by claim (as `sum_postings` cut them): each pair's sum plus the parts of its claim's
        unread terms (`unread_first[row]`, `unread_count[row]`: the claim's entries; a document's keys, `doc *
        terms + term`, are `doc_keys[doc_starts[doc]:doc_starts[doc + 1]]`, sorted), added one by one from
        zero, and the weight of those that are the claim's own words; then each claim's `k` best scores, ties
        to the lowest ids, ranked (best first, then the lowest id). Returns how many pairs were written."""
        pairs = len(claim)
        for at in range(pairs):
            row = claim[at]
            d = doc[at]
            low0 = doc_starts[d]
            high0 = doc_starts[d + 1]
            added = 0.0
            more = 0.0
            for entry in range(unread_first[row], unread_first[row] + unread_count[row]):
                term = unread_term[entry]
                key = d * terms + term
                low, high = low0, high0
                while low < high:  # the first of the document's keys not below `key`
                    middle = (low + high) // 2
                    if doc_keys[middle] < key:
                        low = middle + 1
                    else:
                        high = middle
                part = doc_parts[low] if low < high0 and doc_keys[low] == key else 0.0
                added += part
                more += weights[term] if part > 0 and unread_own[entry] else 0.0
            out_claim[at] = row
            out_doc[at] = d
            out_score[at] = partial[at] + added
            out_shared[at] = shared[at] + more
        written = 0
        first = 0
        while first < pairs:
            end = first
            while end < pairs and out_claim[end] == out_claim[first]:
                end += 1
            end_kept = end if end - first <= k else cut(first, end, k, ids, out_claim, out_doc, out_score,
                                                        out_shared)
            size = end_kept - first
            kept_ids = np.empty(size, dtype=np.int64)
            for i in range(size):
                kept_ids[i] = ids[out_doc[first + i]]
            order = ranking(out_score[first:end_kept], kept_ids)
            ranked_doc = out_doc[first:end_kept].copy()
            ranked_score = out_score[first:end_kept].copy()
            ranked_shared = out_shared[first:end_kept].copy()
            row = out_claim[first]
            for i in range(size):
                out_claim[written + i] = row
                out_doc[written + i] = ranked_doc[order[i]]
                out_score[written + i] = ranked_score[order[i]]
                out_shared[written + i] = ranked_shared[order[i]]
            written += size
            first = end
        return written

    return sum_postings, rescore


class PostingSums:
    """Per-(claim, document) sums of a block's postings for one index's documents, with each document's place
    among a claim's kept between blocks (never cleared: `sum_postings` trusts a place only when it holds the
    document)."""

    def __init__(self, documents: int):
        self.documents = documents
        self.where: np.ndarray | None = None  # a document's place among its claim's (4 bytes a document)
        self.rows = np.zeros((0, ROW))  # the sums of a claim's documents, a row per place

    def ready(self) -> None:
        """Compile the loops now (before worker processes are forked, so they are compiled once): called with
        no postings, of the types a search gives them."""
        none, nothing = np.zeros(0, dtype=np.int64), np.zeros(0)
        self(none, none, none, nothing, none, nothing, depth=1, ids=none)
        empty_index = SimpleNamespace(doc_starts=np.zeros(1, dtype=np.int64), doc_keys=none, terms=1,
                                      doc_parts=nothing, weights=nothing)
        self.rescored((none, none, nothing, nothing), (none, none, none, np.zeros(0, dtype=bool)), empty_index,
                      k=1, ids=none)

    def __call__(self, claims: np.ndarray, starts: np.ndarray, counts: np.ndarray, own: np.ndarray,
                 posting_docs: np.ndarray, posting_parts: np.ndarray, *, depth: int = 0,
                 ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
        """(claim rows, documents, summed parts, summed own weights), grouped by claim in the order of
        `claims` (sorted), each claim's documents in the order first found; with `depth`, only each claim's
        `depth` best, ties to the lowest `ids` (per document); None when numpy must sum them (no numba, or a
        document found more than `EXACT_UP_TO` times by one claim)."""
        loops = _compiled()
        if loops is None:
            return None
        kernel = loops[0]
        size = int(counts.sum())
        if size > PLACES:
            return None
        if self.where is None:
            self.where = np.zeros(max(1, self.documents), dtype=np.int32)
        claims = claims.astype(np.int64)
        most = int(np.bincount(claims, weights=counts).max()) if len(claims) else 0  # a claim's postings, at most
        if most > len(self.rows):
            self.rows = np.zeros((most, ROW))
        found = (np.empty(size, dtype=np.int64), np.empty(size, dtype=np.int64), np.empty(size), np.empty(size))
        ids = np.zeros(0, dtype=np.int64) if ids is None else np.ascontiguousarray(ids, dtype=np.int64)
        written = kernel(claims, starts.astype(np.int64), counts.astype(np.int64), own.astype(float),
                         posting_docs, posting_parts, self.where, self.rows, depth, ids, *found)
        if written < 0:
            return None
        return tuple(array[:written] for array in found)

    def rescored(self, pairs: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
                 unread: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], index, *, k: int,
                 ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """What `TermIndex.search` makes of a claim's cut pairs (claim rows, documents, sums, own weights), in
        one compiled pass: each pair's score on all the claim's terms (`unread`: for each claim row, where its
        entries not read start and how many, then the entries' terms and whether each is the claim's own
        word), its own words' weight, then each claim's `k` best, ranked, ties to the lowest `ids` (what
        `_rescored` and `best_per_group` give, to the last bit: the same additions in the same order)."""
        kernel = _compiled()[1]
        claim, doc, partial, shared = pairs
        first, count, term, own = unread
        found = (np.empty(len(claim), dtype=np.int64), np.empty(len(claim), dtype=np.int64), np.empty(len(claim)),
                 np.empty(len(claim)))
        written = kernel(claim, doc, partial, shared, first, count, term, own, index.doc_starts, index.doc_keys,
                         index.terms, index.doc_parts, index.weights, np.ascontiguousarray(ids, dtype=np.int64), k,
                         *found)
        return tuple(array[:written] for array in found)
