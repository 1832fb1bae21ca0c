"""The cheap parts of many pairs at once (`verify.core.bounds`), against the pair-by-pair rules they bound."""

from datetime import date, timedelta

import numpy as np
import pytest

from verify.core.bounds import TABLE_UP_TO, halvings, time_parts
from verify.core.matching import ClaimText, MatchSettings, time_agreement


@pytest.mark.parametrize(
    ("largest", "pairs"),
    [(0, 1), (30, 1_000), (4_000, 100_000), (TABLE_UP_TO + 5, 100_000), (5_000, 10), (0, 0)],
)
@pytest.mark.parametrize("half_life", [7.0, 30.0, 365.0])
def test_halvings_read_from_a_table_are_the_numbers_computed_pair_by_pair(largest, pairs, half_life):
    days = np.random.default_rng(largest + pairs).integers(0, largest + 1, pairs)
    expected = 100.0 * np.power(0.5, days / half_life)
    assert np.array_equal(halvings(days, half_life), expected)  # to the last bit


@pytest.mark.parametrize("require_after", [True, False])
def test_the_time_part_of_many_pairs_is_each_pairs_time_agreement(require_after):
    settings = MatchSettings(require_after=require_after)
    rng = np.random.default_rng(3)
    said = date(2022, 3, 28)
    def on(low, high):
        return said + timedelta(days=int(rng.integers(low, high)))

    claims = [ClaimText(id=i, text="a claim", published=on(0, 60), window_start=None,
                        window_end=None if i % 2 else on(60, 200)) for i in range(20)]
    row = rng.integers(0, len(claims), 5_000)
    published = [said + timedelta(days=int(d)) for d in rng.integers(-400, 3_000, len(row))]
    found = time_parts(settings, claims, row, np.asarray([d.toordinal() for d in published]))
    expected = [time_agreement(claims[r], d, settings) for r, d in zip(row.tolist(), published, strict=True)]
    assert found == pytest.approx(expected, rel=1e-12, abs=1e-12)
