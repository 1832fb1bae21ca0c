"""schema.org ClaimReview (JSON-LD) for resolved claims: what fact-check aggregators read.

Always for publication: a confidential source appears only by its pseudonym, and a claim credited to or
published by one carries no URL (an article's address could name them); a confidential name written in
a claim's text appears as its pseudonym, and an address that names one is left out.
Ratings: 1 denied, 2 overdue (not confirmed within its window), 3 partly confirmed, 4 confirmed.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from verify.core import status as st
from verify.core.confidential import source_label
from verify.db.models import Claim, Source
from verify.errors import InvalidInput
from verify.queries.redaction import hidden_names, redact_value
from verify.queries.scorecards import claim_outcomes

RATINGS = {st.DENIED: 1, st.OVERDUE: 2, st.PARTLY_CONFIRMED: 3, st.CONFIRMED: 4}
RATING_NAMES = {st.DENIED: "False: denied", st.OVERDUE: "Unconfirmed: not confirmed by its deadline",
                st.PARTLY_CONFIRMED: "Partly true: partly confirmed", st.CONFIRMED: "True: confirmed"}


def claim_reviews(session: Session, *, as_of: date, newsroom: str, newsroom_url: str,
                  review_url: str = "{newsroom_url}/claims/{id}", recorded_by: datetime | None = None) -> list[dict]:
    """One ClaimReview per claim resolved by `as_of`; `review_url` may use {id}, {external_id}, {newsroom_url}."""
    check_review_url(review_url)
    outcomes = claim_outcomes(as_of, recorded_by)
    publisher, credited = aliased(Source), aliased(Source)
    original, original_source = aliased(Claim), aliased(Source)
    query = (select(Claim, outcomes.c.status, outcomes.c.effective_on, outcomes.c.window_end, publisher,
                    credited, original, original_source)
             .join(outcomes, outcomes.c.claim_id == Claim.id)
             .join(publisher, publisher.id == Claim.source_id)
             .join(credited, credited.id == outcomes.c.credited)
             .outerjoin(original, original.id == Claim.duplicate_of_id)
             .outerjoin(original_source, original_source.id == original.source_id)
             .where(outcomes.c.status.in_(st.RESOLVED)).order_by(Claim.id))
    author = {"@type": "Organization", "name": newsroom, "url": newsroom_url}
    hidden = hidden_names(session)
    return [redact_value(_review(row, author, newsroom_url, review_url), hidden) for row in session.execute(query)]


FIELDS = ("id", "external_id", "newsroom_url")


def check_review_url(review_url: str) -> str:
    """A review URL template may use only {id}, {external_id} and {newsroom_url}: said before any export."""
    import string

    try:
        names = [field for _, field, _, _ in string.Formatter().parse(review_url) if field is not None]
    except ValueError as error:
        raise InvalidInput(f"The review URL {review_url!r} is not a valid template ({error}): use "
                           "{id}, {external_id} or {newsroom_url}, e.g. {newsroom_url}/claims/{id}.") from None
    wrong = [name for name in names if name not in FIELDS]
    if wrong:
        raise InvalidInput(f"The review URL {review_url!r} uses {{{wrong[0]}}}: use only {{id}}, {{external_id}} "
                           "or {newsroom_url}, e.g. {newsroom_url}/claims/{id}.")
    return review_url


def _review(row, author: dict, newsroom_url: str, review_url: str) -> dict:
    claim, status, effective_on, window_end, publisher, credited, original, original_source = row
    hidden = publisher.confidential or credited.confidential
    reviewed_on = st.first_overdue_day(window_end) if status == st.OVERDUE else effective_on
    item = {
        "@type": "Claim",
        "author": {"@type": "Person" if credited.kind == "person" else "Organization",
                   "name": source_label(credited.name, credited.confidential, credited.id, reveal=False)},
        "datePublished": claim.published.isoformat(),
    }
    if claim.url and not hidden:
        item["appearance"] = {"@type": "CreativeWork", "url": claim.url}
    first = _first_appearance(claim, hidden, original, original_source)
    if first:
        item["firstAppearance"] = {"@type": "CreativeWork", "url": first}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url.format(id=claim.id, external_id=claim.external_id or claim.id,
                                 newsroom_url=newsroom_url.rstrip("/")),
        "claimReviewed": claim.text,
        "datePublished": reviewed_on.isoformat(),
        "author": author,
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "ratingValue": RATINGS[status], "bestRating": 4, "worstRating": 1,
                         "alternateName": RATING_NAMES[status]},
    }


def _first_appearance(claim: Claim, hidden: bool, original: Claim | None, original_source: Source | None):
    """Where the rumor first appeared: this claim's URL, or the earlier claim it repeats."""
    if original is None:
        return None if hidden else claim.url
    if original_source.confidential or (original.origin_source and original.origin_source.confidential):
        return None
    return original.url
