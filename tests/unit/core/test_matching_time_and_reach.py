"""How the announcement's date weighs, and which of a claim's proposals an editor is shown."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from verify.core.matching import (
    AnnouncementText,
    ClaimText,
    MatchSettings,
    propose_matches,
    time_agreement,
    within_reach,
)

RUMOR_DAY = date(2023, 3, 1)
SETTINGS = MatchSettings()


def claim(*, window=None, published=RUMOR_DAY, text="Contoso will launch the Falcon phone", id=1):
    start, end = window or (None, None)
    return ClaimText(id=id, text=text, published=published, window_start=start, window_end=end)


@pytest.mark.parametrize(
    ("days_after", "expected"),
    [
        (0, 100.0),  # the same day
        (SETTINGS.recency_half_life_days, 50.0),  # one half-life later
        (2 * SETTINGS.recency_half_life_days, 25.0),
        (-1, 0.0),  # before the rumor: never a confirmation
    ],
)
def test_without_a_window_the_time_part_halves_every_half_life(days_after, expected):
    published = RUMOR_DAY + timedelta(days=days_after)
    assert time_agreement(claim(), published, SETTINGS) == pytest.approx(expected)


def test_a_confirmation_years_after_a_rumor_without_a_window_counts_for_almost_nothing():
    assert time_agreement(claim(), RUMOR_DAY + timedelta(days=3 * 365), SETTINGS) < 1.0


@pytest.mark.parametrize(
    ("announced", "expected"),
    [
        (date(2023, 3, 2), 100.0),  # before the window opens but after the rumor: an early confirmation
        (date(2023, 7, 15), 100.0),  # inside the window
        (date(2023, 7, 31) + timedelta(days=SETTINGS.grace_days), 100.0),  # within the grace
        (date(2023, 7, 31) + timedelta(days=SETTINGS.grace_days + SETTINGS.late_half_life_days), 50.0),
    ],
)
def test_with_a_window_the_time_part_is_full_until_its_end_and_the_grace_then_halves(announced, expected):
    july = claim(window=(date(2023, 7, 1), date(2023, 7, 31)))
    assert time_agreement(july, announced, SETTINGS) == pytest.approx(expected)


def test_when_the_before_rule_is_relaxed_distance_counts_either_way():
    relaxed = replace(SETTINGS, require_after=False)
    before = RUMOR_DAY - timedelta(days=SETTINGS.recency_half_life_days)
    assert time_agreement(claim(), before, relaxed) == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("score", "best", "shown"),
    [(50.0, 50.0, True), (40.0, 50.0, True), (39.9, 50.0, False), (10.0, 60.0, False)],
)
def test_a_proposal_is_shown_only_near_the_claims_best(score, best, shown):
    assert within_reach(score, best, SETTINGS) is shown


def test_a_decoy_far_below_the_confirmation_is_not_proposed_beside_it():
    rumor = claim(text="Contoso is expected to unveil the Falcon X folding phone with a 7-inch screen in July",
                  window=(date(2023, 7, 1), date(2023, 7, 31)))
    confirmation = AnnouncementText(10, "Contoso unveils the Falcon X, its first folding phone, with a 7-inch "
                                        "screen", date(2023, 7, 12))
    decoy = AnnouncementText(11, "Contoso launches a new line of wireless earbuds", date(2023, 7, 12))
    found = propose_matches([rumor], [confirmation, decoy], settings=replace(SETTINGS, review_threshold=0.0))
    assert [p.announcement_id for p in found] == [10]
    everything = propose_matches([rumor], [confirmation, decoy],
                                 settings=replace(SETTINGS, review_threshold=0.0, relative_cut=0.0,
                                                  review_evidence=0.0))
    assert [p.announcement_id for p in everything] == [10, 11]
