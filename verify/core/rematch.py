"""The full re-match as a batch job: every open claim against every announcement, in blocks of claims.

Per block: one array search of the term index gives each claim its pool of announcements (`TermIndex.search`:
only those dated from the claim on, less `GRACE`, can be found); the pool is ranked by the cheap parts
(text, time, meaning) in array form and cut to the shortlist, as `shortlist` does one claim at a time; then
the shortlist is scored in full best bound first, and scoring stops once no pair left could still be shown
(`bounded_proposals`: the same proposals as scoring the whole shortlist, for a fifth of the work).

Blocks are independent, so worker processes (forked after the index is built, sharing it) give the same
proposals in the same order as one process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

import numpy as np

from verify.core.bounds import EntityCeiling, bounded_proposals, cheap_parts
from verify.core.collector import full_collections_deferred
from verify.core.entities import AliasBook
from verify.core.matching import (
    GRACE,
    Analysis,
    AnnouncementText,
    ClaimText,
    Embed,
    MatchSettings,
    Proposal,
    _vectors,
    analyse,
)
from verify.core.normalize import fold, strip_noise, tokenize
from verify.core.postingsums import COMPILED_FROM, PostingSums
from verify.core.termindex import TermIndex, best_per_group, first_in_group
from verify.core.vectorcache import VectorCache, as_matrix, as_row

T = TypeVar("T")
BLOCK = 128  # claims searched together: large enough for the arrays to pay, small enough for progress
VECTOR_BUDGET = 100_000  # announcement meaning vectors kept between blocks (about 1 KB each)
ANALYSIS_BUDGET = 100_000  # announcement analyses kept between blocks (about 3 KB each)
RESCORE_DEPTH = 2  # how many times the pool a claim's rare words find are rescored on all its words
RUNS_PER_WORKER = 16  # runs of neighbouring blocks per worker: fewer share more, more show progress finer
EXPANSION_BUDGET = 8_000  # postings read per claim before its commoner words only rescore them (at least):
BUDGET_SHARE = 20  # ... and a twentieth of the announcements. At a million, 8,000 postings covered only the
# rarest word of most claims: 86% of brute force's proposals kept, against 98% with 50,000 (and 98.3% reading
# every posting; the rest lie beyond the pool of 200), for a third more time per claim (bench/bench_rematch.py)
POOL_SHARE = 1_250  # a claim's pool is `settings.pool` deep, or this share of the announcements when deeper: at a
# million, the 200 best by words held only 97.8% of brute force's proposals (the rest: documents tied on a
# firm's name past the 200th, confirmations nearer the claim's date among them); 800 hold 99.2%
# (bench/bench_rematch.py, 300 sampled claims)
EMBED_ALL_FROM = 20  # claims x this >= announcements: every announcement's vector is made beforehand (a
# claim's pool of 200 asked for about 23 vectors not made yet, at a tenth of the benchmark's size)


def pool_depth(settings: MatchSettings, announcements: int) -> int:
    """How many index hits per claim are shortlisted by the cheap parts: `settings.pool`, deeper in an
    archive of more than `settings.pool * POOL_SHARE` announcements (more documents tie on a claim's words)."""
    return max(settings.pool, announcements // POOL_SHARE)


def date_order(announcements: Sequence[AnnouncementText]) -> tuple[list[int], tuple[np.ndarray, np.ndarray]]:
    """The announcements' positions in date order, ties by id (the order of the term index's documents), and
    their dates (as ordinals) and ids in that order."""
    count = len(announcements)
    dates = np.fromiter((a.published.toordinal() for a in announcements), dtype=np.int64, count=count)
    ids = np.fromiter((a.id for a in announcements), dtype=np.int64, count=count)
    order = np.lexsort((ids, dates))
    return order.tolist(), (dates[order], ids[order])


def tokenize_all(texts: Sequence[str]) -> list[list[str]]:
    return [tokenize(text) for text in texts]


def _vectors_matrix(texts: Sequence[str], embed: Embed) -> np.ndarray:
    """Announcements' meaning vectors as one matrix (a worker's share): from `embed.matrix` when the function
    offers one (`verify.semantic.embed`: the same vectors, without an object per vector)."""
    whole = getattr(embed, "matrix", None)
    if whole is not None and len(texts):
        return np.asarray(whole([strip_noise(t) for t in texts]), dtype=np.float32)
    return as_matrix(_vectors(texts, embed))


def _embed_all(embed: Embed | None, claims: Sequence[ClaimText], announcements: Sequence) -> bool:
    """Whether to make every announcement's vector beforehand: when the claims' pools would ask for more."""
    return embed is not None and bool(announcements) and len(claims) * EMBED_ALL_FROM >= len(announcements)


class BatchMatcher:
    """The announcements in date order, their term index, and caches of their vectors and analyses."""

    def __init__(self, announcements: Sequence[AnnouncementText], book: AliasBook, settings: MatchSettings,
                 top: int, exclude: frozenset[tuple[int, int]], embed: Embed | None = None,
                 tokens: Sequence[Sequence[str]] | None = None, vectors: np.ndarray | None = None,
                 dated: tuple[np.ndarray, np.ndarray] | None = None):
        """`tokens` and `vectors` (the announcements' words and meaning vectors, in their given order) when
        made beforehand, e.g. by worker processes; else words are read here and vectors made as pools need
        them. `dated`: the announcements are already in `date_order`, and these are their dates and ids in
        that order (not read again: at a million, reading their dates in that order took 1.6 s, the objects
        being scattered in memory)."""
        order, (self.dates, self.ids) = ((list(range(len(announcements))), dated) if dated is not None
                                         else date_order(announcements))
        self.order = order  # the given announcements' positions, in date order
        self.in_date_order = dated is not None or order == list(range(len(order)))  # (vectors held without a copy)
        self.docs = [announcements[i] for i in order]
        words = [tokens[i] for i in order] if tokens is not None else tokenize_all([a.text for a in self.docs])
        self.index = TermIndex(words)
        self.weight = self.index.doc_weight
        self.book, self.settings, self.top, self.embed = book, settings, top, embed
        self.exclude: dict[int, list[int]] = {}
        doc_of = dict(zip(self.ids.tolist(), range(len(self.docs)), strict=True)) if exclude else {}  # id -> doc
        for claim_id, announcement_id in exclude:
            if announcement_id in doc_of:
                self.exclude.setdefault(claim_id, []).append(doc_of[announcement_id])
        self.names = book.names_by_key()
        self.vectors = VectorCache(len(self.docs), self._embed_docs, VECTOR_BUDGET)
        if vectors is not None:
            self.hold_vectors(vectors)
        self.analysed: dict[int, Analysis] = {}
        self.ceiling, self.folded = EntityCeiling(book), {}
        self.sums = PostingSums(len(self.docs))

    def budget(self) -> int:
        """The postings a claim reads before its commoner words only rescore what it found."""
        return max(EXPANSION_BUDGET, self.index.documents // BUDGET_SHARE)

    def compile_sums(self) -> None:
        """Compile the postings' sums now if the archive is large enough for every block to use them (its
        budget a share of the announcements: a twentieth of a million, 6.4 million postings a block): before
        worker processes are forked, they inherit it compiled. Smaller archives compile it only in a worker
        whose block reads that many postings (the three seconds of compiling are not spent on a small re-match)."""
        if BLOCK * (self.index.documents // BUDGET_SHARE) >= COMPILED_FROM:
            self.sums.ready()

    def hold_vectors(self, vectors: np.ndarray) -> None:
        """Every announcement's vector, made beforehand (in the given order), from now on."""
        self.vectors = VectorCache.complete(
            vectors if self.in_date_order else vectors[np.asarray(self.order, dtype=np.int64)])

    def blocks(self, claims: Sequence[ClaimText]) -> list[list[ClaimText]]:
        """The claims in blocks of `BLOCK`, those whose rarest words are the same next to each other: they
        share most of their candidates, so each announcement's vector and analysis is made once and reused."""
        def rarest(claim: ClaimText) -> tuple:
            found = sorted((int(self.index.df[t]), t) for t in
                           {self.index.vocabulary.get(w, -1) for w in tokenize(claim.text)} - {-1})
            return tuple(t for _, t in found[:2])

        order = sorted(claims, key=rarest)
        return [order[i:i + BLOCK] for i in range(0, len(order), BLOCK)]

    def match_block(self, claims: Sequence[ClaimText]) -> list[Proposal]:
        if not claims or not self.docs:
            return []
        settings, n = self.settings, self.index.documents
        own = [tokenize(c.text) for c in claims]
        queries = self.index.queries([(words, self._alias_words(c.text), self._first_doc(c))
                                      for c, words in zip(claims, own, strict=True)])
        pairs = [(row, d) for row, c in enumerate(claims) for d in self.exclude.get(c.id, ())]
        excluded = self.index.pair_keys(*(np.asarray(side, dtype=np.int64) for side in zip(*pairs, strict=True))) \
            if pairs else np.zeros(0, dtype=np.int64)
        k = max(pool_depth(settings, n), settings.candidates, self.top)
        row, doc, _, shared = self.index.search(queries, k=k, depth=int(RESCORE_DEPTH * k), budget=self.budget(),
                                                ids=self.ids, excluded=excluded, sums=self.sums)
        claim_vectors = _vectors([c.text for c in claims], self.embed)
        meaning = self._meaning(row, doc, claim_vectors)
        claim_weight = np.asarray([sum(map(self.index.idf, set(words))) for words in own])
        parts = cheap_parts(settings, claims, row, self.dates[doc], claim_weight[row], self.weight[doc], shared,
                            meaning)
        chosen = best_per_group(row, parts.prescore, first_in_group(row), max(settings.candidates, self.top))
        row, doc, parts = row[chosen], doc[chosen], parts.slice(chosen)
        analysed: dict[int, Analysis] = {}
        proposals: list[Proposal] = []
        bounds = np.split(np.arange(len(row)), np.flatnonzero(np.diff(row)) + 1) if len(row) else []
        for at in bounds:
            claim_row = int(row[at[0]])
            claim = claims[claim_row]

            def claim_analysis(claim=claim, claim_row=claim_row) -> Analysis:
                if claim_row not in analysed:
                    analysed[claim_row] = analyse(claim.text, self.book, claim_vectors[claim_row])
                return analysed[claim_row]

            proposals.extend(bounded_proposals(claim, claim_analysis, [int(d) for d in doc[at]],
                                               parts.slice(at), self, settings, self.top))
        return proposals

    def announcement(self, d: int) -> AnnouncementText:
        return self.docs[d]

    def idf(self, term: str) -> float:
        return self.index.idf(term)

    def entity_ceiling(self, claim: Analysis, d: int) -> float:
        """The most the entities part can be for the claim against announcement `d` (`EntityCeiling`)."""
        text = self.folded.get(d)
        if text is None:
            if len(self.folded) >= ANALYSIS_BUDGET:
                self.folded.clear()
            text = self.folded[d] = fold(self.docs[d].text).lower()
        return self.ceiling(claim.entities, text)

    def analysis(self, d: int) -> Analysis:
        """An announcement's analysis, made once (with its meaning vector) and kept within the budget."""
        found = self.analysed.get(d)
        if found is None:
            if len(self.analysed) >= ANALYSIS_BUDGET:
                self.analysed.clear()
            found = self.analysed[d] = analyse(self.docs[d].text, self.book, self.vectors.vector(d))
        return found

    def _alias_words(self, text: str) -> list[str]:
        """The words of the canonical names of the known entities in a claim, and of the one-word names they
        also go by ("Meta" also asks for "facebook"). Several-word names are left out: their words alone
        ("web", "services" of "Amazon Web Services") would find what is not about the entity."""
        keys = dict.fromkeys(entity.key for entity in self.book.find(text))
        words = [w for key in keys for w in tokenize(key)]
        for key in keys:
            for name in self.names.get(key, ()):
                found = tokenize(name)
                if len(found) == 1:
                    words.extend(found)
        return words

    def _first_doc(self, claim: ClaimText) -> int:
        """The first announcement that may confirm the claim: none dated before it, less `GRACE`, when
        `require_after` holds (the matcher discards those anyway); else the first of all."""
        if not self.settings.require_after:
            return 0
        return int(np.searchsorted(self.dates, (claim.published - GRACE).toordinal()))

    def _meaning(self, row: np.ndarray, doc: np.ndarray, claim_vectors: list) -> np.ndarray | None:
        """The meaning part of each pair (as `meaning_similarity`), the pool's missing vectors made in one
        batch; None without `embed`."""
        if self.embed is None:
            return None
        if not len(doc):
            return np.zeros(0)
        # claim by claim (the pairs come grouped by claim), each claim's few hundred rows read from the matrix
        # when every vector is there: a block's pairs gathered at once (or widened to float64) were a hundred
        # megabytes of fresh copies. In single precision, as the vectors are: within a thousandth of a point of
        # the full score's exactly rounded cosine (the bound's margin is a quarter), the proposals the same, and
        # widening each claim's rows to float64 first had been half of this part (a million announcements:
        # match 112 -> 101 s on 2 workers, bench/bench_rematch.py)
        matrix, at = (self.vectors.matrix, doc) if self.vectors.whole else (self.vectors.rows(doc), None)
        claims = np.asarray([as_row(v) for v in claim_vectors], dtype=np.float32).reshape(len(claim_vectors), -1)
        found = np.empty(len(doc))
        bounds = np.flatnonzero(np.r_[True, row[1:] != row[:-1], True])
        for start, end in zip(bounds[:-1], bounds[1:], strict=True):
            rows = matrix[at[start:end]] if at is not None else matrix[start:end]
            found[start:end] = rows @ claims[row[start]]
        return np.clip(100.0 * found, 0.0, 100.0)

    def _embed_docs(self, docs: list[int]) -> list:
        return _vectors([self.docs[d].text for d in docs], self.embed)


_WORKER: dict[str, BatchMatcher] = {}  # the matcher a forked worker inherits


def _start_worker(matcher: BatchMatcher) -> None:
    _WORKER["matcher"] = matcher
    keep_freed_memory()


M_TRIM_THRESHOLD, M_MMAP_MAX = -1, -4  # glibc's `mallopt` parameters (malloc.h)


def keep_freed_memory() -> None:
    """Have this process keep the memory it frees for its next arrays (glibc): a block's search makes and
    drops arrays of tens of megabytes, which glibc maps from the system and unmaps when freed, so each was
    page-faulted in afresh (measured: 2.8 -> 2.0 ms of search a claim at a million announcements). For worker
    processes, whose memory is given back when they end; with another C library nothing changes."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(M_MMAP_MAX, 0)
    mallopt(M_TRIM_THRESHOLD, 2**31 - 1)


def _match_in_worker(blocks: Sequence[Sequence[ClaimText]]) -> list[list[Proposal]]:
    return [_WORKER["matcher"].match_block(block) for block in blocks]


Progress = Callable[[str, int, int], None]  # (phase, done, total)


def match_in_blocks(claims: Sequence[ClaimText], announcements: Sequence[AnnouncementText], *,
                    settings: MatchSettings, book: AliasBook, top: int, exclude: frozenset[tuple[int, int]],
                    workers: int = 1, embed: Embed | None = None,
                    progress: Progress | None = None) -> Iterator[list[Proposal]]:
    """Each block's proposals as soon as they are found (so the caller can store them in short transactions),
    each claim's together and best first. Blocks follow `BatchMatcher.blocks` whatever the number of workers
    (`in_claim_order` restores the caller's order). `progress` hears of the index ("index", announcements)
    and of the claims matched ("match"). No full garbage collection runs meanwhile, here or in the workers
    (`verify.core.collector`: they walked every announcement held, for no garbage)."""
    with full_collections_deferred():
        yield from _matched_in_blocks(claims, announcements, settings, book, top, exclude, workers, embed,
                                      progress or (lambda phase, done, total: None))


def _matched_in_blocks(claims, announcements, settings, book, top, exclude, workers, embed, tell):
    if workers <= 1 or len(claims) < 2 * BLOCK:
        tell("index", 0, len(announcements))
        vectors = (as_matrix(_vectors([a.text for a in announcements], embed))
                   if _embed_all(embed, claims, announcements) else None)
        matcher = BatchMatcher(announcements, book, settings, top, exclude, embed, vectors=vectors)
        del vectors  # (the matcher holds them in date order)
        tell("index", len(announcements), len(announcements))
        done = 0
        tell("match", 0, len(claims))
        for block in matcher.blocks(claims):
            yield matcher.match_block(block)
            done += len(block)
            tell("match", done, len(claims))
        return
    yield from _in_processes(claims, announcements, settings, book, top, exclude, workers, embed, tell)


def runs_of(blocks: Sequence[T], workers: int) -> list[Sequence[T]]:
    """The blocks in runs of neighbours handed to the workers in turn: `RUNS_PER_WORKER` runs a worker, the
    last ones shorter and shorter (each at most a quarter of the blocks left per worker, down to one block),
    so the workers finish together. With runs all alike, one worker sat idle for up to the last run's time, the
    runs at the end being the slowest (their claims' rarest words the commonest): 5 s of 120 at a million
    announcements on 2 workers (bench/bench_rematch.py)."""
    run = max(1, -(-len(blocks) // (RUNS_PER_WORKER * workers)))
    runs, at = [], 0
    while at < len(blocks):
        size = min(run, max(1, (len(blocks) - at) // (4 * workers)))
        runs.append(blocks[at:at + size])
        at += size
    return runs


def in_claim_order(claims: Sequence[ClaimText], proposals: Sequence[Proposal]) -> list[Proposal]:
    """Proposals back in the order of their claims (each claim's own order kept)."""
    position = {c.id: i for i, c in reversed(list(enumerate(claims)))}
    return sorted(proposals, key=lambda p: position[p.claim_id])


def _in_processes(claims, announcements, settings, book, top, exclude, workers, embed, tell):
    """The index's words read by all workers, the index built here while they make the vectors, then runs of
    blocks matched by workers that inherit it (forked: nothing is copied until written). A worker takes a
    run of neighbouring blocks, so the announcements they share are analysed by one worker only.

    The announcements are handed out in date order (the index's), so each chunk's vectors go straight to their
    rows of one matrix as they come: gathering the chunks, then joining and reordering them, held three
    copies of a gigabyte at a million announcements and cost two seconds at the end. The loops of the sums
    are compiled while the workers are still making vectors (the parent waits for them anyway)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    order, keys = date_order(announcements)
    announcements = [announcements[i] for i in order]
    del order
    texts = [a.text for a in announcements]
    size = max(1, -(-len(texts) // (8 * workers)))
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    # the words first, then the vectors made by the workers while the index is built here (the build alone
    # had left a core idle); progress counts a vector as four times the words (what they cost)
    embed_all = _embed_all(embed, claims, announcements)
    total, words_done, vectors_done = len(texts), 0, 0
    progress = (lambda: (words_done + 4 * vectors_done) // 5) if embed_all else (lambda: words_done)
    tell("index", 0, total)
    tokens: list[list[str]] = []
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for words in pool.map(tokenize_all, chunks):
            tokens.extend(words)
            words_done = len(tokens)
            tell("index", progress(), total)
        made = [pool.submit(_vectors_matrix, chunk, embed) for chunk in chunks] if embed_all else []
        matcher = BatchMatcher(announcements, book, settings, top, exclude, embed, tokens, dated=keys)
        del tokens  # the matcher keeps what it needs: the workers fork without a gigabyte of leftovers
        blocks = matcher.blocks(claims)
        matcher.compile_sums()
        matrix = None
        for at, future in enumerate(made):
            chunk = future.result()
            made[at] = None  # (a finished future keeps its result: a gigabyte the workers would inherit)
            if matrix is None:
                matrix = np.empty((len(texts), chunk.shape[1]), dtype=np.float32)
            matrix[at * size:at * size + len(chunk)] = chunk
            vectors_done += len(chunk)
            del chunk
            tell("index", progress(), total)
    if matrix is not None:
        matcher.hold_vectors(matrix)
        del matrix
    runs = runs_of(blocks, workers)
    done = 0
    tell("match", 0, len(claims))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(matcher,)) as pool:
        for blocks_run, found in zip(runs, pool.map(_match_in_worker, runs), strict=True):
            yield from found
            done += sum(len(b) for b in blocks_run)
            tell("match", done, len(claims))
