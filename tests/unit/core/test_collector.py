"""While an import builds its rows, Python's full garbage collections wait; young ones go on, and the
thresholds are as before once every import running at once has ended."""

from __future__ import annotations

import gc
import threading

import pytest

from verify.core.collector import DEFERRED, full_collections_deferred
from verify.services import imports


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_no_full_collection_runs_inside_the_block_and_the_thresholds_come_back_after_it(thresholds):
    with full_collections_deferred():
        assert gc.get_threshold() == (thresholds[0], thresholds[1], DEFERRED)
    assert gc.get_threshold() == thresholds


def test_the_thresholds_come_back_when_the_block_fails(thresholds):
    with pytest.raises(RuntimeError), full_collections_deferred():
        raise RuntimeError("a refused file")
    assert gc.get_threshold() == thresholds


def test_two_imports_at_once_keep_full_collections_waiting_until_the_last_one_ends(thresholds):
    first_inside, second_done, results = threading.Event(), threading.Event(), []

    def second():
        first_inside.wait()
        with full_collections_deferred():
            pass
        results.append(gc.get_threshold())
        second_done.set()

    thread = threading.Thread(target=second)
    thread.start()
    with full_collections_deferred():
        first_inside.set()
        second_done.wait()
        assert results == [(thresholds[0], thresholds[1], DEFERRED)]  # the first import is still running
    thread.join()
    assert gc.get_threshold() == thresholds


def test_an_import_runs_with_full_collections_deferred_and_restores_them(thresholds, monkeypatch):
    seen = []

    def rows(*args, **kwargs):
        seen.append(gc.get_threshold())
        return imports.ImportReport()

    monkeypatch.setattr(imports, "_import_rows", rows)
    imports._import(None, "file.jsonl", None, None, None, None, (), (), skip_invalid=False, file_format=None,
                    progress=None, owed_kind=None, now=None, actor="bench")
    assert seen == [(thresholds[0], thresholds[1], DEFERRED)]
    assert gc.get_threshold() == thresholds


def _thresholds_in_a_worker(blocks):
    """(the worker's own `gc` thresholds, as a proposal-free block result)"""
    return [[("thresholds", gc.get_threshold())] for _ in blocks]


def test_a_re_match_runs_without_full_collections_here_and_in_its_workers_then_restores_them(thresholds,
                                                                                              monkeypatch):
    from tests.unit.core.test_rematch import world
    from verify.core import rematch
    from verify.core.entities import AliasBook
    from verify.core.matching import MatchSettings

    claims, pool = world(11, claims=12)
    monkeypatch.setattr(rematch, "BLOCK", 3)
    monkeypatch.setattr(rematch, "_match_in_worker", _thresholds_in_a_worker)  # (forked: the workers have it)
    deferred = (thresholds[0], thresholds[1], DEFERRED)

    def matched(workers: int):
        return rematch.match_in_blocks(claims, pool, settings=MatchSettings(), book=AliasBook.default(), top=5,
                                       exclude=frozenset(), workers=workers)

    here = [gc.get_threshold() for _ in matched(1)]  # in this process, block by block
    assert gc.get_threshold() == thresholds
    in_workers = [found for found in matched(2)]
    assert gc.get_threshold() == thresholds
    assert here and set(here) == {deferred}
    assert in_workers and all(found == [("thresholds", deferred)] for found in in_workers)


def test_the_meaning_model_once_loaded_is_left_out_of_later_full_collections(monkeypatch):
    from verify import semantic

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(len(gc.get_objects())))
    semantic._model.cache_clear()
    try:
        semantic.embed(["Xiaomi's first Leica-branded phone"])
        assert len(frozen) == 1
        semantic.embed(["a second call loads nothing"])
        assert len(frozen) == 1
    finally:
        semantic._model.cache_clear()
