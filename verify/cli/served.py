"""`verify dashboard`: the Streamlit board on the database this command was pointed at."""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path

import click

from verify.cli.app import App, friendly_errors, pass_app
from verify.config import DATABASE_URL_VARIABLE
from verify.errors import VerifyError


def dashboard_app() -> Path:
    """The Streamlit entrypoint, shipped inside the package as `verify.dashboard` (see pyproject.toml).

    Streamlit runs it, and its pages beside it, as files: the package must be installed as a folder, as pip does.
    """
    app = files("verify.dashboard") / "app.py"
    if not isinstance(app, Path) or not app.is_file():
        raise VerifyError(f"The dashboard is missing from this installation of verify ({app}): "
                          "reinstall it with pip.")
    return app


@click.command()
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="localhost", show_default=True, help="Address to listen on (0.0.0.0: everyone).")
@pass_app
@friendly_errors
def dashboard(app: App, port: int, host: str) -> None:
    """Start the dashboard and print the address to open.

    Example: verify dashboard --port 8502
    """
    entrypoint = dashboard_app()
    app.engine  # noqa: B018 - fail here, clearly, if the database is missing or old
    url = app.engine.url
    data = url.database if url.get_backend_name() == "sqlite" and url.database else repr(url)
    click.echo(f"verify dashboard: open http://{host}:{port}/  (data: {data}; Ctrl+C stops)")
    sys.stdout.flush()
    env = dict(os.environ, **{DATABASE_URL_VARIABLE: app.settings.database_url, "VERIFY_USER": app.settings.user})
    args = [sys.executable, "-m", "streamlit", "run", str(entrypoint), "--server.headless", "true",
            "--server.port", str(port), "--server.address", host, "--browser.gatherUsageStats", "false",
            "--client.toolbarMode", "minimal",
            # The line above is all a journalist needs: no Streamlit banner, server log lines or tips (warnings
            # still show); the installed app's files never change, so nothing watches them.
            "--logger.hideWelcomeMessage", "true", "--logger.level", "warning", "--server.fileWatcherType", "none"]
    os.execve(sys.executable, args, env)


COMMANDS = [dashboard]
