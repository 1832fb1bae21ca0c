"""Shared by the reliability tests: whole-database snapshots, row counts, and the real `verify` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, MetaData, func, select, text

VERIFY = [str(Path(sys.executable).with_name("verify"))]
TABLES = ("sources", "claims", "announcements", "matches", "events", "feeds", "entity_aliases")


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table (alembic_version included), in primary-key order, as plain tuples."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key.columns))]
            if table.primary_key.columns else sorted(tuple(row) for row in connection.execute(select(table)))
            for name, table in metadata.tables.items()
        }


def counts(engine: Engine, tables=TABLES) -> dict[str, int]:
    with engine.connect() as connection:
        return {name: connection.execute(select(func.count()).select_from(text(name))).scalar_one()
                for name in tables}


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def claim_rows(count: int, *, prefix: str = "r", source: str = "Wire") -> list[dict]:
    """Distinct, valid claims: each has its own external id and text."""
    return [{"text": f"Rumor {prefix}{i}: a product launch in July", "source": source,
             "published": "2022-03-28", "external_id": f"{prefix}{i}"} for i in range(count)]


def run_verify(database_url: str, *args: str, user: str = "ana", timeout: float = 60,
               env: dict | None = None) -> subprocess.CompletedProcess:
    """The installed `verify` command in its own process, as a user would run it."""
    environ = dict(os.environ, VERIFY_DATABASE_URL=database_url, **(env or {}))
    return subprocess.run([*VERIFY, "--user", user, *args], capture_output=True, text=True, timeout=timeout,
                          env=environ)
