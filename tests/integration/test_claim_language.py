"""A claim's language is detected and stored when it is logged or imported, and an editor can set it by hand:
the window is then read again in that language (unless it was set by hand), and the change is an event."""

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tests.factories import new_claim
from verify.db.models import Claim, Event
from verify.errors import Conflict, InvalidInput
from verify.queries.preview import preview_claim
from verify.services import correct_window, import_claims, log_claim, retract_claim
from verify.services.claims import set_language
from verify.services.published import correct_published

# Invented claims. Too few German words for the detector, which reads this one as English (all of 2025).
TERSE_GERMAN = "Tesla Model 2 kommt Anfang 2025"
TERSE_FRENCH = "iPhone 17 Air : sortie fin septembre"
PUBLISHED = date(2024, 6, 3)


@pytest.fixture
def now():
    return datetime(2024, 6, 10, 9, 0, tzinfo=UTC)


def stored(sessions, claim_id):
    with sessions() as session:
        claim = session.get(Claim, claim_id)
        session.expunge(claim)
        return claim


def events(sessions, claim_id, kind):
    with sessions() as session:
        return session.scalars(select(Event).where(Event.claim_id == claim_id, Event.kind == kind)).all()


@pytest.mark.parametrize(("text", "language"), [
    ("Xiaomi's first Leica-branded phone will launch in July", "en"),
    ("消息称，华为新款折叠屏手机将于明年上半年发布", "zh"),
    ("任天堂の新型機は来年春に発売される見込み", "ja"),
    ("Volkswagen soll den neuen Golf im Herbst vorstellen, heißt es aus dem Konzern", "de"),
    ("Renault devrait présenter la nouvelle Twingo à la fin de l'année, selon nos sources", "fr"),
    ("Según fuentes del sector, Seat lanzará el nuevo Ibiza a finales de año", "es"),
])
def test_a_logged_claim_stores_the_language_detected_from_its_text(uow, sessions, now, text, language):
    claim_id = log_claim(uow(), new_claim(text=text, published=PUBLISHED), actor="ana", now=now)
    claim = stored(sessions, claim_id)
    assert (claim.language, claim.language_by_hand) == (language, False)
    assert events(sessions, claim_id, "logged")[0].evidence["language"] == language


def test_a_language_given_when_logging_is_kept_and_the_window_is_read_in_it(uow, sessions, now):
    detected = log_claim(uow(), new_claim(text=TERSE_GERMAN, published=PUBLISHED), actor="ana", now=now)
    given = log_claim(uow(), new_claim(text=TERSE_GERMAN, published=PUBLISHED, source="Heise", language="DE"),
                      actor="ana", now=now)
    assert stored(sessions, detected).language == "en"
    assert stored(sessions, detected).window_end == date(2025, 12, 31)  # "2025" alone
    claim = stored(sessions, given)
    assert (claim.language, claim.language_by_hand) == ("de", True)
    assert (claim.window_start, claim.window_end) == (date(2025, 1, 1), date(2025, 4, 30))  # "Anfang 2025"


def test_a_language_verify_does_not_read_is_refused_with_the_choices(uow, now):
    with pytest.raises(InvalidInput, match="not one verify reads: use one of en, de"):
        log_claim(uow(), new_claim(language="klingon"), actor="ana", now=now)


def test_setting_the_language_reads_the_window_again_and_records_an_event(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(text=TERSE_FRENCH, published=PUBLISHED), actor="ana", now=now)
    assert stored(sessions, claim_id).window_end is None  # read as English: no time named
    done = set_language(uow(), str(claim_id), "fr", actor="ed", now=now, reason="French, from a Paris outlet")
    assert (done.before, done.after, done.window_kept) == ("en", "fr", False)
    assert done.window == {"start": "2024-09-21", "end": "2024-09-30", "granularity": "month",
                           "expression": "fin septembre"}
    claim = stored(sessions, claim_id)
    assert (claim.language, claim.language_by_hand) == ("fr", True)
    assert (claim.window_start, claim.window_end) == (date(2024, 9, 21), date(2024, 9, 30))
    [event] = events(sessions, claim_id, "language_set")
    assert (event.actor, event.reason) == ("ed", "French, from a Paris outlet")
    assert event.evidence["before"] == "en" and event.evidence["after"] == "fr"
    assert event.evidence["window_before"]["end"] is None and event.evidence["window_after"]["end"] == "2024-09-30"


def test_a_window_set_by_hand_is_kept_when_the_language_is_set(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(text=TERSE_GERMAN, published=PUBLISHED), actor="ana", now=now)
    correct_window(uow(), str(claim_id), None, "2025-06-30", actor="ed", now=now, reason="said by the CEO")
    done = set_language(uow(), str(claim_id), "de", actor="ed", now=now, reason="German")
    assert done.window_kept
    claim = stored(sessions, claim_id)
    assert (claim.language, claim.window_start, claim.window_end) == ("de", PUBLISHED, date(2025, 6, 30))


def test_a_corrected_publication_date_reads_the_window_in_the_stored_language(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(text=TERSE_GERMAN, published=PUBLISHED), actor="ana", now=now)
    set_language(uow(), str(claim_id), "de", actor="ed", now=now, reason="German")
    correct_published(uow(), str(claim_id), "2024-05-27", actor="ed", now=now, reason="ran a week earlier")
    claim = stored(sessions, claim_id)
    assert (claim.window_start, claim.window_end) == (date(2025, 1, 1), date(2025, 4, 30))


@pytest.mark.parametrize(("language", "reason", "message"), [
    ("xx", "because", "not one verify reads"),
    ("de", "  ", "reason for the language is empty"),
])
def test_setting_a_language_needs_a_known_language_and_a_reason(uow, now, language, reason, message):
    claim_id = log_claim(uow(), new_claim(text=TERSE_GERMAN, published=PUBLISHED), actor="ana", now=now)
    with pytest.raises(InvalidInput, match=message):
        set_language(uow(), str(claim_id), language, actor="ed", now=now, reason=reason)


def test_the_same_language_twice_and_a_retracted_claim_are_refused(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(text=TERSE_GERMAN, published=PUBLISHED), actor="ana", now=now)
    set_language(uow(), str(claim_id), "de", actor="ed", now=now, reason="German")
    with pytest.raises(InvalidInput, match="already set to de"):
        set_language(uow(), str(claim_id), "de", actor="ed", now=now, reason="German again")
    retract_claim(uow(), str(claim_id), actor="ed", now=now, reason="logged twice")
    with pytest.raises(Conflict, match="retracted"):
        set_language(uow(), str(claim_id), "en", actor="ed", now=now, reason="English")
    assert len(events(sessions, claim_id, "language_set")) == 1


def test_an_import_file_may_carry_the_language_and_otherwise_it_is_detected(uow, sessions, now, tmp_path):
    path = tmp_path / "claims.jsonl"
    rows = [{"text": TERSE_GERMAN, "source": "Heise", "published": "2024-06-03", "language": "de"},
            {"text": TERSE_GERMAN, "source": "Golem", "published": "2024-06-03", "language": ""},
            {"text": "消息称，小米汽车将于下个月交付", "source": "Weibo", "published": "2024-06-03"}]
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n", encoding="utf-8")
    report = import_claims(uow(), path, actor="ana", now=now)
    languages = [(stored(sessions, i).language, stored(sessions, i).language_by_hand) for i in report.added]
    assert languages == [("de", True), ("en", False), ("zh", False)]
    assert stored(sessions, report.added[0]).window_end == date(2025, 4, 30)
    assert stored(sessions, report.added[2]).window_end == date(2024, 7, 31)


def test_an_import_row_with_an_unknown_language_is_reported_with_its_line(uow, now, tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps({"text": TERSE_GERMAN, "source": "Heise", "published": "2024-06-03",
                                "language": "german"}) + "\n", encoding="utf-8")
    report = import_claims(uow(), path, actor="ana", now=now, skip_invalid=True)
    assert report.added == [] and report.problems[0][0] == 1 and "not one verify reads" in report.problems[0][1]


def test_the_preview_reads_the_window_in_the_language_given(uow, now):
    preview = preview_claim(uow(), new_claim(text=TERSE_FRENCH, published=PUBLISHED, language="fr"),
                            today=now.date())
    assert preview.window["end"] == "2024-09-30"
