"""A newsroom's worth of work for the kill and stress tests: claims and announcements that match each other,
a database built once and copied per run, a slow local newsroom serving feeds, and the checks every run
must pass (integrity, the follow-ups all done, the proposals an uninterrupted run makes).
"""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.conftest import create_postgres_database, drop_postgres_database, postgres_base_url
from tests.reliability.helpers import write_jsonl
from verify.db.engine import make_engine, session_factory
from verify.db.triggers import unprotected_tables
from verify.db.uow import UnitOfWork
from verify.services.feeds import add_feed
from verify.services.followup import owed_follow_ups

# 60 products, each with its own made-up maker and model: no word is shared between two products, so a
# claim's proposals are its own product's announcements whichever order they arrive in (a shared word such
# as "phone" gives weak proposals across products, and which of those a claim keeps depends on the order).
_FIRST, _SECOND = ["Kor", "Vel", "Dun", "Mar", "Tis", "Bal", "Quen", "Ros", "Fay", "Lum"], ["ax", "ebo", "ith",
                                                                                           "ova", "urn", "ik"]
PRODUCTS = [(f"{_FIRST[p % 10]}{_SECOND[p // 10]}", f"{_FIRST[(p + 3) % 10].lower()}{_SECOND[p // 10]}"
             "tron") for p in range(60)]
OUTLETS = ["Wire", "Desk", "Echo", "Ledger", "Herald", "Signal"]
CITIES = ["Lyon", "Oslo", "Porto", "Graz", "Turin", "Ghent"]


def claim_rows(products: range, *, outlets: int, prefix: str, day: int = 1, says: str = "hears") -> list[dict]:
    """Each product rumored by `outlets` outlets, in March from `day` on, for July: they repeat each other."""
    return [{"text": f"{PRODUCTS[p][0]} will launch the {PRODUCTS[p][1]} in July, {outlet} {says}",
             "source": outlet, "published": f"2022-03-{day + n:02d}", "external_id": f"{prefix}{p}-{n}"}
            for p in products for n, outlet in enumerate(OUTLETS[:outlets])]


def announcement_rows(products: range, *, cities: int, prefix: str) -> list[dict]:
    return [{"text": f"{PRODUCTS[p][0]} launches the {PRODUCTS[p][1]} today in {city}", "issuer": PRODUCTS[p][0],
             "published": f"2022-07-{5 + n:02d}", "external_id": f"{prefix}{p}-{n}"}
            for p in products for n, city in enumerate(CITIES[:cities])]


def feed_body(feed: int, products: range) -> bytes:
    items = "".join(
        f"<item><title>{PRODUCTS[p][0]} unveils the {PRODUCTS[p][1]} (feed {feed})</title>"
        f"<link>https://press{feed}.example/{p}</link><pubDate>Tue, {12 + feed:02d} Jul 2022 09:00:00 GMT</pubDate>"
        f"<description>{PRODUCTS[p][0]} unveils the {PRODUCTS[p][1]} for everyone.</description></item>"
        for p in products)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Press {feed}</title>{items}'
            "</channel></rss>").encode()


class _SlowNewsroom(BaseHTTPRequestHandler):
    """/feed<N>.rss, sent in small pieces over `server.seconds`, so a poll is still reading when killed."""

    def do_GET(self):
        body = self.server.feeds.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        size = -(-len(body) // 10)
        try:
            for start in range(0, len(body), size):
                self.wfile.write(body[start:start + size])
                self.wfile.flush()
                time.sleep(self.server.seconds / 10)
        except (BrokenPipeError, ConnectionResetError):  # the poll was killed while reading
            pass

    def log_message(self, *args):
        pass


@contextmanager
def slow_newsroom(feeds: dict[str, bytes], seconds: float):
    """Yield the base URL of a local server answering each feed in about `seconds`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowNewsroom)
    server.daemon_threads, server.feeds, server.seconds = True, feeds, seconds
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class Copies:
    """Fresh copies of one prepared database: a file copy on SQLite, CREATE DATABASE ... TEMPLATE on
    PostgreSQL. Each copy is dropped at the end."""

    def __init__(self, backend: str, folder: Path):
        self.backend, self.folder, self.made = backend, folder, []

    def empty(self) -> str:
        if self.backend == "sqlite":
            url = f"sqlite:///{self.folder / f'{uuid.uuid4().hex[:10]}.db'}"
        else:
            url = create_postgres_database(postgres_base_url())
        self.made.append(url)
        return url

    def copy(self, url: str) -> str:
        if self.backend == "sqlite":
            target = self.folder / f"{uuid.uuid4().hex[:10]}.db"
            with sqlite3.connect(make_url(url).database) as source, sqlite3.connect(target) as copied:
                source.backup(copied)  # (a plain file copy would miss what still sits in the -wal file)
            copied = f"sqlite:///{target}"
        else:
            copied = create_postgres_database(postgres_base_url(), template=make_url(url).database)
        self.made.append(copied)
        return copied

    def drop_all(self) -> None:
        for url in self.made if self.backend == "postgresql" else []:
            drop_postgres_database(postgres_base_url(), url)


def add_feeds(url: str, locations: list[str]) -> None:
    """Through the service, with the engine closed after (a database used as a template must be idle)."""
    engine = make_engine(url)
    for location in locations:
        add_feed(UnitOfWork(session_factory(engine)), location, issuer="Press", actor="setup",
                 now=datetime.now(UTC))
    engine.dispose()


def problems(url: str) -> list[str]:
    """What a consistency check finds wrong: SQLite's own integrity check, then on both databases every
    match with its claim and announcement, every claim and announcement with its term-index rows, every
    event's claim and match present, and the event log's append-only triggers in place."""
    found = []
    if url.startswith("sqlite"):
        with sqlite3.connect(make_url(url).database) as connection:
            check = connection.execute("PRAGMA integrity_check").fetchone()[0]
            keys = connection.execute("PRAGMA foreign_key_check").fetchall()
        found += [] if check == "ok" else [f"integrity_check: {check}"]
        found += [f"foreign key broken: {row}" for row in keys]
    engine = make_engine(url)
    checks = {
        "matches without their claim or announcement": "SELECT count(*) FROM matches m "
            "LEFT JOIN claims c ON c.id = m.claim_id LEFT JOIN announcements a ON a.id = m.announcement_id "
            "WHERE c.id IS NULL OR a.id IS NULL",
        "claims whose term-index rows are missing": "SELECT count(*) FROM claims c WHERE c.term_count <> "
            "(SELECT count(*) FROM claim_terms t WHERE t.claim_id = c.id)",
        "announcements without term-index rows": "SELECT count(*) FROM announcements a WHERE NOT EXISTS "
            "(SELECT 1 FROM announcement_terms t WHERE t.announcement_id = a.id)",
        "events whose claim or match is missing": "SELECT count(*) FROM events e "
            "LEFT JOIN claims c ON c.id = e.claim_id LEFT JOIN matches m ON m.id = e.match_id "
            "WHERE (e.claim_id IS NOT NULL AND c.id IS NULL) OR (e.match_id IS NOT NULL AND m.id IS NULL)",
        "claims logged without their event": "SELECT count(*) FROM claims c WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.claim_id = c.id AND e.kind = 'logged')",
    }
    try:
        with engine.connect() as connection:
            found += [f"{label}: {count}" for label, sql in checks.items()
                      if (count := connection.execute(text(sql)).scalar_one())]
            found += [f"append-only triggers missing on {table}" for table in unprotected_tables(connection)]
    finally:
        engine.dispose()
    return found


def outcome(url: str) -> dict:
    """What the work produced, by the rows' words (ids differ between runs): the proposals and decisions,
    the near-duplicate links, the claims' statuses, and how many of each row there are."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            matches = {tuple(row) for row in connection.execute(text(
                "SELECT c.text, a.text, m.band, m.verdict, m.decision, m.differs FROM matches m "
                "JOIN claims c ON c.id = m.claim_id JOIN announcements a ON a.id = m.announcement_id"))}
            links = {tuple(row) for row in connection.execute(text(
                "SELECT c.text, o.text FROM claims c JOIN claims o ON o.id = c.duplicate_of_id"))}
            statuses = dict(connection.execute(text("SELECT text, status FROM claims")).all())
            rows = {table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608
                    for table in ("claims", "announcements", "matches", "sources", "feeds")}
        owed = owed_follow_ups(UnitOfWork(session_factory(engine)))
    finally:
        engine.dispose()
    return {"matches": matches, "links": links, "statuses": statuses, "rows": rows, "owed": owed}


def write_files(folder: Path) -> dict[str, Path]:
    """The files the commands import: new claims about every product, announcements of the later half."""
    return {"claims": write_jsonl(folder / "new-claims.jsonl", claim_rows(range(0, 60), outlets=4, prefix="n", day=10,
                                                                   says="reports")),
            "announcements": write_jsonl(folder / "new-announcements.jsonl",
                                         announcement_rows(range(30, 60), cities=4, prefix="na"))}
