"""`verify when`: the resolver for reporters and scripts; no database needed."""

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from verify.cli import main


def when(*args):
    return CliRunner().invoke(main, ["when", *args])


@pytest.mark.parametrize(("text", "published", "start", "end", "granularity"), [
    ("Xiaomi's first Leica-branded phone will launch in July", "2022-03-28", "2022-07-01", "2022-07-31", "month"),
    ("in the second half of 2021", "2021-02-01", "2021-07-01", "2021-12-31", "half"),
    ("by the end of March", "2022-01-10", "2022-01-10", "2022-03-31", "by"),
    ("Q1", "2022-11-15", "2023-01-01", "2023-03-31", "quarter"),
])
def test_when_json_gives_the_window(text, published, start, end, granularity):
    result = when(text, "--published", published, "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert (found["start"], found["end"], found["granularity"]) == (start, end, granularity)
    assert found["expression"]


def test_text_without_a_date_gives_nulls_not_a_made_up_window():
    found = json.loads(when("Apple will launch a car", "--published", "2022-03-28", "--json").output)
    assert found == {"expression": None, "start": None, "end": None, "granularity": None}


@pytest.mark.parametrize(("args", "message"), [
    (["", "--published", "2022-03-28"], "text is empty"),
    (["in July", "--published", "the twelfth of never"], "Cannot read the date"),
    (["in July", "--published", (date.today() + timedelta(days=3)).isoformat()], "in the future"),
    (["in July", "--published", "tomorrow"], "in the future"),
])
def test_bad_input_is_one_clear_line(args, message):
    result = when(*args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
