"""Suggested claims from an article, and logging the ones the reporter accepts."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from verify.cli.app import App, deferred, friendly_errors, json_option, pass_app, print_json
from verify.cli.matching import print_follow_up
from verify.errors import DatabaseError, InvalidInput

if TYPE_CHECKING:
    from verify.core.suggest import Suggestion
    from verify.ingest.articles import Article
    from verify.services.suggestions import StoredOutcome
suggest_claims = deferred("verify.core.suggest:suggest_claims")
resolve_window = deferred("verify.core.time:resolve_window")
read_article = deferred("verify.ingest.articles:read_article")
read_date = deferred("verify.core.inputs:read_date")
log_suggestions = deferred("verify.services.suggestions:log_suggestions")
pick_suggestions = deferred("verify.services.suggestions:pick_suggestions")
stored_outcomes = deferred("verify.services.suggestions:stored_outcomes")


@click.command()
@click.argument("path", metavar="FILE")
@click.option("--published", "-p", metavar="DATE", help="When the article was published (default: its own date).")
@click.option("--source", "-s", help="The outlet that published the article (required with --log).")
@click.option("--url", help="Where it was published (default: the address in the page's metadata).")
@click.option("--log", "log", is_flag=True, help="Log the suggestions as claims (all, or those in --pick).")
@click.option("--pick", metavar="N[,N...]", help="Only these suggestions, by number: 1,3.")
@click.option("--stored/--no-stored", default=True,
              help="Look up the announcements and claims already stored for each suggestion (default: on).")
@json_option
@pass_app
@friendly_errors
def suggest(app: App, path, published, source, url, log, pick, stored, as_json) -> None:
    """Suggest the claims worth logging from an article (plain text or a saved web page).

    Suggestions are not claims until you accept them: --log logs them (one transaction), each with the
    article's source, date and URL, the suggested confidence, and the source the article credits as origin.
    For each suggestion it also says what is already stored: an announcement the matcher proposes as its
    outcome (a proposal to review, never a verdict), or the same rumor already logged, with the link to make.

    Example: verify suggest article.html --source "XDA Developers" --log --pick 1,3
    """
    if log and not (source or "").strip():
        raise InvalidInput("--log needs the article's source: add --source NAME (the outlet that published it).")
    article = read_article(Path(path))
    day = _published(app, article, published, required=log)
    suggestions = suggest_claims(article.text, day or app.today(),
                                 resolve_window=lambda text, when: resolve_window(
                                     text, when, hemisphere=app.hemisphere))
    numbers = pick_suggestions(len(suggestions), pick)
    outcomes = _outcomes(app, suggestions, numbers, day or app.today(), required=log) if stored else None
    logged = None
    if log:
        logged = log_suggestions(app.uow(), suggestions, source=source, published=day, url=url or article.url,
                                 actor=app.settings.user, now=app.now(), pick=numbers,
                                 hemisphere=app.hemisphere, settings=app.match_settings)
    if as_json:
        print_json(_as_json(article, day, suggestions, numbers, logged, outcomes))
        return
    if day is None:
        click.echo("The article has no date: windows are read from today (give --published DATE).", err=True)
    _print_suggestions(suggestions, numbers, outcomes)
    if logged is not None:
        for number, claim_id in logged.logged.items():
            click.echo(f"Logged suggestion {number} as claim {claim_id}.")
        for number in logged.already_logged:
            click.echo(f"Suggestion {number} is already logged (same source, text and date): not logged again.")
        print_follow_up(logged.follow_up, limit=3)


def _published(app: App, article: Article, published: str | None, *, required: bool) -> date | None:
    if published:
        return read_date(published, "published date", today=app.today())
    if article.published is None and required:
        raise InvalidInput("The article does not say when it was published: add --published DATE.")
    return article.published


def _outcomes(app: App, suggestions: list[Suggestion], numbers: list[int], day: date, *,
              required: bool) -> dict[int, StoredOutcome] | None:
    """What the store holds for each picked suggestion, by number; without a database (and without --log)
    suggesting still works."""
    try:
        found = stored_outcomes(app.uow(), [suggestions[number - 1] for number in numbers], published=day)
        return dict(zip(numbers, found, strict=True))
    except DatabaseError:
        if required:
            raise
        click.echo("No database to look in (run `verify init`): stored announcements and claims not checked.",
                   err=True)
        return None


def _print_suggestions(suggestions: list[Suggestion], numbers: list[int],
                       outcomes: dict[int, StoredOutcome] | None) -> None:
    if not suggestions:
        click.echo("No suggested claims: nothing in the article reads as a rumor or a forward-looking claim.")
    for number in numbers:
        item = suggestions[number - 1]
        window = item.to_dict()["window"]
        click.echo(f"{number}. {item.sentence}")
        click.echo(f"   confidence {item.confidence:.1f} ({', '.join(item.hedges)}); "
                   f"source: {item.attributed_to or '(not named)'}")
        span = f"{window['start']}..{window['end']}" if window else "-"
        click.echo(f"   entities: {', '.join(item.entities) or '-'}; window: {span}")
        if outcomes:
            _print_stored(number, outcomes[number])


def _print_stored(number: int, outcome: StoredOutcome) -> None:
    """Stored outcomes are proposals: the verdict is the matcher's guess until an editor reviews it."""
    for known in outcome.claims:
        what = "a repeat: logging this links it to it" if known.repeat else "similar"
        click.echo(f"   already logged: claim {known.claim} ({known.source}, {known.published}, "
                   f"{known.status.replace('_', ' ')}), similarity {known.similarity:.0f}, {what}")
    repeat = outcome.repeat_of
    for found in outcome.announcements:
        click.echo(f"   already stored: announcement {found.announcement} ({found.issuer}, {found.published}) may "
                   f"settle it - proposed verdict {found.proposed_verdict.replace('_', ' ')}, score "
                   f"{found.score:.0f}, not reviewed: {_cut(found.text, 90)}")
        if repeat:
            click.echo(f"     to link: verify review {repeat.claim} {found.announcement} "
                       "--accept|--partly|--deny|--reject")
        else:
            click.echo(f"     to link: log it (--log --pick {number}); the match is then proposed for review")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _as_json(article: Article, day: date | None, suggestions, numbers, logged, outcomes) -> dict:
    result = {
        "article": {"title": article.title, "url": article.url,
                    "published": day.isoformat() if day else None},
        "suggestions": [{"number": number, **suggestions[number - 1].to_dict(),
                         "stored": outcomes[number].to_dict() if outcomes is not None else None}
                        for number in numbers],
    }
    if logged is not None:
        result["logged"] = [{"suggestion": number, "claim": claim_id} for number, claim_id in logged.logged.items()]
        result["already_logged"] = logged.already_logged
    return result


COMMANDS = [suggest]
