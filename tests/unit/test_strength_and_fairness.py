from datetime import date, timedelta

import pytest

from verify.core import fairness
from verify.core import status as st
from verify.core.evidence import evidence_in
from verify.core.repeats import rank_stored
from verify.core.spelling import close_spellings
from verify.core.strength import strength


@pytest.mark.parametrize(("score", "word", "shown"), [
    (100, "strong", 100), (45, "strong", 45), (44.5, "strong", 45), (44.4, "possible", 44),
    (25, "possible", 25), (24.6, "possible", 25), (24.4, "weak", 24), (0, "weak", 0), (None, "weak", 0),
    (130, "strong", 100), (-3, "weak", 0),
])
def test_a_score_reads_as_strong_possible_or_weak_and_the_shown_number_agrees(score, word, shown):
    result = strength(score)
    assert (result.word, result.score) == (word, shown)
    assert result.meaning.lower().startswith(word)


@pytest.mark.parametrize(("status", "awaiting", "repeat", "counted"), [
    (st.OVERDUE, True, False, fairness.AWAITING_REVIEW),
    (st.PENDING, True, False, fairness.AWAITING_REVIEW),
    (st.OVERDUE, False, False, st.OVERDUE),
    (st.CONFIRMED, True, False, st.CONFIRMED),
    (st.DENIED, False, True, None),
    (st.RETRACTED, False, False, None),
])
def test_awaiting_review_is_not_a_miss_and_a_repeat_counts_nowhere_of_its_own(status, awaiting, repeat, counted):
    assert fairness.counted_status(status, awaiting_review=awaiting, repeat=repeat) == counted


@pytest.mark.parametrize(("resolved", "too_few"), [(0, True), (fairness.MIN_RESOLVED - 1, True),
                                                   (fairness.MIN_RESOLVED, False), (40, False)])
def test_too_few_resolved_claims_to_judge_below_the_stated_number(resolved, too_few):
    assert fairness.too_few_to_judge(resolved) is too_few


@pytest.mark.parametrize(("brier", "n", "words"), [
    (None, 0, "no stated confidence to check"), (0.05, 2, "too few to judge"), (0.05, 10, "well calibrated"),
    (0.15, 10, "fairly calibrated"), (0.25, 10, "no better than a coin"), (0.5, 10, "poorly calibrated"),
])
def test_the_brier_score_is_said_in_words(brier, n, words):
    assert fairness.calibration_words(brier, n) == words


@pytest.mark.parametrize(("typed", "found"), [
    ("acquisition", {"acquisition"}), ("aquisition", {"acquisition"}), ("acquistion", {"acquisition"}),
    ("ipad", {"ipad"}), ("ipud", set()), ("merger", {"merger"}), ("layoffs", {"layoffs"}),
    ("payroll", set()),
])
def test_a_search_word_finds_stored_words_spelt_nearly_like_it_but_short_words_only_exactly(typed, found):
    vocabulary = ["acquisition", "ipad", "ipod", "merger", "mergers", "layoffs", "layout", "paywall"]
    assert close_spellings(typed, vocabulary) - {"mergers"} == found


@pytest.mark.parametrize(("similarity", "same_source", "days_apart", "same", "repeat"), [
    (100, True, 0, True, False), (92, True, 0, True, False), (92, True, 1, False, True),
    (92, False, 0, False, True), (75, True, 0, False, True), (60, False, 3, False, False),
])
def test_the_same_report_is_blocked_and_another_outlets_telling_is_a_repeat(similarity, same_source, days_apart,
                                                                            same, repeat):
    stored = {"id": 7, "similarity": similarity, "source_id": 1 if same_source else 2,
              "published": date(2024, 5, 1)}
    ranked = rank_stored([stored], source_id=1, published=date(2024, 5, 1) + timedelta(days=days_apart))
    assert (ranked[0]["same_report"], ranked[0]["repeat"]) == (same, repeat)


def test_the_same_report_is_listed_first_even_when_another_claim_is_as_similar():
    day = date(2024, 5, 1)
    rows = [{"id": 1, "similarity": 100, "source_id": 2, "published": day},
            {"id": 2, "similarity": 95, "source_id": 1, "published": day}]
    assert [row["id"] for row in rank_stored(rows, source_id=1, published=day)] == [2, 1]


@pytest.mark.parametrize(("score", "evidence", "word"), [
    (30, 90.0, "strong"),  # a modest score that is very likely right reads strong
    (60, 10.0, "weak"),  # a high score the model finds unlikely (the same company's other news) reads weak
    (60, 30.0, "possible"),
    (30, 50.0, "strong"), (30, 49.9, "possible"), (30, 25.0, "possible"), (30, 24.9, "weak"),
    (60, None, "strong"),  # stored before likelihoods existed: the score decides, as before
])
def test_a_proposal_with_a_likelihood_reads_by_its_likelihood_and_shows_its_score(score, evidence, word):
    result = strength(score, evidence)
    assert (result.word, result.score) == (word, score)


def test_the_likelihood_is_read_from_a_proposals_parts_when_it_is_there():
    assert evidence_in({"text": 40.0, "evidence": 62.5}) == 62.5
    assert evidence_in({"text": 40.0}) is None
    assert evidence_in(None) is None
