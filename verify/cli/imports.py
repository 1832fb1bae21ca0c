"""Importing files of claims or announcements."""

from __future__ import annotations

import sys

import click

from verify.cli.app import App, deferred, friendly_errors, pass_app
from verify.cli.matching import print_follow_up
from verify.rowfiles import read_rows

MatchSettings = deferred("verify.core.matching:MatchSettings")
import_announcements = deferred("verify.services:import_announcements")
import_claims = deferred("verify.services:import_claims")


@click.group("import")
def import_group() -> None:
    """Import claims or announcements from JSON Lines or CSV files."""


def _options(command):
    command = click.option("--skip-invalid", is_flag=True,
                           help="Import the good rows and list the bad ones (default: all or nothing).")(command)
    command = click.option("--format", "file_format", type=click.Choice(["jsonl", "csv"]),
                           help="The file's format (default: from its extension).")(command)
    return click.argument("path", metavar="FILE", type=click.Path(dir_okay=False))(command)


def _run(app: App, importer, path: str, file_format, skip_invalid, noun: str) -> None:
    total = len(read_rows(path, file_format))
    with click.progressbar(length=total, label=f"Importing {noun}", file=sys.stderr) as bar:
        report = importer(app.uow(), path, actor=app.settings.user, now=app.now(), skip_invalid=skip_invalid,
                          file_format=file_format, progress=bar.update,
                          settings=MatchSettings(auto_enabled=app.settings.auto_confirm))
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
