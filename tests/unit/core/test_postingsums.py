"""The compiled sums of a block's postings are numpy's very numbers, and the re-match gives the same proposals
whichever sums it uses."""

import random

import numpy as np
import pytest

from verify.core import postingsums, termindex
from verify.core.matching import propose_matches
from verify.core.postingsums import EXACT_UP_TO, PostingSums
from verify.core.termindex import summed_by_key

from .test_rematch import fake_embed, world


def block(seed: int, times: int, documents: int = 500):
    """Postings as an index holds them (each term's documents in order) and a block's reads of them: claims
    reading a few terms each, a document found by up to `times` of a claim's terms."""
    rng = np.random.default_rng(seed)
    docs, parts, claims, starts, counts, own = [], [], [], [], [], []
    for claim in range(12):
        common = rng.choice(documents, size=20, replace=False)  # found by several of the claim's terms
        for _ in range(rng.integers(1, times + 1)):
            found = np.union1d(rng.choice(documents, size=rng.integers(0, 60), replace=False),
                               common[: rng.integers(0, 21)])
            starts.append(len(docs))
            counts.append(len(found))
            claims.append(claim)
            own.append(float(rng.choice([0.0, rng.random() * 9])))
            docs.extend(found.tolist())
            parts.extend((rng.random(len(found)) * rng.choice([0.01, 1, 100])).tolist())
    return (np.asarray(claims), np.asarray(starts), np.asarray(counts), np.asarray(own),
            np.asarray(docs, dtype=np.int64), np.asarray(parts))


def numpy_sums(claims, starts, counts, own, docs, parts, documents):
    at = termindex.ranges(starts, counts)
    keys = np.repeat(claims, counts) * documents + docs[at]
    found, (partial, shared) = summed_by_key(keys, parts[at], np.repeat(own, counts))
    return {(int(k) // documents, int(k) % documents): (p, s) for k, p, s in zip(found, partial, shared, strict=True)}


@pytest.mark.parametrize(("seed", "times"), [(1, 1), (2, 3), (3, EXACT_UP_TO), (4, EXACT_UP_TO)])
def test_compiled_sums_are_numpys_to_the_last_bit(seed, times):
    claims, starts, counts, own, docs, parts = block(seed, times)
    sums = PostingSums(500)
    found = sums(claims, starts, counts, own, docs, parts)
    assert found is not None
    claim, doc, partial, shared = found
    compiled = {(int(c), int(d)): (p, s) for c, d, p, s in zip(claim, doc, partial, shared, strict=True)}
    assert compiled == numpy_sums(claims, starts, counts, own, docs, parts, 500)  # exact: no approx
    assert np.all(np.diff(claim) >= 0) and len(compiled) == len(claim)  # grouped by claim, each pair once


def test_the_same_sums_come_back_block_after_block_from_the_kept_accumulator():
    sums = PostingSums(500)
    first = [sums(*block(seed, 4)) for seed in (5, 6, 5)]
    assert all(np.array_equal(a, b) for a, b in zip(first[0], first[2], strict=True))


@pytest.mark.parametrize("seed", [8, 9])
def test_whatever_places_earlier_blocks_left_behind_the_sums_are_numpys(seed):
    claims, starts, counts, own, docs, parts = block(seed, 4)
    sums = PostingSums(500)
    sums(*block(seed + 100, 4))  # an earlier block
    rng = np.random.default_rng(seed)
    sums.where[:] = rng.integers(0, int(counts.sum()), len(sums.where))  # places pointing anywhere, also inside
    sums.rows[:] = rng.random(sums.rows.shape) * 1e6  # and sums left in every row
    claim, doc, partial, shared = sums(claims, starts, counts, own, docs, parts)
    compiled = {(int(c), int(d)): (p, s) for c, d, p, s in zip(claim, doc, partial, shared, strict=True)}
    assert compiled == numpy_sums(claims, starts, counts, own, docs, parts, 500)


def test_a_document_found_more_often_than_the_exact_sums_allow_is_left_to_numpy():
    rng = random.Random(7)
    times = EXACT_UP_TO + 1
    docs = np.arange(times, dtype=np.int64) % 1  # one document, in every term's postings
    parts = np.asarray([rng.random() for _ in range(times)])
    found = PostingSums(1)(np.zeros(times, dtype=np.int64), np.arange(times), np.ones(times, dtype=np.int64),
                           np.zeros(times), docs, parts)
    assert found is None


@pytest.mark.parametrize("workers", [1, 2])
def test_the_re_match_proposes_the_same_with_compiled_or_numpy_sums(workers, monkeypatch):
    claims, pool = world(8, claims=300, announcements=3000)
    monkeypatch.setattr(termindex, "COMPILED_FROM", 10**12)
    reference = propose_matches(claims, pool, embed=fake_embed, workers=workers)
    used = []
    original = postingsums.PostingSums.__call__

    def counted(self, *args, **kwargs):
        used.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(termindex, "COMPILED_FROM", 0)
    monkeypatch.setattr(postingsums.PostingSums, "__call__", counted)
    assert propose_matches(claims, pool, embed=fake_embed, workers=workers) == reference
    assert used or workers > 1  # (workers count in their own processes)


@pytest.mark.parametrize(("seed", "depth"), [(9, 1), (10, 5), (11, 40), (12, 1_000), (13, 2), (14, 17), (15, 60)])
def test_each_claims_pairs_cut_to_its_best_keep_what_best_per_group_keeps_ties_and_all(seed, depth):
    claims, starts, counts, own, docs, parts = block(seed, 4)
    parts = np.round(parts, 0)  # scores tied by the dozen
    ids = np.random.default_rng(seed).permutation(500) + 1000  # ties go to the lowest id, not document
    whole = PostingSums(500)(claims, starts, counts, own, docs, parts)
    cut = PostingSums(500)(claims, starts, counts, own, docs, parts, depth=depth, ids=ids)
    claim, doc, partial, shared = whole
    kept = termindex.best_per_group(claim, partial, ids[doc], depth, ranked=False)
    expected = {(int(c), int(d)): (p, s) for c, d, p, s in
                zip(claim[kept], doc[kept], partial[kept], shared[kept], strict=True)}
    assert {(int(c), int(d)): (p, s) for c, d, p, s in zip(*cut, strict=True)} == expected
    assert len(cut[0]) == len(kept) and np.all(np.diff(cut[0]) >= 0)


def large_block(shape: str, documents: int = 24_000):
    """One claim finding thousands of documents (a large claim's share is first cut from a sample of its
    sums): its sums tied by the thousand ("ties"), all different ("distinct"), or high exactly where a sample
    of every so many would look and low elsewhere ("sampled high": the sample overrates what the best reach)."""
    rng = np.random.default_rng(len(shape))
    if shape == "sampled high":
        docs = [np.arange(documents)]
        parts = [np.where(np.arange(documents) % (documents // 1024) == 0, 100.0, 1.0)]
    else:
        docs = [np.sort(rng.choice(documents, size=n, replace=False)) for n in (20_000, 9_000, 3_000)]
        parts = [rng.random(len(d)) * 4 for d in docs]
        parts = [np.round(p) for p in parts] if shape == "ties" else parts
    counts = np.asarray([len(d) for d in docs])
    return (np.zeros(len(docs), dtype=np.int64), np.r_[0, np.cumsum(counts)[:-1]], counts, np.ones(len(docs)),
            np.concatenate(docs).astype(np.int64), np.concatenate(parts))


@pytest.mark.parametrize("shape", ["ties", "distinct", "sampled high"])
@pytest.mark.parametrize("depth", [1, 50, 700, 2_000, 5_000])
def test_a_claim_finding_thousands_of_documents_is_cut_as_best_per_group_cuts_it(shape, depth):
    claims, starts, counts, own, docs, parts = large_block(shape)
    ids = np.random.default_rng(depth).permutation(24_000) + 10  # ties go to the lowest id, not document
    claim, doc, partial, shared = PostingSums(24_000)(claims, starts, counts, own, docs, parts)
    cut = PostingSums(24_000)(claims, starts, counts, own, docs, parts, depth=depth, ids=ids)
    kept = termindex.best_per_group(claim, partial, ids[doc], depth, ranked=False)
    assert sorted(cut[1].tolist()) == sorted(doc[kept].tolist()) and len(cut[1]) == depth


@pytest.mark.parametrize(("seed", "k", "depth"), [(21, 1, 2), (22, 5, 10), (23, 40, 80), (24, 300, 600),
                                                  (25, 3, 1000)])
def test_the_compiled_search_rescores_and_ranks_as_numpy_does_to_the_last_bit(seed, k, depth, monkeypatch):
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(60)]
    documents = [[rng.choice(vocabulary[: rng.choice([8, 60])]) for _ in range(rng.randint(0, 14))]
                 for _ in range(700)]
    index = termindex.TermIndex(documents)
    claims = [(rng.sample(vocabulary, rng.randint(1, 9)), rng.sample(vocabulary, rng.randint(0, 2)),
               rng.randrange(700)) for _ in range(20)]
    queries = index.queries(claims)
    ids = np.asarray(rng.sample(range(10_000), 700), dtype=np.int64)  # ties go to the lowest id
    none = np.zeros(0, dtype=np.int64)
    budget = 150  # few postings read: most terms are left to the rescoring
    expected = index.search(queries, k=k, depth=depth, budget=budget, ids=ids, excluded=none)
    monkeypatch.setattr(termindex, "COMPILED_FROM", 0)
    rescored = []
    original = PostingSums.rescored
    monkeypatch.setattr(PostingSums, "rescored", lambda self, *a, **kw: rescored.append(1) or original(self, *a, **kw))
    compiled = index.search(queries, k=k, depth=depth, budget=budget, ids=ids, excluded=none,
                            sums=PostingSums(700))
    assert rescored  # the compiled path ran
    for ours, theirs in zip(compiled, expected, strict=True):
        assert ours.tolist() == theirs.tolist()  # exact: the same pairs, order, scores and weights
