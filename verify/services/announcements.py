"""Official announcements: press releases, newsroom posts, feed items.

The one place announcements are stored (`add_announcement_row`: the CLI, the dashboard, imports and the feed
poll all come here), so the one place a release already stored is recognised (verify.core.releases): the
same address, or the same issuer, day and headline. A second arrival is "already stored", never a new row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from verify.core.announcement_input import CheckedAnnouncement, NewAnnouncement, check_announcement
from verify.core.matching import MatchSettings
from verify.core.permissions import Actor, require
from verify.core.releases import Release, same_release
from verify.db.models import Announcement
from verify.db.repository import one_of
from verify.db.uow import UnitOfWork
from verify.errors import Conflict
from verify.services.followup import FollowUp, after_announcements


def link_key(link: str | None) -> str | None:
    """The same page under tracking parameters, http/https or www is one key; no address (or only a site's
    front page, which names no release), no key."""
    if not link or not link.strip():
        return None
    from verify.ingest.feeds import canonical_link  # feedparser's import, only for an announcement with an address

    canonical = canonical_link(link)
    if "/" not in canonical.split("://", 1)[-1]:
        return None
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def stored_copy(session, item: CheckedAnnouncement, *, link: str | None = None) -> int | None:
    """The id of the stored announcement that is the same release as `item`, if there is one: same
    address (its `link`, else its url), else same issuer, day and headline (verify.core.releases)."""
    key = link_key(link or item.url)
    if key is not None:
        found = session.scalar(select(Announcement.id).where(Announcement.link_key == key))
        if found is not None:
            return found
    release = Release(item.text, item.issuer, item.published)
    same_day = session.execute(select(Announcement.id, Announcement.text, Announcement.issuer)
                               .where(Announcement.published == item.published).order_by(Announcement.id))
    return next((found for found, text, issuer in same_day
                 if same_release(release, Release(text, issuer, item.published))), None)


def new_releases(session, items: Sequence[CheckedAnnouncement]) -> list[bool]:
    """For a file of announcements, which are new releases: the same rule as `stored_copy`, for many at once
    (one look-up of their addresses, one of the days they name), and an earlier row of the same file counts
    as stored too."""
    keys = [link_key(item.url) for item in items]
    stored_links: set[str] = set()
    for among in one_of(session, Announcement.link_key, [key for key in keys if key]):
        stored_links.update(session.scalars(select(Announcement.link_key).where(among)))
    by_day: dict[date, list[Release]] = {}
    for among in one_of(session, Announcement.published, sorted({item.published for item in items})):
        for text, issuer, day in session.execute(select(Announcement.text, Announcement.issuer,
                                                        Announcement.published).where(among)):
            by_day.setdefault(day, []).append(Release(text, issuer, day))
    fresh = []
    for item, key in zip(items, keys, strict=True):
        release = Release(item.text, item.issuer, item.published)
        same_day = by_day.setdefault(item.published, [])
        new = not (key and key in stored_links) and not any(same_release(release, other) for other in same_day)
        if new:
            same_day.append(release)
            if key:
                stored_links.add(key)
        fresh.append(new)
    return fresh


def add_announcement_row(session, item: CheckedAnnouncement, *, actor: str, now: datetime,
                         link: str | None = None, **feed_keys) -> Announcement | None:
    """Store the announcement, or nothing (None) when the same release is already stored. `link` is the
    address the item came from (a feed item's link) when it differs from the url kept; `feed_keys` are a
    feed item's feed_id and fingerprint."""
    if stored_copy(session, item, link=link) is not None:
        return None
    row = Announcement(external_id=item.external_id, dedupe_key=item.key, text=item.text, issuer=item.issuer,
                       published=item.published, url=item.url, added_by=actor, added_at=now,
                       link_key=link_key(link or item.url), **feed_keys)
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
        if row is None:
            found = stored_copy(uow.session, item)
            raise Conflict(f"This press release is already stored as announcement {found} (same address, or "
                           "same issuer, day and headline): nothing was added.")
        announcement_id = row.id
    done = after_announcements(uow, [announcement_id], now=now, settings=settings) if follow_up else FollowUp()
    return Added(announcement_id, done)
