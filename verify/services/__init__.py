"""The service layer: the only code that writes. One user action, one unit of work, one transaction.

Services take plain values, return ids or plain data, and raise `verify.errors` exceptions; the CLI and
the dashboard only translate them. Each name below is imported from its module on first use.
"""

from verify.lazy import make_lazy

_HOMES = {
    "NewAnnouncement": "announcements", "add_announcement": "announcements",
    "NewClaim": "claims", "correct_window": "claims", "log_claim": "claims", "retract_claim": "claims",
    "ImportReport": "imports", "import_announcements": "imports", "import_claims": "imports",
    "ProposalRow": "matching", "match_announcements": "matching", "match_claims": "matching",
    "run_matcher": "matching",
    "review_match": "review",
}
__all__ = sorted(_HOMES)
make_lazy(__name__, _HOMES)
