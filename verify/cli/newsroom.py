"""Newsroom-wide settings, stored in the database so every desk sees the same choice."""

from __future__ import annotations

import click

from verify.cli.app import (
    App,
    LazyChoice,
    deferred,
    friendly_errors,
    json_option,
    pass_app,
    print_json,
    print_table,
)

set_setting = deferred("verify.services.newsroom:set_setting")
show_settings = deferred("verify.services.newsroom:show_settings")


@click.group()
def settings() -> None:
    """Show or change newsroom settings."""


@settings.command("show")
@json_option
@pass_app
@friendly_errors
def show(app: App, as_json) -> None:
    """Show each newsroom setting, its value and who last changed it.

    Example: verify settings show --json
    """
    from verify.services.newsroom import AUTO_CONFIRM

    defaults = {AUTO_CONFIRM: "on" if app.settings.auto_confirm else "off"}
    rows = show_settings(app.uow(), defaults=defaults)
    if as_json:
        print_json(rows)
        return
    print_table([dict(row, value=row["value"] + ("" if row["stored"] else " (default)")) for row in rows],
                [("key", "Setting", 14), ("value", "Value", 14), ("changed_by", "Changed by", 16),
                 ("changed_at", "Changed at", 25), ("meaning", "Meaning", 60)])


@settings.command("set")
@click.argument("key", type=LazyChoice("verify.services.newsroom:KNOWN"))
@click.argument("value", type=click.Choice(["on", "off"]))
@pass_app
@friendly_errors
def set_command(app: App, key, value) -> None:
    """Change a newsroom setting; the change is recorded with your name.

    With auto_confirm on, the matcher confirms its most confident clean matches without review (recorded
    as "verify-matcher"); look-alikes and announcements dated before the rumor never qualify.

    Example: verify settings set auto_confirm on
    """
    stored = set_setting(app.uow(), key, value, actor=app.settings.user, now=app.now())
    click.echo(f"{key} is now {stored}.")


COMMANDS = [settings]
