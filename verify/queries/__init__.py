"""The read side: plain rows for the CLI and the dashboard (cacheable; no ORM objects escape)."""

from verify.queries.claims import ClaimRow, export_rows, list_claims, source_label
from verify.queries.scorecards import Scorecard, source_scorecards

__all__ = ["ClaimRow", "export_rows", "list_claims", "source_label"]
__all__ += ["Scorecard", "source_scorecards"]
