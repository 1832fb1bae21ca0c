"""Confidential names kept out of public outputs: the names to hide, read once per output, and rows redacted.

The stored texts stay intact; only what leaves for non-editors and exports is redacted: a confidential
source's name (however spelled) becomes its pseudonym wherever it is written, in other claims' texts,
reasons, evidence; an address that names one, or belongs to a claim published or credited to one, is
dropped (an article's address can name its source).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verify.core.confidential import Hidden, is_pseudonym, mentions, pseudonym, redact
from verify.db.models import Source

URL_KEYS = frozenset({"url", "appearance", "firstAppearance"})


def hidden_names(session: Session) -> list[Hidden]:
    """Every confidential source's name with its pseudonym."""
    rows = session.execute(select(Source.id, Source.name).where(Source.confidential.is_(True)))
    return [Hidden(name, pseudonym(source_id)) for source_id, name in rows]


def redact_value(value: Any, hidden: list[Hidden]) -> Any:
    """Texts, and texts inside mappings and lists, with hidden names replaced; URLs that name one dropped."""
    if not hidden:
        return value
    if isinstance(value, str):
        return redact(value, hidden)
    if isinstance(value, dict):
        return {key: (_url(item, hidden) if key in URL_KEYS else redact_value(item, hidden))
                for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(item, hidden) for item in value]
    return value


def redact_row(row: dict, hidden: list[Hidden]) -> dict:
    """A claim-like row for publication: also no URL when its source or origin is shown by pseudonym."""
    shown = redact_value(row, hidden)
    if "url" in shown and any(is_pseudonym(shown.get(key)) for key in ("source", "origin")):
        shown["url"] = None
    return shown


def _url(value: Any, hidden: list[Hidden]) -> Any:
    if isinstance(value, str):
        return None if mentions(value, hidden) else value
    if isinstance(value, dict):
        return None if mentions(repr(value), hidden) else value
    return value

