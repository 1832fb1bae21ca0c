"""The alias book as users see it: the stored aliases (theirs and learnt ones), optionally the defaults."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from verify.core.entities import AliasBook
from verify.db.models import EntityAlias


def list_aliases(session: Session, *, include_defaults: bool = False) -> list[dict]:
    """Stored aliases by canonical name; with `include_defaults`, the shipped ones too (origin "default")."""
    rows = [
        {"alias": row.alias, "canonical": row.canonical, "kind": row.kind, "origin": row.origin,
         "added_by": row.added_by, "added_at": row.added_at.isoformat()}
        for row in session.scalars(select(EntityAlias).order_by(EntityAlias.canonical, EntityAlias.alias))
    ]
    if include_defaults:
        stored = {row["alias"] for row in rows}
        for canonical, entry in AliasBook.default().to_data().items():
            rows.extend({"alias": alias, "canonical": canonical, "kind": entry["kind"], "origin": "default",
                         "added_by": None, "added_at": None}
                        for alias in entry["aliases"] if alias not in stored)
        rows.sort(key=lambda row: (row["canonical"].casefold(), row["alias"].casefold()))
    return rows
