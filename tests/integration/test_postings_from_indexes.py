"""A term's postings, with the length of each posting's open claim, are read from indexes alone on PostgreSQL
(migration 0011), in a plan made for the values at hand and in one kept for any values (a prepared
statement's generic plan, which psycopg uses after a statement's fifth run on a connection)."""

from datetime import date

import pytest
from sqlalchemy import event, text
from sqlalchemy.dialects import postgresql

from tests.factories import LEICA_RUMOR, new_claim
from verify.core import status as st
from verify.db.search import claim_index
from verify.services import log_claim

READS = [("claim_terms", "pk_claim_terms"), ("claims", "ix_claims_open_postings")]


def plan(connection, plan_cache_mode: str) -> str:
    """The plan PostgreSQL uses for the postings statement, prepared, under this `plan_cache_mode`; scans of
    whole tables are priced out so that the test database's few rows do not decide it."""
    statement = claim_index.postings_statement("leica", date(2022, 6, 1))
    compiled = statement.compile(dialect=postgresql.dialect(paramstyle="numeric_dollar"),
                                 compile_kwargs={"render_postcompile": True})
    values = ", ".join(f"'{compiled.params[name]}'" for name in compiled.positiontup)  # a word and a date
    for name, value in [("enable_seqscan", "off"), ("enable_bitmapscan", "off"), ("plan_cache_mode", plan_cache_mode)]:
        connection.execute(text("SELECT set_config(:name, :value, true)"), {"name": name, "value": value})
    connection.exec_driver_sql(f"PREPARE postings AS {compiled}")
    return "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN EXECUTE postings({values})"))


@pytest.mark.parametrize("plan_cache_mode", ["force_custom_plan", "force_generic_plan"])
@pytest.mark.parametrize(("table", "index"), READS)
def test_the_postings_and_their_claims_are_read_from_indexes_alone_on_postgresql(engine, table, index,
                                                                                 plan_cache_mode):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite reads a posting's tf with its key (WITHOUT ROWID) and a claim by its rowid")
    with engine.connect() as connection, connection.begin():
        found = plan(connection, plan_cache_mode)
    assert f"Index Only Scan using {index} on {table}" in found, found


@pytest.mark.parametrize(("status", "published", "length_read"), [
    (st.PENDING, date(2022, 5, 1), True),
    (st.PENDING, date(2022, 7, 1), False),  # published after the announcement's day
    ("retracted", date(2022, 5, 1), False),
])
def test_a_posting_carries_its_claims_length_only_when_the_claim_can_be_proposed(uow, engine, now, status,
                                                                                 published, length_read):
    claim_id = log_claim(uow(), new_claim(text=LEICA_RUMOR, published=published), actor="ana", now=now,
                         follow_up=False)
    with engine.begin() as connection:
        connection.execute(text("UPDATE claims SET status = :status WHERE id = :id"),
                           {"status": status, "id": claim_id})
        rows = connection.execute(claim_index.postings_statement("leica", date(2022, 6, 1))).all()
        length = connection.execute(text("SELECT term_count FROM claims WHERE id = :id"), {"id": claim_id}).scalar()
    assert [tuple(row) for row in rows] == [(claim_id, 1, length if length_read else None)]


def test_terms_read_among_the_claims_found_are_planned_for_those_claims_on_postgresql(uow, sessions, engine, now):
    """psycopg prepares a statement on its sixth run, and PostgreSQL may then keep one plan for any values: for
    "these terms among these thousands of claims" that plan walks every posting of every claim. The setting
    that prevents it holds for that statement only."""
    for source in ("a", "b"):
        log_claim(uow(), new_claim(source=source), actor="ana", now=now, follow_up=False)
    terms, modes = ["leica", "launch"], {}

    def note_the_mode(connection, cursor, statement, parameters, context, executemany):
        if engine.dialect.name == "postgresql" and statement.lstrip().startswith("SELECT claim_terms"):
            kind = "among" if "ANY" in statement else "postings"
            modes[kind] = cursor.connection.execute("SHOW plan_cache_mode").fetchone()[0]

    event.listen(engine, "before_cursor_execute", note_the_mode)
    try:
        with sessions() as session:
            # A budget of one posting leaves "launch" to be read among the claims "leica" found.
            narrow = claim_index.open_claims(session, terms, until=date(2022, 6, 1), budget=1)
            after = session.scalar(text("SHOW plan_cache_mode")) if engine.dialect.name == "postgresql" else None
    finally:
        event.remove(engine, "before_cursor_execute", note_the_mode)
    with sessions() as session:
        wide = claim_index.open_claims(session, terms, until=date(2022, 6, 1))
    assert narrow == wide and len(wide) == 2
    if engine.dialect.name == "postgresql":  # SQLite keeps no plans across statements
        assert modes == {"postings": "auto", "among": "force_custom_plan"} and after == "auto"
