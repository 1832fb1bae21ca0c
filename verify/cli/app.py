"""What every command shares: settings, the database, the clock, and turning errors into one clear line.

Exit codes, for schedulers (README, "Exit codes"): 0 done; 1 an unexpected error (a bug or the machine: the
details go to the log file); 2 a usage or input error the user can fix; 3 a conflict with what is stored;
4 a partial failure (some of the work was done, e.g. one feed of many failed); 5 the database cannot be used
(unreachable, busy, not initialised).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import sys
import traceback
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

import click
import platformdirs

from verify.application import Application
from verify.config import load_settings
from verify.errors import Conflict, DatabaseError, InvalidInput, NotFound, PartialFailure, VerifyError

if TYPE_CHECKING:
    pass

EXIT_OK, EXIT_UNEXPECTED, EXIT_INPUT, EXIT_CONFLICT, EXIT_PARTIAL, EXIT_DATABASE = 0, 1, 2, 3, 4, 5
EXIT_OUTPUT_CLOSED = 141  # the shell's code for a command whose reader stopped reading (SIGPIPE)
LOG_FILE_VARIABLE = "VERIFY_LOG_FILE"
log = logging.getLogger("verify.cli")


class App(Application):
    """The application as the command line holds it: built lazily per command, so `--help` never touches the
    database; the first use of the database also completes what an earlier run owed."""

    def __init__(self, database_url: str | None, user: str | None):
        super().__init__(load_settings(database_url, user))

    @property
    def engine(self):
        if self._engine is None:
            super().engine  # noqa: B018 - opens and checks the database
            self._complete_owed_follow_ups()
        return self._engine

    def _complete_owed_follow_ups(self) -> None:
        """Linking and matching that an earlier run committed to but did not finish (it failed, or the
        process was killed after its commit) are done now, before this command's own work. The matcher is
        imported only when something is owed (`verify.services.owed`)."""
        from verify.services.owed import owed_follow_ups

        try:
            if not owed_follow_ups(self.uow()):
                return
            from verify.services.followup import complete_owed

            done = complete_owed(self.uow(), now=self.now(), actor=self.settings.user,
                                 settings=self.match_settings)
        except Exception:  # noqa: BLE001 - never stop the user's command for an earlier run's leftovers
            log.exception("completing the owed follow-ups failed")
            return
        if done:
            failed = sum(1 for follow in done if follow.error)
            click.echo(f"Completed {len(done) - failed} follow-up(s) left by an earlier run "
                       f"({sum(len(f.duplicates) for f in done)} near-duplicate(s) linked, "
                       f"{sum(len(f.proposals) for f in done)} proposal(s))"
                       + (f"; {failed} still failing, kept for the next run." if failed else "."), err=True)


pass_app = click.make_pass_decorator(App)


def friendly_errors(command):
    """A user's mistake is one line on stderr and its exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except VerifyError as error:
            fail(error)

    return wrapper


def exit_code_for(error: BaseException) -> int:
    if isinstance(error, PartialFailure):
        return EXIT_PARTIAL
    if isinstance(error, Conflict):
        return EXIT_CONFLICT
    if isinstance(error, DatabaseError):
        return EXIT_DATABASE
    if isinstance(error, InvalidInput | NotFound):
        return EXIT_INPUT
    return EXIT_UNEXPECTED if not isinstance(error, VerifyError) else EXIT_INPUT


def fail(error: VerifyError) -> None:
    say_error(str(error))
    sys.exit(exit_code_for(error))


def say_error(message: str) -> None:
    """One line on stderr, printable whatever the terminal's encoding and whatever the message holds."""
    line = " ".join(f"Error: {message}".split())
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    line = line.encode(encoding, "backslashreplace").decode(encoding, "replace")
    with contextlib.suppress(OSError, ValueError):  # stderr closed or gone: the exit code still tells
        click.secho(line, err=True, fg="red")


def log_file() -> Path:
    """Where unexpected errors are written with their details: $VERIFY_LOG_FILE, else the user log folder."""
    configured = os.environ.get(LOG_FILE_VARIABLE)
    return Path(configured) if configured else platformdirs.user_log_path("verify", appauthor=False) / "verify.log"


def report_unexpected(error: BaseException) -> int:
    """A bug or a machine problem: one line for the user, the traceback in the log file."""
    where = log_file()
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        with open(where, "a", encoding="utf-8", errors="backslashreplace") as stream:
            stream.write(f"--- {datetime.now(UTC).isoformat()} verify {' '.join(map(repr, sys.argv[1:]))}\n")
            stream.write("".join(traceback.format_exception(error)))
        details = f"details in {where}"
    except OSError:
        details = f"details could not be written to {where}"
    summary = str(error).splitlines()[0][:300] if str(error) else ""
    say_error(f"unexpected {type(error).__name__}{': ' + summary if summary else ''} ({details}).")
    return EXIT_UNEXPECTED


class _LazyFileHandler(logging.FileHandler):
    """Creates the log folder on the first record only; a log that cannot be written is skipped quietly."""

    def emit(self, record):
        try:
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        super().emit(record)

    def handleError(self, record):  # noqa: N802 - logging's name
        pass


def send_logs_to_file() -> None:
    """The package's warnings and errors (a follow-up that failed, with its traceback) go to the log file,
    never to the terminal, where the user sees one line instead."""
    package = logging.getLogger("verify")
    package.handlers = [handler for handler in package.handlers if not isinstance(handler, _LazyFileHandler)]
    handler = _LazyFileHandler(log_file(), encoding="utf-8", delay=True, errors="backslashreplace")
    handler.setFormatter(logging.Formatter("--- %(asctime)s %(name)s %(levelname)s: %(message)s"))
    package.addHandler(handler)  # (with a handler here, logging's last resort no longer prints to stderr)


def output_closed() -> int:
    """The reader of the output went away (`verify claims | head`): stop quietly, as other command-line tools
    do, not with an 'unexpected error'. What is left to print goes nowhere (else Python's last flush at exit
    would fail again). A command's writes are each one transaction: one cut short by this is rolled back."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OUTPUT_CLOSED


def _bad_argument(args: list[str]) -> str | None:
    for number, arg in enumerate(args, start=1):
        if any("\ud800" <= char <= "\udfff" for char in arg):
            return (f"argument {number} is not valid UTF-8 text ({arg!a}); "
                    "type it again or set the terminal to UTF-8.")
    return None


class VerifyGroup(click.Group):
    """The `verify` group: every error that escapes a command becomes one line and a documented exit code."""

    def main(self, args=None, *rest, **kwargs):
        args = list(sys.argv[1:] if args is None else args)
        send_logs_to_file()
        problem = _bad_argument(args)
        try:
            if problem:
                raise InvalidInput(problem)
            return super().main(args, *rest, **kwargs)
        except VerifyError as error:
            fail(error)
        except (SystemExit, KeyboardInterrupt):
            raise
        except Exception as error:  # noqa: BLE001 - the last line of defence: never a traceback
            sys.exit(report_unexpected(error))

    def invoke(self, ctx):
        # (a closed output outside a command, e.g. of --help, is click's own case: it exits quietly itself)
        try:
            return super().invoke(ctx)
        except VerifyError as error:
            fail(error)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            sys.exit(output_closed())
        except Exception as error:  # noqa: BLE001 - the last line of defence: never a traceback
            sys.exit(report_unexpected(error))


class LazyChoice(click.Choice):
    """A choice whose values live in a module the command needs only when it runs ("verify.access:ROLES"):
    read from their one home when the command parses or shows its options, so listing the commands
    (`verify --help`) never imports that module."""

    def __init__(self, where: str, case_sensitive: bool = True):
        self._where = where
        self.case_sensitive = case_sensitive

    @property
    def choices(self):
        module, name = self._where.split(":")
        return tuple(getattr(import_module(module), name))


def deferred(where: str):
    """A function (or a class to call) of a module a command needs only when it runs, "module:name",
    imported on the first call: a command's file can name it at the top and `verify --help` still imports
    nothing heavy. Names used in `except` or `isinstance` need a real import (from a light module)."""
    module, name = where.split(":")

    def call(*args, **kwargs):
        return getattr(import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"{where}, imported on its first call."
    return call


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
