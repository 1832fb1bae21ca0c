"""Company newsroom feeds: add one, poll them all, turn new items into announcements and match them.

Why this shape: a poll talks to many servers, so each feed is fetched outside any transaction and then
applied in its own unit of work; one broken or slow newsroom is reported and retried later (exponential
backoff) and never stops the others. Items are stored where every announcement is
(services.announcements.add_announcement_row), so a release already stored (from this feed, another, or
an import) counts as a duplicate; the database refuses the rest (unique link_key and fingerprint, inserted
under a savepoint), so two polls racing cannot store an item twice.

Events: adding a feed is a "feed_added" event. A poll that adds announcements is a "feed_polled" event
(which feed, which announcements, how many duplicates); the announcements also carry added_by/added_at and
feed_id, and the matcher records its own "match_proposed" events. Polls that add nothing (304, only
duplicates, failures) change only the feed's bookkeeping columns (etag, last_status, failures,
next_poll_at), which is state rather than history: no event, so a broken feed cannot flood the audit trail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from verify.core.announcement_input import NewAnnouncement, check_announcement
from verify.core.inputs import MAX_NAME, MAX_TEXT, MAX_URL, clean_text
from verify.core.matching import MatchSettings
from verify.core.permissions import Actor, require
from verify.db.models import Feed
from verify.db.repository import record_event
from verify.db.retry import retry_on_conflict
from verify.db.uow import UnitOfWork
from verify.errors import Conflict, InvalidInput
from verify.ingest.feeds import FeedItem, FetchResult, fetch_feed, item_fingerprint
from verify.services.announcements import add_announcement_row
from verify.services.followup import after_announcements
from verify.services.owed import owe

log = logging.getLogger(__name__)
FIRST_RETRY = timedelta(minutes=5)
MAX_RETRY = timedelta(hours=24)

Fetch = Callable[..., FetchResult]


@dataclass
class PollReport:
    """What one feed's poll did, in plain values for the CLI and JSON."""

    feed_id: int
    url: str
    issuer: str
    status: str  # ok | not_modified | error | not_due
    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    notes: list[str] = field(default_factory=list)
    matches: list[dict] = field(default_factory=list)
    error: str | None = None
    failures: int = 0
    next_poll_at: datetime | None = None
    owed: int | None = None  # the follow-up (matching) recorded with the new announcements

    def to_dict(self) -> dict:
        row = asdict(self)
        row.pop("owed")
        row["next_poll_at"] = self.next_poll_at.isoformat() if self.next_poll_at else None
        return row


def add_feed(uow: UnitOfWork, location: str, *, issuer: str, actor: Actor | str, now: datetime) -> int:
    """Register a newsroom feed (http(s) URL, or a saved file for offline use); it is read on the next poll."""
    actor = require(actor, "add_feed")
    url = feed_location(location)
    name = clean_text(issuer, "issuer", limit=MAX_NAME)
    with uow:
        try:
            feed = Feed(url=url, issuer=name, added_by=actor, added_at=now, failures=0)
            uow.session.add(feed)
            uow.session.flush()
        except IntegrityError:
            raise Conflict(f"The feed {url} is already added: `verify feed list` shows it.") from None
        record_event(uow.session, "feed_added", actor=actor, now=now,
                     evidence={"feed_id": feed.id, "url": url, "issuer": name})
        uow.commit()
        return feed.id


def feed_location(location: str) -> str:
    """An http(s) URL as given, or an existing file as an absolute file:// URL (so any directory can poll)."""
    text = clean_text(location, "feed URL or file", limit=MAX_URL)
    if urlsplit(text).scheme in ("http", "https"):
        return text
    path = Path(text.removeprefix("file://")).expanduser()
    if not path.is_file():
        raise InvalidInput(f"The feed {text!r} is neither an http(s) URL nor an existing file.")
    return path.resolve().as_uri()


def poll_feeds(uows: Callable[[], UnitOfWork] | sessionmaker, *, now: datetime, actor: Actor | str,
               fetch: Fetch = fetch_feed, force: bool = False, timeout: float = 10.0,
               settings: MatchSettings = MatchSettings()) -> list[PollReport]:
    """Poll every feed that is due (all with `force`), each in its own transaction, and match what is new."""
    actor = require(actor, "poll_feeds")
    make_uow = (lambda: UnitOfWork(uows)) if isinstance(uows, sessionmaker) else uows
    with make_uow().read_only() as uow:  # only reads: never queue behind the writers for the lock
        feeds = uow.session.execute(select(Feed.id, Feed.url, Feed.issuer, Feed.etag, Feed.modified,
                                           Feed.failures, Feed.next_poll_at).order_by(Feed.id)).all()
    reports = []
    for feed in feeds:
        due_at = _aware(feed.next_poll_at)
        if not force and due_at is not None and due_at > now:
            reports.append(PollReport(feed.id, feed.url, feed.issuer, "not_due", failures=feed.failures,
                                      next_poll_at=due_at))
            continue
        try:
            report = _poll_one(make_uow, feed, fetch, now=now, actor=actor, timeout=timeout, settings=settings)
        except Exception as error:  # one bad newsroom (or a bug it triggers) never stops the others
            log.exception("polling feed %s failed", feed.id)
            report = _record_failure(make_uow, feed, f"{type(error).__name__}: {error}", now=now, actor=actor)
        reports.append(report)
    return reports


def _poll_one(make_uow, feed, fetch: Fetch, *, now: datetime, actor: str, timeout: float,
              settings: MatchSettings) -> PollReport:
    result = fetch(feed.url, etag=feed.etag, modified=feed.modified, timeout=timeout)
    report = retry_on_conflict(lambda: _apply(make_uow(), feed.id, result, now=now, actor=actor))
    if report.added:
        done = after_announcements(make_uow(), report.added, now=now, settings=settings, owed=report.owed,
                                   actor=actor)
        report.matches = [{"claim": row.claim, "announcement": row.announcement, "score": row.score,
                           "band": row.band, "verdict": row.verdict} for row in done.proposals]
        if done.error:
            report.notes.append(done.error)
    return report


def _record_failure(make_uow, feed, error: str, *, now: datetime, actor: str) -> PollReport:
    """Whatever went wrong, the feed's failure is counted and its next poll put off, like a fetch error."""
    failed = FetchResult("error", error=f"{feed.url}: the poll failed ({error.splitlines()[0][:300]})"
                         if error else f"{feed.url}: the poll failed")
    try:
        return retry_on_conflict(lambda: _apply(make_uow(), feed.id, failed, now=now, actor=actor))
    except Exception:  # the database itself is failing: still report this feed and go on to the next
        log.exception("recording the failure of feed %s failed", feed.id)
        return PollReport(feed.id, feed.url, feed.issuer, "error", error=failed.error,
                          failures=(feed.failures or 0) + 1)


def _apply(uow: UnitOfWork, feed_id: int, result: FetchResult, *, now: datetime, actor: str) -> PollReport:
    with uow:
        feed = uow.session.get(Feed, feed_id)
        report = PollReport(feed.id, feed.url, feed.issuer, result.status)
        feed.last_polled_at, feed.last_status = now, result.status
        if result.status == "error":
            feed.failures = (feed.failures or 0) + 1
            feed.last_error, feed.next_poll_at = result.error, now + backoff(feed.failures)
            report.error = result.error
        else:
            # A 304 may omit the validators: keep the ones that earned it.
            unchanged = result.status == "not_modified"
            feed.etag = _validator(result.etag, Feed.etag, report) or (feed.etag if unchanged else None)
            feed.modified = (_validator(result.modified, Feed.modified, report)
                             or (feed.modified if unchanged else None))
            feed.failures, feed.last_error, feed.next_poll_at = 0, None, None
            for item in result.items:
                _add_item(uow.session, feed, item, report, now=now, actor=actor)
        if report.added:
            record_event(uow.session, "feed_polled", actor=actor, now=now, evidence={
                "feed_id": feed.id, "url": feed.url, "added": report.added, "duplicates": report.duplicates})
            report.owed = owe(uow.session, "announcements", report.added, now=now, actor=actor)
        report.failures, report.next_poll_at = feed.failures, _aware(feed.next_poll_at)
        uow.commit()
    return report


def _validator(value: str | None, column, report: PollReport) -> str | None:
    """An ETag or Last-Modified longer than its column is not kept (a cut one would never match): the next
    poll simply asks for the whole feed."""
    limit = column.type.length
    if value is not None and limit is not None and len(value) > limit:
        report.notes.append(f"the server's {column.key} header is {len(value)} characters long (over {limit}): "
                            "not kept, so the next poll fetches the whole feed")
        return None
    return value


def backoff(failures: int) -> timedelta:
    """5 minutes after the first failure, doubling with each further one, never more than a day."""
    return min(FIRST_RETRY * 2 ** min(max(failures, 1) - 1, 20), MAX_RETRY)


def _add_item(session, feed: Feed, item: FeedItem, report: PollReport, *, now: datetime, actor: str) -> None:
    """Insert one item under a savepoint: a unique-key refusal means it is already stored."""
    title = (item.title or item.link or "untitled item")[:80]
    published = item.published
    if published is None or published > now.date():
        report.notes.append(f"{title!r}: {'no' if published is None else 'a future'} date in the feed; "
                            f"dated {now.date().isoformat()}, the poll day")
        published = now.date()
    url = item.link if urlsplit(item.link).scheme in ("http", "https") and len(item.link) <= MAX_URL else None
    if len(item.text) > MAX_TEXT:
        report.notes.append(f"{title!r}: text of {len(item.text):,} characters, stored cut to {MAX_TEXT:,}")
    try:
        checked = check_announcement(NewAnnouncement(text=announcement_text(item), issuer=feed.issuer,
                                                     published=published, url=url), today=now.date())
    except InvalidInput as error:
        report.notes.append(f"{title!r}: skipped ({error})")
        return
    try:
        with session.begin_nested():
            row = add_announcement_row(session, checked, actor=actor, now=now, link=item.link, feed_id=feed.id,
                                       fingerprint=item_fingerprint(item))
    except IntegrityError:  # a unique key: the same item under the same link or title and day, or a race
        row = None
    if row is None:  # already stored: from this feed or another, or from an import
        report.duplicates += 1
        return
    report.added.append(row.id)


def announcement_text(item: FeedItem) -> str:
    """Title and summary as one line of text (the headline ends with a full stop, so it reads as a sentence)."""
    title, *rest = item.text.split("\n\n") or [""]
    if rest and title and title[-1] not in ".!?:":
        title += "."
    return " ".join([title, *rest])[:MAX_TEXT]


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive timestamps; they were stored in UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
