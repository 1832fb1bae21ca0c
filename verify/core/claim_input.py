"""A claim as a reporter typed it, and the checks that turn it into clean values or one clear error.

Why in the core: logging, importing, logging from an article and the logging preview all apply exactly these
checks (same messages), and none of them needs the database to do so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from verify.core.confidence import parse_confidence
from verify.core.inputs import MAX_EXTERNAL_ID, MAX_NAME, clean_text, clean_url, dedupe_key, read_date
from verify.core.language import LANGUAGES
from verify.errors import InvalidInput


@dataclass(frozen=True)
class NewClaim:
    """A claim as a reporter typed it; `check` turns it into clean values or raises a clear error."""

    text: object
    source: object
    published: object
    url: object = None
    confidence: object = None
    external_id: object = None
    source_kind: str = "outlet"
    origin: object = None
    language: object = None  # "en", "de", "fr", "es", "zh", "ja"; detected from the text when not given


@dataclass(frozen=True)
class CheckedClaim:
    text: str
    source: str
    published: date
    url: str | None
    confidence: float | None
    confidence_label: str | None
    external_id: str | None
    source_kind: str
    origin: str | None
    language: str | None = None  # as given; None = detect from the text

    @cached_property
    def key(self) -> str:
        """The dedupe key, hashed once (an import asks for it while checking, preparing and writing)."""
        return dedupe_key(self.source, self.text, self.published.isoformat())


def check_claim(new: NewClaim, *, today: date) -> CheckedClaim:
    if new.source_kind not in ("outlet", "person"):
        raise InvalidInput(f"The source kind {new.source_kind!r} is unknown: use outlet or person.")
    confidence, label = parse_confidence(new.confidence)
    return CheckedClaim(
        text=clean_text(new.text, "claim text"),
        source=clean_text(new.source, "source", limit=MAX_NAME),
        published=read_date(new.published, "published date", today=today),
        url=clean_url(new.url),
        confidence=confidence,
        confidence_label=label,
        external_id=clean_text(new.external_id, "external id", limit=MAX_EXTERNAL_ID, required=False),
        source_kind=new.source_kind,
        origin=clean_text(new.origin, "origin source", limit=MAX_NAME, required=False),
        language=read_language(new.language, required=False),
    )


def read_language(value: object, *, required: bool = True) -> str | None:
    """A language code the time rules read ("zh", " DE " -> "de"), or a clear error naming the choices."""
    code = clean_text(value, "language", limit=20, required=required)
    if code is None:
        return None
    if code.lower() not in LANGUAGES:
        raise InvalidInput(f"The language {code!r} is not one verify reads: use one of {', '.join(LANGUAGES)}.")
    return code.lower()
