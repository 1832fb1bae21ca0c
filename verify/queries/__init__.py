"""The read side: plain rows for the CLI and the dashboard (cacheable; no ORM objects escape)."""

from verify.core.confidential import source_label
from verify.queries.board import (
    BoardFilter,
    BoardPage,
    board_page,
    entity_names,
    mentioned_entities,
    source_choices,
    status_counts,
)
from verify.queries.claim_detail import claim_detail, similar_claims
from verify.queries.claims import ClaimRow, export_rows, list_claims
from verify.queries.feeds import FeedRow, list_feeds
from verify.queries.review_queue import (
    matches_of_announcements,
    recent_announcements,
    review_queue,
    review_queue_size,
    shared_word_spans,
)
from verify.queries.scorecards import Scorecard, source_scorecards

__all__ = ["ClaimRow", "export_rows", "list_claims", "source_label"]
__all__ += ["Scorecard", "source_scorecards"]
__all__ += ["BoardFilter", "BoardPage", "board_page", "entity_names", "mentioned_entities", "source_choices", "status_counts",
            "claim_detail", "similar_claims", "matches_of_announcements", "recent_announcements",
            "review_queue", "review_queue_size", "shared_word_spans"]
__all__ += ["FeedRow", "list_feeds"]
