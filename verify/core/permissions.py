"""Who may do what: the one rule every service asks before it writes (`require`), whatever the entrypoint.

A page that forgot to hide a button, or a script calling a service, still cannot write for the wrong role:
the check is where the work is done, as datasette's `ensure_permission` does. An actor is a name (recorded
in the events) and a role. A bare name (a `str`) is the local operator: whoever runs the command line holds
the database file itself, so acts as an editor; the dashboard always passes the signed-in person's `Actor`.
"""

from __future__ import annotations

from dataclasses import dataclass

from verify.errors import VerifyError

ROLES = ("viewer", "reporter", "editor")
OPERATOR_ROLE = "editor"
PERMISSIONS: dict[str, frozenset[str]] = {
    "log_claim": frozenset({"reporter", "editor"}),  # log rumors, link a repeat, suggest from an article
    "add_announcement": frozenset({"reporter", "editor"}),
    "add_feed": frozenset({"reporter", "editor"}),
    "poll_feeds": frozenset({"reporter", "editor"}),
    "review": frozenset({"editor"}),  # decide matches, undo a decision, run the matcher
    "correct_claim": frozenset({"editor"}),  # correct a window or a date, retract, unlink, set a language
    "edit_source": frozenset({"editor"}),
    "edit_aliases": frozenset({"editor"}),
    "edit_settings": frozenset({"editor"}),
    "see_confidential": frozenset({"editor"}),
}
ACTIONS = tuple(PERMISSIONS)
DOING = {  # how a refusal names the action
    "log_claim": "log rumors", "add_announcement": "add announcements", "add_feed": "add feeds",
    "poll_feeds": "poll feeds", "review": "review matches", "correct_claim": "change claims",
    "edit_source": "edit sources", "edit_aliases": "edit aliases", "edit_settings": "change the newsroom's settings",
    "see_confidential": "see confidential sources",
}


class NotAllowed(VerifyError):
    """The actor's role may not do this; nothing was changed."""


@dataclass(frozen=True)
class Actor:
    name: str
    role: str

    def may(self, action: str) -> bool:
        return may(self.role, action)


def may(role: str, action: str) -> bool:
    """Whether `role` may do `action`; an unknown role may do nothing (least privilege)."""
    if action not in PERMISSIONS:
        raise ValueError(f"unknown action {action!r}; known: {', '.join(ACTIONS)}")
    return role in PERMISSIONS[action]


def as_actor(actor: Actor | str) -> Actor:
    return actor if isinstance(actor, Actor) else Actor(str(actor), OPERATOR_ROLE)


def require(actor: Actor | str, action: str) -> str:
    """The name to record for `actor` doing `action`, or NotAllowed saying who may."""
    who = as_actor(actor)
    if not may(who.role, action):
        allowed = " or ".join(f"{role}s" for role in ROLES if role in PERMISSIONS[action])
        raise NotAllowed(f"{who.name} ({who.role}) may not {DOING[action]}: only {allowed} may; nothing was "
                         "changed. Ask an editor for the role.")
    return who.name


def may_see_source_url(role: str, source_confidential: bool, origin_confidential: bool = False) -> bool:
    """Whether a claim's address may be shown: an article's address can name a confidential source, so the
    address of a claim published by or credited to one is for editors only."""
    return not (source_confidential or origin_confidential) or may(role, "see_confidential")
