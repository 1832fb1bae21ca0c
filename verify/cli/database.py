"""Commands that look after the database as a whole: init, demo, export."""

from __future__ import annotations

import csv
import json
import sys

import click

from verify import queries
from verify.cli.app import App, deferred, friendly_errors, pass_app
from verify.rowfiles import safe_cell, write_atomically

make_engine = deferred("verify.db.engine:make_engine")
initialise = deferred("verify.db.migrate:initialise")
restore_append_only = deferred("verify.db.triggers:restore_append_only")
hidden_names = deferred("verify.queries.redaction:hidden_names")
redact_row = deferred("verify.queries.redaction:redact_row")
load_demo = deferred("verify.services.demo:load_demo")


@click.command()
@pass_app
@friendly_errors
def init(app: App) -> None:
    """Create the database, or upgrade it to this version's schema.

    Example: verify --db sqlite:///newsroom.db init
    """
    revision = initialise(app.settings.database_url)
    engine = make_engine(app.settings.database_url)
    for table in restore_append_only(engine):
        click.echo(f"Put back the triggers that keep {table} append-only (they were missing).", err=True)
    click.echo(f"Database ready at schema {revision}: {engine.url!r}")


@click.command()
@click.option("--decided", is_flag=True,
              help="Also record the editorial decisions the announcements support (as demo-editor).")
@pass_app
@friendly_errors
def demo(app: App, decided: bool) -> None:
    """Load the demo data: real rumors of 2019-2022 and the announcements that followed.

    Loading twice adds nothing the second time. Example: verify demo --decided
    """
    report = load_demo(app.uow(), now=app.now(), decided=decided)
    claims, announcements = report.claims, report.announcements
    click.echo(f"Demo loaded: {len(claims.added)} new claims ({claims.already_stored} already there), "
               f"{len(announcements.added)} new announcements ({announcements.already_stored} already there).")
    for claim, announcement, status in report.decisions:
        click.echo(f"  demo-editor: claim {claim} is {status.replace('_', ' ')} by announcement {announcement}")


@click.command()
@click.argument("table", type=click.Choice(["claims", "announcements", "events"]))
@click.option("--format", "file_format", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout.")
@pass_app
@friendly_errors
def export(app: App, table: str, file_format: str, output: str | None) -> None:
    """Export every row of a table. Confidential sources appear as pseudonyms.

    Example: verify export claims --format csv -o claims.csv
    """
    with app.session() as session:
        rows = queries.export_rows(session, table, reveal_confidential=False)
        rows = redact_rows(rows, hidden_names(session))

    def write(stream) -> None:
        if file_format == "jsonl":
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        elif rows:
            writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({key: _csv_cell(value) for key, value in row.items()} for row in rows)

    if output:
        write_atomically(output, write)  # a full disk leaves no empty or half-written export
    else:
        write(sys.stdout)
    if output:
        click.echo(f"Wrote {len(rows)} {table} to {output}", err=True)


def redact_rows(rows: list[dict], hidden) -> list[dict]:
    """Confidential names written anywhere (other claims' texts, reasons, evidence, addresses) redacted."""
    return [redact_row(row, hidden) for row in rows] if hidden else rows


def _csv_cell(value):
    return safe_cell(json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value)


COMMANDS = [init, demo, export]
