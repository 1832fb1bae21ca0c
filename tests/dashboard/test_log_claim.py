"""Log a rumor: the preview shows the resolved date, window and near-duplicates and writes nothing; saving
writes one claim and its event; bad input shows a clear message and writes nothing; articles suggest claims."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.dashboard.conftest import EDITOR
from verify.db.models import Claim, Event

ARTICLE = """Xiaomi is reportedly planning to launch its first Leica phone in July, according to people familiar
with the matter.

The company sold 191 million phones in 2021."""


def claims_stored(sessions) -> list[Claim]:
    with sessions() as session:
        return list(session.scalars(select(Claim).order_by(Claim.id)))


def fill(app, *, text="Globex will open a battery plant in Ohio in July", source="Globe Gazette",
         published="2022-03-28", url="", confidence="likely"):
    app.text_area(key="claim_text").input(text)
    app.text_input(key="new_source").input(source)
    app.text_input(key="claim_published").input(published)
    app.text_input(key="claim_url").input(url)
    app.text_input(key="claim_confidence").input(confidence)
    return button(app, "Preview").click().run()


def button(app, label):
    return next(b for b in app.button if b.label == label)


def texts(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_the_preview_shows_the_resolved_date_and_window_and_writes_nothing(open_page, sessions):
    app = fill(open_page("log_claim"), published="28 March 2022")
    assert not app.error
    shown = texts(app)
    assert "28 March 2022 (2022-03-28)" in shown
    assert "1–31 Jul 2022" in shown and "The deadline is 2022-07-31" in shown
    assert "No similar claim found" in shown
    assert claims_stored(sessions) == []


def test_the_preview_explains_a_window_read_from_another_language_in_the_reporters_terms(open_page, sessions):
    app = fill(open_page("log_claim"), text="消息称，该公司将于明年上半年发布新款折叠屏手机", published="2022-09-05")
    assert not app.error
    shown = texts(app)
    assert "read from “明年上半年” = the first half of next year" in shown
    assert "The deadline is 2023-06-30" in shown
    assert claims_stored(sessions) == []


def test_logging_after_the_preview_writes_the_claim_and_its_event(open_page, sessions):
    app = fill(open_page("log_claim"), url="https://gazette.example/ohio")
    button(app, "Log this rumor").click().run()
    assert "It is on the board now" in app.success[0].value
    [claim] = claims_stored(sessions)
    assert (claim.text, claim.url, claim.logged_by, claim.confidence) == (
        "Globex will open a battery plant in Ohio in July", "https://gazette.example/ohio", EDITOR, 0.7)
    with sessions() as session:
        kinds = session.execute(select(Event.kind, Event.actor).where(Event.claim_id == claim.id)).all()
    assert kinds == [("logged", EDITOR)]


def test_a_claim_already_logged_shows_up_before_saving(open_page, demo):
    app = fill(open_page("log_claim"), text="Intel is in talks to buy Mellanox for $6 billion", source="CNBC")
    assert "reads as a repeat of 1 claim(s) already logged" in app.warning[0].value
    assert "Intel is in talks to acquire Mellanox Technologies for about $6 billion" in list(
        app.dataframe[0].value["Claim"])


def test_bad_input_shows_a_clear_message_and_writes_nothing(open_page, sessions):
    for values, message in [
        ({"text": ""}, "The claim text is empty"),
        ({"published": "the 45th of Smarch"}, "Cannot read the date"),
        ({"published": "2999-01-01"}, "is in the future"),
        ({"url": "javascript:alert(1)"}, "is not a web address"),
        ({"source": ""}, "The source is empty"),
    ]:
        app = fill(open_page("log_claim"), **values)
        assert message in app.error[0].value, (values, app.error[0].value)
        assert not [b for b in app.button if b.label == "Log this rumor"]
    assert claims_stored(sessions) == []


def test_an_article_suggests_claims_and_one_is_logged_with_its_url(open_page, sessions):
    app = open_page("log_claim")
    app.text_area(key="article_text").input(ARTICLE)
    app.text_input(key="article_outlet").input("The Verge")
    app.text_input(key="article_published").input("2022-03-28")
    app.text_input(key="article_url").input("https://www.theverge.example/xiaomi-leica")
    button(app, "Suggest claims").click().run()
    assert "1 suggestion(s)" in "\n".join(c.value for c in app.caption)
    assert "1–31 Jul 2022" in "\n".join(c.value for c in app.caption)
    button(app, "Log this claim").click().run()
    [claim] = claims_stored(sessions)
    assert claim.url == "https://www.theverge.example/xiaomi-leica" and claim.text.startswith("Xiaomi is reportedly")
    assert claim.window_end.isoformat() == "2022-07-31"


def test_a_viewer_cannot_log(open_page, sessions):
    app = open_page("log_claim", role="viewer")
    assert "may read the board but not log" in app.info[0].value
    assert not app.text_area


def test_the_form_counts_nothing_twice(open_page, sessions):
    app = fill(open_page("log_claim"))
    button(app, "Log this rumor").click().run()
    app = fill(app)
    assert "Already logged: claim 1 is this report" in app.error[0].value
    assert not [b for b in app.button if b.label in ("Log this rumor", "Log as a new rumor")]
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Claim)) == 1


def test_the_same_report_again_can_only_be_logged_as_an_explicit_repeat_linked_to_it(open_page, sessions):
    app = fill(open_page("log_claim"))
    button(app, "Log this rumor").click().run()
    app = fill(app, text="Globex will open a battery plant in Ohio in July.")
    assert "Already logged: claim 1" in app.error[0].value
    button(app, "Log as a repeat").click().run()
    assert "linked as a repeat of claim 1" in app.success[0].value
    stored = claims_stored(sessions)
    assert [claim.duplicate_of_id for claim in stored] == [None, 1]
    with sessions() as session:
        event = session.scalar(select(Event).where(Event.kind == "duplicate_linked").order_by(Event.id.desc()))
        assert (event.claim_id, event.actor, event.evidence["by_hand"]) == (2, EDITOR, True)


def test_another_outlets_repeat_is_offered_as_a_repeat_and_may_still_be_logged_as_new(open_page, sessions):
    app = fill(open_page("log_claim"))
    button(app, "Log this rumor").click().run()
    app = fill(app, source="Other Courier", published="2022-03-29")
    assert "reads as a repeat of 1 claim(s)" in app.warning[0].value and not app.error
    assert app.selectbox(key="repeat_choice").value.startswith("A repeat of claim 1 (Globe Gazette")
    button(app, "Log as a new rumor").click().run()
    assert len(claims_stored(sessions)) == 2


def test_the_preview_warns_when_the_claims_time_is_past_and_logging_still_works(open_page, sessions):
    app = fill(open_page("log_claim"), text="Globex opened its battery plant in Ohio last week",
               published="2022-03-28")
    assert "reads as past" in app.warning[0].value and "last week" in app.warning[0].value
    assert claims_stored(sessions) == []
    button(app, "Log this rumor").click().run()
    assert len(claims_stored(sessions)) == 1


def test_the_preview_of_a_claim_looking_ahead_shows_no_past_warning(open_page):
    app = fill(open_page("log_claim"))
    assert not [w for w in app.warning if "reads as past" in w.value]
