"""Official announcements: press releases, newsroom posts, feed items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError

from verify.core.inputs import MAX_EXTERNAL_ID, MAX_NAME, clean_text, clean_url, dedupe_key, read_date
from verify.core.matching import MatchSettings
from verify.core.permissions import Actor, require
from verify.db.models import Announcement
from verify.db.uow import UnitOfWork
from verify.errors import Conflict
from verify.services.followup import FollowUp, after_announcements


@dataclass(frozen=True)
class NewAnnouncement:
    text: object
    issuer: object
    published: object
    url: object = None
    external_id: object = None


@dataclass(frozen=True)
class CheckedAnnouncement:
    text: str
    issuer: str
    published: date
    url: str | None
    external_id: str | None

    @property
    def key(self) -> str:
        return dedupe_key(self.issuer, self.text, self.published.isoformat())


def check_announcement(new: NewAnnouncement, *, today: date) -> CheckedAnnouncement:
    return CheckedAnnouncement(
        text=clean_text(new.text, "announcement text"),
        issuer=clean_text(new.issuer, "issuer", limit=MAX_NAME),
        published=read_date(new.published, "published date", today=today),
        url=clean_url(new.url),
        external_id=clean_text(new.external_id, "external id", limit=MAX_EXTERNAL_ID, required=False),
    )


def add_announcement_row(session, item: CheckedAnnouncement, *, actor: str, now: datetime) -> Announcement:
    row = Announcement(external_id=item.external_id, dedupe_key=item.key, text=item.text, issuer=item.issuer,
                       published=item.published, url=item.url, added_by=actor, added_at=now)
    session.add(row)
    session.flush()
    return row


def add_announcement(uow: UnitOfWork, new: NewAnnouncement, *, actor: Actor | str, now: datetime,
                     follow_up: bool = True, settings: MatchSettings = MatchSettings()) -> int:
    actor = require(actor, "add_announcement")
    return add_announcement_and_match(uow, new, actor=actor, now=now, follow_up=follow_up,
                                      settings=settings).id


@dataclass(frozen=True)
class Added:
    """A stored announcement's id, and the proposals its follow-up found (or the error it met)."""

    id: int
    follow_up: FollowUp


def add_announcement_and_match(uow: UnitOfWork, new: NewAnnouncement, *, actor: Actor | str, now: datetime,
                               follow_up: bool = True, settings: MatchSettings = MatchSettings()) -> Added:
    """Store an announcement, then (once committed) check it against the open claims."""
    actor = require(actor, "add_announcement")
    item = check_announcement(new, today=now.date())
    with uow:
        try:
            row = add_announcement_row(uow.session, item, actor=actor, now=now)
            uow.commit()
        except IntegrityError:
            raise Conflict(
                "This announcement is already stored (same external id, or same issuer, text and date)."
            ) from None
        announcement_id = row.id
    done = after_announcements(uow, [announcement_id], now=now, settings=settings) if follow_up else FollowUp()
    return Added(announcement_id, done)
