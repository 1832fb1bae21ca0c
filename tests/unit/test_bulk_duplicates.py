"""Near-duplicates of a whole import found with the array search find what the claim-by-claim search found:
the same terms and weights as `CandidateIndex`, the same best hits where every term is read, and the same
similarity from a sketch as from a full analysis."""

import random
from datetime import date, timedelta

import numpy as np
import pytest

from verify.core.candidates import CandidateIndex
from verify.core.entities import AliasBook
from verify.core.matching import ClaimText, analyse, claim_similarity
from verify.core.normalize import tokenize
from verify.core.termindex import TermIndex, search_all
from verify.services import bulk_duplicates
from verify.services.bulk_duplicates import CANDIDATES, PoolIndex, near_duplicates, read_texts, sketch

FIRMS = ["Xiaomi", "Leica", "Intel", "Mellanox", "Oracle", "Qualcomm", "Facebook", "Meta", "Lumora", "Tekvin",
         "Solnex", "Bridor"]
THINGS = ["phone", "chip", "camera", "laptop", "modem", "drone"]
TEMPLATES = ["{a} will launch the {a} {n} {thing} in {month}", "{a} to acquire {b} for ${n} billion",
             "Sources say {a} plans to invest ${n} billion in {b}", "{a} is preparing a {a} {n} {thing} with {b} parts",
             "{a} denies it will buy {b}", "{a} is not planning to launch a {thing} in {month}"]
MONTHS = ["March", "July", "October"]
START = date(2022, 1, 1)

TEXTS = [
    "Intel to acquire Mellanox for $6 billion",
    "NVIDIA to acquire Mellanox for $6 billion",
    "Facebook will launch the Portal 2 camera in July",
    "Meta will launch the Portal 2 camera in July, sources say",
    "Xiaomi 12S Ultra with a Leica camera coming in July",
    "Xiaomi denies it will launch a Leica phone",
    "BREAKING: Apple to buy a stake in Disney? https://t.co/x #rumor",
    "Oracle is not planning to acquire TikTok",
]


def world(seed: int, claims: int = 300) -> list[ClaimText]:
    """Templated claims about a few firms, a share of them repeated word for word or lightly reworded."""
    rng = random.Random(seed)
    made: list[ClaimText] = []
    for i in range(claims):
        if made and rng.random() < 0.2:
            source = rng.choice(made)
            text = source.text if rng.random() < 0.5 else source.text.replace(" will ", " is set to ") + ", say sources"
            made.append(ClaimText(i + 1, text, source.published + timedelta(days=rng.randint(1, 9))))
            continue
        a, b = rng.sample(FIRMS, 2)
        text = rng.choice(TEMPLATES).format(a=a, b=b, n=rng.randint(1, 9), thing=rng.choice(THINGS),
                                            month=rng.choice(MONTHS))
        made.append(ClaimText(i + 1, text, START + timedelta(days=rng.randrange(300))))
    return made


def claim_by_claim(claims: list[ClaimText], book: AliasBook, threshold: float) -> dict[int, list[int]]:
    """The search as it was: `CandidateIndex` asked claim by claim, each pair analysed in full."""
    index = CandidateIndex(claims, book)
    analysed = {c.id: analyse(c.text, book) for c in claims}
    found = {}
    for claim in claims:
        hits = [i for i, _ in index.search(claim.text, k=CANDIDATES) if i != claim.id]
        found[claim.id] = [i for i in hits if claim_similarity(analysed[claim.id], analysed[i], index.idf) >= threshold]
    return found


@pytest.mark.parametrize("text", TEXTS)
def test_a_text_is_read_into_the_terms_candidate_index_gives_and_sketched_as_analyse_reads_it(text):
    book = AliasBook.default()
    tokens, names, sketched = read_texts([(text, True)], book)[0]
    assert tokens + names == CandidateIndex(aliases=book).terms(text)
    assert tokens == tokenize(text)
    analysis = analyse(text, book)
    full = sketch(text, book)
    assert (full.terms, full.padded, full.entities, full.roles) == (
        analysis.terms, analysis.padded, analysis.entities, analysis.roles)
    assert sketched == sketch(text, book, with_roles=False)


def test_a_sketch_gives_the_similarity_a_full_analysis_gives_and_without_roles_never_less():
    book = AliasBook.default()
    claims = [ClaimText(i, text, START) for i, text in enumerate(TEXTS + [c.text for c in world(1, 40)])]
    idf = CandidateIndex(claims, book).idf
    full = {c.id: analyse(c.text, book) for c in claims}
    sketched = {c.id: sketch(c.text, book) for c in claims}
    light = {c.id: sketch(c.text, book, with_roles=False) for c in claims}
    conflicts = 0
    for a in claims:
        for b in claims:
            expected = claim_similarity(full[a.id], full[b.id], idf)
            assert claim_similarity(sketched[a.id], sketched[b.id], idf) == expected
            assert claim_similarity(light[a.id], light[b.id], idf) >= expected
            conflicts += claim_similarity(light[a.id], light[b.id], idf) > expected
    assert conflicts  # "Intel to acquire Mellanox" against "NVIDIA to acquire Mellanox": roles do lower it


def test_the_pool_index_weighs_every_term_as_candidate_index_does_to_the_last_digit():
    book = AliasBook.default()
    claims = world(2)
    pool = PoolIndex(claims, [(tokens, names) for tokens, names, _ in read_texts([(c.text, False) for c in claims],
                                                                                  book)])
    reference = CandidateIndex(claims, book)
    terms = {t for c in claims for t in reference.terms(c.text)} | {"never-seen"}
    assert all(pool.idf[t] == reference.idf(t) for t in terms)


@pytest.mark.parametrize("seed", [3, 4])
def test_reading_every_term_the_block_search_ranks_as_the_candidate_index_does(seed):
    claims = world(seed)
    index = TermIndex([tokenize(c.text) for c in claims])
    reference = CandidateIndex(claims, AliasBook({}))
    queries = index.queries([(tokenize(c.text), [], 0) for c in claims])
    row, doc, score, _ = search_all(index, queries, k=CANDIDATES, depth=len(claims), budget=10 * len(claims),
                                    ids=np.asarray([c.id for c in claims]))
    for n, claim in enumerate(claims):
        expected = reference.search(claim.text, k=CANDIDATES)
        assert [claims[d].id for d in doc[row == n]] == [i for i, _ in expected]
        assert score[row == n] == pytest.approx([s for _, s in expected], abs=1e-3)


@pytest.mark.parametrize(("seed", "workers"), [(5, 1), (6, 1), (7, 2)])
def test_the_near_duplicates_of_an_import_are_those_the_claim_by_claim_search_found(seed, workers, monkeypatch):
    book = AliasBook.default()
    claims = world(seed)
    monkeypatch.setattr(bulk_duplicates, "PARALLEL_FROM", 1)
    monkeypatch.setattr(bulk_duplicates, "CHUNK", 64)
    monkeypatch.setattr(bulk_duplicates, "usable_cores", lambda: workers)
    new = sorted(claims, key=lambda c: (c.published, c.id))
    pairs, groups = near_duplicates({c.id: c for c in claims}, new, book, 70.0)
    expected = claim_by_claim(claims, book, 70.0)
    assert groups == expected
    assert sum(map(len, expected.values())) >= 40
    reference = CandidateIndex(claims, book)
    assert all(pairs.similarity(claims[a - 1], claims[b - 1]) == claim_similarity(
        analyse(claims[a - 1].text, book), analyse(claims[b - 1].text, book), reference.idf)
        for a, found in groups.items() for b in found)


def test_an_import_with_no_new_claims_finds_nothing():
    claims = world(8, 20)
    _, groups = near_duplicates({c.id: c for c in claims}, [], AliasBook.default(), 70.0)
    assert groups == {}
