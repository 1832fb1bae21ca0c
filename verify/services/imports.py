"""Importing claims and announcements from files: all-or-nothing by default, idempotent always."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from verify.core.logging_checks import logging_warning
from verify.core.matching import MatchSettings
from verify.db.models import Announcement, Claim
from verify.db.retry import retry_on_conflict
from verify.db.uow import UnitOfWork
from verify.errors import ImportRejected, VerifyError
from verify.rowfiles import detect_format, read_rows, require_columns
from verify.services.announcements import NewAnnouncement, add_announcement_row, check_announcement
from verify.services.claims import NewClaim, add_claim, check_claim
from verify.services.followup import FollowUp, after_announcements, after_claims, owe

Progress = Callable[[int], None]
LOOKUP_CHUNK = 500
CLAIM_COLUMNS = ("text", "source", "published", "url", "external_id", "confidence", "source_kind", "origin")
ANNOUNCEMENT_COLUMNS = ("text", "issuer", "source", "published", "url", "external_id")


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)
    already_stored: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    follow_up: FollowUp = field(default_factory=FollowUp)  # duplicates linked, proposals found, or an error
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, a claim whose time reads as past)
    owed: int | None = None  # the "follow_up_owed" event written with the rows (settled by the follow-up)


def import_claims(uow: UnitOfWork, path: Path | str, *, actor: str, now: datetime, skip_invalid: bool = False,
                  file_format: str | None = None, progress: Progress | None = None,
                  hemisphere: str = "north", follow_up: bool = True,
                  settings: MatchSettings = MatchSettings()) -> ImportReport:
    """Import a file of claims; once committed, link near-duplicates and match the new claims."""
    def checked(fields):
        return check_claim(NewClaim(
            text=fields.get("text"), source=fields.get("source"), published=fields.get("published"),
            url=fields.get("url"), confidence=fields.get("confidence"), external_id=fields.get("external_id"),
            source_kind=(fields.get("source_kind") or "outlet"), origin=fields.get("origin"),
            language=fields.get("language"),  # optional: detected from the text when absent or empty
        ), today=now.date())

    def add(session, item):
        return add_claim(session, item, actor=actor, now=now, hemisphere=hemisphere).id

    def warn(item):
        return logging_warning(item.text, item.published, hemisphere=hemisphere, language=item.language)

    report = _import(uow, path, Claim, checked, add, ("text", "source", "published"), CLAIM_COLUMNS,
                     skip_invalid=skip_invalid, file_format=file_format, progress=progress,
                     owed_kind="claims" if follow_up else None, now=now, actor=actor, warn=warn)
    if follow_up:
        report.follow_up = after_claims(uow, report.added, now=now, settings=settings, owed=report.owed,
                                        actor=actor)
    return report


def import_announcements(uow: UnitOfWork, path: Path | str, *, actor: str, now: datetime,
                         skip_invalid: bool = False, file_format: str | None = None,
                         progress: Progress | None = None, follow_up: bool = True,
                         settings: MatchSettings = MatchSettings()) -> ImportReport:
    """Import a file of announcements; once committed, check the new ones against the open claims."""
    def checked(fields):
        return check_announcement(NewAnnouncement(
            text=fields.get("text"), issuer=fields.get("issuer") or fields.get("source"),
            published=fields.get("published"), url=fields.get("url"), external_id=fields.get("external_id"),
        ), today=now.date())

    def add(session, item):  # None: the same release is already stored (from a feed, or earlier in the file)
        row = add_announcement_row(session, item, actor=actor, now=now)
        return None if row is None else row.id

    report = _import(uow, path, Announcement, checked, add, ("text", "published"), ANNOUNCEMENT_COLUMNS,
                     skip_invalid=skip_invalid, file_format=file_format, progress=progress,
                     owed_kind="announcements" if follow_up else None, now=now, actor=actor)
    if follow_up:
        report.follow_up = after_announcements(uow, report.added, now=now, settings=settings,
                                               owed=report.owed, actor=actor)
    return report


def _import(uow, path, model, checked, add, required, allowed, *, skip_invalid, file_format,
            progress, owed_kind: str | None, now: datetime, actor: str, warn=None) -> ImportReport:
    rows = read_rows(path, file_format)
    csv_file = detect_format(Path(path), file_format) == "csv"
    require_columns(path, rows, required, allowed if csv_file else None)
    report = ImportReport()
    items = []
    for row in rows:
        if row.problem:
            report.problems.append((row.line, row.problem))
            continue
        try:
            items.append(checked(row.fields))
            if warn is not None and (message := warn(items[-1])):
                report.warnings.append((row.line, message))
        except VerifyError as error:
            report.problems.append((row.line, str(error)))
    if report.problems and not skip_invalid:
        raise ImportRejected(str(path), report.problems)
    # Someone importing the same rows at the same moment makes our transaction lose on a unique key:
    # it rolled back whole, so the retry starts over and counts their rows as already stored.
    report.added, report.already_stored, report.owed = retry_on_conflict(
        lambda: _write(uow, model, items, add, progress, owed_kind, now, actor))
    return report


def _write(uow, model, items, add, progress, owed_kind, now, actor) -> tuple[list[int], int, int | None]:
    """The rows, and (in the same transaction) the follow-up they are owed: a process killed right after
    the commit leaves the debt recorded, and the next command pays it."""
    added, already_stored, owed = [], 0, None
    with uow:
        known_ids, known_keys = _stored_keys(uow.session, model, items)
        for done, item in enumerate(items, start=1):
            new_id = None if item.external_id in known_ids or item.key in known_keys else add(uow.session, item)
            if new_id is None:
                already_stored += 1
            else:
                added.append(new_id)
                known_keys.add(item.key)
                if item.external_id:
                    known_ids.add(item.external_id)
            if progress and done % 100 == 0:
                progress(100)
        if progress:
            progress(len(items) % 100)
        if added and owed_kind:
            owed = owe(uow.session, owed_kind, added, now=now, actor=actor)
        uow.commit()
    return added, already_stored, owed


def _stored_keys(session, model, items) -> tuple[set[str], set[str]]:
    ids = [item.external_id for item in items if item.external_id]
    keys = [item.key for item in items]
    return (
        _existing(session, model.external_id, ids),
        _existing(session, model.dedupe_key, keys),
    )


def _existing(session, column, values: Iterable[str]) -> set[str]:
    values = list(dict.fromkeys(values))
    found: set[str] = set()
    for start in range(0, len(values), LOOKUP_CHUNK):
        chunk = values[start:start + LOOKUP_CHUNK]
        found.update(session.scalars(select(column).where(column.in_(chunk))))
    return found
