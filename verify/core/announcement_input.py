"""An announcement as someone typed, imported or fetched it, and the checks that turn it into clean values or
one clear error.

Why in the core: adding one, importing a file and polling a feed apply exactly these checks (same messages),
and none of them needs the database to do so (as `verify.core.claim_input` for claims).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from verify.core.inputs import MAX_EXTERNAL_ID, MAX_NAME, clean_text, clean_url, dedupe_key, read_date


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
