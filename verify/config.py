"""Settings from the environment. Nothing here runs at import time: callers ask for settings explicitly."""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from verify.errors import InvalidInput

DATABASE_URL_VARIABLE = "VERIFY_DATABASE_URL"
USER_VARIABLE = "VERIFY_USER"
AUTH_FILE_VARIABLE = "VERIFY_AUTH_FILE"  # the dashboard's sign-in file (verify.access)


def default_database_path() -> Path:
    """Where the embedded database lives when nobody says otherwise (per user, per OS)."""
    return platformdirs.user_data_path("verify", appauthor=False) / "verify.db"


def default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"


@dataclass(frozen=True)
class Settings:
    database_url: str
    user: str
    auto_confirm: bool = False
    partial_hit_weight: float = 0.5
    hemisphere: str = "north"
    timezone: str | None = None  # an IANA name ("Europe/Berlin"); None: the machine's own zone


HEMISPHERES = ("north", "south")


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _weight(value: str) -> float:
    """VERIFY_PARTIAL_HIT_WEIGHT: how much a partly confirmed claim counts as a hit, from 0 to 1."""
    try:
        weight = float(value)
    except ValueError:
        weight = float("nan")
    if not 0.0 <= weight <= 1.0:  # also refuses nan
        raise InvalidInput(f"VERIFY_PARTIAL_HIT_WEIGHT is {value!r}: set it to a number from 0 to 1 (0.5 counts "
                           "a partly confirmed claim as half a hit), or unset it.")
    return weight


def load_settings(database_url: str | None = None, user: str | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Explicit values win over the environment, which wins over the defaults."""
    env = os.environ if environ is None else environ
    return Settings(
        database_url=database_url or env.get(DATABASE_URL_VARIABLE) or default_database_url(),
        user=user or env.get(USER_VARIABLE) or _login_name(),
        auto_confirm=_flag(env.get("VERIFY_AUTO_CONFIRM")),
        partial_hit_weight=_weight(env.get("VERIFY_PARTIAL_HIT_WEIGHT", "0.5")),
        hemisphere=_hemisphere(env.get("VERIFY_HEMISPHERE", "north")),
        timezone=_timezone(env.get("VERIFY_TIMEZONE")),
    )


def _hemisphere(value: str) -> str:
    """VERIFY_HEMISPHERE: which seasons "this summer" means (meteorological, by hemisphere)."""
    chosen = value.strip().lower() or "north"
    if chosen not in HEMISPHERES:
        raise InvalidInput(f"VERIFY_HEMISPHERE is {value!r}: set it to north or south, or unset it (north).")
    return chosen


def _timezone(value: str | None) -> str | None:
    """VERIFY_TIMEZONE: the newsroom's zone, which says what "today" is; checked here, once."""
    if not (value or "").strip():
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"VERIFY_TIMEZONE is {value!r}: set it to a zone name such as Europe/Berlin or "
                           "America/New_York, or unset it to use the machine's zone.") from None
    return value.strip()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def usable_cores() -> int:
    """The cores this process may use (fewer than the machine's in a container or under taskset): the
    default number of workers for the re-match and the bulk import."""
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return max(1, len(cores))
