"""The full re-match in blocks: the array search ranks as BM25 does, a claim's date cuts its pool, the bound
changes no proposal, and worker processes change nothing."""

import math
import random
import subprocess
import sys
from datetime import date, timedelta

import numpy as np
import pytest

from verify.core import bounds, rematch
from verify.core.candidates import CandidateIndex
from verify.core.entities import AliasBook
from verify.core.matching import AnnouncementText, ClaimText, MatchSettings, propose_matches
from verify.core.normalize import tokenize
from verify.core.termindex import TermIndex, best_per_group

FIRMS = ["Xiaomi", "Leica", "Intel", "Mellanox", "Oracle", "Qualcomm", "Sony", "Nokia", "Lumora", "Tekvin",
         "Solnex", "Bridor", "Gravix", "Phalum", "Corsy", "Marten"]
THINGS = ["phone", "chip", "camera", "laptop", "modem", "drone"]
VERBS = ["to acquire", "will launch", "to partner with", "invests in", "unveils", "recalls"]
START = date(2022, 1, 1)


def fake_embed(texts):
    """Two-dimensional meaning vectors from the words alone (deterministic, no model)."""
    out = []
    for text in texts:
        a = sum(map(ord, text)) % 97 / 97
        out.append([a, (1 - a * a) ** 0.5])
    return out


def world(seed: int, claims: int = 40, announcements: int = 400):
    """Claims and announcements about a few firms and products, with confirmations worded otherwise."""
    rng = random.Random(seed)

    def sentence():
        a, b = rng.sample(FIRMS, 2)
        return f"{a} {rng.choice(VERBS)} {b} {rng.choice(THINGS)} {rng.randint(1, 30)}"

    made = [ClaimText(i, sentence(), START + timedelta(days=rng.randrange(200))) for i in range(claims)]
    pool = []
    for j in range(announcements):
        if rng.random() < 0.3:
            target = rng.choice(made)
            pool.append(AnnouncementText(1000 + j, target.text.replace("will launch", "launches"),
                                         target.published + timedelta(days=rng.randint(-10, 90))))
        else:
            pool.append(AnnouncementText(1000 + j, sentence(), START + timedelta(days=rng.randrange(300))))
    return made, pool


def test_the_array_search_ranks_as_the_candidate_index_does():
    claims, pool = world(1)
    index = TermIndex([tokenize(a.text) for a in pool])
    reference = CandidateIndex(pool, AliasBook({}))
    queries = index.queries([(tokenize(c.text), [], 0) for c in claims])
    row, doc, score, _ = index.search(queries, k=20, depth=40, budget=100_000,
                                      ids=np.asarray([a.id for a in pool]), excluded=np.zeros(0, dtype=np.int64))
    for n, claim in enumerate(claims):
        expected = reference.search(claim.text, k=20)
        found = [(pool[d].id, round(s, 4)) for d, s in zip(doc[row == n], score[row == n], strict=True)]
        assert [i for i, _ in found] == [i for i, _ in expected]
        assert [s for _, s in found] == pytest.approx([s for _, s in expected], abs=1e-3)


@pytest.mark.parametrize("budget", [1, 30, 200])
def test_documents_found_by_the_rarer_words_are_rescored_on_every_word_of_the_claim(budget):
    claims, pool = world(2)
    index = TermIndex([tokenize(a.text) for a in pool])
    queries = index.queries([(tokenize(c.text), ["oracle"], 0) for c in claims])
    row, doc, score, shared = index.search(queries, k=20, depth=40, budget=budget,
                                           ids=np.asarray([a.id for a in pool]), excluded=np.zeros(0, dtype=np.int64))
    every_word, every_shared = index._rescored(queries, row, doc)  # each pair looked up on all its claim's terms
    assert len(row) > 0
    assert score == pytest.approx(every_word, abs=1e-9)
    assert shared == pytest.approx(every_shared, abs=1e-9)


@pytest.mark.parametrize(("announcements", "depth"), [(0, 200), (20_000, 200), (250_000, 200), (500_000, 400),
                                                     (1_000_000, 800)])
def test_the_pool_deepens_only_once_the_archive_outgrows_it(announcements, depth):
    assert rematch.pool_depth(MatchSettings(pool=200), announcements) == depth


def test_an_announcement_dated_before_the_claim_less_the_grace_never_enters_its_pool():
    claims, pool = world(2)
    matcher = rematch.BatchMatcher(pool, AliasBook.default(), MatchSettings(), 5, frozenset())
    for claim in claims:
        first = matcher._first_doc(claim)
        queries = matcher.index.queries([(tokenize(claim.text), [], first)])
        _, doc, _, _ = matcher.index.search(queries, k=200, depth=400, budget=20_000, ids=matcher.ids,
                                            excluded=np.zeros(0, dtype=np.int64))
        assert all(matcher.docs[d].published >= claim.published - rematch.GRACE for d in doc)
        assert first == 0 or matcher.docs[first - 1].published < claim.published - rematch.GRACE


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_scoring_the_shortlist_best_bound_first_proposes_what_scoring_all_of_it_does(seed, monkeypatch):
    claims, pool = world(seed)
    settings = MatchSettings(review_threshold=10.0)
    bounded = propose_matches(claims, pool, settings=settings, embed=fake_embed)
    monkeypatch.setattr(bounds, "MARGIN", float("inf"))  # no bound: every shortlisted pair scored in full
    assert propose_matches(claims, pool, settings=settings, embed=fake_embed) == bounded
    assert bounded


def test_the_bound_spares_most_of_the_full_scoring(monkeypatch):
    claims, pool = world(6)
    scored = []
    real = bounds.score_analysed
    monkeypatch.setattr(bounds, "score_analysed", lambda *a, **k: scored.append(1) or real(*a, **k))
    propose_matches(claims, pool, embed=fake_embed)
    bounded = len(scored)
    scored.clear()
    monkeypatch.setattr(bounds, "MARGIN", float("inf"))
    propose_matches(claims, pool, embed=fake_embed)
    assert bounded < len(scored) / 2


def test_a_claim_matched_alone_or_in_a_block_gets_the_same_proposals():
    claims, pool = world(7)
    together = propose_matches(claims, pool, embed=fake_embed)
    alone = [p for c in claims for p in propose_matches([c], pool, embed=fake_embed)]
    assert alone == together


@pytest.mark.parametrize("workers", [2, 3])
def test_blocks_split_across_worker_processes_give_the_same_proposals_in_the_same_order(workers, monkeypatch):
    claims, pool = world(8, claims=30)
    monkeypatch.setattr(rematch, "BLOCK", 4)  # several blocks, so the work really is split
    single = propose_matches(claims, pool, workers=1)
    assert propose_matches(claims, pool, workers=workers) == single
    assert single


def test_progress_hears_of_the_index_then_of_every_claim_matched(monkeypatch):
    claims, pool = world(9, claims=10)
    monkeypatch.setattr(rematch, "BLOCK", 4)
    heard = []
    blocks = list(rematch.match_in_blocks(claims, pool, settings=MatchSettings(), book=AliasBook.default(), top=5,
                                          exclude=frozenset(), progress=lambda *a: heard.append(a)))
    assert len(blocks) == 3
    assert heard[0][0] == "index" and heard[-1] == ("match", 10, 10)
    assert [done for phase, done, _ in heard if phase == "match"] == [0, 4, 8, 10]


@pytest.mark.parametrize("embed_all_from", [0, 10**9])
def test_vectors_made_beforehand_or_as_pools_need_them_give_the_same_proposals(embed_all_from, monkeypatch):
    claims, pool = world(10)
    monkeypatch.setattr(rematch, "EMBED_ALL_FROM", 10**9 - embed_all_from)
    reference = propose_matches(claims, pool, embed=fake_embed)
    monkeypatch.setattr(rematch, "EMBED_ALL_FROM", embed_all_from)
    assert propose_matches(claims, pool, embed=fake_embed) == reference
    assert propose_matches(claims, pool, embed=fake_embed, workers=2) == reference
    assert reference


def test_a_workers_share_of_vectors_is_read_as_one_matrix_when_the_embed_function_offers_one():
    texts = ["RT @xda: Xiaomi's Leica phone launches in July https://t.co/x", "NVIDIA to acquire Mellanox", ""]

    def embed(batch):
        return [[float(len(text)), 1.0] for text in batch]

    reference = rematch._vectors_matrix(texts, embed)
    embed.matrix = lambda batch: np.asarray(embed(batch), dtype=np.float32)
    assert rematch._vectors_matrix(texts, embed).tolist() == reference.tolist()  # (links and handles gone)
    assert reference[0, 0] < len(texts[0])


@pytest.mark.parametrize("seed", range(6))
def test_the_best_of_each_group_are_those_a_full_sort_gives_ties_and_all(seed):
    rng = np.random.default_rng(seed)
    groups = np.sort(rng.integers(0, 5, 3000))
    scores = rng.integers(0, 40, 3000).astype(float)  # many ties, broken by `ties`
    ties = rng.permutation(3000)
    for k in (1, 7, 50, 5000):
        order = np.lexsort((ties, -scores, groups))
        ranks = np.arange(len(order)) - np.searchsorted(groups[order], groups[order])
        assert best_per_group(groups, scores, ties, k).tolist() == order[ranks < k].tolist()
        assert best_per_group(groups, scores, ties, k, ranked=False).tolist() == sorted(order[ranks < k].tolist())


def test_the_entity_ceiling_spares_scoring_pairs_that_name_another_firm(monkeypatch):
    claims, pool = world(6)
    scored = []
    real = bounds.score_analysed
    monkeypatch.setattr(bounds, "score_analysed", lambda *a, **k: scored.append(1) or real(*a, **k))
    with_ceiling = propose_matches(claims, pool, embed=fake_embed)
    spared = len(scored)
    scored.clear()
    monkeypatch.setattr(bounds.EntityCeiling, "__call__", lambda self, entities, text: 100.0)
    assert propose_matches(claims, pool, embed=fake_embed) == with_ceiling
    assert spared < len(scored)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_a_worker_reuses_the_memory_of_the_arrays_it_dropped_instead_of_faulting_in_fresh_pages():
    code = ("import resource, sys, numpy as np\n"
            "from verify.core.rematch import keep_freed_memory\n"
            "if sys.argv[1] == 'keep':\n    keep_freed_memory()\n"
            "a = np.ones(8_000_000); del a\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
            "a = np.ones(8_000_000); del a\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)\n")
    faults = {mode: int(subprocess.run([sys.executable, "-c", code, mode], capture_output=True, text=True,
                                       check=True).stdout) for mode in ("keep", "default")}
    assert faults["keep"] < 10 < faults["default"]  # 64 MB: 32 huge pages or 16,000 small ones


@pytest.mark.parametrize("documents", [1, 2, 3, 1_000, 1_024, 1_025])
def test_pair_keys_give_back_their_claim_rows_and_documents_and_sort_as_the_pairs_do(documents):
    index = TermIndex([["word"]] * documents)
    rows = np.asarray([0, 0, 1, 5, 127, 3_000], dtype=np.int64)
    docs = np.asarray([0, documents - 1, 0, documents // 2, documents - 1, 1 % documents], dtype=np.int64)
    keys = index.pair_keys(rows, docs)
    back_rows, back_docs = index.pairs_of(keys)
    assert back_rows.tolist() == rows.tolist() and back_docs.tolist() == docs.tolist()
    assert np.argsort(keys, kind="stable").tolist() == np.lexsort((docs, rows)).tolist()


@pytest.mark.parametrize(("blocks", "workers"), [(0, 2), (1, 2), (5, 2), (40, 4), (100, 1), (782, 2), (1000, 3),
                                                 (4097, 8)])
def test_runs_keep_every_block_once_in_order_and_shorten_towards_the_end(blocks, workers):
    runs = rematch.runs_of(list(range(blocks)), workers)
    assert [b for run in runs for b in run] == list(range(blocks))
    sizes = [len(run) for run in runs]
    assert all(size >= 1 for size in sizes)
    assert sizes == sorted(sizes, reverse=True)  # never a longer run after a shorter one
    if blocks >= rematch.RUNS_PER_WORKER * workers:  # each worker's last runs are single blocks
        assert sizes[-workers:] == [1] * workers
        assert max(sizes) == -(-blocks // (rematch.RUNS_PER_WORKER * workers))


def test_the_meaning_part_of_the_array_search_is_the_full_scores_cosine_far_within_the_bounds_margin():
    """The pool's cosines are taken in single precision (the vectors' own): within a thousandth of a point
    of the exactly rounded sum the full score takes, where the bound allows a quarter."""
    rng = np.random.default_rng(3)

    def embed(texts):
        made = rng.standard_normal((len(texts), 256)).astype(np.float32)
        return list(made / np.linalg.norm(made, axis=1, keepdims=True))

    claims, pool = world(4)
    matcher = rematch.BatchMatcher(pool, AliasBook.default(), MatchSettings(), 5, frozenset(), embed)
    matcher.hold_vectors(np.asarray(embed([a.text for a in pool]), dtype=np.float32))
    claim_vectors = embed([c.text for c in claims])
    row = np.repeat(np.arange(len(claims)), len(pool))
    doc = np.tile(np.arange(len(pool)), len(claims))
    found = matcher._meaning(row, doc, claim_vectors)
    exact = [max(0.0, min(100.0, 100.0 * math.fsum(
        float(x) * float(y) for x, y in zip(claim_vectors[r], matcher.vectors.matrix[d], strict=True))))
        for r, d in zip(row.tolist(), doc.tolist(), strict=True)]
    assert np.abs(found - np.asarray(exact)).max() < 1e-3 < bounds.MARGIN
    assert max(exact) > 10  # (cosines of all sizes, not only near zero)
