"""The board's read side on its own: pages, totals and counts come from the database, overdue by date."""

from __future__ import annotations

from datetime import date

from verify.queries import BoardFilter, board_page, review_queue, shared_word_spans, similar_claims

TODAY = date(2022, 9, 1)


def test_pages_split_the_board_and_the_total_counts_every_claim(demo, sessions):
    with sessions() as session:
        first = board_page(session, today=TODAY, limit=4, offset=0)
        rest = board_page(session, today=TODAY, limit=4, offset=4)
        last = board_page(session, today=TODAY, limit=4, offset=8)
    ids = [row["id"] for page in (first, rest, last) for row in page.rows]
    assert first.total == 10 and len(ids) == 10 == len(set(ids))


def test_a_pending_claim_is_overdue_the_day_after_its_window_closes(demo, sessions):
    with sessions() as session:
        before = board_page(session, today=date(2022, 7, 31), filters=BoardFilter(search="demo-c1"))
        after = board_page(session, today=date(2022, 8, 1), filters=BoardFilter(search="demo-c1"))
    assert (before.rows[0]["status"], after.rows[0]["status"]) == ("pending", "overdue")
    assert (before.rows[0]["days_to_deadline"], after.rows[0]["days_to_deadline"]) == (0, -1)


def test_counts_per_status_ignore_the_status_filter_but_keep_the_others(demo, sessions):
    with sessions() as session:
        page = board_page(session, today=TODAY, filters=BoardFilter(statuses=("overdue",), entity="Xiaomi"))
    assert page.total == page.counts["overdue"] == len(page.rows)
    assert page.counts["pending"] + page.counts["overdue"] == 4


def test_a_search_is_text_not_a_like_pattern(demo, sessions):
    with sessions() as session:
        assert board_page(session, today=TODAY, filters=BoardFilter(search="%")).total == 0
        assert board_page(session, today=TODAY, filters=BoardFilter(search="_")).total == 0


def test_the_review_queue_marks_the_words_both_texts_share(demo, sessions):
    with sessions() as session:
        items = review_queue(session, limit=50)
    assert items and all(item["claim_spans"] and item["announcement_spans"] for item in items)
    claim_spans, _ = shared_word_spans("Intel buys Mellanox", "NVIDIA to acquire Mellanox")
    assert claim_spans == [(11, 19)]


def test_similar_claims_find_the_same_rumor_in_other_words(demo, sessions):
    with sessions() as session:
        found = similar_claims(session, "Intel in talks to buy Mellanox Technologies for $6 billion")
    assert found and "Mellanox" in found[0]["text"]
