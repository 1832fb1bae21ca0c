"""`present` finds which values a column holds: the same set as a query per `one_of` condition, on both
backends, however many values (more than one IN list), repeated or awkward (quotes, tabs, Unicode)."""

from __future__ import annotations

from sqlalchemy import select

from verify.db.models import Source
from verify.db.repository import IN_LIST, one_of, present

AWKWARD = ["plain", "tab\there", "back\\slash", "quote ' and \"", "é ü 中文", "?", "%s", ""]


def test_present_finds_the_stored_values_as_the_one_of_queries_do_across_several_in_lists(uow, now):
    names = [f"Outlet {i}" for i in range(IN_LIST + 7)] + AWKWARD
    with uow() as unit:
        unit.session.add_all([Source(name=name, kind="outlet", confidential=False, created_at=now)
                              for name in names[::2]])
        unit.session.flush()
        asked = [*names, *names[:20], "Outlet never stored"]
        found = present(unit.session, Source.name, asked)
        by_queries = {name for among in one_of(unit.session, Source.name, sorted(set(asked)))
                      for name in unit.session.scalars(select(Source.name).where(among))}
        assert found == by_queries == set(names[::2])


def test_present_of_nothing_is_nothing_and_of_non_text_columns_takes_the_general_path(uow, now):
    with uow() as unit:
        unit.session.add(Source(name="Reuters", kind="outlet", confidential=False, created_at=now))
        unit.session.flush()
        assert present(unit.session, Source.name, []) == set()
        assert present(unit.session, Source.created_at, [now]) == set(unit.session.scalars(
            select(Source.created_at)))  # moments converted both ways, as SQLAlchemy converts them
