"""Company newsroom feeds: add them, list them, poll them for new official announcements."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

import click

from verify import queries
from verify.cli.app import App, deferred, friendly_errors, json_option, pass_app, print_json, print_table
from verify.errors import PartialFailure

if TYPE_CHECKING:
    from verify.services.feeds import PollReport
MatchSettings = deferred("verify.core.matching:MatchSettings")
add_feed = deferred("verify.services.feeds:add_feed")
poll_feeds = deferred("verify.services.feeds:poll_feeds")


@click.group()
def feed() -> None:
    """Read official announcements from company newsrooms' RSS and Atom feeds."""


@feed.command("add")
@click.argument("location", metavar="URL_OR_FILE")
@click.option("--issuer", "-i", required=True, help="Whose announcements the feed carries (e.g. Xiaomi).")
@pass_app
@friendly_errors
def add(app: App, location: str, issuer: str) -> None:
    """Add a newsroom feed (an http(s) URL, or a saved feed file); `verify feed poll` reads it.

    Example: verify feed add https://press.example.com/rss.xml --issuer Xiaomi
    """
    feed_id = add_feed(app.uow(), location, issuer=issuer, actor=app.settings.user, now=app.now())
    click.echo(f"Added feed {feed_id}.")


@feed.command("list")
@json_option
@pass_app
@friendly_errors
def list_(app: App, as_json: bool) -> None:
    """List the feeds, how their last poll went and when they are due again.

    Example: verify feed list --json
    """
    with app.session() as session:
        feeds = queries.list_feeds(session)
    if as_json:
        print_json([row.to_dict() for row in feeds])
        return
    rows = [{**row.to_dict(), "last_polled_at": _minute(row.last_polled_at),
             "next_poll_at": _minute(row.next_poll_at) or "when polled"} for row in feeds]
    print_table(rows, [("id", "Id", 4), ("issuer", "Issuer", 20), ("url", "URL", 50),
                       ("last_polled_at", "Last poll", 16), ("last_status", "Status", 12), ("failures", "Failures", 8),
                       ("next_poll_at", "Next poll", 16), ("announcements", "Announcements", 13),
                       ("last_error", "Last error", 60)])


@feed.command("poll")
@click.option("--force", is_flag=True, help="Poll every feed now, even those backing off after failures.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 300),
              help="Seconds to wait for each newsroom.")
@json_option
@pass_app
@friendly_errors
def poll(app: App, force: bool, timeout: float, as_json: bool) -> None:
    """Fetch the feeds that are due, add their new items as announcements and match them against open claims.

    Each feed is polled on its own: one that fails is reported and retried later (after 5 minutes, then
    doubling, at most a day), and never stops the others. Exits with 4 when any feed failed, after
    polling all the others, so a scheduler can alert.

    Example: verify feed poll --json
    """
    settings = app.match_settings
    reports = poll_feeds(app.uow, now=app.now(), actor=app.settings.user, force=force, timeout=timeout,
                         settings=settings)
    if as_json:
        print_json([report.to_dict() for report in reports])
    elif not reports:
        click.echo("No feeds yet: `verify feed add URL --issuer NAME` adds one.")
    for report in [] if as_json else reports:
        _print_report(report)
    failed = [report for report in reports if report.status == "error"]
    if failed:
        raise PartialFailure(f"{len(failed)} of {len(reports)} feed(s) failed (feed "
                             f"{', '.join(str(report.feed_id) for report in failed)}); the others were polled.")


def _minute(moment) -> str | None:
    return f"{_utc(moment):%Y-%m-%d %H:%M}" if moment else None


def _utc(moment):
    """Stored moments may carry any zone (SQLite keeps none: those are UTC); printed in UTC, as labelled."""
    return moment.astimezone(UTC) if moment.tzinfo else moment


def _print_report(report: PollReport) -> None:
    head = f"Feed {report.feed_id} ({report.issuer}, {report.url}): "
    if report.status == "not_due":
        click.echo(head + f"not due until {_minute(report.next_poll_at)} UTC (--force polls it now).")
        return
    if report.status == "error":
        retry = f"retry after {_minute(report.next_poll_at)} UTC" if report.next_poll_at else "retry later"
        click.echo(head + f"failed: {report.error}; failure {report.failures}, {retry}.")
        return
    if report.status == "not_modified":
        click.echo(head + "unchanged since the last poll.")
        return
    click.echo(head + f"{len(report.added)} added, {report.duplicates} skipped as duplicates, "
                      f"{len(report.matches)} matched.")
    for note in report.notes:
        click.echo(f"  note: {note}")
    for match in report.matches:
        click.echo(f"  match: claim {match['claim']} - announcement {match['announcement']}, "
                   f"score {match['score']:g}, {match['verdict'].replace('_', ' ')}")


COMMANDS = [feed]
