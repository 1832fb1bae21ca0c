"""A group of repeats has one head, its first report; links point at heads, never at other repeats."""

from dataclasses import dataclass
from datetime import date

import pytest

from verify.core.repeats import first_report, head_id, should_link


@dataclass
class Report:
    id: int
    published: date
    duplicate_of_id: int | None = None


MARCH, APRIL = date(2022, 3, 1), date(2022, 4, 1)


@pytest.mark.parametrize(("reports", "first"), [
    ([Report(5, APRIL), Report(9, MARCH)], 9),  # the earlier publication wins over the earlier logging
    ([Report(9, MARCH), Report(5, MARCH)], 5),  # the same day: the one logged first
    ([Report(7, MARCH)], 7),
])
def test_the_first_report_is_the_earliest_published_then_the_first_logged(reports, first):
    assert first_report(reports).id == first


@pytest.mark.parametrize(("report", "head"), [
    (Report(5, MARCH), 5), (Report(8, APRIL, duplicate_of_id=5), 5)])
def test_a_link_points_at_the_original_of_a_repeat_never_at_the_repeat(report, head):
    assert head_id(report) == head


HEAD = Report(5, MARCH)
LATER_HEAD = Report(6, APRIL)
EARLIER_HEAD = Report(2, date(2022, 2, 1))


@pytest.mark.parametrize(("member", "current", "new", "ever_unlinked", "linked"), [
    (Report(8, APRIL), None, True, False, True),  # a new claim joins its group
    (Report(8, APRIL), None, False, False, True),  # an older unlinked repeat joins too
    (HEAD, None, True, False, False),  # the head is never linked to itself
    (Report(8, APRIL, duplicate_of_id=5), HEAD, False, False, False),  # already points at the head
    (Report(8, APRIL, duplicate_of_id=6), LATER_HEAD, False, False, True),  # moves to the earlier head
    (Report(8, APRIL, duplicate_of_id=2), EARLIER_HEAD, False, False, False),  # keeps its earlier head
    (Report(8, APRIL, duplicate_of_id=2), EARLIER_HEAD, True, False, True),  # a new claim follows this group
    (Report(8, APRIL), None, True, True, False),  # an editor unlinked it once: never again by itself
])
def test_a_member_is_linked_to_the_head_unless_it_points_at_an_earlier_one_or_was_unlinked(
        member, current, new, ever_unlinked, linked):
    assert should_link(member, HEAD, current=current, new=new, ever_unlinked=ever_unlinked) is linked
