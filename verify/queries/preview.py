"""A dry run of logging: what would be stored, and what is already there. Writes nothing, so it is a
query, not a service.

It applies exactly the checks `log_claim` applies (verify.core.claim_input: same messages, same window
resolver), so a form can show the resolved date and window, and the near-duplicates, before saving.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from verify.core.claim_input import NewClaim, check_claim
from verify.core.inputs import read_date
from verify.core.logging_checks import logging_warning
from verify.core.repeats import rank_stored
from verify.core.suggest import suggest_claims
from verify.core.time import resolve_window
from verify.db.models import Source
from verify.db.uow import UnitOfWork
from verify.errors import InvalidInput
from verify.ingest.articles import read_article_text
from verify.queries.claim_detail import similar_claims

MAX_ARTICLE = 200_000


@dataclass(frozen=True)
class ClaimPreview:
    text: str
    source: str
    published: date
    url: str | None
    confidence: float | None
    confidence_label: str | None
    window: dict | None  # start, end, granularity, expression; None when the claim names no time
    similar: list[dict]  # near-duplicates already logged: the same report first, then most similar
    warning: str | None = None  # the claim's time reads as past on its publication date

    @property
    def same_report(self) -> dict | None:
        """The stored claim this one would copy (same source, date, near-identical text): logging is blocked."""
        return next((row for row in self.similar if row["same_report"]), None)

    @property
    def repeats(self) -> list[dict]:
        """Stored claims this one repeats (another outlet or day): offered as "a repeat of ..."."""
        return [row for row in self.similar if row["repeat"]]


def preview_claim(uow: UnitOfWork, new: NewClaim, *, today: date, hemisphere: str = "north",
                  reveal_confidential: bool = False) -> ClaimPreview:
    """Raise the same InvalidInput/InvalidDate as `log_claim` would, or describe the claim to be logged."""
    checked = check_claim(new, today=today)
    window = resolve_window(checked.text, checked.published, hemisphere=hemisphere, language=checked.language)
    with uow:
        source_id = uow.session.scalar(select(Source.id).where(func.lower(Source.name) == checked.source.lower()))
        similar = rank_stored(similar_claims(uow.session, checked.text, reveal_confidential=reveal_confidential),
                              source_id=source_id, published=checked.published)
    return ClaimPreview(text=checked.text, source=checked.source, published=checked.published, url=checked.url,
                        confidence=checked.confidence, confidence_label=checked.confidence_label,
                        window=window.to_dict() if window else None, similar=similar,
                        warning=logging_warning(checked.text, checked.published, hemisphere=hemisphere,
                                                  language=checked.language))


def suggest_from_article(text: object, published: object, *, today: date,
                         hemisphere: str = "north") -> tuple[date, list[dict]]:
    """The article's date as read, and the claims it suggests (each with its time window resolved)."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("The article text is empty: paste the article to get suggestions.")
    if len(text) > MAX_ARTICLE:
        raise InvalidInput(f"The article is {len(text):,} characters long; the limit is {MAX_ARTICLE:,}.")
    article = read_article_text(text)  # as `verify suggest` reads a file of it: the same suggestions
    day = read_date(published, "article's published date", today=today)
    found = suggest_claims(article.text, day, resolve_window=lambda sentence, when: resolve_window(
        sentence, when, hemisphere=hemisphere))
    return day, [suggestion.to_dict() for suggestion in found]
