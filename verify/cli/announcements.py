"""Official announcements typed in by hand."""

from __future__ import annotations

import click

from verify.cli.app import App, deferred, friendly_errors, pass_app
from verify.cli.matching import print_follow_up

NewAnnouncement = deferred("verify.services.announcements:NewAnnouncement")
add_announcement_and_match = deferred("verify.services.announcements:add_announcement_and_match")


@click.group()
def announce() -> None:
    """Add official announcements."""


@announce.command("add")
@click.argument("text")
@click.option("--issuer", "--source", "-s", "issuer", required=True, help="Who made the announcement.")
@click.option("--published", "-p", required=True, metavar="DATE", help="When it was published.")
@click.option("--url", help="Where it was published.")
@click.option("--external-id", help="Your own id for it (keeps re-imports from duplicating it).")
@pass_app
@friendly_errors
def add(app: App, text, issuer, published, url, external_id) -> None:
    """Add an official announcement.

    Example: verify announce add "Xiaomi and Leica announce a strategic partnership" --issuer Xiaomi
    --published 2022-05-24
    """
    new = NewAnnouncement(text=text, issuer=issuer, published=published, url=url, external_id=external_id)
    added = add_announcement_and_match(app.uow(), new, actor=app.settings.user, now=app.now(),
                                       settings=app.match_settings)
    click.echo(f"Added announcement {added.id}.")
    print_follow_up(added.follow_up)


COMMANDS = [announce]
