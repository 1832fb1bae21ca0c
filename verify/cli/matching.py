"""The matcher's proposals, editors' decisions on them, and the near-duplicate links between claims."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from verify.cli.app import App, deferred, friendly_errors, json_option, pass_app, print_json, print_table
from verify.config import usable_cores
from verify.errors import NeedsConfirmation

if TYPE_CHECKING:
    from verify.services.followup import FollowUp
duplicate_pairs = deferred("verify.queries.duplicates:duplicate_pairs")
review_match = deferred("verify.services:review_match")
run_matcher = deferred("verify.services:run_matcher")


def _interactive() -> bool:
    """Bars only for a person at a terminal: in a pipe or a log they would be noise around the result."""
    return sys.stderr.isatty()


PHASES = {"index": "Indexing announcements", "match": "Matching open claims"}


class PhaseBars:
    """One progress bar per phase of a long job, with the time left, on stderr (stdout stays the result)."""

    def __init__(self) -> None:
        self.phase: str | None = None
        self.bar = None
        self.shown = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            self.phase, self.shown = phase, 0
            self.bar = click.progressbar(length=max(total, 1), label=PHASES.get(phase, phase), show_eta=True,
                                         show_pos=True, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.command()
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 100),
              help="Proposals kept per claim.")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Processes to match with (default: all cores); the proposals are the same with any number.")
@json_option
@pass_app
@friendly_errors
def match(app: App, top: int, workers: int | None, as_json: bool) -> None:
    """Re-match every open claim: propose announcements that confirm or deny it, best first. Auto-band
    pairs are confirmed without review only when the newsroom turned auto_confirm on. A progress bar (on
    stderr) shows each phase and the time left; the dashboard stays usable meanwhile (proposals are stored a
    block of claims at a time), and running it again stores the same rows.

    Example: verify match --top 3 --workers 2 --json
    """
    settings = app.match_settings
    bars = PhaseBars()
    try:
        rows = run_matcher(app.uow(), now=app.now(), settings=settings, top=top, workers=workers or usable_cores(),
                           progress=bars if _interactive() else None)
    finally:
        bars.close()
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
@click.option("--confirm", "decision", flag_value="confirm", help="The announcement confirms the claim.")
@click.option("--partly", "decision", flag_value="partly",
              help="Partly confirmed: say what differs with --detail.")
@click.option("--deny", "decision", flag_value="deny", help="The announcement denies the claim.")
@click.option("--reject", "decision", flag_value="reject", help="This announcement does not settle the claim.")
@click.option("--detail", metavar="TEXT", help="With --partly: the detail that differs, rumored vs announced.")
@click.option("--note", help="Why: kept in the audit trail.")
@click.option("--force", is_flag=True, help="Settle a pair the matcher discarded or never proposed.")
@pass_app
@friendly_errors
def review(app: App, claim_ref, announcement_ref, decision, detail, note, force) -> None:
    """Decide on a claim and an announcement (by id or external id): the editor's verdict wins over the
    matcher's. A pair the matcher discarded or never proposed needs --force.

    Example: verify review 3 7 --partly --detail "amount: $13bn rumored, $14bn announced" --note "press release"
    """
    if decision is None and detail:
        decision = "partly"  # a differing detail says what the editor decides
    if decision is None:
        raise click.UsageError("Say what you decide: --accept, --confirm, --partly --detail TEXT, --deny or --reject.")
    try:
        status = review_match(app.uow(), claim_ref, announcement_ref, decision, actor=app.settings.user,
                              now=app.now(), note=note, detail=detail, force=force, settings=app.match_settings)
    except NeedsConfirmation as error:
        raise NeedsConfirmation(f"{error} Repeat with --force to record it.") from None
    click.echo(f"Recorded: claim {claim_ref} is now {status.replace('_', ' ')}.")


@click.command()
@json_option
@pass_app
@friendly_errors
def duplicates(app: App, as_json: bool) -> None:
    """List claims linked as near-duplicates of an earlier report (undo one with `verify claim unlink`).

    Example: verify duplicates --json
    """
    with app.session() as session:
        rows = duplicate_pairs(session)
    if as_json:
        print_json(rows)
        return
    print_table(rows, [("claim", "Claim", 10), ("duplicate_of", "Repeats", 10), ("similarity", "Sim", 5),
                       ("claim_source", "Source", 20), ("first_source", "First reported by", 20),
                       ("claim_text", "Claim text", 60)])


def print_follow_up(done: FollowUp, *, limit: int = 5) -> None:
    """What matching found right after a write, briefly: links, the best proposals, or the error."""
    for link in done.duplicates[:limit]:
        click.echo(f"Claim {link.claim} repeats claim {link.duplicate_of} (similarity {link.similarity:.0f}).")
    for row in done.proposals[:limit]:
        decided = " - confirmed automatically" if row.decision == "accepted" else ""
        click.echo(f"Proposed: claim {row.claim} <- announcement {row.announcement} "
                   f"({row.score:.0f}, {row.band}, {row.verdict.replace('_', ' ')}){decided}")
    if len(done.proposals) > limit:
        click.echo(f"... and {len(done.proposals) - limit} more: `verify match` lists them.")
    if done.error:
        click.secho(f"Warning: {done.error}", err=True, fg="yellow")


COMMANDS = [match, review, duplicates]
