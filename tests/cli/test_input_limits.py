"""Every text a user types is checked against the column it goes to: one clear line, on both databases."""

import pytest
from click.testing import CliRunner

from verify.cli import main
from verify.core.inputs import MAX_USER, clean_user_name
from verify.errors import InvalidInput


@pytest.fixture
def as_user(database_url):
    runner = CliRunner()

    def invoke(user, *args):
        return runner.invoke(main, ["--db", database_url, "--user", user, *args], catch_exceptions=False)

    return invoke


def claim(*extra):
    return ["claim", "add", "Nordwind will open a depot in Lyon in May", "--source", "Wheel Week",
            "--published", "2024-01-10", *extra]


@pytest.mark.parametrize("user, args, said", [
    ("u" * (MAX_USER + 50), claim(), "user name"),
    ("ana", claim("--confidence", "likely " + "really " * 30), "confidence words"),
    ("ana\x1b[31m", claim(), "control characters"),
    ("ana\nbob", claim(), "control characters"),
])
def test_a_text_longer_than_its_column_or_a_user_name_with_control_characters_is_one_clear_error(
        as_user, user, args, said):
    result = as_user(user, *args)
    assert result.exit_code != 0
    assert said in result.output and "Traceback" not in result.output
    assert result.output.count("Error:") == 1
    assert as_user("ana", "claims", "--json").output.strip() == "[]"  # nothing written


def test_a_user_name_at_the_limit_is_recorded(as_user):
    assert as_user("u" * MAX_USER, *claim()).exit_code == 0


@pytest.mark.parametrize("name", ["", "   ", "a\x07b", "a\u200bb", "x" * (MAX_USER + 1), "line\u2028break"])
def test_a_user_name_must_be_short_visible_text(name):
    with pytest.raises(InvalidInput):
        clean_user_name(name)


def test_a_user_name_is_kept_with_its_spaces_collapsed():
    assert clean_user_name("  Ada   Lovelace ") == "Ada Lovelace"
