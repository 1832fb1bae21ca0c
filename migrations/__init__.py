"""The schema's migrations (Alembic's env.py and versions/), installed as `verify.migrations`."""
