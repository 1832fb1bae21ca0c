"""`verify.db.cache.Memo`: the one bounded memo behind the matcher's caches."""

from verify.db.cache import Memo


def test_a_memo_keeps_at_most_its_size_dropping_the_least_recently_used():
    memo: Memo[str, str] = Memo(2)
    made: list[str] = []

    def make(key):
        return lambda: made.append(key) or key.upper()

    memo.get("a", make("a"))
    memo.get("b", make("b"))
    memo.get("a", make("a"))  # "a" used again: "b" is now the least recent
    memo.get("c", make("c"))
    memo.get("a", make("a"))
    memo.get("b", make("b"))
    assert made == ["a", "b", "c", "b"]


def test_a_memo_makes_only_the_missing_values_in_one_call_and_returns_them_in_order():
    memo: Memo[int, int] = Memo(10)
    calls: list[list[int]] = []

    def squares(keys):
        calls.append(keys)
        return [key * key for key in keys]

    assert memo.get_many([2, 3], squares) == [4, 9]
    assert memo.get_many([3, 4, 2, 4], squares) == [9, 16, 4, 16]
    assert calls == [[2, 3], [4]]


def test_a_value_without_a_key_is_made_every_time_and_never_kept():
    memo: Memo[str, int] = Memo(10)
    made = []
    assert memo.get(None, lambda: made.append(1) or 1) == 1
    assert memo.get(None, lambda: made.append(2) or 2) == 2
    assert made == [1, 2] and memo.get("a", lambda: 3) == 3
