"""Announcements: adding or importing one runs the matcher and shows what it matched; bad input writes nothing."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from verify.db.models import Announcement, Match


def button(app, label):
    return next(b for b in app.button if b.label == label)


def count(sessions, model) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def add(app, *, text="Globex to open a battery plant in Ohio", issuer="Globex", published="2022-08-01"):
    app.text_area(key="announcement_text").input(text)
    app.text_input(key="announcement_issuer").input(issuer)
    app.text_input(key="announcement_published").input(published)
    return button(app, "Add and match").click().run()


def test_an_empty_list_says_how_to_start(open_page):
    assert any("No announcements yet" in info.value for info in open_page("announcements").info)


def test_a_new_announcement_is_matched_at_once_and_its_matches_shown(open_page, demo, sessions):
    app = add(open_page("announcements"), text="Intel completes talks to acquire Mellanox Technologies for $6 billion",
              issuer="Intel", published="2019-03-01")
    assert "What the new announcement(s) matched" in [h.value for h in app.subheader]
    shown = app.dataframe[0].value
    assert any("Mellanox" in text for text in shown["Claim"])
    with sessions() as session:
        new_id = session.scalar(select(Announcement.id).where(Announcement.issuer == "Intel"))
        assert session.scalar(select(func.count()).select_from(Match).where(Match.announcement_id == new_id)) >= 1


def test_bad_input_is_a_clear_message_and_nothing_is_stored(open_page, sessions):
    for values, message in [({"issuer": ""}, "The issuer is empty"), ({"text": ""}, "announcement text is empty"),
                            ({"published": "someday"}, "Cannot read the date")]:
        app = add(open_page("announcements"), **values)
        assert message in app.error[0].value, values
    assert count(sessions, Announcement) == 0


def test_an_uploaded_file_is_imported_and_matched(open_page, demo, sessions):
    before = count(sessions, Announcement)
    rows = [{"text": "Microsoft confirms it is in talks to buy TikTok in the US", "issuer": "Microsoft",
             "published": "2020-08-03", "external_id": "up-1"}]
    app = open_page("announcements")
    app.file_uploader[0].set_value(("new.jsonl", "\n".join(map(json.dumps, rows)).encode(), "application/json"))
    app.run()
    button(app, "Import and match").click().run()
    assert "Imported 1 announcement(s)" in app.success[0].value
    assert count(sessions, Announcement) == before + 1


def test_a_bad_file_names_the_row_and_imports_nothing(open_page, sessions):
    app = open_page("announcements")
    app.file_uploader[0].set_value(("bad.csv", b"text,issuer,published\nok,Acme,2022-01-01\n,Acme,not a date\n",
                                    "text/csv"))
    app.run()
    button(app, "Import and match").click().run()
    assert "bad.csv" in app.error[0].value and "line 3" in app.error[0].value
    assert count(sessions, Announcement) == 0


def test_a_viewer_reads_but_cannot_add(open_page, demo):
    app = open_page("announcements", role="viewer")
    assert "may read announcements but not add them" in app.info[0].value
    assert len(app.dataframe[0].value) == 12


def test_announcements_are_listed_newest_published_first_and_can_be_searched(open_page, demo):
    app = open_page("announcements")
    listed = app.dataframe[-1].value
    assert list(listed["Published"]) == sorted(listed["Published"], reverse=True)
    app.text_input(key="announcement_search").input("vmware broadcom").run()
    found = app.dataframe[-1].value
    assert len(found) >= 1 and all("VMware" in text for text in found["Announcement"])
    app.text_input(key="announcement_search").input("zzzz nothing").run()
    assert "No announcement has these words" in app.info[-1].value


def test_a_feed_read_from_an_uploaded_file_shows_its_name_never_the_server_path():
    from verify.dashboard.feeds import feed_label

    assert feed_label("/home/newsroom/.local/share/verify/feeds/0123456789abcdef-press.xml") == \
        "uploaded file press.xml"
    assert feed_label("https://press.example.com/rss.xml") == "https://press.example.com/rss.xml"
