"""`verify dashboard`: the Streamlit board on the database this command was pointed at."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from verify.cli.app import App, friendly_errors, pass_app
from verify.config import DATABASE_URL_VARIABLE
from verify.errors import VerifyError

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@click.command()
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="localhost", show_default=True, help="Address to listen on (0.0.0.0: everyone).")
@pass_app
@friendly_errors
def dashboard(app: App, port: int, host: str) -> None:
    """Start the dashboard and print the address to open.

    Example: verify dashboard --port 8502
    """
    if not DASHBOARD.is_file():
        raise VerifyError(f"The dashboard is missing at {DASHBOARD}: run verify from its source checkout.")
    app.engine  # noqa: B018 - fail here, clearly, if the database is missing or old
    click.echo(f"verify dashboard: open http://{host}:{port}/  (database: {app.engine.url!r}; Ctrl+C stops)")
    sys.stdout.flush()
    env = dict(os.environ, **{DATABASE_URL_VARIABLE: app.settings.database_url, "VERIFY_USER": app.settings.user})
    args = [sys.executable, "-m", "streamlit", "run", str(DASHBOARD), "--server.headless", "true",
            "--server.port", str(port), "--server.address", host, "--browser.gatherUsageStats", "false",
            "--client.toolbarMode", "minimal"]
    os.execve(sys.executable, args, env)


COMMANDS = [dashboard]
