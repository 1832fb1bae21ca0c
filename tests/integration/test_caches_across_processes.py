"""The matcher's per-process caches (the alias book and its analyses, the term weights' sample) stay correct
when another process writes: process A warms its cache, process B changes the store, and A's next call
sees the change (`verify.db.cache`, store versions kept by the triggers of migration 0009)."""

import subprocess
import sys
import textwrap

from sqlalchemy import delete

from tests.factories import new_announcement
from verify.db.models import EntityAlias
from verify.db.search.memo import book_memo
from verify.db.search.term_weights import recent_sample
from verify.services import add_announcement
from verify.services.aliases import add_alias, alias_book

SAMPLE = 3000


def in_another_process(database_url: str, code: str) -> None:
    """Run `code` in a fresh Python process with `sessions` and `uow()` on the same database."""
    prelude = ("from datetime import UTC, datetime\n"
               "from verify.db.engine import make_engine, session_factory\nfrom verify.db.uow import UnitOfWork\n"
               f"sessions = session_factory(make_engine({database_url!r}))\nuow = lambda: UnitOfWork(sessions)\n"
               "now = datetime(2022, 9, 1, tzinfo=UTC)\n")
    subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], check=True, timeout=120)


def book_in(sessions):
    with sessions() as session:
        return book_memo(session).book.to_data()


def stored_book(sessions):
    with sessions() as session:
        return alias_book(session).to_data()


def test_an_alias_added_by_another_process_is_in_the_next_book(database_url, sessions):
    before = book_in(sessions)
    in_another_process(database_url, """
        from verify.services.aliases import add_alias
        add_alias(uow(), "Zorblax", "Quuxcorp", actor="b", now=now)
    """)
    after = book_in(sessions)
    assert after != before and after == stored_book(sessions)


def test_an_alias_edited_by_another_process_is_edited_in_the_next_book(database_url, sessions, uow, now):
    add_alias(uow(), "Zorblax", "Quuxcorp", actor="a", now=now)
    before = book_in(sessions)
    in_another_process(database_url, """
        from sqlalchemy import update
        from verify.db.models import EntityAlias
        with sessions() as session:
            session.execute(update(EntityAlias).where(EntityAlias.alias == "Zorblax").values(canonical="Frobco"))
            session.commit()
    """)
    after = book_in(sessions)
    assert after != before and after == stored_book(sessions)


def test_an_alias_deleted_by_another_engine_is_gone_from_the_next_book(database_url, sessions, uow, now):
    add_alias(uow(), "Zorblax", "Quuxcorp", actor="a", now=now)
    with_alias = book_in(sessions)
    from verify.db.engine import make_engine, session_factory

    other = make_engine(database_url)
    with session_factory(other)() as session:
        session.execute(delete(EntityAlias).where(EntityAlias.alias == "Zorblax"))
        session.commit()
    other.dispose()
    after = book_in(sessions)
    assert after != with_alias and after == stored_book(sessions)


def test_an_announcement_added_by_another_process_is_in_the_next_sample(database_url, sessions, uow, now):
    add_announcement(uow(), new_announcement(text="Acme opens a factory"), actor="a", now=now, follow_up=False)
    with sessions() as session:
        assert recent_sample(session, SAMPLE).counts.get("zeppelin", 0) == 0
    in_another_process(database_url, """
        from verify.services import NewAnnouncement, add_announcement
        add_announcement(uow(), NewAnnouncement(text="Acme launches the Zeppelin", issuer="Acme",
                                                published="2022-08-01"), actor="b", now=now, follow_up=False)
    """)
    with sessions() as session:
        sample = recent_sample(session, SAMPLE)
        assert len(sample.ids) == 2 and sample.counts.get("zeppelin") == 1


def test_an_announcement_text_edited_by_another_process_is_weighed_afresh(database_url, sessions, uow, now):
    first = add_announcement(uow(), new_announcement(text="Acme opens a factory"), actor="a", now=now,
                             follow_up=False)
    with sessions() as session:
        assert recent_sample(session, SAMPLE).counts.get("zeppelin", 0) == 0
    in_another_process(database_url, f"""
        from verify.db.models import Announcement
        with sessions() as session:
            session.get(Announcement, {first}).text = "Acme opens a Zeppelin hangar"
            session.commit()
    """)
    with sessions() as session:
        assert recent_sample(session, SAMPLE).counts.get("zeppelin") == 1


def test_what_a_rolled_back_write_showed_its_own_transaction_is_never_served_afterwards(sessions, uow, now):
    with sessions() as session:
        session.add(EntityAlias(alias="Zorblax", canonical="Quuxcorp", kind="org", origin="user", added_by="a",
                                added_at=now))
        session.flush()
        assert "zorblax" in str(book_memo(session).book.to_data()).lower()
        session.rollback()
    assert "zorblax" not in str(book_in(sessions)).lower()
    add_alias(uow(), "Frobnik", "Quuxcorp", actor="a", now=now)
    assert book_in(sessions) == stored_book(sessions)
