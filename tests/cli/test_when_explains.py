"""`verify when` explains a non-English window, an ambiguous numeric date and a sentence about the past."""

import json

import pytest
from click.testing import CliRunner

from verify.cli import main


def when(*args):
    return CliRunner().invoke(main, ["when", *args])


def test_a_non_english_window_is_explained_in_english():
    result = when("该公司计划于明年上半年推出新款平板。", "--published", "2023-08-10")
    assert result.exit_code == 0, result.output
    assert "2024-01-01 .. 2024-06-30" in result.output
    assert "read from 明年上半年 = the first half of next year" in result.output


def test_an_ambiguous_numeric_date_carries_a_note_in_text_and_json():
    text = when("The hearing is set for 11.06.2025.", "--published", "2025-04-02")
    assert "note: 11.06.2025 read as 11 June 2025 (day first); could be 6 November 2025" in text.output
    found = json.loads(when("The hearing is set for 11.06.2025.", "--published", "2025-04-02", "--json").output)
    assert (found["start"], found["end"]) == ("2025-06-11", "2025-06-11") and "could be" in found["note"]


@pytest.mark.parametrize(("order", "start"), [("DMY", "2025-04-03"), ("MDY", "2025-03-04")])
def test_a_newsroom_date_order_decides_numeric_dates(order, start):
    found = json.loads(when("Sales start on 03/04/2025.", "--published", "2025-01-02", "--date-order", order,
                            "--json").output)
    assert found["start"] == start and "note" not in found


def test_a_sentence_about_the_past_says_so():
    result = when("The brewer confirmed the takeover on Tuesday.", "--published", "2024-04-11")
    assert "lies in the past" in result.output
    found = json.loads(when("The brewer confirmed the takeover on Tuesday.", "--published", "2024-04-11",
                            "--json").output)
    assert found["start"] is None and found["reads_as_past"] is True
