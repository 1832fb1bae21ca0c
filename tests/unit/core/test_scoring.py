import math

import pytest

from verify.core import scoring


@pytest.mark.parametrize(("hits", "n", "expected"), [
    (0, 0, None),                       # nothing resolved: no interval at all
    (1, 1, (0.2065, 1.0)),              # one hit is not proof: the lower bound stays low
    (0, 1, (0.0, 0.7935)),              # one miss is not proof either
    (0.5, 1, (0.0546, 0.9454)),         # one partly confirmed claim, symmetric around a half
    (8, 10, (0.4902, 0.9433)),
    (50, 100, (0.4038, 0.5962)),
    (0, 10, (0.0, 0.2775)),
])
def test_wilson_interval_on_hand_checked_cases(hits, n, expected):
    interval = scoring.wilson_interval(hits, n)
    if expected is None:
        assert interval is None
    else:
        assert interval == (pytest.approx(expected[0], abs=1e-4), pytest.approx(expected[1], abs=1e-4))


def test_the_wilson_interval_narrows_as_the_sample_grows_at_the_same_rate():
    widths = [high - low for low, high in (scoring.wilson_interval(n * 0.8, n) for n in (5, 50, 500))]
    assert widths == sorted(widths, reverse=True)


@pytest.mark.parametrize(("pairs", "expected"), [
    ([], None),
    ([(0.8, 1.0)], 0.04),
    ([(0.8, 0.0)], 0.64),
    ([(0.5, 1.0), (0.5, 0.0)], 0.25),
    ([(0.7, 0.5)], 0.04),              # partly confirmed counts as its weight
    ([(1.0, 1.0), (0.0, 0.0)], 0.0),
])
def test_brier_score_on_hand_checked_cases(pairs, expected):
    result = scoring.brier_score(pairs)
    assert result == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(("sums", "n", "expected"), [(None, 0, None), (0.0, 0, None), (0.5, 2, 0.25)])
def test_brier_from_database_sums(sums, n, expected):
    assert scoring.brier_from_sums(sums, n) == expected


@pytest.mark.parametrize(("values", "expected"), [
    ([], None), ([7], 7.0), ([10, 20], 15.0), ([30, 10, 20], 20.0), ([1, 2, 3, 100], 2.5),
])
def test_median_on_hand_checked_cases(values, expected):
    assert scoring.median(values) == expected


@pytest.mark.parametrize(("status", "weight", "expected"), [
    ("confirmed", 0.5, 1.0), ("partly_confirmed", 0.5, 0.5), ("partly_confirmed", 0.25, 0.25),
    ("denied", 0.5, 0.0), ("overdue", 0.5, 0.0), ("pending", 0.5, None), ("retracted", 0.5, None),
])
def test_outcome_of_each_status(status, weight, expected):
    assert scoring.outcome(status, weight) == expected


@pytest.mark.parametrize(("statuses", "weight", "expected"), [
    ([], 0.5, (0, 0)),
    (["pending"], 0.5, (0, 0)),
    (["confirmed"], 0.5, (1.0, 1)),
    (["confirmed", "partly_confirmed", "denied", "overdue", "pending", "retracted"], 0.5, (1.5, 4)),
    (["partly_confirmed", "partly_confirmed"], 1.0, (2.0, 2)),
])
def test_hit_count_with_the_partial_weight(statuses, weight, expected):
    assert scoring.hit_count(statuses, weight) == expected


@pytest.mark.parametrize("weight", [-0.1, 1.5, math.nan])
def test_a_partial_weight_outside_zero_to_one_is_refused(weight):
    with pytest.raises(ValueError, match="between 0 and 1"):
        scoring.check_partial_weight(weight)


@pytest.mark.parametrize(("hits", "n", "expected"), [(0, 0, None), (1, 1, 1.0), (1.5, 4, 0.375)])
def test_rate(hits, n, expected):
    assert scoring.rate(hits, n) == expected

