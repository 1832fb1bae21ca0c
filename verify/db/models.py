"""The tables, as SQLAlchemy 2 models. Alembic migrations are the authority; these must agree with them
(`alembic check` in CI catches drift)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    delete,
    event,
    false,
    insert,
    inspect,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from verify.core.bm25 import MAX_TERM, term_frequencies
from verify.core.confidential import identity_key
from verify.errors import InvalidInput

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

STATUSES = ("pending", "confirmed", "partly_confirmed", "denied", "overdue", "retracted")
SOURCE_KINDS = ("outlet", "person")
DECISIONS = ("proposed", "accepted", "rejected")



class UtcTimestamp(TypeDecorator):
    """A moment, stored in UTC on every database and read back aware, in UTC.

    SQLite keeps no zone: a moment in the newsroom's zone (the application's clock) would be stored as its
    wall time and read back as if it were UTC, hours off, and compared as text with moments stored in UTC.
    A naive value is taken as UTC (what every writer used before the clock had a zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if isinstance(value, datetime):
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value

    def process_result_value(self, value, dialect):
        if isinstance(value, datetime):
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value


Timestamp = UtcTimestamp()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = (CheckConstraint("kind IN ('outlet', 'person')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="outlet")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    # The name as it counts for identity (verify.core.confidential.identity_key): other spellings of a
    # confidential source's name find it, and never become a new, public source.
    name_key: Mapped[str | None] = mapped_column(String(200), index=True)


@event.listens_for(Source.name, "set")
def _name_key(target: Source, value: str, _old, _initiator) -> None:
    target.name_key = identity_key(value)[:200] if isinstance(value, str) else None


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint("confidence IS NULL OR (confidence >= 0 AND confidence <= 1)", name="confidence"),
        Index("ix_claims_status_window_end", "status", "window_end"),
        Index("ix_claims_source_id_published", "source_id", "published"),
        Index("ix_claims_term_count", "term_count"),  # the mean length BM25 needs, read from the index alone
        # A posting's claim, if open, with what the search needs of it, read from the index alone on PostgreSQL
        # (`verify.db.search.claim_index`); SQLite reads the row by its rowid, so there it is kept empty.
        Index("ix_claims_open_postings", "id", "published", "term_count",
              postgresql_where=sql_text("status = 'pending'"), sqlite_where=sql_text("0")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    dedupe_key: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    origin_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    published: Mapped[date] = mapped_column(Date, index=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    logged_by: Mapped[str] = mapped_column(String(100))
    logged_at: Mapped[datetime] = mapped_column(Timestamp)
    confidence: Mapped[float | None] = mapped_column(Float)
    confidence_label: Mapped[str | None] = mapped_column(String(100))
    window_start: Mapped[date | None] = mapped_column(Date)
    window_end: Mapped[date | None] = mapped_column(Date)
    window_granularity: Mapped[str | None] = mapped_column(String(20))
    window_expression: Mapped[str | None] = mapped_column(String(200))
    window_by_hand: Mapped[bool] = mapped_column(Boolean, default=False)
    # The language the claim is written in ("en", "de", "fr", "es", "zh", "ja"): detected from the text when
    # logged, or set by an editor (`language_by_hand`); the time resolver reads the window in it.
    language: Mapped[str | None] = mapped_column(String(8))
    language_by_hand: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"))
    # A projection of the claim's events (the latest status change), kept for a fast board;
    # `overdue` is never stored: it depends on the date you look from.
    status: Mapped[str] = mapped_column(String(20), default="pending")
    # How many distinct index terms the text has (its length for BM25); kept with `claim_terms` below.
    term_count: Mapped[int] = mapped_column(Integer, default=0)

    source: Mapped[Source] = relationship(foreign_keys=[source_id])
    origin_source: Mapped[Source | None] = relationship(foreign_keys=[origin_source_id])


class ClaimTerm(Base):
    """One posting of the claims' term index: a claim's text contains `term` `tf` times.

    Keyed by (term, claim) so "the claims containing these terms" is one index range per term; on SQLite the
    table is stored in that order (WITHOUT ROWID), and on PostgreSQL the key's index carries `tf` (INCLUDE),
    so either reads a posting without a second lookup. Written only by the listeners at the end of this
    module, whatever service creates the claim.
    """

    __tablename__ = "claim_terms"
    __table_args__ = (PrimaryKeyConstraint("term", "claim_id", postgresql_include=["tf"]),
                      Index("ix_claim_terms_claim_id", "claim_id"), {"sqlite_with_rowid": False})

    term: Mapped[str] = mapped_column(String(MAX_TERM), primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    tf: Mapped[int] = mapped_column(Integer)


class AnnouncementTerm(Base):
    """One posting of the announcements' term index, like `ClaimTerm`: the matcher's term weights are read
    from it (`verify.db.search.term_weights`) instead of re-indexing the recent announcements per call."""

    __tablename__ = "announcement_terms"
    __table_args__ = (Index("ix_announcement_terms_announcement_id", "announcement_id"),
                      {"sqlite_with_rowid": False})

    term: Mapped[str] = mapped_column(String(MAX_TERM), primary_key=True)
    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id", ondelete="CASCADE"),
                                                 primary_key=True)
    tf: Mapped[int] = mapped_column(Integer)


class Announcement(Base):
    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    dedupe_key: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str] = mapped_column(String(200), index=True)
    published: Mapped[date] = mapped_column(Date, index=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[datetime] = mapped_column(Timestamp)
    # Feed items: the same item fetched twice (link) or syndicated under two URLs (fingerprint) is one row.
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id"))
    link_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    fingerprint: Mapped[str | None] = mapped_column(String(64), unique=True)


class Feed(Base):
    """A company newsroom's RSS or Atom feed, polled politely (ETag, Last-Modified)."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    issuer: Mapped[str] = mapped_column(String(200))
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[datetime] = mapped_column(Timestamp)
    etag: Mapped[str | None] = mapped_column(String(500))
    modified: Mapped[str | None] = mapped_column(String(100))
    last_polled_at: Mapped[datetime | None] = mapped_column(Timestamp)
    last_status: Mapped[str | None] = mapped_column(String(20))
    last_error: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_poll_at: Mapped[datetime | None] = mapped_column(Timestamp)


class EntityAlias(Base):
    """The alias book: another name for an organisation, product or person, editable by users."""

    __tablename__ = "entity_aliases"
    __table_args__ = (CheckConstraint("kind IN ('org', 'product', 'person', 'other')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias: Mapped[str] = mapped_column(String(200), unique=True)
    canonical: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="org")
    origin: Mapped[str] = mapped_column(String(20), default="user")  # user | learnt
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[datetime] = mapped_column(Timestamp)


class StoreVersion(Base):
    """A token per part of the store that processes cache ("aliases", "announcements"), changed by triggers
    on every write to it (migration 0009): a cache keyed on it sees other processes' writes."""

    __tablename__ = "store_versions"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


class Match(Base):
    __tablename__ = "matches"
    __table_args__ = (
        UniqueConstraint("claim_id", "announcement_id", name="uq_matches_claim_announcement"),
        CheckConstraint("decision IN ('proposed', 'accepted', 'rejected')", name="decision"),
        Index("ix_matches_decision_claim_id", "decision", "claim_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id"), index=True)
    score: Mapped[float] = mapped_column(Float)
    band: Mapped[str] = mapped_column(String(20))
    verdict: Mapped[str] = mapped_column(String(20))
    differs: Mapped[str | None] = mapped_column(Text)
    parts: Mapped[dict[str, Any]] = mapped_column(JSON)
    decision: Mapped[str] = mapped_column(String(20), default="proposed")
    proposed_at: Mapped[datetime] = mapped_column(Timestamp)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(Timestamp)

    claim: Mapped[Claim] = relationship()
    announcement: Mapped[Announcement] = relationship()


class Event(Base):
    """Append-only (database triggers refuse UPDATE and DELETE): the claim's history and the audit trail."""

    __tablename__ = "events"
    # by kind: the follow-ups still owed, asked by every command when it opens the database (migration 0010)
    __table_args__ = (Index("ix_events_claim_id_id", "claim_id", "id"), Index("ix_events_kind_id", "kind", "id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"))
    match_id: Mapped[int | None] = mapped_column(ForeignKey("matches.id"))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    # The claim's status from `effective_on` (a date in the world) when this event changes it.
    status: Mapped[str | None] = mapped_column(String(20))
    effective_on: Mapped[date | None] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(Timestamp, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class NewsroomSetting(Base):
    """A newsroom-wide choice (e.g. `auto_confirm`), stored so every desk and the matcher see the same one;
    each change is also an event recording who made it."""

    __tablename__ = "newsroom_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(Timestamp)


# The term indexes follow the texts here, at the one place every claim and announcement passes through on
# its way to the database (logging, imports, feeds, suggestions, the demo, anything added later), rather
# than in each service. Texts are not edited today; if one ever is, its postings follow.


@event.listens_for(Claim, "before_insert")
def _count_terms(_mapper, _connection, claim: Claim) -> None:
    claim.term_count = len(term_frequencies(claim.text))


@event.listens_for(Claim, "before_update")
def _recount_terms(_mapper, _connection, claim: Claim) -> None:
    if inspect(claim).attrs.text.history.has_changes():
        claim.term_count = len(term_frequencies(claim.text))


@event.listens_for(Claim, "after_insert")
@event.listens_for(Announcement, "after_insert")
def _index_terms(_mapper, connection, row: Claim | Announcement) -> None:
    _write_terms(connection, row)


@event.listens_for(Claim, "after_update")
@event.listens_for(Announcement, "after_update")
def _reindex_terms(_mapper, connection, row: Claim | Announcement) -> None:
    if inspect(row).attrs.text.history.has_changes():
        model, column = _POSTINGS[type(row)]
        connection.execute(delete(model).where(column == row.id))
        _write_terms(connection, row)


_POSTINGS = {Claim: (ClaimTerm, ClaimTerm.claim_id), Announcement: (AnnouncementTerm, AnnouncementTerm.announcement_id)}


def _write_terms(connection, row: Claim | Announcement) -> None:
    model, column = _POSTINGS[type(row)]
    postings = [{column.key: row.id, "term": term, "tf": tf} for term, tf in term_frequencies(row.text).items()]
    if postings:
        connection.execute(insert(model), postings)


class SignInAccount(Base):
    """Per dashboard account, shared by every dashboard process: failures, lockout, sessions revoked."""

    __tablename__ = "sign_in_accounts"

    username: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(Timestamp)
    locked_until: Mapped[datetime | None] = mapped_column(Timestamp)
    sessions_after: Mapped[datetime | None] = mapped_column(Timestamp)
    password_seen: Mapped[str | None] = mapped_column(String(64))


class SignInEvent(Base):
    """Every sign-in, failure, refusal and revocation (never a password)."""

    __tablename__ = "sign_in_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(200), index=True)
    outcome: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(Timestamp)
    detail: Mapped[str | None] = mapped_column(String(200))


# What a user calls each column a text they typed may go to (the others are named table.column).
FIELD_NAMES = {"logged_by": "user name (--user, $VERIFY_USER or the sign-in name)", "actor": "user name",
               "added_by": "user name", "decided_by": "user name", "changed_by": "user name",
               "confidence_label": "confidence words", "window_expression": "time expression",
               "modified": "feed's Last-Modified header", "etag": "feed's ETag header", "value": "setting's value"}
USER_COLUMNS = frozenset({"logged_by", "actor", "added_by", "decided_by", "changed_by", "username"})
_CONTROL_CHARACTERS = frozenset(chr(code) for code in (*range(32), 127))


@event.listens_for(Session, "before_flush")
def _texts_fit_their_columns(session: Session, _context, _instances) -> None:
    """The last guard for every way in (CLI, dashboard, files, feeds): a text longer than its column, or a
    user name with control characters, is one clear error on both databases (SQLite would store it,
    PostgreSQL would fail with a traceback), and nothing is written."""
    for row in (*session.new, *session.dirty):
        table = getattr(row, "__table__", None)
        for column in table.columns if table is not None else ():
            value = getattr(row, column.key, None)
            if isinstance(value, str):
                check_user_value(table, column.name, value)


def check_user_value(table, column_name: str, value: str) -> None:
    """The guard above for one value: the bulk import writes rows without the unit of work's flush, and
    checks with it what its own checks do not bound (the user name)."""
    column = table.columns[column_name]
    field = FIELD_NAMES.get(column.name, f"{table.name}.{column.name}")
    length = getattr(column.type, "length", None)
    if length and len(value) > length:
        raise InvalidInput(f"The {field} is {len(value):,} characters long; the limit is {length:,}. "
                           "Shorten it.")
    if column.name in USER_COLUMNS and _CONTROL_CHARACTERS.intersection(value):
        raise InvalidInput(f"The {field} {value!r} contains control characters: type it again.")
