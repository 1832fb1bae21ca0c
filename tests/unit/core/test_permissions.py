"""`require(actor, action)`: the one check every service makes before it writes, whatever the entrypoint."""

from __future__ import annotations

import pytest

from verify.core.permissions import ACTIONS, ROLES, Actor, NotAllowed, may, require

EDITOR_ONLY = {"review", "correct_claim", "edit_source", "edit_aliases", "edit_settings", "see_confidential"}
REPORTER = {"log_claim", "add_announcement", "add_feed", "poll_feeds"}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_require_lets_a_role_do_exactly_what_may_says_and_returns_the_name_to_record(role, action):
    actor = Actor("Sam Smith", role)
    if may(role, action):
        assert require(actor, action) == "Sam Smith"
    else:
        with pytest.raises(NotAllowed, match=r"Sam Smith \(" + role + r"\) may not .*nothing was changed"):
            require(actor, action)


def test_the_roles_are_ordered_viewer_reporter_editor_in_what_they_may_do():
    assert {action for action in ACTIONS if may("viewer", action)} == set()
    assert {action for action in ACTIONS if may("reporter", action)} == REPORTER
    assert {action for action in ACTIONS if may("editor", action)} == REPORTER | EDITOR_ONLY


def test_a_refusal_says_who_may_and_how_to_get_the_role():
    with pytest.raises(NotAllowed) as refused:
        require(Actor("Vic", "viewer"), "log_claim")
    assert "only reporters or editors may" in str(refused.value) and "Ask an editor" in str(refused.value)


def test_a_bare_name_is_the_local_operator_who_holds_the_database_and_acts_as_an_editor():
    assert all(require("cli-user", action) == "cli-user" for action in ACTIONS)


def test_an_unknown_role_may_do_nothing():
    for action in ACTIONS:
        with pytest.raises(NotAllowed):
            require(Actor("Mallory", "admin"), action)
