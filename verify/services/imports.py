"""Importing claims and announcements from files: all-or-nothing by default, idempotent always, and in
batches (`bulk_rows`), so a newsroom's archive of 100,000 claims is written in seconds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Protocol

from verify.core.announcement_input import NewAnnouncement, check_announcement
from verify.core.claim_input import NewClaim, check_claim
from verify.core.collector import full_collections_deferred
from verify.core.matching import MatchSettings
from verify.core.permissions import Actor, require
from verify.db.bulk_insert import bulk_page_cache
from verify.db.models import Announcement, Claim
from verify.db.retry import retry_on_conflict
from verify.db.uow import UnitOfWork
from verify.errors import ImportRejected, VerifyError
from verify.rowfiles import detect_format, read_rows, require_columns
from verify.services.announcements import new_releases
from verify.services.bulk_prepare import Preparing
from verify.services.bulk_rows import (
    assemble_claim,
    claim_parts,
    prepare_announcement,
    write_announcements,
    write_claims,
)
from verify.services.bulk_rows import stored_keys as stored_keys_of
from verify.services.followup import FollowUp, after_announcements, after_claims
from verify.services.owed import owe

BATCH = 5_000  # rows per INSERT statement (executemany), so the writing bar moves
STEP = 2_000  # rows checked, looked up (one query) and sent on to be prepared at a time
CLAIM_COLUMNS = ("text", "source", "published", "url", "external_id", "confidence", "source_kind", "origin")
ANNOUNCEMENT_COLUMNS = ("text", "issuer", "source", "published", "url", "external_id")


class Progress(Protocol):
    """What an import tells its user: each phase (reading, checking, writing, linking, matching) as it
    starts, with how many steps it has, then the steps done."""

    def phase(self, name: str, total: int) -> None: ...

    def advance(self, steps: int) -> None: ...


class Silent:
    def phase(self, name: str, total: int) -> None:
        pass

    def advance(self, steps: int) -> None:
        pass


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)
    already_stored: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    follow_up: FollowUp = field(default_factory=FollowUp)  # duplicates linked, proposals found, or an error
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, a claim whose time reads as past)
    owed: int | None = None  # the "follow_up_owed" event written with the rows (settled by the follow-up)


def import_claims(uow: UnitOfWork, path: Path | str, *, actor: Actor | str, now: datetime, skip_invalid: bool = False,
                  file_format: str | None = None, progress: Progress | None = None,
                  hemisphere: str = "north", follow_up: bool = True,
                  settings: MatchSettings = MatchSettings()) -> ImportReport:
    """Import a file of claims; once committed, link near-duplicates and match the new claims."""
    actor = require(actor, "log_claim")
    def checked(fields):
        return check_claim(NewClaim(
            text=fields.get("text"), source=fields.get("source"), published=fields.get("published"),
            url=fields.get("url"), confidence=fields.get("confidence"), external_id=fields.get("external_id"),
            source_kind=(fields.get("source_kind") or "outlet"), origin=fields.get("origin"),
            language=fields.get("language"),  # optional: detected from the text when absent or empty
        ), today=now.date())

    report = _import(uow, path, Claim, checked, partial(claim_parts, hemisphere=hemisphere), write_claims,
                     ("text", "source", "published"),
                     CLAIM_COLUMNS, skip_invalid=skip_invalid, file_format=file_format, progress=progress,
                     owed_kind="claims" if follow_up else None, now=now, actor=actor, assemble=assemble_claim)
    if follow_up:
        report.follow_up = after_claims(uow, report.added, now=now, settings=settings, owed=report.owed,
                                        actor=actor, progress=progress)
    return report


def import_announcements(uow: UnitOfWork, path: Path | str, *, actor: Actor | str, now: datetime,
                         skip_invalid: bool = False, file_format: str | None = None,
                         progress: Progress | None = None, follow_up: bool = True,
                         settings: MatchSettings = MatchSettings()) -> ImportReport:
    """Import a file of announcements; once committed, check the new ones against the open claims."""
    actor = require(actor, "add_announcement")
    def checked(fields):
        return check_announcement(NewAnnouncement(
            text=fields.get("text"), issuer=fields.get("issuer") or fields.get("source"),
            published=fields.get("published"), url=fields.get("url"), external_id=fields.get("external_id"),
        ), today=now.date())

    report = _import(uow, path, Announcement, checked, prepare_announcement, write_announcements,
                     ("text", "published"), ANNOUNCEMENT_COLUMNS, skip_invalid=skip_invalid,
                     file_format=file_format, progress=progress,
                     owed_kind="announcements" if follow_up else None, now=now, actor=actor)
    if follow_up:
        report.follow_up = after_announcements(uow, report.added, now=now, settings=settings,
                                               owed=report.owed, actor=actor, progress=progress)
    return report


def _import(uow, path, model, checked, prepare, write, required, allowed, *, skip_invalid, file_format, progress,
            owed_kind: str | None, now: datetime, actor: str, assemble=None) -> ImportReport:
    """Every row is read and checked before anything is written (a bad row refuses the file unless
    `skip_invalid`), then the new ones are written in one transaction. What takes minutes for an archive,
    linking and matching, comes after the commit and is owed until done: stopped there, the next command
    (or the same import run again, which finds every row stored) finishes it."""
    with full_collections_deferred():  # the rows are kept until the commit: no full pass over them meanwhile
        return _import_rows(uow, path, model, checked, prepare, write, required, allowed,
                            skip_invalid=skip_invalid, file_format=file_format, progress=progress,
                            owed_kind=owed_kind, now=now, actor=actor, assemble=assemble)


def _import_rows(uow, path, model, checked, prepare, write, required, allowed, *, skip_invalid, file_format,
                 progress, owed_kind: str | None, now: datetime, actor: str, assemble=None) -> ImportReport:
    progress = progress or Silent()
    progress.phase("reading", 1)
    rows = read_rows(path, file_format)
    csv_file = detect_format(Path(path), file_format) == "csv"
    require_columns(path, rows, required, allowed if csv_file else None)
    progress.advance(1)
    report = ImportReport()
    progress.phase("checking", 2 * len(rows))
    fresh_lines: list[int] = []
    fresh_items: list = []
    with Preparing(prepare, progress, rows=len(rows), parallel=model is Claim, assemble=assemble) as preparing:
        for start in range(0, len(rows), STEP):
            lines, items = [], []
            for row in rows[start:start + STEP]:
                if row.problem:
                    report.problems.append((row.line, row.problem))
                    continue
                try:
                    items.append(checked(row.fields))
                    lines.append(row.line)
                except VerifyError as error:
                    report.problems.append((row.line, str(error)))
            progress.advance(len(rows[start:start + STEP]))
            if report.problems and not skip_invalid:
                continue  # the file is refused: the rest is checked for the message, nothing more prepared
            fresh = _not_stored(uow, model, lines, items, report)
            progress.advance(len(rows[start:start + STEP]) - len(fresh))  # rows stored already or skipped
            fresh_lines.extend(line for line, _ in fresh)
            fresh_items.extend(item for _, item in fresh)
            preparing.add([item for _, item in fresh])
        if report.problems and not skip_invalid:
            raise ImportRejected(str(path), report.problems)
        # every row is checked: the first are written while the workers still prepare the last
        _write(uow, model, fresh_items, preparing.in_order, write, report, progress, owed_kind=owed_kind, now=now,
               actor=actor)
        report.warnings.extend((line, p.warning) for line, p in zip(fresh_lines, preparing.in_order(), strict=True)
                               if getattr(p, "warning", None))
    return report


def _not_stored(uow, model, lines, items, report: ImportReport) -> list[tuple[int, object]]:
    """The checked rows (with their lines) not stored yet: their windows and terms are the costly part of
    checking, so a file imported again, or resumed, skips it for the rows already there (counted as stored
    here; rows stored meanwhile are counted when written)."""
    keys = [item.key for item in items]

    def look_up() -> tuple[set[str], set[str]]:
        with uow:
            return stored_keys_of(uow.session, model, [item.external_id for item in items if item.external_id],
                                  keys)

    stored_ids, stored_keys = retry_on_conflict(look_up)  # SQLite: busy while other imports write
    fresh = [(line, item) for line, item, key in zip(lines, items, keys, strict=True)
             if item.external_id not in stored_ids and key not in stored_keys]
    report.already_stored += len(items) - len(fresh)
    return fresh


def _write(uow, model, items, prepared: Callable[[], Iterable], write, report: ImportReport, progress: Progress, *,
           owed_kind, now, actor) -> None:
    """The file's new rows in one transaction (all or nothing: stopped or failed halfway, nothing is
    stored and the same import starts over), written `BATCH` rows per statement as `prepared()` gives them
    (each checked item's row, in order, perhaps still being prepared), with the follow-up they are owed: a
    process killed right after the commit leaves the debt recorded, and the next command (or the same import
    run again) pays it."""
    progress.phase("writing", len(items))

    def write_all() -> tuple[list[int], int, int | None]:
        added: list[int] = []
        with uow:
            known_ids, known_keys = stored_keys_of(uow.session, model,
                                                   [item.external_id for item in items if item.external_id],
                                                   [item.key for item in items])
            fresh = []  # positions of the rows not stored yet (nor twice in the file)
            for at, item in enumerate(items):
                if item.external_id in known_ids or item.key in known_keys:
                    continue
                fresh.append(at)
                known_keys.add(item.key)
                if item.external_id:
                    known_ids.add(item.external_id)
            if model is Announcement:  # the same press release, already stored from a feed or earlier here
                fresh = [at for at, new in zip(fresh, new_releases(uow.session, [items[at] for at in fresh]),
                                               strict=True) if new]
            wanted = set(fresh)
            with bulk_page_cache(uow.session):
                batch: list = []
                for at, row in enumerate(prepared()):
                    if at in wanted:
                        batch.append(row)
                    if len(batch) == BATCH or (batch and at == len(items) - 1):
                        added.extend(write(uow.session, batch, actor=actor, now=now))
                        progress.advance(len(batch))
                        batch = []
                owed = owe(uow.session, owed_kind, added, now=now, actor=actor) if added and owed_kind else None
            uow.commit()
        progress.advance(len(items) - len(fresh))
        return added, len(items) - len(fresh), owed

    # Someone importing the same rows at the same moment makes our transaction lose on a unique key: it
    # rolled back whole, so the retry starts over and counts their rows as already stored.
    added, already, report.owed = retry_on_conflict(write_all)
    report.added.extend(added)
    report.already_stored += already
