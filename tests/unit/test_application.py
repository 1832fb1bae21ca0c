"""The application object: one clock in the newsroom's zone, the newsroom's rules, read from the settings."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from verify.application import Application
from verify.errors import InvalidInput

LATE_EVENING_UTC = datetime(2024, 3, 31, 23, 30, tzinfo=UTC)  # already 1 April in Berlin


def app(**environ) -> Application:
    return Application.from_environment("sqlite:///unused.db", "ada", clock=lambda: LATE_EVENING_UTC,
                                        environ=environ)


def test_today_is_the_newsrooms_date_in_its_zone_not_the_utc_date():
    assert app(VERIFY_TIMEZONE="Europe/Berlin").today() == date(2024, 4, 1)
    assert app(VERIFY_TIMEZONE="America/New_York").today() == date(2024, 3, 31)


def test_now_is_the_same_moment_whatever_the_zone():
    berlin, york = app(VERIFY_TIMEZONE="Europe/Berlin").now(), app(VERIFY_TIMEZONE="America/New_York").now()
    assert berlin == york == LATE_EVENING_UTC and berlin.utcoffset() != york.utcoffset()


def test_the_newsrooms_rules_come_from_the_settings():
    chosen = app(VERIFY_HEMISPHERE="South", VERIFY_PARTIAL_HIT_WEIGHT="0.25", VERIFY_AUTO_CONFIRM="on")
    assert (chosen.hemisphere, chosen.partial_hit_weight, chosen.match_settings.auto_enabled) == ("south", 0.25, True)
    plain = app()
    assert (plain.hemisphere, plain.partial_hit_weight, plain.match_settings.auto_enabled) == ("north", 0.5, False)


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("VERIFY_TIMEZONE", "Mars/Olympus", "zone name such as Europe/Berlin"),
    ("VERIFY_TIMEZONE", "../../etc/passwd", "zone name"),
    ("VERIFY_HEMISPHERE", "east", "north or south"),
])
def test_a_broken_setting_is_one_clear_message_naming_the_variable(variable, value, says):
    with pytest.raises(InvalidInput, match=f"{variable} is .*{says}"):
        app(**{variable: value})


def test_the_operator_acts_as_the_settings_user_and_the_dashboard_as_its_signed_in_person():
    from verify.core.permissions import Actor

    operator = app()
    assert operator.acting() == Actor("ada", "editor")
    assert operator.as_person(Actor("Vic", "viewer")).acting() == Actor("Vic", "viewer")
