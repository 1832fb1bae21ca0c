"""The stored term indexes: every way a claim or announcement arrives writes its postings, only open claims
are found, aliases act at search time, and the weights equal the in-memory index they replace."""

import json
from datetime import date

import pytest
from sqlalchemy import delete, select

from tests.factories import LEICA_RUMOR, new_announcement, new_claim
from verify.core import bm25
from verify.core.bm25 import MAX_TERM, term_frequencies
from verify.core.candidates import CandidateIndex
from verify.core.suggest import suggest_claims
from verify.db.aliases import alias_book
from verify.db.models import Announcement, AnnouncementTerm, Claim, ClaimTerm, Source
from verify.db.search import claim_index, term_weights
from verify.db.search.memo import book_memo
from verify.services import (
    add_announcement,
    import_announcements,
    import_claims,
    log_claim,
    retract_claim,
    review_match,
)
from verify.services.aliases import add_alias, remove_alias
from verify.services.demo import load_demo
from verify.services.matching import _query_terms, announcement_text, match_announcements
from verify.services.suggestions import log_suggestions


def postings(sessions, model, column):
    with sessions() as session:
        found: dict[int, dict[str, int]] = {}
        for owner, term, tf in session.execute(select(column, model.term, model.tf)):
            found.setdefault(owner, {})[term] = tf
        return found


def assert_every_claim_indexed(sessions):
    with sessions() as session:
        claims = session.execute(select(Claim.id, Claim.text, Claim.term_count)).all()
    stored = postings(sessions, ClaimTerm, ClaimTerm.claim_id)
    assert claims and {i: stored.get(i, {}) for i, _, _ in claims} == {i: dict(term_frequencies(t))
                                                                       for i, t, _ in claims}
    assert all(count == len(term_frequencies(text)) for _, text, count in claims)


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_logged_claim_and_an_imported_one_get_their_terms(uow, sessions, now, tmp_path):
    log_claim(uow(), new_claim(), actor="ana", now=now, follow_up=False)
    rows = [{"text": "Nvidia in talks to buy Arm for $40 billion", "source": "Bloomberg", "published": "2020-07-22"}]
    import_claims(uow(), write_jsonl(tmp_path / "claims.jsonl", rows), actor="ana", now=now, follow_up=False)
    assert_every_claim_indexed(sessions)


def test_logged_suggestions_get_their_terms(uow, sessions, now):
    text = ("Xiaomi is reportedly working with Leica on a phone. According to sources, the phone could launch "
            "in July with a 1-inch sensor.")
    suggestions = suggest_claims(text, date(2022, 3, 29))
    assert suggestions
    log_suggestions(uow(), suggestions, source="XDA Developers", published=date(2022, 3, 29), url=None,
                    actor="ana", now=now)
    assert_every_claim_indexed(sessions)


def test_the_demo_data_gets_its_terms(uow, sessions, now):
    load_demo(uow(), now=now)
    assert_every_claim_indexed(sessions)
    with sessions() as session:
        texts = dict(session.execute(select(Announcement.id, Announcement.text)).all())
    assert postings(sessions, AnnouncementTerm, AnnouncementTerm.announcement_id) == {
        i: dict(term_frequencies(t)) for i, t in texts.items()}


def test_announcements_added_or_imported_get_their_terms(uow, sessions, now, tmp_path):
    add_announcement(uow(), new_announcement(), actor="ed", now=now, follow_up=False)
    rows = [{"text": "NVIDIA to acquire Arm", "issuer": "NVIDIA", "published": "2020-09-13"}]
    import_announcements(uow(), write_jsonl(tmp_path / "a.jsonl", rows), actor="ed", now=now, follow_up=False)
    stored = postings(sessions, AnnouncementTerm, AnnouncementTerm.announcement_id)
    assert sorted(map(sorted, stored.values())) == sorted(
        sorted(term_frequencies(t)) for t in (new_announcement().text, rows[0]["text"]))


def test_a_word_longer_than_a_term_is_stored_cut_not_refused(uow, sessions, now):
    long_word = "x" * 300
    log_claim(uow(), new_claim(text=f"Xiaomi will launch the {long_word} phone"), actor="ana", now=now,
              follow_up=False)
    with sessions() as session:
        terms = list(session.scalars(select(ClaimTerm.term)))
    assert "x" * MAX_TERM in terms and max(map(len, terms)) == MAX_TERM


def candidates(sessions, text, until=date(2022, 12, 31)):
    with sessions() as session:
        return [i for i, _ in claim_index.open_claims(session, _query_terms(text, alias_book(session)),
                                                      until=until)]


def test_retracted_and_confirmed_claims_are_not_candidates(uow, sessions, now):
    ids = {ref: log_claim(uow(), new_claim(external_id=ref, source=ref), actor="ana", now=now, follow_up=False)
           for ref in ("open", "retracted", "confirmed")}
    retract_claim(uow(), "retracted", actor="ana", now=now, reason="logged by mistake")
    add_announcement(uow(), new_announcement(external_id="pr"), actor="ed", now=now)
    review_match(uow(), "confirmed", "pr", "accept", actor="ed", now=now)
    assert candidates(sessions, LEICA_RUMOR) == [ids["open"]]


def test_a_claim_published_after_the_announcement_is_not_a_candidate(uow, sessions, now):
    log_claim(uow(), new_claim(published=date(2022, 6, 1)), actor="ana", now=now, follow_up=False)
    assert candidates(sessions, LEICA_RUMOR, until=date(2022, 5, 31)) == []
    assert candidates(sessions, LEICA_RUMOR, until=date(2022, 6, 1)) != []


def test_an_alias_added_after_the_claim_lets_the_canonical_name_find_it(uow, sessions, now, tmp_path):
    """Sixty rival claims tie with the target on the shared words and come first by id; only the alias
    (searched, never stored with the claim) lifts the target into the candidates."""
    rows = [{"text": "A rival will launch a phone in July", "source": f"Outlet {n}", "published": "2022-03-28"}
            for n in range(60)]
    rows.append({"text": "Zorblax will launch a phone in July", "source": "XDA", "published": "2022-03-28",
                 "external_id": "target"})
    import_claims(uow(), write_jsonl(tmp_path / "claims.jsonl", rows), actor="ana", now=now, follow_up=False)
    with sessions() as session:
        target = session.scalar(select(Claim.id).where(Claim.external_id == "target"))
    announced = "Quantico launches a phone in July"
    assert target not in candidates(sessions, announced)
    add_alias(uow(), "Zorblax", "Quantico", actor="ed", now=now)
    assert candidates(sessions, announced)[0] == target
    added = add_announcement(uow(), new_announcement(text=announced, issuer="Quantico", external_id="q"),
                             actor="ed", now=now, follow_up=False)
    assert "target" in {row.claim for row in match_announcements(uow(), [added], now=now)}


@pytest.mark.parametrize("sample", [2, 3000])
def test_weights_equal_an_index_over_the_recent_announcements_and_the_new_one(uow, sessions, now, sample):
    texts = [("Meta launches a headset", date(2022, 5, 1)), ("Facebook owner Meta Platforms cuts jobs",
             date(2022, 6, 1)), ("Facebook renames itself", date(2022, 7, 1)),
             ("Apple unveils the iPhone 14", date(2022, 8, 1)), ("Google launches a phone", date(2022, 3, 1))]
    ids = [add_announcement(uow(), new_announcement(text=t, published=p, issuer="X"), actor="ed", now=now,
                            follow_up=False) for t, p in texts]
    with sessions() as session:
        book = alias_book(session)
        rows = [announcement_text(a) for a in session.scalars(select(Announcement).order_by(Announcement.id))]
        new = [a for a in rows if a.id == ids[-1]]  # the oldest: outside a small sample
        recent = sorted(rows, key=lambda a: (a.published, a.id), reverse=True)[:sample]
        expected = CandidateIndex({a.id: a for a in [*recent, *new]}.values(), book)
        terms = {t for a in rows for t in expected.terms(a.text)} | {"unseen"}
        idf = term_weights.recent_weights(session, new, terms, book, sample=sample)
        assert {t: idf(t) for t in terms} == {t: expected.idf(t) for t in terms}
        assert idf("asked later") == expected.idf("asked later")
    assert book.canonical("Facebook") == book.canonical("Meta")  # the alias part is exercised


def test_weights_asked_one_term_at_a_time_from_a_kept_sample_equal_a_fresh_index(uow, sessions, now):
    """The kept sample remembers what aliases add to each text it has read: later calls, asking other terms
    of the same texts ("nova" after "quantico"), must still count exactly."""
    add_alias(uow(), "Zorblax", "Quantico Nova Labs", actor="ed", now=now)
    for text in ("Zorblax launches a phone", "Zorblax cuts jobs", "Quantico Nova Labs opens a lab",
                 "Facebook renames itself", "Google launches a phone"):
        add_announcement(uow(), new_announcement(text=text, issuer="X"), actor="ed", now=now, follow_up=False)
    with sessions() as session:
        book = book_memo(session).book
        rows = [announcement_text(a) for a in session.scalars(select(Announcement))]
        expected = CandidateIndex(rows, book)
        terms = sorted({t for a in rows for t in expected.terms(a.text)})
        for term in ["quantico", *terms]:
            idf = term_weights.recent_weights(session, [], [term], book, sample=3000)
            assert idf(term) == expected.idf(term), term
    assert expected.document_frequency("nova") == 3  # two of them through the alias


def test_an_alias_with_no_matching_word_is_still_weighed_exactly(uow, sessions, now):
    add_alias(uow(), "AT&T", "American Telephone", actor="ed", now=now)
    for text in ("AT&T buys Time Warner", "American Telephone sells DirecTV", "Verizon buys Yahoo"):
        add_announcement(uow(), new_announcement(text=text, issuer="X"), actor="ed", now=now, follow_up=False)
    with sessions() as session:
        book = alias_book(session)
        rows = [announcement_text(a) for a in session.scalars(select(Announcement))]
        expected = CandidateIndex(rows, book)
        terms = {t for a in rows for t in expected.terms(a.text)}
        idf = term_weights.recent_weights(session, [], terms, book, sample=3000)
        assert {t: idf(t) for t in terms} == {t: expected.idf(t) for t in terms}
    assert expected.document_frequency("american") == 2


def test_a_claim_removed_from_the_database_takes_its_terms_with_it(sessions, engine, now):
    """Claims are retracted, never deleted, by verify itself; a row removed by hand must not leave postings."""
    with sessions() as session:
        source = Source(name="XDA", kind="outlet", confidential=False, created_at=now)
        session.add(source)
        session.flush()
        session.add(Claim(text=LEICA_RUMOR, dedupe_key="k", source_id=source.id, published=date(2022, 3, 28),
                          logged_by="ana", logged_at=now, status="pending", window_by_hand=False))
        session.commit()
    assert postings(sessions, ClaimTerm, ClaimTerm.claim_id)
    with engine.begin() as connection:
        connection.execute(delete(Claim))
    assert postings(sessions, ClaimTerm, ClaimTerm.claim_id) == {}


def test_kept_weights_follow_a_new_announcement_and_an_alias_edit(uow, sessions, now):
    """The process keeps the sample's counts and the alias book between calls: a new announcement or an
    alias edit must still give exactly the weights of a fresh index."""
    for text in ("Zorblax launches a phone", "Quantico cuts jobs", "Apple unveils the iPhone 14"):
        add_announcement(uow(), new_announcement(text=text, issuer="X"), actor="ed", now=now, follow_up=False)

    def weights_as_a_fresh_index():
        with sessions() as session:
            memo = book_memo(session)
            assert memo.book.to_data() == alias_book(session).to_data()
            rows = [announcement_text(a) for a in session.scalars(select(Announcement))]
            expected = CandidateIndex(rows, memo.book)
            terms = {t for a in rows for t in expected.terms(a.text)} | {"quantico", "zorblax"}
            idf = term_weights.recent_weights(session, [], terms, memo.book, sample=3000)
            assert {t: idf(t) for t in terms} == {t: expected.idf(t) for t in terms}
            return expected

    assert weights_as_a_fresh_index().document_frequency("zorblax") == 1
    add_announcement(uow(), new_announcement(text="Zorblax buys a rival", issuer="X"), actor="ed", now=now,
                     follow_up=False)
    assert weights_as_a_fresh_index().document_frequency("zorblax") == 2
    add_alias(uow(), "Zorblax", "Quantico", actor="ed", now=now)
    assert weights_as_a_fresh_index().document_frequency("quantico") == 3
    remove_alias(uow(), "Zorblax", actor="ed", now=now)
    assert weights_as_a_fresh_index().document_frequency("quantico") == 1


def test_the_kept_claim_counts_follow_a_new_claim(uow, sessions, now):
    log_claim(uow(), new_claim(), actor="ana", now=now, follow_up=False)
    assert len(candidates(sessions, LEICA_RUMOR)) == 1
    log_claim(uow(), new_claim(source="Other", text=f"{LEICA_RUMOR}, a leaker says"), actor="ana", now=now,
              follow_up=False)
    assert len(candidates(sessions, LEICA_RUMOR)) == 2
    with sessions() as session:
        lengths = list(session.scalars(select(Claim.term_count)))
        assert claim_index._collection(session) == bm25.Collection(2, sum(lengths) / 2)
