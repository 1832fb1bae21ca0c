"""`verify feed add|list|poll` against a local newsroom server: reports, 304s, failures and backoff."""

import json

import pytest

from tests.newsroom import FEEDS, newsroom_server


@pytest.fixture(scope="module")
def newsroom():
    with newsroom_server() as served:
        yield served


def test_a_poll_reports_per_feed_what_it_added_skipped_and_matched(run, newsroom):
    _, base = newsroom
    run("claim", "add", "Xiaomi's first Leica-branded phone will launch in July", "--source", "XDA Developers",
        "--published", "2022-03-28")
    assert run("feed", "add", f"{base}/xiaomi.rss", "--issuer", "Xiaomi").output == "Added feed 1.\n"
    output = run("feed", "poll").output
    assert "Feed 1 (Xiaomi" in output and "3 added, 1 skipped as duplicates" in output
    assert "no date in the feed" in output and "match: claim 1 - announcement" in output
    announcements = [json.loads(line) for line in run("export", "announcements").output.splitlines()]
    assert len(announcements) == 3 and {row["issuer"] for row in announcements} == {"Xiaomi"}


def test_a_second_poll_of_an_unchanged_feed_adds_nothing(run, newsroom):
    _, base = newsroom
    run("feed", "add", f"{base}/xiaomi.rss", "--issuer", "Xiaomi")
    run("feed", "poll")
    [report] = json.loads(run("feed", "poll", "--json").output)
    assert report["status"] == "not_modified" and report["added"] == []
    assert len(run("export", "announcements").output.splitlines()) == 3


def test_a_failing_feed_is_reported_backs_off_and_never_stops_the_others(run, newsroom):
    _, base = newsroom
    run("feed", "add", f"{base}/error", "--issuer", "Broken")
    run("feed", "add", str(FEEDS / "leica_newsroom.atom"), "--issuer", "Leica")
    polled = run("feed", "poll", "--json", ok=False)
    assert polled.exit_code == 4 and "1 of 2 feed(s) failed" in polled.output  # a scheduler can alert
    broken, leica = json.loads(polled.output[:polled.output.rindex("]") + 1])
    assert broken["status"] == "error" and "HTTP 500" in broken["error"] and broken["failures"] == 1
    assert leica["status"] == "ok" and len(leica["added"]) == 2
    assert "not due until" in run("feed", "poll").output
    assert "failure 2, retry after" in run("feed", "poll", "--force", ok=False).output
    listed = json.loads(run("feed", "list", "--json").output)
    assert [(row["issuer"], row["last_status"], row["failures"]) for row in listed] == [
        ("Broken", "error", 2), ("Leica", "not_modified", 0)]
    assert "HTTP 500" in run("feed", "list").output


def test_a_feed_that_hangs_times_out_and_is_reported(run, newsroom):
    _, base = newsroom
    run("feed", "add", f"{base}/slow", "--issuer", "Slow")
    result = run("feed", "poll", "--timeout", "0.3", ok=False)
    assert result.exit_code == 4 and "timed out" in result.output and "retry after" in result.output


def test_adding_a_missing_file_or_the_same_feed_twice_is_one_clear_error(run):
    missing = run("feed", "add", str(FEEDS / "nope.rss"), "--issuer", "X", ok=False)
    assert missing.exit_code == 2 and missing.output.count("\n") == 1
    assert missing.output.startswith("Error: The feed") and "neither an http(s) URL" in missing.output
    run("feed", "add", str(FEEDS / "xiaomi_newsroom.rss"), "--issuer", "Xiaomi")
    twice = run("feed", "add", str(FEEDS / "xiaomi_newsroom.rss"), "--issuer", "Xiaomi", ok=False)
    assert twice.exit_code == 3 and "already added" in twice.output


def test_polling_without_feeds_says_how_to_add_one(run):
    assert "verify feed add" in run("feed", "poll").output
    assert run("feed", "list").output == "(nothing to show)\n"
