"""Newsroom-wide settings stored in the database, so every desk, the CLI and the dashboard see one choice.

Only known keys can be set; each change is an event naming who switched it and when. The environment
(`VERIFY_AUTO_CONFIRM`) only gives the default a newsroom that never chose gets.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from verify.core.matching import MatchSettings
from verify.core.permissions import Actor, require
from verify.db.models import NewsroomSetting
from verify.db.repository import record_event
from verify.db.uow import UnitOfWork
from verify.errors import InvalidInput

AUTO_CONFIRM = "auto_confirm"
KNOWN = {AUTO_CONFIRM: "confirm auto-band matches without review (on|off)"}
_ON, _OFF = {"on", "true", "yes", "1"}, {"off", "false", "no", "0"}


def read_flag(value: str, key: str) -> bool:
    text = str(value).strip().lower()
    if text in _ON | _OFF:
        return text in _ON
    raise InvalidInput(f"The setting {key} is on or off, not {value!r}.")


def stored_settings(session: Session) -> dict[str, str]:
    return {row.key: row.value for row in session.scalars(select(NewsroomSetting))}


def auto_confirm(session: Session, default: bool = False) -> bool:
    """The newsroom's stored choice; `default` (the environment's) only when it never chose."""
    value = stored_settings(session).get(AUTO_CONFIRM)
    return default if value is None else read_flag(value, AUTO_CONFIRM)


def effective_match_settings(session: Session, settings: MatchSettings) -> MatchSettings:
    """The caller's thresholds with the newsroom's auto switch: a stored choice wins over a default."""
    return replace(settings, auto_enabled=auto_confirm(session, settings.auto_enabled))


def show_settings(uow: UnitOfWork, *, defaults: dict[str, str] | None = None) -> list[dict]:
    """Every known setting with its value and where it came from (stored, or the default)."""
    with uow:
        rows = {row.key: row for row in uow.session.scalars(select(NewsroomSetting))}
        out = []
        for key, meaning in KNOWN.items():
            row = rows.get(key)
            out.append({"key": key, "value": row.value if row else (defaults or {}).get(key, "off"),
                        "stored": row is not None, "changed_by": row.changed_by if row else None,
                        "changed_at": row.changed_at.isoformat() if row else None, "meaning": meaning})
        return out


def set_setting(uow: UnitOfWork, key: str, value: str, *, actor: Actor | str, now: datetime) -> str:
    """Store one setting (normalised to on/off for switches) and record the change; returns the value."""
    actor = require(actor, "edit_settings")
    if key not in KNOWN:
        raise InvalidInput(f"Unknown setting {key!r}: known settings are {', '.join(KNOWN)}.")
    stored = "on" if read_flag(value, key) else "off"
    with uow:
        row = uow.session.get(NewsroomSetting, key)
        before = row.value if row else None
        if row is None:
            row = NewsroomSetting(key=key, value=stored, changed_by=actor, changed_at=now)
            uow.session.add(row)
        else:
            row.value, row.changed_by, row.changed_at = stored, actor, now
        record_event(uow.session, "setting_changed", actor=actor, now=now,
                     reason=f"{key}: {before or 'default'} -> {stored}",
                     evidence={"key": key, "before": before, "after": stored})
        uow.commit()
    return stored
