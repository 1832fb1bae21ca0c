"""The demo data set: real public rumors of 2019-2022 (paraphrased) and the announcements that followed.

With `decided=True` the demo also records the editorial decisions those announcements support (as the
"demo-editor", through the same review service an editor uses), so the board and the scorecards have
history to show; a few proposals are left in the review queue to try.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from importlib.resources import as_file, files

from verify.db.repository import source_named
from verify.db.uow import UnitOfWork
from verify.errors import Conflict
from verify.services.imports import ImportReport, import_announcements, import_claims
from verify.services.review import review_match
from verify.services.sources import add_source

DEMO_ACTOR = "demo-loader"
DEMO_EDITOR = "demo-editor"
PROTECTED_DEMO_SOURCE = "Supply-chain contact (protected)"


@dataclass
class DemoReport:
    claims: ImportReport
    announcements: ImportReport
    decisions: list[tuple[str, str, str]] = field(default_factory=list)  # (claim, announcement, status)


def load_demo(uow: UnitOfWork, *, now: datetime, decided: bool = False) -> DemoReport:
    """Idempotent: loading twice adds nothing the second time."""
    _protect_demo_source(uow, now=now)
    demo = files("verify") / "demo"
    with as_file(demo / "claims.jsonl") as claims, as_file(demo / "announcements.jsonl") as announcements:
        report = DemoReport(import_claims(uow, claims, actor=DEMO_ACTOR, now=now),
                            import_announcements(uow, announcements, actor=DEMO_ACTOR, now=now))
    if decided:
        for line in (demo / "decisions.jsonl").read_text(encoding="utf-8").splitlines():
            decision = json.loads(line)
            try:
                # Curated by a person, so a pair the matcher ranks low is still recorded (force); a partly
                # decision's note names the detail that differs.
                detail = decision.get("detail", decision["note"]) if decision["decision"] == "partly" else None
                status = review_match(uow, decision["claim"], decision["announcement"], decision["decision"],
                                      actor=DEMO_EDITOR, now=now, note=decision["note"], detail=detail, force=True)
            except Conflict:
                continue  # decided by an earlier load, or by someone trying the demo
            report.decisions.append((decision["claim"], decision["announcement"], status))
    return report


def _protect_demo_source(uow: UnitOfWork, *, now: datetime) -> None:
    """Protected from its first appearance, so its name is never shown anywhere public."""
    with uow:
        exists = source_named(uow.session, PROTECTED_DEMO_SOURCE) is not None
    if not exists:
        add_source(uow, PROTECTED_DEMO_SOURCE, kind="person", confidential=True, actor=DEMO_ACTOR, now=now,
                   reason="demo: a protected source")
