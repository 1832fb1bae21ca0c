"""`verify backup` and `verify restore`: the SQLite database to a file and back (PostgreSQL: pg_dump)."""

from __future__ import annotations

import click

from verify.cli.app import App, deferred, friendly_errors, pass_app

backup_database = deferred("verify.db.backup:backup")
restore_database = deferred("verify.db.backup:restore")


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@pass_app
@friendly_errors
def backup(app: App, path: str, force: bool) -> None:
    """Copy the SQLite database to PATH; safe while the dashboard and others are using it.

    For PostgreSQL use pg_dump -Fc (see README).
    Example: verify backup ~/backups/verify-2022-09-01.db
    """
    copied = backup_database(app.settings.database_url, path, force=force)
    click.echo(f"Backed up the database (schema {copied.revision}) to {copied.path}.")


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace a database that already holds data.")
@pass_app
@friendly_errors
def restore(app: App, path: str, force: bool) -> None:
    """Replace the SQLite database with a backup made by `verify backup`, after checking it.

    For PostgreSQL use pg_restore --clean (see README).
    Example: verify restore ~/backups/verify-2022-09-01.db --force
    """
    copied = restore_database(app.settings.database_url, path, force=force)
    click.echo(f"Restored {path} (schema {copied.revision}) into {copied.path}.")
    if copied.needs_init:
        click.echo(f"The backup is at an older schema than this version's ({copied.head}): run verify init.")


COMMANDS = [backup, restore]
