"""The read side: plain rows for the CLI and the dashboard (cacheable; no ORM objects escape).

Each name below is imported from its module on first use, so a command reading one query pays for that one.
"""

from verify.lazy import make_lazy

_HOMES = {
    "BoardFilter": "board", "BoardPage": "board", "board_page": "board", "entity_names": "board",
    "mentioned_entities": "board", "source_choices": "board", "status_counts": "board",
    "claim_detail": "claim_detail", "similar_claims": "claim_detail",
    "ClaimRow": "claims", "export_rows": "claims", "list_claims": "claims", "source_label": "claims",
    "FeedRow": "feeds", "list_feeds": "feeds",
    "matches_of_announcements": "review_queue", "recent_announcements": "review_queue",
    "review_queue": "review_queue", "review_queue_size": "review_queue", "shared_word_spans": "review_queue",
    "Scorecard": "scorecards", "source_scorecards": "scorecards",
}
__all__ = sorted(_HOMES)
make_lazy(__name__, _HOMES)
