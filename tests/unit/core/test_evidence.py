"""The strength of evidence: a pair's likelihood of being the announcement that settles the claim, and the floor
that keeps unlikely pairs from standing beside a claim's best proposal."""

from dataclasses import replace
from datetime import date

import pytest

from verify.core.evidence import COEFFICIENTS, FEATURES, PairFacts, features, likelihood
from verify.core.matching import (
    AnnouncementText,
    ClaimText,
    MatchSettings,
    Proposal,
    propose_matches,
    score_pair,
    shown_beside,
)

SETTINGS = MatchSettings()


def facts(**changes) -> PairFacts:
    base = PairFacts(score=45.0, parts={"text": 40.0, "coverage": 50.0, "fuzzy": 60.0, "entities": 100.0,
                                        "time": 100.0, "meaning": 60.0},
                     days_after=10, days_late=0, verdict="confirmed", differs=None, plan_only=False,
                     talks_announced=False, talks_claimed=False, names_missing=0, names_new=1, names_claimed=2)
    return replace(base, **changes)


def proposal(score: float, evidence: float | None) -> Proposal:
    parts = {"text": score} if evidence is None else {"text": score, "evidence": evidence}
    return Proposal(1, 2, score, "review", "confirmed", None, parts)


def test_the_model_has_one_coefficient_per_feature_and_an_intercept():
    assert len(COEFFICIENTS) == len(FEATURES) + 1
    assert len(features(facts())) == len(FEATURES)


def test_every_feature_is_on_a_scale_of_about_zero_to_one():
    extreme = facts(score=100.0, parts=dict.fromkeys(("text", "coverage", "fuzzy", "entities", "time", "meaning"),
                                                      100.0),
                    days_after=100_000, days_late=100_000, names_missing=50, names_new=50, names_claimed=50,
                    differs="price: $10 rumored, $12 announced")
    assert all(0.0 <= value <= 1.0 for value in features(extreme))


@pytest.mark.parametrize(
    ("weaker", "why"),
    [
        (facts(score=25.0, parts={"text": 10.0, "coverage": 12.0, "fuzzy": 40.0, "entities": 50.0, "time": 100.0,
                                  "meaning": 30.0}), "fewer words and meaning in common"),
        (facts(days_after=900, days_late=700, parts={"text": 40.0, "coverage": 50.0, "fuzzy": 60.0,
                                                     "entities": 100.0, "time": 3.0, "meaning": 60.0}),
         "two and a half years after the rumor, long past its window"),
        (facts(names_missing=3, names_new=3), "names the rumor never mentions, and none of the rumor's"),
    ],
)
def test_a_pair_is_less_likely_when_it_has_less_in_common_with_the_claim(weaker, why):
    assert likelihood(weaker) < likelihood(facts()), why


def test_the_likelihood_is_a_probability():
    for case in (facts(), facts(score=0.0, parts={}), facts(score=100.0, days_after=0)):
        assert 0.0 <= likelihood(case) <= 1.0


def test_a_scored_pair_carries_its_likelihood_among_its_parts():
    found = score_pair(ClaimText(1, "Contoso will unveil the Falcon X folding phone in July", date(2023, 3, 1),
                                 date(2023, 7, 1), date(2023, 7, 31)),
                       AnnouncementText(2, "Contoso unveils the Falcon X folding phone", date(2023, 7, 12)))
    assert 0.0 <= found.parts["evidence"] <= 100.0


@pytest.mark.parametrize(
    ("score", "evidence", "best", "shown"),
    [
        (40.0, 5.0, 40.0, True),  # the claim's best is shown however unlikely: a claim never loses its only lead
        (38.0, 5.0, 40.0, False),  # beside it, an unlikely pair is not
        (38.0, 100 * SETTINGS.review_evidence, 40.0, True),  # a likely one is
        (38.0, None, 40.0, True),  # a proposal stored before the likelihood existed stays shown
        (20.0, 90.0, 40.0, False),  # far below the best: out of reach whatever its likelihood
    ],
)
def test_beside_a_claims_best_only_likely_pairs_within_reach_are_shown(score, evidence, best, shown):
    assert shown_beside(proposal(score, evidence), best, SETTINGS) is shown


def test_with_no_floor_every_pair_within_reach_is_shown():
    settings = replace(SETTINGS, review_evidence=0.0)
    assert shown_beside(proposal(38.0, 0.0), 40.0, settings)


def test_the_same_companys_other_news_that_week_is_not_proposed_beside_the_launch():
    rumor = ClaimText(1, "Contoso will unveil the Falcon X folding phone with a 7-inch screen at its July event",
                      date(2023, 5, 2), date(2023, 7, 1), date(2023, 7, 31))
    launch = AnnouncementText(10, "Contoso unveils the Falcon X, its first folding phone, with a 7-inch screen, "
                                  "at its July event", date(2023, 7, 12))
    other = AnnouncementText(11, "Contoso unveils a new tablet with a keyboard cover at its July event",
                             date(2023, 7, 12))
    loose = replace(SETTINGS, review_threshold=0.0, relative_cut=0.0)
    every = propose_matches([rumor], [launch, other], settings=replace(loose, review_evidence=0.0))
    assert [p.announcement_id for p in every] == [10, 11]
    assert every[1].parts["evidence"] < 100 * SETTINGS.review_evidence
    assert [p.announcement_id for p in propose_matches([rumor], [launch, other], settings=loose)] == [10]
