"""While an import builds its rows, Python's full garbage collections wait; young ones go on, and the
thresholds are as before once every import running at once has ended."""

from __future__ import annotations

import gc
import threading

import pytest

from verify.services import imports
from verify.services.collector import DEFERRED, full_collections_deferred


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
