"""Who acts (roles from the environment, least privilege on a typo) and how untrusted text is made inert."""

from __future__ import annotations

import pytest
from verify.dashboard.people import current_person
from verify.dashboard.ui import days_phrase, highlight, safe, window_phrase


@pytest.mark.parametrize(("role", "expected", "log", "review"), [
    (None, "editor", True, True), ("reporter", "reporter", True, False), ("viewer", "viewer", False, False),
    ("Editor ", "editor", True, True), ("admin", "viewer", False, False),
])
def test_the_role_comes_from_the_environment_and_an_unknown_one_reads_only(monkeypatch, role, expected, log, review):
    monkeypatch.setenv("VERIFY_USER", "Ann")
    if role is None:
        monkeypatch.delenv("VERIFY_DASHBOARD_ROLE", raising=False)
    else:
        monkeypatch.setenv("VERIFY_DASHBOARD_ROLE", role)
    person = current_person()
    assert (person.name, person.role, person.can_log, person.can_review, person.sees_confidential) == (
        "Ann", expected, log, review, review)


def test_safe_text_keeps_letters_and_neutralises_every_markup_character():
    made = safe("<a href='x'>[link](http://x) *b* :red[c] $d$ & #h</a>")
    assert all(mark not in made for mark in "<>[]()*:$'") and "link" in made and "href" in made


def test_highlight_marks_only_the_given_words_and_escapes_the_rest():
    made = highlight("Intel buys <Mellanox>", [(0, 5), (12, 20)])
    assert made.startswith(":orange-background[**Intel**]") and "<" not in made and "Mellanox" in made


def test_deadlines_and_windows_read_as_words():
    assert [days_phrase(d) for d in (None, 0, 1, 12, -40)] == [
        "no deadline", "due today", "1 day left", "12 days left", "40 days past"]
    assert window_phrase("2022-07-01", "2022-07-31") == "1–31 Jul 2022"
    assert window_phrase("2022-03-28", "2023-12-31") == "28 Mar 2022 – 31 Dec 2023"
    assert window_phrase(None, None) == "no time named"
