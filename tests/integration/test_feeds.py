"""Polling newsroom feeds into announcements: dedup by the database, conditional requests, backoff, matching."""

from datetime import date, timedelta
from functools import partial

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tests.factories import new_claim
from tests.newsroom import FEEDS, etag_of, newsroom_server
from verify import queries
from verify.db.models import Announcement, Event, Feed, Match
from verify.errors import Conflict, InvalidInput
from verify.ingest.feeds import FetchResult, fetch_feed
from verify.services import log_claim
from verify.services.feeds import add_feed, backoff, poll_feeds


@pytest.fixture(scope="module")
def newsroom():
    with newsroom_server() as served:
        yield served


@pytest.fixture
def poll(uow, now):
    def run(at=now, **options):
        return poll_feeds(uow, now=at, actor="ana", **options)

    return run


def add(uow, now, location, issuer="Xiaomi"):
    return add_feed(uow(), str(location), issuer=issuer, actor="ana", now=now)


def announcements(sessions):
    with sessions() as session:
        return session.scalars(select(Announcement).order_by(Announcement.id)).all()


def feed_row(sessions, feed_id):
    with sessions() as session:
        return session.get(Feed, feed_id)


def test_each_new_item_becomes_an_announcement_of_the_feeds_issuer(uow, sessions, now, poll, newsroom):
    _, base = newsroom
    feed_id = add(uow, now, f"{base}/xiaomi.rss")
    [report] = poll()
    rows = announcements(sessions)
    assert report.status == "ok" and report.added == [row.id for row in rows] and report.duplicates == 1
    first = rows[0]
    assert first.text.startswith("Xiaomi 12S Series to launch on July 4 with Leica co-engineered cameras. Xiaomi today")
    assert (first.issuer, first.published, first.feed_id, first.added_by) == ("Xiaomi", date(2022, 6, 27),
                                                                               feed_id, "ana")
    assert first.url == "https://press.xiaomi-newsroom.example/releases/2022/xiaomi-12s-series-launch-date"
    assert first.link_key and first.fingerprint


def test_an_item_without_a_date_is_dated_on_the_poll_day_and_the_report_says_so(uow, sessions, now, poll):
    add(uow, now, FEEDS / "xiaomi_newsroom.rss")
    [report] = poll()
    band = announcements(sessions)[-1]
    assert band.text.startswith("Xiaomi Smart Band 7") and band.published == now.date()
    assert any("Smart Band 7" in note and "poll day" in note for note in report.notes)


def test_polling_twice_adds_nothing_the_second_time(uow, sessions, now, poll):
    add(uow, now, FEEDS / "xiaomi_newsroom.rss")
    poll_feeds(sessions, now=now, actor="ana")  # a session factory works as well as a unit-of-work factory
    with sessions() as session:  # forget the validators, so the second poll really reads every item again
        session.get(Feed, 1).modified = None
        session.commit()
    [again] = poll(at=now + timedelta(hours=1))
    assert again.status == "ok" and again.added == [] and again.duplicates == 4
    assert len(announcements(sessions)) == 3


def test_the_utm_tagged_duplicate_and_the_syndicated_copy_are_one_announcement(uow, sessions, now, poll,
                                                                                newsroom):
    _, base = newsroom
    add(uow, now, f"{base}/xiaomi.rss")
    add(uow, now, f"{base}/newswire.rss", issuer="Newswire")
    xiaomi, newswire = poll()
    assert (len(xiaomi.added), xiaomi.duplicates) == (3, 1)  # the utm-tagged www copy of the cooperation
    assert (len(newswire.added), newswire.duplicates) == (1, 2)  # syndicated copy, utm-tagged 12S link
    texts = [row.text for row in announcements(sessions)]
    assert sum("strategic cooperation" in text for text in texts) == 1
    assert sum("12S Series" in text for text in texts) == 1
    assert any(text.startswith("Xiaomi reports first-quarter 2022 results") for text in texts)


def test_the_database_itself_refuses_a_second_row_with_the_same_link_key_or_fingerprint(uow, sessions, now,
                                                                                        poll):
    add(uow, now, FEEDS / "leica_newsroom.atom", issuer="Leica")
    poll()
    stored = announcements(sessions)[0]
    for keys in ({"link_key": stored.link_key}, {"fingerprint": stored.fingerprint}):
        with sessions() as session, pytest.raises(IntegrityError):
            session.add(Announcement(dedupe_key=f"other-{len(keys)}-{list(keys)[0]}", text="Another text",
                                     issuer="Leica", published=date(2022, 7, 4), added_by="ana", added_at=now,
                                     **keys))
            session.flush()


def test_a_failing_feed_does_not_stop_a_good_one(uow, sessions, now, poll, newsroom):
    _, base = newsroom
    for path in ("/error", "/slow", "/malformed.xml"):
        add(uow, now, f"{base}{path}", issuer="Broken")
    add(uow, now, f"{base}/leica.atom", issuer="Leica")
    *failed, good = poll(timeout=0.3)
    assert [report.status for report in failed] == ["error"] * 3
    assert "HTTP 500" in failed[0].error and "timed out" in failed[1].error
    assert "not a readable RSS or Atom feed" in failed[2].error
    assert good.status == "ok" and len(good.added) == 2
    assert [row.issuer for row in announcements(sessions)] == ["Leica", "Leica"]
    broken = feed_row(sessions, 1)
    assert (broken.last_status, broken.failures) == ("error", 1) and "HTTP 500" in broken.last_error


def test_a_failing_feed_backs_off_exponentially_and_is_retried_when_due(uow, sessions, now, poll):
    calls = []

    def failing(url, **kwargs):
        calls.append(url)
        return FetchResult("error", error=f"{url}: the server answered HTTP 503 Service Unavailable")

    add(uow, now, FEEDS / "xiaomi_newsroom.rss")
    [first] = poll(fetch=failing)
    assert first.failures == 1 and first.next_poll_at == now + timedelta(minutes=5)
    [waiting] = poll(at=now + timedelta(minutes=4), fetch=failing)
    assert waiting.status == "not_due" and len(calls) == 1
    [second] = poll(at=now + timedelta(minutes=6), fetch=failing)
    assert second.failures == 2 and second.next_poll_at == now + timedelta(minutes=16)
    [forced] = poll(at=now + timedelta(minutes=7), fetch=failing, force=True)
    assert forced.failures == 3 and len(calls) == 3
    [recovered] = poll(at=now + timedelta(minutes=30))
    stored = feed_row(sessions, 1)
    assert recovered.status == "ok" and (stored.failures, stored.last_error, stored.next_poll_at) == (0, None, None)


@pytest.mark.parametrize(("failures", "wait"), [(1, timedelta(minutes=5)), (2, timedelta(minutes=10)),
                                                (4, timedelta(minutes=40)), (9, timedelta(hours=21, minutes=20)),
                                                (10, timedelta(hours=24)), (500, timedelta(hours=24))])
def test_backoff_doubles_from_five_minutes_and_is_capped_at_a_day(failures, wait):
    assert backoff(failures) == wait


def test_an_unchanged_feed_answers_304_adds_nothing_and_keeps_its_etag(uow, sessions, now, poll, newsroom):
    server, base = newsroom
    add(uow, now, f"{base}/xiaomi.rss")
    poll()
    assert feed_row(sessions, 1).etag == etag_of("/xiaomi.rss")
    [again] = poll(at=now + timedelta(hours=1))
    assert again.status == "not_modified" and again.added == []
    assert server.requests[-1][1]["If-None-Match"] == etag_of("/xiaomi.rss")
    stored = feed_row(sessions, 1)
    assert (stored.etag, stored.last_status) == (etag_of("/xiaomi.rss"), "not_modified")
    assert stored.modified == "Mon, 27 Jun 2022 09:30:00 GMT"
    assert len(announcements(sessions)) == 3


def test_new_announcements_are_matched_against_open_claims(uow, sessions, now, poll):
    claim_id = log_claim(uow(), new_claim(), actor="ana", now=now)
    add(uow, now, FEEDS / "xiaomi_newsroom.rss")
    [report] = poll(fetch=partial(fetch_feed))
    assert report.matches and {"claim", "announcement", "score", "verdict"} <= set(report.matches[0])
    assert {match["claim"] for match in report.matches} == {str(claim_id)}
    with sessions() as session:
        stored = session.scalars(select(Match.announcement_id).where(Match.claim_id == claim_id)).all()
    assert {int(match["announcement"]) for match in report.matches} == set(stored)


def test_adding_a_feed_is_an_event_and_a_poll_that_adds_announcements_is_one_too(uow, sessions, now, poll):
    feed_id = add(uow, now, FEEDS / "leica_newsroom.atom", issuer="Leica")
    poll()
    poll(at=now + timedelta(hours=1), force=True)  # unchanged: no event
    with sessions() as session:
        events = session.scalars(select(Event).order_by(Event.id)).all()
    assert [event.kind for event in events] == ["feed_added", "feed_polled", "follow_up_owed", "follow_up_done"]
    assert events[0].evidence["feed_id"] == feed_id and events[0].actor == "ana"
    assert len(events[1].evidence["added"]) == 2


def test_a_feed_is_added_once_and_must_be_a_url_or_an_existing_file(uow, sessions, now):
    add(uow, now, FEEDS / "xiaomi_newsroom.rss")
    with pytest.raises(Conflict, match="already added"):
        add(uow, now, (FEEDS / "xiaomi_newsroom.rss").as_uri())
    with pytest.raises(InvalidInput, match="neither an http"):
        add(uow, now, FEEDS / "missing.rss")
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Feed)) == 1


def test_the_feed_list_shows_each_feeds_last_poll_and_its_announcements(uow, sessions, now, poll):
    add(uow, now, FEEDS / "xiaomi_newsroom.rss")
    add(uow, now, FEEDS / "malformed.xml", issuer="Broken")
    poll()
    with sessions() as session:
        good, broken = queries.list_feeds(session)
    assert (good.issuer, good.last_status, good.announcements, good.failures) == ("Xiaomi", "ok", 3, 0)
    assert (broken.last_status, broken.failures, broken.announcements) == ("error", 1, 0)
    assert broken.next_poll_at == now + timedelta(minutes=5)
    assert good.to_dict()["last_polled_at"] == now.isoformat()


def test_an_unexpected_error_in_one_feed_is_recorded_and_the_others_are_polled(uow, sessions, now, poll):
    broken = add(uow, now, FEEDS / "xiaomi_newsroom.rss", issuer="Broken")
    fine = add(uow, now, FEEDS / "leica_newsroom.atom", issuer="Leica")

    def fetch(url, **options):
        if "xiaomi" in url:
            raise RuntimeError("the parser met something it never saw")
        return fetch_feed(url, **options)

    first, second = poll(fetch=fetch)
    assert first.status == "error" and "RuntimeError" in first.error and first.failures == 1
    assert second.status == "ok" and second.added
    stored = feed_row(sessions, broken)
    assert (stored.last_status, stored.failures) == ("error", 1) and "RuntimeError" in stored.last_error
    assert feed_row(sessions, fine).failures == 0


def test_validators_longer_than_their_columns_are_not_kept_and_the_poll_still_succeeds(uow, sessions, now, poll):
    feed_id = add(uow, now, FEEDS / "leica_newsroom.atom", issuer="Leica")
    items = fetch_feed(str(FEEDS / "leica_newsroom.atom")).items
    huge = FetchResult("ok", items, etag='"' + "e" * 700 + '"', modified="M" * 300)
    [report] = poll(fetch=lambda url, **options: huge)
    assert report.status == "ok" and report.added
    assert sum("not kept" in note for note in report.notes) == 2
    stored = feed_row(sessions, feed_id)
    assert (stored.etag, stored.modified, stored.last_status) == (None, None, "ok")


def test_item_text_over_the_limit_is_reported_not_cut_silently(uow, sessions, now, poll):
    add(uow, now, FEEDS / "leica_newsroom.atom", issuer="Leica")
    [first, *rest] = fetch_feed(str(FEEDS / "leica_newsroom.atom")).items
    long_item = type(first)(guid=first.guid, title=first.title, summary="word " * 3000, link=first.link,
                            published=first.published)
    [report] = poll(fetch=lambda url, **options: FetchResult("ok", (long_item, *rest)))
    assert any("stored cut to" in note for note in report.notes)
