"""Finding the near-duplicates of many new claims at once: one array term index over them and the stored claims
they can touch, the new claims searched in it a chunk at a time, and a pair compared only when its terms alone
could reach the threshold. Which claims are near-duplicates depends on the texts only, so for an archive the
texts are read (terms, and the new claims' sketches) and the chunks searched on every core (worker processes
forked with the index built, reading it as it is); the linking that follows, which depends on the order,
stays in one process (`duplicates.link_duplicates`).

The rule is the one `CandidateIndex` served claim by claim: a claim's `CANDIDATES` best hits by BM25 over
`CandidateIndex.terms`, ties to the lower id, linked when `claim_similarity` reaches the threshold. The array
search (`termindex.search_all`) reads the postings of a claim's rarer words up to `BUDGET` (as `CandidateIndex`
reads up to its own budget of documents; its `RAREST` rarest words always), and its commoner words only rescore
the `DEPTH` best documents found. The best hits can differ where many documents tie on the words read (with
only the two rarest read, 52 of some 24,800 near-duplicate pairs of bench/bench_linking.py's 100,000 claims
differed); with the three rarest, the pairs found there are the same.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from verify.config import usable_cores
from verify.core.bm25 import Collection
from verify.core.entities import Entity, clean_for_entities, find_entities
from verify.core.matching import claim_similarity
from verify.core.normalize import normalize, terms_of, tokenize
from verify.core.termindex import TermIndex, search_all
from verify.core.verdicts import Roles, roles

CANDIDATES = 20  # the index's best hits looked at for each new claim
PARALLEL_FROM = 2_000  # new claims: fewer are searched in this process
CHUNK = 500
BUDGET = 4_000  # postings read per claim before its commoner words only rescore what the rarer found
RAREST = 3  # terms always expanded: one or two alone (a firm's name, a model number) tie hundreds of documents
DEPTH = 2 * CANDIDATES  # documents rescored on all of a claim's terms
_SHARED: dict = {}  # what forked workers read: set just before the fork, emptied after

NO_ROLES = Roles(frozenset(), frozenset())


@dataclass(frozen=True)
class Sketch:
    """What `claim_similarity` reads of an analysis (terms, padded text, entities, roles), at about half the
    cost of `analyse`: amounts, products, details and denials are never read to compare two claims."""

    terms: frozenset[str]
    padded: str
    entities: tuple[Entity, ...]
    roles: Roles = NO_ROLES


def sketch(text: str, book, *, with_roles: bool = True) -> Sketch:
    """The fields of `analyse(text, book)` that `claim_similarity` reads, computed the same way. Without
    roles, `claim_similarity` can only score higher: a role conflict only sets the entity part to 0."""
    return read_text(text, book, {}, sketched=True, with_roles=with_roles)[2]


def with_roles_of(text: str, found: Sketch) -> Sketch:
    return replace(found, roles=roles(clean_for_entities(text), found.entities))


def read_text(text: str, book, key_words: dict[str, list[str]], *, sketched: bool,
              with_roles: bool = False) -> tuple[list[str], list[str], Sketch | None]:
    """A text's tokens (`tokenize`) and the words of the canonical names of aliases it uses not already among
    them (together `CandidateIndex.terms`, apart because only the tokens count in the text similarity), and
    its sketch when asked: one normalisation for both. `key_words` keeps the words of names already seen."""
    normal = normalize(text)
    tokens = terms_of(normal)
    present, names = set(tokens), []
    for entity in book.find(text):
        words = key_words.get(entity.key)
        if words is None:
            words = key_words[entity.key] = tokenize(entity.key)
        names.extend(t for t in words if t not in present)
    if not sketched:
        return tokens, names, None
    found = Sketch(frozenset(tokens), f" {normal} ", tuple(find_entities(text, book)))
    return tokens, names, with_roles_of(text, found) if with_roles else found


def read_texts(texts: Sequence[tuple[str, bool]], book) -> list[tuple[list[str], list[str], Sketch | None]]:
    """`read_text` of (text, sketched) pairs."""
    key_words: dict[str, list[str]] = {}
    return [read_text(text, book, key_words, sketched=sketched) for text, sketched in texts]


class Weights(dict):
    """Each term's IDF as `CandidateIndex.idf` gives it (`Collection.idf`, to the last digit), looked up as a
    dict: `claim_similarity` asks for every term of every pair it scores."""

    def __init__(self, collection: Collection, frequencies: dict[str, int]):
        super().__init__((term, collection.idf(df)) for term, df in frequencies.items())
        self.collection = collection

    def __missing__(self, term: str) -> float:
        return self.collection.idf(0)


class PoolIndex:
    """The pool claims' terms in a `TermIndex`, with what the bound on a pair's similarity reads: each claim's
    token weight. IDF for the similarity uses `Collection.idf` (as `CandidateIndex.idf`), so scores are the
    same to the last digit."""

    def __init__(self, claims: Sequence, terms: Sequence[tuple[list[str], list[str]]]):
        self.ids = np.asarray([c.id for c in claims], dtype=np.int64)
        self.row_of = {c.id: row for row, c in enumerate(claims)}
        self.terms = terms
        self.index = TermIndex([tokens + names for tokens, names in terms])
        vocabulary, weights = self.index.vocabulary, self.index.weights
        self.weight = np.asarray([float(weights[[vocabulary[t] for t in set(tokens)]].sum()) if tokens else 0.0
                                  for tokens, _ in terms])
        lengths = sum(len(set(tokens + names)) for tokens, names in terms)
        collection = Collection(len(claims), lengths / len(claims) if claims else 0.0)
        self.idf = Weights(collection, {term: int(self.index.df[t]) for term, t in vocabulary.items()})

    def best_hits(self, rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(claim row in `rows`, document row, shared token weight) of each claim's `CANDIDATES` best hits,
        sorted by claim, then rank."""
        queries = self.index.queries([(*self.terms[row], 0) for row in rows])
        claim, doc, _, shared = search_all(self.index, queries, k=CANDIDATES, depth=DEPTH, budget=BUDGET,
                                           ids=self.ids, rarest=RAREST)
        return claim, doc, shared


class Similarity:
    """`claim_similarity` of claim pairs, each text sketched once (the new claims' beforehand, on every core),
    its roles read only when a pair could reach the threshold without them."""

    def __init__(self, book, idf):
        self.book, self.idf = book, idf
        self.sketched: dict[int, Sketch] = {}
        self.analysed: dict[int, Sketch] = {}

    def reaches(self, a, b, threshold: float) -> bool:
        if claim_similarity(self._sketch(a), self._sketch(b), self.idf) < threshold:
            return False
        return self.similarity(a, b) >= threshold

    def similarity(self, a, b) -> float:
        for c in (a, b):
            if c.id not in self.analysed:
                self.analysed[c.id] = with_roles_of(c.text, self._sketch(c))
        return claim_similarity(self.analysed[a.id], self.analysed[b.id], self.idf)

    def _sketch(self, claim) -> Sketch:
        found = self.sketched.get(claim.id)
        if found is None:
            found = self.sketched[claim.id] = sketch(claim.text, self.book, with_roles=False)
        return found


def near_duplicates(pool: dict, new: Sequence, book, threshold: float,
                    progress=None) -> tuple[Similarity, dict[int, list[int]]]:
    """For each new claim (rows with id, text, published), the pool claims among its `CANDIDATES` best hits
    whose similarity reaches `threshold`, best hit first; and the similarity used (to score links)."""
    claims = list(pool.values())
    ids = [claim.id for claim in new]
    if not ids:
        return Similarity(book, lambda term: 1.0), {}
    wanted = set(ids)
    texts = [(c.text, c.id in wanted) for c in claims]  # a new claim is nearly always compared: sketched now
    chunks = [ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK)]
    workers = min(usable_cores(), len(chunks))
    parallel = workers >= 2 and len(ids) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if parallel else None
    _SHARED.update(book=book)
    try:
        if parallel:
            size = -(-len(texts) // (4 * workers))
            with ProcessPoolExecutor(workers, mp_context=context) as executor:
                parts = executor.map(_read, [texts[i:i + size] for i in range(0, len(texts), size)])
                read = [found for part in parts for found in part]
        else:
            read = read_texts(texts, book)
    finally:
        _SHARED.clear()
    index = PoolIndex(claims, [(tokens, names) for tokens, names, _ in read])
    pairs = Similarity(book, index.idf.__getitem__)
    pairs.sketched.update((c.id, found) for c, (_, _, found) in zip(claims, read, strict=True) if found is not None)
    del read
    groups: dict[int, list[int]] = {}
    _SHARED.update(index=index, pairs=pairs, pool=pool, threshold=threshold)
    try:
        if parallel:
            with ProcessPoolExecutor(workers, mp_context=context) as executor:
                _collect(executor.map(_search, chunks), chunks, groups, progress)
        else:
            _collect(map(_search, chunks), chunks, groups, progress)
    finally:
        _SHARED.clear()
    return pairs, groups


def _read(texts: list[tuple[str, bool]]) -> list[tuple[list[str], list[str], Sketch | None]]:
    return read_texts(texts, _SHARED["book"])


def _collect(done, chunks: list[list[int]], groups: dict, progress) -> None:
    for chunk, found in zip(chunks, done, strict=True):
        groups.update(found)
        if progress is not None:
            progress.advance(len(chunk))


def _search(chunk: list[int]) -> dict[int, list[int]]:
    """A chunk of new claims' near-duplicates. A pair is sketched only when its terms could reach the
    threshold: the score is 0.7 x text + 0.3 x entities with entities at most 100, and the text part
    (weighted Dice over tokens) is at most twice the weight of the claim's tokens the other holds over the two
    texts' weights (more only if the other holds a token as an alias name)."""
    index, pairs, pool, threshold = (_SHARED[key] for key in ("index", "pairs", "pool", "threshold"))
    rows = [index.row_of[i] for i in chunk]
    claim, doc, shared = index.best_hits(rows)
    claim_rows = np.asarray(rows, dtype=np.int64)[claim]
    total = index.weight[claim_rows] + index.weight[doc]
    text = np.divide(200.0 * shared, total, out=np.zeros(len(total)), where=total > 0)
    reach = (0.7 * text + 30.0 >= threshold - 0.05 - 1e-6) & (doc != claim_rows)
    found: dict[int, list[int]] = {claim_id: [] for claim_id in chunk}
    for at in np.flatnonzero(reach):
        item, other = pool[chunk[claim[at]]], pool[int(index.ids[doc[at]])]
        if pairs.reaches(item, other, threshold):
            found[item.id].append(other.id)
    return found
