"""The newsroom's alias book as stored: read here once for the matcher, the duplicate linker, the memo and
the similar-claims look-up, built by the one core builder (verify.core.entities.newsroom_alias_book)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from verify.core.entities import AliasBook, newsroom_alias_book
from verify.db.models import EntityAlias


def stored_aliases(session: Session) -> tuple[tuple[str, str, str], ...]:
    """Every stored alias as (canonical, alias, kind), in the order stored (a few rows); also the key of
    the memo (verify.db.search.memo)."""
    return tuple(tuple(row) for row in session.execute(
        select(EntityAlias.canonical, EntityAlias.alias, EntityAlias.kind).order_by(EntityAlias.id)))


def alias_book(session: Session) -> AliasBook:
    """The shipped defaults with every stored alias over them."""
    return newsroom_alias_book(stored_aliases(session))
