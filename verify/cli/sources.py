"""Sources: add and edit them, their scorecards (as of a date, as recorded at a moment), exports, audits."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, time

import click

from verify.cli.app import (
    App,
    LazyChoice,
    as_of_option,
    deferred,
    friendly_errors,
    json_option,
    pass_app,
    print_json,
    print_table,
)
from verify.errors import InvalidDate, InvalidInput
from verify.rowfiles import safe_cell, write_atomically

parse_date = deferred("verify.core.time:parse_date")
claim_audit = deferred("verify.queries.audit:claim_audit")
claim_reviews = deferred("verify.queries.claimreview:claim_reviews")
source_scorecards = deferred("verify.queries.scorecards:source_scorecards")
add_source = deferred("verify.services.sources:add_source")
edit_source = deferred("verify.services.sources:edit_source")

KINDS = click.Choice(["outlet", "person"])


@click.group()
def source() -> None:
    """Add a source, or change one (every change is kept with who made it)."""


@source.command("add")
@click.argument("name")
@click.option("--kind", type=KINDS, default="outlet", show_default=True)
@click.option("--confidential", is_flag=True, help="Protect the name: shown as 'Confidential source #N'.")
@click.option("--reason", help="Why (kept in the audit trail).")
@pass_app
@friendly_errors
def add(app: App, name, kind, confidential, reason) -> None:
    """Add a source before its first claim, so it can be protected from the start.

    Example: verify source add "Supply-chain contact" --kind person --confidential
    """
    source_id = add_source(app.uow(), name, kind=kind, confidential=confidential, actor=app.settings.user,
                           now=app.now(), reason=reason)
    click.echo(f"Added source {source_id}.")


@source.command("edit")
@click.argument("name")
@click.option("--rename", metavar="NEW", help="A new name.")
@click.option("--kind", type=KINDS)
@click.option("--confidential/--not-confidential", default=None, help="Protect the name, or stop protecting it.")
@click.option("--reason", help="Why (kept in the audit trail).")
@pass_app
@friendly_errors
def edit(app: App, name, rename, kind, confidential, reason) -> None:
    """Rename a source, change its kind, or protect it.

    Example: verify source edit "Digital Chat Station" --kind person --confidential --reason "asked us"
    """
    source_id = edit_source(app.uow(), name, rename=rename, kind=kind, confidential=confidential,
                            actor=app.settings.user, now=app.now(), reason=reason)
    click.echo(f"Source {source_id} changed.")


def board_options(command):
    """The options every view of the board shares: when, as recorded when, and in which order."""
    command = click.option("--sort", type=LazyChoice("verify.queries.scorecards:SORTS"), default="lower",
                           show_default=True,
                           help="lower: the interval's lower bound (does not reward luck or volume); "
                                "rate, claims, name.")(command)
    command = click.option("--recorded-at", "recorded_at", metavar="TIMESTAMP",
                           help="The board exactly as the database held it then (ISO time, UTC unless it "
                                "says; a date alone means the end of that day).")(command)
    return as_of_option(command)


def show_confidential_option(command):
    """Editors only: confidential sources by their real names (never for publication)."""
    return click.option("--show-confidential", is_flag=True,
                        help="Editors only: show confidential sources' real names (never with --public).")(command)


@click.group("sources", invoke_without_command=True)
@board_options
@json_option
@click.option("--public", is_flag=True, help="For publication: confidential sources only by pseudonym (the default).")
@show_confidential_option
@pass_app
@click.pass_context
@friendly_errors
def sources(ctx: click.Context, app: App, as_of, recorded_at, sort, as_json, public, show_confidential) -> None:
    """Source scorecards: hit rate with its 95% interval, Brier score, lead time, first reports.

    Example: verify sources --as-of 2022-12-31 --sort lower --json --public
    """
    if ctx.invoked_subcommand is not None:
        return
    cards = _scorecards(app, as_of, recorded_at, sort, reveal=show_confidential and not public)
    if as_json:
        print_json([card.to_dict() for card in cards])
        return
    print_table([_shown(card) for card in cards], [
        ("source", "Source", 28), ("claims", "Claims", 6), ("resolved", "Resolved", 8),
        ("rate", "Hit rate (n)", 16), ("interval", "95% interval", 12), ("brier", "Brier (n)", 12),
        ("lead", "Lead days (n)", 13), ("first", "First reports", 13), ("amplified", "Amplified", 9)])


@sources.command("export")
@click.option("--format", "file_format", type=click.Choice(["csv", "json", "claimreview"]), default="csv",
              show_default=True, help="Scorecards as CSV or JSON, or ClaimReview JSON-LD for resolved claims.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout.")
@board_options
@click.option("--newsroom", envvar="VERIFY_NEWSROOM", help="The review's author. Default: $VERIFY_NEWSROOM.")
@click.option("--newsroom-url", envvar="VERIFY_NEWSROOM_URL", help="Default: $VERIFY_NEWSROOM_URL.")
@click.option("--review-url", default="{newsroom_url}/claims/{id}", show_default=True,
              help="Each review's address; may use {id}, {external_id} and {newsroom_url}.")
@pass_app
@friendly_errors
def export(app: App, file_format, output, as_of, recorded_at, sort, newsroom, newsroom_url, review_url) -> None:
    """Export for publication: confidential sources always appear by pseudonym.

    Example: verify sources export --format claimreview --newsroom "The Ledger"
    --newsroom-url https://ledger.example -o reviews.jsonld
    """
    if file_format == "claimreview":
        if not newsroom or not newsroom_url:
            raise InvalidInput("ClaimReview needs the newsroom: pass --newsroom and --newsroom-url "
                               "(or set VERIFY_NEWSROOM and VERIFY_NEWSROOM_URL).")
        day, moment = _when(app, as_of, recorded_at)
        with app.session() as session:
            rows = claim_reviews(session, as_of=day, recorded_by=moment, newsroom=newsroom,
                                 newsroom_url=newsroom_url, review_url=review_url)
        text = json.dumps(rows, ensure_ascii=False, indent=2)
    else:
        rows = [card.to_dict() for card in _scorecards(app, as_of, recorded_at, sort, reveal=False)]
        text = json.dumps(rows, ensure_ascii=False, indent=2) if file_format == "json" else _csv(rows)
    if output:
        write_atomically(output, lambda stream: stream.write(text + ("\n" if file_format != "csv" else "")))
        click.echo(f"Wrote {len(rows)} rows to {output}", err=True)
    else:
        click.echo(text)


@click.command()
@click.argument("claim_ref", metavar="CLAIM")
@json_option
@click.option("--public", is_flag=True, help="For publication: confidential sources only by pseudonym (the default).")
@show_confidential_option
@pass_app
@friendly_errors
def audit(app: App, claim_ref, as_json, public, show_confidential) -> None:
    """A claim's whole history: who did what, when, why, and on what evidence. Confidential sources appear
    by pseudonym, wherever their name is written, unless an editor asks with --show-confidential.

    Example: verify audit demo-c7 --json
    """
    with app.session() as session:
        trail = claim_audit(session, claim_ref, reveal=show_confidential and not public)
    if as_json:
        print_json(trail.to_dict())
        return
    origin = f" (citing {trail.origin})" if trail.origin else ""
    click.echo(f"Claim {trail.claim}: {trail.text}\n{trail.source}{origin}, published {trail.published}; "
               f"status now {trail.status}.")
    print_table([{"when": f"{entry.recorded_at:%Y-%m-%d %H:%M}", "who": entry.actor, "what": entry.kind,
                  "status": _status(entry), "why": entry.reason, "evidence": entry.summary}
                 for entry in trail.events],
                [("when", "Recorded", 16), ("who", "By", 16), ("what", "Event", 16), ("status", "Status", 30),
                 ("why", "Why", 30), ("evidence", "Evidence", 90)])


def _status(entry) -> str:
    return f"{entry.status} from {entry.effective_on}" if entry.status else ""


def _when(app: App, as_of: str | None, recorded_at: str | None):
    """`--recorded-at` alone also sets the date looked from: the board as it was shown at that moment."""
    moment = _moment(recorded_at) if recorded_at else None
    if as_of:
        return parse_date(as_of, today=app.today()), moment
    return (moment.date() if moment else app.today()), moment


def _moment(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidDate(f"Cannot read the time {text!r}: use ISO 8601, like 2022-09-01T12:00:00+00:00 "
                          "or 2022-09-01.") from None
    if len(text.strip()) == 10:
        value = datetime.combine(value.date(), time.max)
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def _scorecards(app: App, as_of, recorded_at, sort, *, reveal: bool):
    day, moment = _when(app, as_of, recorded_at)
    with app.session() as session:
        return source_scorecards(session, as_of=day, recorded_by=moment,
                                 partial_weight=app.partial_hit_weight, reveal=reveal, sort=sort)


def _shown(card) -> dict:
    def percent(value):
        return "" if value is None else f"{value:.0%}"

    return {
        "source": card.source, "claims": card.claims, "resolved": card.resolved,
        "rate": f"{percent(card.hit_rate)} (n={card.resolved})" if card.resolved else "(n=0)",
        "interval": f"{percent(card.hit_rate_low)}-{percent(card.hit_rate_high)}" if card.resolved else "",
        "brier": f"{card.brier:.2f} (n={card.brier_n})" if card.brier is not None else "(n=0)",
        "lead": f"{card.median_lead_days:g} (n={card.lead_n})" if card.lead_n else "(n=0)",
        "first": f"{card.first_reports} of {card.claims}", "amplified": card.amplified,
    }


def _csv(rows: list[dict]) -> str:
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


COMMANDS = [source, sources, audit]
