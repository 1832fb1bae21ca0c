"""Builders with sensible defaults, so each test states only what matters to it."""

from __future__ import annotations

from datetime import date

from verify.services import NewAnnouncement, NewClaim

LEICA_RUMOR = "Xiaomi's first Leica-branded phone will launch in July"


def new_claim(**overrides) -> NewClaim:
    values = {"text": LEICA_RUMOR, "source": "XDA Developers", "published": date(2022, 3, 28)}
    values.update(overrides)
    return NewClaim(**values)


def new_announcement(**overrides) -> NewAnnouncement:
    values = {"text": "Xiaomi and Leica announce a strategic partnership; the first co-engineered flagship "
                      "will be released in July 2022", "issuer": "Xiaomi", "published": date(2022, 5, 24)}
    values.update(overrides)
    return NewAnnouncement(**values)
