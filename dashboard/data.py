"""The dashboard's only door to verify: a cached engine and cached plain-data queries."""

from __future__ import annotations

import os
from datetime import date

import streamlit as st

from verify import queries
from verify.config import load_settings
from verify.db.engine import make_engine, session_factory
from verify.db.migrate import ensure_current


@st.cache_resource
def engine():
    built = make_engine(load_settings(os.environ.get("VERIFY_DATABASE_URL")).database_url)
    ensure_current(built)
    return built


@st.cache_data(ttl=30, show_spinner=False)
def claims(as_of: date, status: str | None = None, source: str | None = None) -> list[dict]:
    with session_factory(engine())() as session:
        return [row.to_dict() for row in queries.list_claims(session, as_of=as_of, status=status, source=source,
                                                              reveal_confidential=False)]
