"""Who is acting, and what they may do. The one place a sign-in will plug in later.

For now a single person runs the dashboard locally: the name comes from $VERIFY_USER and the role from
$VERIFY_DASHBOARD_ROLE (default editor). An unknown role falls back to viewer: least privilege wins.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

ROLES = ("viewer", "reporter", "editor")
ROLE_VARIABLE = "VERIFY_DASHBOARD_ROLE"


@dataclass(frozen=True)
class Person:
    name: str
    role: str

    @property
    def can_log(self) -> bool:
        """Reporters and editors log rumors and add announcements."""
        return self.role in ("reporter", "editor")

    @property
    def can_review(self) -> bool:
        """Only editors decide matches, correct windows and retract claims."""
        return self.role == "editor"

    @property
    def sees_confidential(self) -> bool:
        """Protected sources are named to editors only; everyone else sees a pseudonym."""
        return self.role == "editor"


def current_person() -> Person:
    role = os.environ.get(ROLE_VARIABLE, "editor").strip().lower()
    return Person(name=os.environ.get("VERIFY_USER") or _login_name(), role=role if role in ROLES else "viewer")


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
