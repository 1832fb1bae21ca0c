"""The demo data set: real public rumors of 2019-2022 (paraphrased) and the announcements that followed."""

from __future__ import annotations

from datetime import datetime
from importlib.resources import as_file, files

from sqlalchemy import select

from verify.db.models import Source
from verify.db.repository import record_event
from verify.db.uow import UnitOfWork
from verify.services.imports import ImportReport, import_announcements, import_claims

DEMO_ACTOR = "demo-loader"
PROTECTED_DEMO_SOURCE = "Supply-chain contact (protected)"


def load_demo(uow: UnitOfWork, *, now: datetime) -> tuple[ImportReport, ImportReport]:
    """Idempotent: loading twice adds nothing the second time."""
    demo = files("verify") / "demo"
    with as_file(demo / "claims.jsonl") as claims, as_file(demo / "announcements.jsonl") as announcements:
        claim_report = import_claims(uow, claims, actor=DEMO_ACTOR, now=now)
        announcement_report = import_announcements(uow, announcements, actor=DEMO_ACTOR, now=now)
    with uow:
        protected = uow.session.scalar(select(Source).where(Source.name == PROTECTED_DEMO_SOURCE))
        if protected is not None and not protected.confidential:
            protected.confidential = True
            record_event(uow.session, "source_changed", actor=DEMO_ACTOR, now=now, source=protected,
                         reason="demo: a protected source", evidence={"confidential": True})
            uow.commit()
    return claim_report, announcement_report
