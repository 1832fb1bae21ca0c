"""A new claim is searched in the stored announcement index (`announcement_terms`) rather than an index
built per call: on a small store it proposes what a full run does, and it only returns announcements
published since the claim's date (less the grace)."""

import json
from datetime import date

from sqlalchemy import select

from tests.factories import LEICA_RUMOR, new_announcement, new_claim
from tests.integration.test_matching_service import full_run_rankings, load_demo_rows, stored_rankings
from verify.db.models import Announcement, Claim
from verify.db.search import term_weights
from verify.db.search.announcement_index import announcements_since
from verify.db.search.memo import book_memo
from verify.services import add_announcement, import_announcements, log_claim, match_claims, matching
from verify.services.matching import GRACE, WEIGHT_SAMPLE, _query_terms


def noise(n: int) -> dict:
    """Announcements that share common words with the demo claims, so more than `candidates` compete."""
    return {"text": f"Company {n} reports results and will launch a new phone in {1 + n % 9} markets",
            "issuer": f"Company {n}", "published": f"2022-{1 + n % 8:02d}-{1 + n % 27:02d}"}


def test_claims_arriving_one_by_one_propose_what_a_full_run_does_among_many_announcements(uow, sessions, now,
                                                                                             tmp_path):
    load_demo_rows(uow, now, claims_first=False)
    path = tmp_path / "noise.jsonl"
    path.write_text("".join(json.dumps(noise(n)) + "\n" for n in range(120)), encoding="utf-8")
    import_announcements(uow(), path, actor="loader", now=now, follow_up=False)
    expected = full_run_rankings(sessions)
    with sessions() as session:
        ids = list(session.scalars(select(Claim.id).order_by(Claim.id)))
        assert session.query(Announcement).count() > 120
    for claim_id in ids:
        match_claims(uow(), [claim_id], now=now)
    assert expected and stored_rankings(sessions) == expected


def search(sessions, text: str, since: date) -> list[int]:
    with sessions() as session:
        memo = book_memo(session)
        sample = term_weights.recent_sample(session, WEIGHT_SAMPLE)
        return [i for i, _ in announcements_since(session, _query_terms(text, memo.book),
                                                  since=since, sample=sample)]


def test_only_announcements_published_since_the_claim_less_the_grace_are_found(uow, sessions, now):
    dates = [date(2022, 3, 20), date(2022, 3, 28) - GRACE, date(2022, 5, 24)]
    ids = [add_announcement(uow(), new_announcement(published=d, text=f"{new_announcement().text} ({d})"),
                            actor="ed", now=now, follow_up=False) for d in dates]
    assert set(search(sessions, LEICA_RUMOR, date(2022, 3, 28) - GRACE)) == set(ids[1:])
    assert set(search(sessions, LEICA_RUMOR, date(2022, 1, 1))) == set(ids)
    assert search(sessions, LEICA_RUMOR, date(2022, 6, 1)) == []


def test_a_backdated_claim_finds_an_announcement_older_than_the_recent_sample(uow, sessions, now, monkeypatch):
    """The sample sets weights only: an announcement outside it is still found and proposed."""
    monkeypatch.setattr(matching, "WEIGHT_SAMPLE", 5)
    old = add_announcement(uow(), new_announcement(external_id="old-pr", published=date(2021, 6, 1)),
                           actor="ed", now=now, follow_up=False)
    for n in range(5):
        add_announcement(uow(), new_announcement(text=f"Company {n} reports results", published=date(2022, 8, 1),
                                                 issuer=f"Company {n}"), actor="ed", now=now, follow_up=False)
    with sessions() as session:
        assert old not in term_weights.recent_sample(session, matching.WEIGHT_SAMPLE).ids
    claim = log_claim(uow(), new_claim(published=date(2021, 5, 1)), actor="ana", now=now, follow_up=False)
    assert [row.announcement for row in match_claims(uow(), [claim], now=now)] == ["old-pr"]
