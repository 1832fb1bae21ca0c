"""The announcements page stores a press release once: the same release added or imported again (however
reworded, from the demo's import or a feed) is said to be already stored, and no row is added."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from verify.db.models import Announcement

# The demo's announcement demo-a1 (Xiaomi, 24 May 2022), as Xiaomi's newsroom feed words it.
COOPERATION = ("Xiaomi and Leica announce long-term strategic cooperation in mobile imaging. Xiaomi Corporation "
               "and Leica Camera AG announced a global strategic partnership in smartphone photography.")


def count(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(Announcement))


def test_adding_a_release_already_stored_says_so_and_adds_nothing(open_page, demo, sessions):
    before = count(sessions)
    app = open_page("announcements")
    app.text_area(key="announcement_text").input(COOPERATION)
    app.text_input(key="announcement_issuer").input("Xiaomi Corporation")
    app.text_input(key="announcement_published").input("2022-05-24")
    next(b for b in app.button if b.label == "Add and match").click().run()
    assert "already stored as announcement" in app.error[0].value
    assert count(sessions) == before


def test_importing_a_release_already_stored_counts_it_as_already_stored(open_page, demo, sessions):
    before = count(sessions)
    rows = [{"text": COOPERATION, "issuer": "Xiaomi", "published": "2022-05-24"},
            {"text": "Xiaomi reports first-quarter 2022 results", "issuer": "Xiaomi", "published": "2022-05-24"}]
    app = open_page("announcements")
    app.file_uploader[0].set_value(("feed.jsonl", "\n".join(map(json.dumps, rows)).encode(), "application/json"))
    app.run()
    next(b for b in app.button if b.label == "Import and match").click().run()
    assert "Imported 1 announcement(s); 1 were already stored." in app.success[0].value
    assert count(sessions) == before + 1
