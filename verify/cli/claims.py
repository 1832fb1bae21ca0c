"""Claims: log one, correct its window, retract it, list them; and `when`, the time resolver on its own."""

from __future__ import annotations

import click

from verify import queries
from verify.cli.app import (
    App,
    as_of_option,
    deferred,
    friendly_errors,
    json_option,
    pass_app,
    print_json,
    print_table,
)
from verify.cli.database import redact_rows
from verify.cli.matching import print_follow_up
from verify.cli.sources import show_confidential_option
from verify.core.language import LANGUAGES
from verify.core.status import LABELS, STATUSES
from verify.errors import InvalidInput

parse_date = deferred("verify.core.time:parse_date")
read_date = deferred("verify.core.inputs:read_date")
reads_as_past = deferred("verify.core.time:reads_as_past")
resolve_window = deferred("verify.core.time:resolve_window")
hidden_names = deferred("verify.queries.redaction:hidden_names")
NewClaim = deferred("verify.core.claim_input:NewClaim")
correct_window = deferred("verify.services.claims:correct_window")
retract_claim = deferred("verify.services.claims:retract_claim")
set_language = deferred("verify.services.claims:set_language")
log_claim_and_match = deferred("verify.services.claims:log_claim_and_match")
unlink_claim = deferred("verify.services.duplicates:unlink_claim")
correct_published = deferred("verify.services.published:correct_published")


@click.group()
def claim() -> None:
    """Log and correct rumor claims."""


@claim.command("add")
@click.argument("text")
@click.option("--source", "-s", required=True, help="Who published the rumor (outlet or person).")
@click.option("--published", "-p", required=True, metavar="DATE",
              help="When it was published: 2022-03-28, '28 March 2022', 'yesterday'.")
@click.option("--url", help="Where it was published.")
@click.option("--confidence", "-c", help="Stated confidence: 0.8, 80%, or words like 'all but confirmed'.")
@click.option("--external-id", help="Your own id for this claim (keeps re-imports from duplicating it).")
@click.option("--kind", "source_kind", type=click.Choice(["outlet", "person"]), default="outlet",
              show_default=True, help="The kind of a new source.")
@click.option("--origin", help="An earlier source the claim cites (credited as the origin).")
@click.option("--language", type=click.Choice(LANGUAGES),
              help="The claim's language, when detection would guess wrong (default: detected from the text).")
@pass_app
@friendly_errors
def add_claim(app: App, text, source, published, url, confidence, external_id, source_kind, origin,
              language) -> None:
    """Log a rumor claim.

    Example: verify claim add "Xiaomi's first Leica-branded phone will launch in July"
    --source "XDA Developers" --published 2022-03-28
    """
    new = NewClaim(text=text, source=source, published=published, url=url, confidence=confidence,
                   external_id=external_id, source_kind=source_kind, origin=origin,
                   language=language)
    logged = log_claim_and_match(app.uow(), new, actor=app.settings.user, now=app.now(),
                                 hemisphere=app.hemisphere,
                                 settings=app.match_settings)
    click.echo(f"Logged claim {logged.id}.")
    if logged.warning:
        click.secho(f"Warning: {logged.warning}", err=True, fg="yellow")
    print_follow_up(logged.follow_up)


@claim.command("window")
@click.argument("claim_ref", metavar="CLAIM")
@click.option("--end", required=True, metavar="DATE", help="The last day of the window (the deadline).")
@click.option("--start", metavar="DATE", help="The first day of the window (default: the publication date).")
@click.option("--reason", help="Why the resolver's window was wrong.")
@pass_app
@friendly_errors
def window(app: App, claim_ref, end, start, reason) -> None:
    """Correct a claim's time window by hand; the correction wins and is kept in the history.

    Example: verify claim window 12 --start 2022-07-01 --end 2022-07-31 --reason "means July 2022"
    """
    correct_window(app.uow(), claim_ref, start, end, actor=app.settings.user, now=app.now(), reason=reason)
    click.echo(f"Window of claim {claim_ref} corrected.")


@claim.command("published")
@click.argument("claim_ref", metavar="CLAIM")
@click.argument("published", metavar="DATE")
@click.option("--reason", required=True, help="Why the date was wrong (kept in the history).")
@pass_app
@friendly_errors
def published(app: App, claim_ref, published, reason) -> None:
    """Correct a claim's publication date; the window is read again from the text (unless set by hand) and
    pairs whose announcement now predates the claim are withdrawn. Kept in the history.

    Example: verify claim published 12 2022-03-21 --reason "the print edition ran a week earlier"
    """
    done = correct_published(app.uow(), claim_ref, published, actor=app.settings.user, now=app.now(),
                             reason=reason, hemisphere=app.hemisphere,
                             settings=app.match_settings)
    window = ("kept (set by hand)" if done.window_kept else
              f"{done.window['start']}..{done.window['end']}" if done.window else "none (no time named)")
    click.echo(f"Claim {claim_ref} now dated {done.after} (was {done.before}); window {window}.")
    if done.withdrawn:
        click.echo(f"Withdrawn, now dated before the claim: announcement(s) {', '.join(done.withdrawn)}; "
                   f"the claim is {done.status.replace('_', ' ')}.")
    if done.warning:
        click.secho(f"Warning: {done.warning}", err=True, fg="yellow")
    print_follow_up(done.follow_up)


@claim.command("language")
@click.argument("claim_ref", metavar="CLAIM")
@click.argument("language", metavar="LANG", type=click.Choice(LANGUAGES))
@click.option("--reason", required=True, help="Why the detected language was wrong (kept in the history).")
@pass_app
@friendly_errors
def language(app: App, claim_ref, language, reason) -> None:
    """Set the language a claim is written in; its window is read again in that language (unless set by
    hand). Kept in the history.

    Example: verify claim language 12 de --reason "German, quoted from Heise"
    """
    done = set_language(app.uow(), claim_ref, language, actor=app.settings.user, now=app.now(), reason=reason,
                        hemisphere=app.hemisphere)
    window = ("kept (set by hand)" if done.window_kept else
              f"{done.window['start']}..{done.window['end']}" if done.window else "none (no time named)")
    click.echo(f"Claim {claim_ref} now read as {done.after} (was {done.before or 'unknown'}); window {window}.")


@claim.command("retract")
@click.argument("claim_ref", metavar="CLAIM")
@click.option("--reason", required=True, help="Why the claim is withdrawn.")
@pass_app
@friendly_errors
def retract(app: App, claim_ref, reason) -> None:
    """Retract a claim logged by mistake (it is kept, with its history).

    Example: verify claim retract 12 --reason "logged twice"
    """
    retract_claim(app.uow(), claim_ref, actor=app.settings.user, now=app.now(), reason=reason)
    click.echo(f"Claim {claim_ref} retracted.")


@claim.command("unlink")
@click.argument("claim_ref", metavar="CLAIM")
@click.option("--reason", help="Why the link was wrong.")
@pass_app
@friendly_errors
def unlink(app: App, claim_ref, reason) -> None:
    """Undo a wrong near-duplicate link: the claim counts as a first report again (kept in the history).

    Example: verify claim unlink 12 --reason "a different phone"
    """
    before = unlink_claim(app.uow(), claim_ref, actor=app.settings.user, now=app.now(), reason=reason)
    click.echo(f"Claim {claim_ref} no longer linked to claim {before}.")


@click.command("claims")
@click.option("--status", type=click.Choice(STATUSES), help="Only claims with this status.")
@click.option("--source", help="Only claims from this source.")
@as_of_option
@json_option
@show_confidential_option
@pass_app
@friendly_errors
def list_claims(app: App, status, source, as_of, as_json, show_confidential) -> None:
    """List claims with their status as of a date. Confidential sources appear by pseudonym, wherever their
    name is written, unless an editor asks with --show-confidential.

    Example: verify claims --status overdue --as-of 2023-01-01
    """
    day = parse_date(as_of, today=app.today()) if as_of else app.today()
    with app.session() as session:
        rows = [row.to_dict() for row in queries.list_claims(session, as_of=day, status=status, source=source,
                                                            reveal_confidential=show_confidential)]
        if not show_confidential:
            rows = redact_rows(rows, hidden_names(session))
    if as_json:
        print_json(rows)
        return
    print_table([dict(row, status=LABELS[row["status"]], window=_window(row)) for row in rows], [
        ("id", "ID", 6), ("status", "Status", 16), ("source", "Source", 22), ("published", "Published", 10),
        ("window", "Window", 23), ("text", "Claim", 70)])


def _window(row: dict) -> str:
    if row["window_end"] is None:
        return ""
    return f"{row['window_start']}..{row['window_end']}"


@click.command()
@click.argument("text")
@click.option("--published", "-p", required=True, metavar="DATE", help="When the claim was published.")
@click.option("--hemisphere", type=click.Choice(["north", "south"]),
              help="Which seasons 'this summer' means (default: $VERIFY_HEMISPHERE, else north).")
@click.option("--language", type=click.Choice(LANGUAGES), help="The claim's language (default: detected).")
@click.option("--date-order", type=click.Choice(["DMY", "MDY"]),
              help="How to read numeric dates like 03/04/2025 (default: by the claim's language).")
@json_option
@pass_app
@friendly_errors
def when(app: App, text, published, hemisphere, language, date_order, as_json) -> None:
    """Show the time window a claim's words resolve to.

    Example: verify when "will launch in the second half of next year" --published 2022-03-28 --json
    """
    if not text.strip():
        raise InvalidInput("The text is empty: give the claim's words, e.g. \"will launch in July\".")
    day = read_date(published, "published date", today=app.today())
    hemisphere = hemisphere or app.hemisphere
    found = resolve_window(text, day, hemisphere=hemisphere, language=language, date_order=date_order)
    past = found is None and reads_as_past(text, day, hemisphere=hemisphere, language=language)
    result = found.to_dict() if found else {"expression": None, "start": None, "end": None, "granularity": None}
    if past:
        result["reads_as_past"] = True
    if as_json:
        print_json(result)
    elif found is None:
        click.echo("The claim's time lies in the past: no window (is it a claim about what comes?)." if past
                   else "No time expression found: the claim names no window.")
    else:
        click.echo(f"{found.expression!r} -> {found.start} .. {found.end} ({found.granularity})")
        if found.reading:
            click.echo(f"read from {found.expression} = {found.reading}")
        if found.note:
            click.echo(f"note: {found.note}")


COMMANDS = [claim, list_claims, when]
