"""What every command shares: settings, the database, the clock, and turning errors into one clear line."""

from __future__ import annotations

import functools
import json
import sys
from datetime import UTC, date, datetime

import click

from verify.config import Settings, load_settings
from verify.db.engine import make_engine, session_factory
from verify.db.migrate import ensure_current
from verify.db.uow import UnitOfWork
from verify.errors import VerifyError


class App:
    """Built lazily per command, so `--help` never touches the database."""

    def __init__(self, database_url: str | None, user: str | None):
        self.settings: Settings = load_settings(database_url, user)
        self._engine = None

    @property
    def engine(self):
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url)
            ensure_current(self._engine)
        return self._engine

    def uow(self) -> UnitOfWork:
        return UnitOfWork(session_factory(self.engine))

    def session(self):
        return session_factory(self.engine)()

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().date()


pass_app = click.make_pass_decorator(App)


def friendly_errors(command):
    """A user's mistake is one line on stderr and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except VerifyError as error:
            click.secho(f"Error: {error}", err=True, fg="red")
            sys.exit(1)

    return wrapper


def json_option(command):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(command)


def as_of_option(command):
    return click.option("--as-of", "as_of", metavar="DATE",
                        help="Show things as they stood on this date (default: today).")(command)


def print_json(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def print_table(rows: list[dict], columns: list[tuple[str, str, int]]) -> None:
    """A plain aligned table: (key, heading, max width); long cells are cut with an ellipsis."""
    if not rows:
        click.echo("(nothing to show)")
        return
    widths = [min(limit, max(len(heading), *(len(_cell(row.get(key))) for row in rows)))
              for key, heading, limit in columns]
    click.echo("  ".join(heading.ljust(width) for (_, heading, _), width in zip(columns, widths, strict=True)))
    for row in rows:
        cells = [_cut(_cell(row.get(key)), width) for (key, _, _), width in zip(columns, widths, strict=True)]
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip())


def _cell(value) -> str:
    return "" if value is None else str(value)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
