"""Newsroom feeds as plain rows: where each is read from, how its last poll went, when it is next due."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verify.db.models import Announcement, Feed


@dataclass(frozen=True)
class FeedRow:
    id: int
    url: str
    issuer: str
    added_by: str
    added_at: datetime
    last_polled_at: datetime | None
    last_status: str | None
    last_error: str | None
    failures: int
    next_poll_at: datetime | None
    announcements: int

    def to_dict(self) -> dict:
        return {key: value.isoformat() if isinstance(value, datetime) else value
                for key, value in asdict(self).items()}


def list_feeds(session: Session) -> list[FeedRow]:
    """Every feed, oldest first, with how many announcements it has brought in."""
    counts = (select(Announcement.feed_id, func.count().label("n")).where(Announcement.feed_id.is_not(None))
              .group_by(Announcement.feed_id).subquery())
    query = (select(Feed, func.coalesce(counts.c.n, 0)).outerjoin(counts, counts.c.feed_id == Feed.id)
             .order_by(Feed.id))
    return [FeedRow(id=feed.id, url=feed.url, issuer=feed.issuer, added_by=feed.added_by,
                    added_at=_utc(feed.added_at), last_polled_at=_utc(feed.last_polled_at),
                    last_status=feed.last_status, last_error=feed.last_error, failures=feed.failures,
                    next_poll_at=_utc(feed.next_poll_at), announcements=count)
            for feed, count in session.execute(query)]


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives timestamps back without their zone; they were stored in UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
