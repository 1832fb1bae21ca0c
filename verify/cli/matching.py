"""The matcher's proposals, and editors' decisions on them."""

from __future__ import annotations

import click

from verify.cli.app import App, friendly_errors, json_option, pass_app, print_json, print_table
from verify.core.matching import MatchSettings
from verify.services import review_match, run_matcher


@click.command()
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 100),
              help="Candidates per claim.")
@json_option
@pass_app
@friendly_errors
def match(app: App, top: int, as_json: bool) -> None:
    """Propose announcements that confirm or deny each open claim, best first.

    Example: verify match --top 3 --json
    """
    settings = MatchSettings(auto_enabled=app.settings.auto_confirm)
    rows = run_matcher(app.uow(), now=app.now(), settings=settings, top=top)
    if as_json:
        print_json([row.to_dict() for row in rows])
        return
    print_table([row.to_dict() for row in rows], [
        ("claim", "Claim", 10), ("announcement", "Announcement", 12), ("score", "Score", 5),
        ("band", "Band", 6), ("verdict", "Verdict", 16), ("differs", "Differs", 30),
        ("announcement_text", "Announcement text", 60)])


@click.command()
@click.argument("claim_ref", metavar="CLAIM")
@click.argument("announcement_ref", metavar="ANNOUNCEMENT")
@click.option("--accept", "decision", flag_value="accept", help="Accept the matcher's verdict.")
@click.option("--reject", "decision", flag_value="reject", help="This announcement does not settle the claim.")
@click.option("--partly", "decision", flag_value="partly", help="Accept as partly confirmed.")
@click.option("--deny", "decision", flag_value="deny", help="Accept as a denial of the claim.")
@click.option("--note", help="Why: kept in the audit trail.")
@pass_app
@friendly_errors
def review(app: App, claim_ref, announcement_ref, decision, note) -> None:
    """Accept or reject a proposed match (by claim and announcement id or external id).

    Example: verify review 3 7 --accept --note "Official press release"
    """
    if decision is None:
        raise click.UsageError("Say what you decide: --accept, --reject, --partly or --deny.")
    status = review_match(app.uow(), claim_ref, announcement_ref, decision, actor=app.settings.user,
                          now=app.now(), note=note)
    click.echo(f"Recorded: claim {claim_ref} is now {status.replace('_', ' ')}.")


COMMANDS = [match, review]
