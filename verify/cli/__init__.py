"""The `verify` command: thin shells over the services and queries."""

from __future__ import annotations

import click

from verify import __version__
from verify.cli import announcements, claims, database, imports, matching, served, sources
from verify.cli.aliases import COMMANDS as ALIAS_COMMANDS
from verify.cli.app import App, VerifyGroup
from verify.cli.backup import COMMANDS as BACKUP_COMMANDS
from verify.cli.feeds import COMMANDS as FEED_COMMANDS
from verify.cli.newsroom import COMMANDS as NEWSROOM_COMMANDS
from verify.cli.suggest import COMMANDS as SUGGEST_COMMANDS
from verify.cli.users import COMMANDS as USER_COMMANDS


@click.group(cls=VerifyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "database_url", metavar="URL",
              help="Database URL (sqlite:///path.db or postgresql://user@host/db). "
                   "Default: $VERIFY_DATABASE_URL, else a SQLite file in your user data folder.")
@click.option("--user", metavar="NAME", help="Who is acting, recorded on every event. Default: $VERIFY_USER, "
                                             "else your login name.")
@click.version_option(__version__, prog_name="verify")
@click.pass_context
def main(ctx: click.Context, database_url: str | None, user: str | None) -> None:
    """Track rumors until they are confirmed, denied or overdue, and score their sources.

    \b
    Start here:
      verify init          create or upgrade the database
      verify demo          load the demo data
      verify dashboard     open the board in your browser
    """
    ctx.obj = App(database_url, user)


for module in (database, claims, announcements, imports, matching, served, sources):
    for command in module.COMMANDS:
        main.add_command(command)
for command in BACKUP_COMMANDS:
    main.add_command(command)
for command in FEED_COMMANDS + SUGGEST_COMMANDS:
    main.add_command(command)
for command in ALIAS_COMMANDS + NEWSROOM_COMMANDS + USER_COMMANDS:
    main.add_command(command)
