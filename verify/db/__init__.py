"""Persistence: SQLAlchemy models, engines and sessions, the unit of work, and migrations."""
