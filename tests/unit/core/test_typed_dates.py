"""A typed date that is not a real date is refused, never read as another date."""

from datetime import date

import pytest

from verify.core.time import parse_date
from verify.errors import InvalidDate

TODAY = date(2023, 6, 1)


@pytest.mark.parametrize("typed", ["2022-13-01", "2021-02-29", "2022/04/31", "1e3", "7x2 May", "2022-00-10"])
def test_a_value_shaped_like_a_date_but_not_one_is_refused(typed):
    with pytest.raises(InvalidDate, match="Cannot read the date"):
        parse_date(typed, today=TODAY)


@pytest.mark.parametrize(("typed", "day"), [
    ("2022-03-28", date(2022, 3, 28)),
    ("2022/03/28", date(2022, 3, 28)),
    ("2020-02-29", date(2020, 2, 29)),
    ("28th March 2022", date(2022, 3, 28)),
    ("2022-03-28T09:15:00Z", date(2022, 3, 28)),
    ("2022年3月28日", date(2022, 3, 28)),
    ("2 days ago", date(2023, 5, 30)),
])
def test_real_dates_in_numbers_words_and_other_scripts_are_still_read(typed, day):
    assert parse_date(typed, today=TODAY) == day
