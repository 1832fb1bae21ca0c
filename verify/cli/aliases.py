"""The alias book: names the matcher treats as one ("Meta" and "Facebook"), edited by users or learnt."""

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

list_aliases = deferred("verify.queries.aliases:list_aliases")
add_alias = deferred("verify.services.aliases:add_alias")
remove_alias = deferred("verify.services.aliases:remove_alias")
learn_aliases = deferred("verify.services.aliases:learn_aliases")


@click.group()
def alias() -> None:
    """Edit the alias book the matcher reads."""


@alias.command("add")
@click.argument("name", metavar="ALIAS")
@click.option("--canonical", required=True, metavar="NAME", help="The name the alias stands for.")
@click.option("--kind", type=LazyChoice("verify.core.entities:KINDS"), default="org", show_default=True)
@pass_app
@friendly_errors
def add(app: App, name, canonical, kind) -> None:
    """Teach the matcher another name for an organisation, product or person.

    Example: verify alias add "Meta" --canonical Facebook --kind org
    """
    add_alias(app.uow(), name, canonical, kind=kind, actor=app.settings.user, now=app.now())
    click.echo(f"{name!r} now names {canonical!r}.")


@alias.command("list")
@click.option("--defaults", is_flag=True, help="Include the aliases verify ships with.")
@json_option
@pass_app
@friendly_errors
def list_command(app: App, defaults, as_json) -> None:
    """List the stored aliases (yours and learnt ones), optionally with the shipped defaults.

    Example: verify alias list --defaults --json
    """
    with app.session() as session:
        rows = list_aliases(session, include_defaults=defaults)
    if as_json:
        print_json(rows)
        return
    print_table(rows, [("alias", "Alias", 30), ("canonical", "Canonical", 30), ("kind", "Kind", 7),
                       ("origin", "Origin", 7), ("added_by", "Added by", 16)])


@alias.command("remove")
@click.argument("name", metavar="ALIAS")
@pass_app
@friendly_errors
def remove(app: App, name) -> None:
    """Forget a stored alias (the removal is kept in the audit trail).

    Example: verify alias remove "Meta"
    """
    remove_alias(app.uow(), name, actor=app.settings.user, now=app.now())
    click.echo(f"Alias {name!r} removed.")


@alias.command("learn")
@click.option("--save", is_flag=True, help="Store the proposals (origin 'learnt'); default: only show them.")
@click.option("--min-count", default=2, show_default=True, type=click.IntRange(1),
              help="How often a name must appear in the stored texts.")
@json_option
@pass_app
@friendly_errors
def learn(app: App, save, min_count, as_json) -> None:
    """Propose aliases from the stored claims and announcements (acronyms, case variants, long names).

    Example: verify alias learn --save
    """
    rows = [row.to_dict() for row in learn_aliases(app.uow(), actor=app.settings.user, now=app.now(),
                                                   save=save, min_count=min_count)]
    if as_json:
        print_json(rows)
        return
    print_table(rows, [("alias", "Alias", 30), ("canonical", "Canonical", 30), ("count", "Seen", 5),
                       ("reason", "Why", 28)])
    if rows and not save:
        click.echo("Nothing stored: pass --save to keep these.")


COMMANDS = [alias]
