"""The same press release arriving from a feed and from an import (or from two feeds) is stored once: the
second arrival is counted as already stored. Two different releases of one day stay two."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import new_announcement
from tests.newsroom import FEEDS
from verify.db.models import Announcement
from verify.errors import Conflict
from verify.services import add_announcement, import_announcements
from verify.services.feeds import add_feed, poll_feeds

# The demo's wording of the release Xiaomi's feed calls "long-term strategic cooperation" (24 May 2022).
PARTNERSHIP = {"text": "Xiaomi and Leica announce a long-term strategic partnership in mobile imaging; the first "
                       "co-engineered Xiaomi flagship smartphone will be released in July 2022",
               "issuer": "Xiaomi", "published": "2022-05-24"}
RESULTS = {"text": "Xiaomi reports first-quarter 2022 results, with revenue of RMB 73.4 billion",
           "issuer": "Xiaomi Corporation", "published": "2022-05-24"}


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def stored(sessions) -> list[Announcement]:
    with sessions() as session:
        return list(session.scalars(select(Announcement).order_by(Announcement.id)))


def poll_xiaomi(uow, now):
    add_feed(uow(), str(FEEDS / "xiaomi_newsroom.rss"), issuer="Xiaomi", actor="ana", now=now)
    [report] = poll_feeds(uow, now=now, actor="ana")
    return report


def test_a_release_from_the_feed_is_already_stored_when_imported(uow, sessions, now, tmp_path):
    poll_xiaomi(uow, now)
    before = len(stored(sessions))
    report = import_announcements(uow(), write_jsonl(tmp_path / "a.jsonl", [PARTNERSHIP]), actor="ana", now=now)
    assert (report.added, report.already_stored) == ([], 1)
    assert len(stored(sessions)) == before


def test_an_imported_release_is_a_duplicate_when_the_feed_brings_it(uow, sessions, now, tmp_path):
    imported = import_announcements(uow(), write_jsonl(tmp_path / "a.jsonl", [PARTNERSHIP]), actor="ana", now=now)
    report = poll_xiaomi(uow, now)
    assert len(imported.added) == 1 and report.duplicates == 2  # its own utm-tagged copy, and the import
    texts = [row.text for row in stored(sessions)]
    assert sum("strategic" in text for text in texts) == 1 and len(texts) == 3


def test_the_same_address_is_the_same_release_however_worded_or_dated(uow, sessions, now, tmp_path):
    poll_xiaomi(uow, now)
    same_page = {"text": "Xiaomi confirms the date of its 12S launch", "issuer": "Xiaomi", "published": "2022-06-28",
                 "url": "http://www.press.xiaomi-newsroom.example/releases/2022/xiaomi-12s-series-launch-date/"
                        "?utm_source=mail"}
    report = import_announcements(uow(), write_jsonl(tmp_path / "a.jsonl", [same_page]), actor="ana", now=now)
    assert (report.added, report.already_stored) == ([], 1)


def test_two_different_releases_of_one_issuer_on_the_same_day_are_both_stored(uow, sessions, now, tmp_path):
    second_quarter = {**RESULTS, "text": RESULTS["text"].replace("first", "second")}
    report = import_announcements(uow(), write_jsonl(tmp_path / "a.jsonl", [PARTNERSHIP, RESULTS, second_quarter]),
                                  actor="ana", now=now)
    assert (len(report.added), report.already_stored) == (3, 0)
    feed = poll_xiaomi(uow, now)
    assert len(feed.added) == 2  # the 12S launch and the Smart Band: the cooperation is the import's
    assert len(stored(sessions)) == 5


def test_the_same_release_twice_in_one_import_file_is_stored_once(uow, sessions, now, tmp_path):
    reworded = {**PARTNERSHIP, "text": "Xiaomi and Leica announce long-term strategic cooperation in mobile imaging"}
    report = import_announcements(uow(), write_jsonl(tmp_path / "a.jsonl", [PARTNERSHIP, reworded]), actor="ana",
                                  now=now)
    assert (len(report.added), report.already_stored) == (1, 1)


def test_adding_a_release_already_stored_names_the_stored_one(uow, sessions, now):
    first = add_announcement(uow(), new_announcement(), actor="ana", now=now, follow_up=False)
    again = new_announcement(text="Xiaomi and Leica announce a strategic partnership. The first co-engineered "
                                  "flagship comes in July 2022", issuer="XIAOMI Corp.")
    with pytest.raises(Conflict, match=f"already stored as announcement {first}"):
        add_announcement(uow(), again, actor="ana", now=now, follow_up=False)
    other_day = add_announcement(uow(), new_announcement(published=date(2022, 5, 25)), actor="ana", now=now,
                                 follow_up=False)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Announcement)) == 2 and other_day != first
