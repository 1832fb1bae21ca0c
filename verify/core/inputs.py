"""Checks for what users type or import, shared by every way in (CLI, dashboard, files, feeds): pure, so
a preview and a write apply the very same checks, with the same messages.

Limits (stated in the README): text 5,000 characters, names 200, URLs 2,000, external ids 200, user names
and confidence words 100 (the columns they go to; `verify.db.models` refuses anything longer before it is
written, whichever way it came in).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date

from verify.errors import InvalidDate, InvalidInput

MAX_TEXT = 5_000
MAX_NAME = 200
MAX_URL = 2_000
MAX_EXTERNAL_ID = 200
MAX_USER = 100  # the actor columns: events.actor, claims.logged_by, ...
MAX_CONFIDENCE_WORDS = 100

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: object, field: str, *, limit: int = MAX_TEXT, required: bool = True) -> str | None:
    """Normalised Unicode, collapsed whitespace, no control characters; an error if empty or too long."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"The {field} is empty: it is required.")
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise InvalidInput(f"The {field} must be text, not {type(value).__name__}.")
    text = str(value)
    if not (text.isascii() and text.isprintable()):  # printable ASCII has no control character and is NFC
        text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = " ".join(text.split())
    if len(text) > limit:
        raise InvalidInput(f"The {field} is {len(text):,} characters long; the limit is {limit:,}. Shorten it.")
    return text


def clean_url(value: object) -> str | None:
    url = clean_text(value, "URL", limit=MAX_URL, required=False)
    if url is not None and not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        raise InvalidInput(f"The URL {url!r} is not a web address: it must start with http:// or https://.")
    return url


def read_date(value: object, field: str, *, today: date) -> date:
    """A date from a form, a file or the CLI; never after `today` (rumors and announcements are past events)."""
    if isinstance(value, date):
        day = value
    else:
        text = clean_text(value, field, limit=100)
        try:
            day = _typed_date(text, today)
        except InvalidDate as error:
            raise InvalidDate(f"The {field}: {error}") from None
    if day > today:
        raise InvalidDate(
            f"The {field} {day.isoformat()} is in the future (today is {today.isoformat()}): "
            "give the date it was published."
        )
    if day.year < 1900:
        raise InvalidDate(f"The {field} {day.isoformat()} is implausibly old: check the year.")
    return day


def _typed_date(text: str, today: date) -> date:
    """`parse_date(text)`, ISO dates read here as it reads them first (`date.fromisoformat`): an announcement or
    claim typed with a date like 2022-05-24 then never loads the time rules and dateparser, a fifth of a
    command's start (issue #18)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        from verify.core.time import parse_date

        return parse_date(text, today=today)


def clean_user_name(value: object) -> str:
    """A person's name as they sign in and as it is recorded on what they do: 1 to 100 characters, no control
    or invisible characters (refused, not replaced: a name is typed again, never silently changed)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput("The user name is empty: give the name the person signs in with.")
    if any(unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} for char in value):
        raise InvalidInput(f"The user name {value!r} contains control or invisible characters: type it again.")
    name = " ".join(unicodedata.normalize("NFC", value).split())
    if len(name) > MAX_USER:
        raise InvalidInput(f"The user name is {len(name):,} characters long; the limit is {MAX_USER}.")
    return name


def dedupe_key(*parts: object) -> str:
    """The natural key of a row without an external id: the same source, text and date is the same row."""
    joined = "\x1f".join(" ".join(str(part).split()).casefold() for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()
