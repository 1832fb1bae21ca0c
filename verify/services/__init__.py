"""The service layer: the only code that writes. One user action, one unit of work, one transaction.

Services take plain values, return ids or plain data, and raise `verify.errors` exceptions; the CLI and
the dashboard only translate them.
"""

from verify.core.claim_input import NewClaim
from verify.services.announcements import NewAnnouncement, add_announcement
from verify.services.claims import correct_window, log_claim, retract_claim
from verify.services.imports import ImportReport, import_announcements, import_claims
from verify.services.matching import ProposalRow, match_announcements, match_claims, run_matcher
from verify.services.review import review_match

__all__ = [
    "ImportReport", "NewAnnouncement", "NewClaim", "ProposalRow", "add_announcement", "correct_window",
    "import_announcements", "import_claims", "log_claim", "match_announcements", "match_claims", "retract_claim", "review_match", "run_matcher",
]
