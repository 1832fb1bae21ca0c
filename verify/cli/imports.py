"""Importing files of claims or announcements."""

from __future__ import annotations

import sys
import time

import click

from verify.cli.app import App, deferred, friendly_errors, pass_app, say_error
from verify.cli.matching import print_follow_up

import_announcements = deferred("verify.services:import_announcements")
import_claims = deferred("verify.services:import_claims")

EXIT_INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C


@click.group("import")
def import_group() -> None:
    """Import claims or announcements from JSON Lines or CSV files."""


def _options(command):
    command = click.option("--skip-invalid", is_flag=True,
                           help="Import the good rows and list the bad ones (default: all or nothing).")(command)
    command = click.option("--format", "file_format", type=click.Choice(["jsonl", "csv"]),
                           help="The file's format (default: from its extension).")(command)
    return click.argument("path", metavar="FILE", type=click.Path(dir_okay=False))(command)


class PhaseBars:
    """One progress bar per phase of an import (reading, checking, writing, linking, matching), each with
    its estimate of the time left; at the end, how long each phase took."""

    def __init__(self):
        self.bar = None
        self.name = ""
        self.started = time.monotonic()
        self.took: dict[str, float] = {}

    def phase(self, name: str, total: int) -> None:
        self._close()
        self.name, self.began = name, time.monotonic()
        self.bar = click.progressbar(length=max(total, 1), label=f"{name.capitalize():<9}", file=sys.stderr,
                                     show_eta=True, show_percent=True)
        self.bar.__enter__()

    def advance(self, steps: int) -> None:
        if self.bar is not None and steps:
            self.bar.update(steps)

    def _close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.took[self.name] = self.took.get(self.name, 0.0) + time.monotonic() - self.began
            self.bar = None

    def summary(self) -> str:
        self._close()
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.took.items())
        return f"Took {time.monotonic() - self.started:.1f} s ({phases})."


def _run(app: App, importer, path: str, file_format, skip_invalid, noun: str) -> None:
    bars = PhaseBars()
    try:
        report = importer(app.uow(), path, actor=app.settings.user, now=app.now(), skip_invalid=skip_invalid,
                          file_format=file_format, progress=bars,
                          settings=app.match_settings)
    except KeyboardInterrupt:
        bars.summary()
        if bars.name in ("linking", "matching"):
            say_error(f"Interrupted while {bars.name}: every new {noun[:-1]} is stored; the linking and matching "
                      "are queued and will be done by the next verify command, or now by `verify match`.")
        else:
            say_error(f"Interrupted while {bars.name}: the file's rows are written in one transaction, and "
                      "nothing of it was stored. Run the same import again.")
        sys.exit(EXIT_INTERRUPTED)
    click.echo(bars.summary(), err=True)
    click.echo(f"Imported {len(report.added)} new {noun}; {report.already_stored} already stored.")
    done = report.follow_up
    if done.duplicates or done.proposals:
        click.echo(f"Linked {len(done.duplicates)} near-duplicate(s); {len(done.proposals)} proposal(s).")
    print_follow_up(done, limit=3)
    for line, reason in report.problems:
        click.echo(f"Skipped line {line}: {reason}", err=True)
    for line, warning in report.warnings[:10]:
        click.secho(f"Warning: line {line}: {warning}", err=True, fg="yellow")
    if len(report.warnings) > 10:
        click.secho(f"... and {len(report.warnings) - 10} more claims whose time reads as past.", err=True,
                    fg="yellow")


@import_group.command("claims")
@_options
@pass_app
@friendly_errors
def claims(app: App, path, file_format, skip_invalid) -> None:
    """Import claims. Columns: text, source, published; optional url, external_id, confidence,
    source_kind, origin.

    Example: verify import claims rumors.csv --skip-invalid
    """
    _run(app, import_claims, path, file_format, skip_invalid, "claims")


@import_group.command("announcements")
@_options
@pass_app
@friendly_errors
def announcements(app: App, path, file_format, skip_invalid) -> None:
    """Import announcements. Columns: text, issuer (or source), published; optional url, external_id.

    Example: verify import announcements press-releases.jsonl
    """
    _run(app, import_announcements, path, file_format, skip_invalid, "announcements")


COMMANDS = [import_group]
