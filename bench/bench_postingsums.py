"""Benchmark the re-match's compiled loops (`verify.core.postingsums`) on real blocks, beside a baseline copy.

The full re-match (bench_rematch.py) takes minutes and its wall time moves by a tenth from run to run on a
shared machine; the loops that sum a block's postings and rescore its pairs are a quarter of it. This replays
the very calls a re-match makes on a few of its blocks, in one process, alternating this code's loops with a
baseline's (`--baseline`: another checkout's `verify/core/postingsums.py`, e.g. from `git worktree add`), and
checks that both give the same pairs, sums and order to the last bit.

Data: bench_matching's generator (seeded), `--scale 1` = 100,000 claims x 1,000,000 announcements; the index
is built as `verify match` builds it (about half a minute at scale 1, without meaning vectors: the loops do
not read them).

Usage:  .venv/bin/python bench/bench_postingsums.py [--scale 1] [--blocks 6] [--baseline PATH] [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_matching import generate  # noqa: E402

from verify.core import postingsums, rematch  # noqa: E402
from verify.core.entities import AliasBook  # noqa: E402
from verify.core.matching import MatchSettings  # noqa: E402


def captured_calls(scale: float, blocks: int, seed: int):
    """The index and the (summing, rescoring) calls of `blocks` blocks spread over a re-match's order."""
    claims, announcements, _ = generate(int(100_000 * scale), int(1_000_000 * scale), seed)
    order, keys = rematch.date_order(announcements)
    matcher = rematch.BatchMatcher([announcements[i] for i in order], AliasBook.default(), MatchSettings(), 5,
                                   frozenset(), None, dated=keys)
    all_blocks = matcher.blocks(claims)
    picked = [all_blocks[i * len(all_blocks) // blocks] for i in range(blocks)]
    calls: list[tuple] = []
    summing, rescoring = postingsums.PostingSums.__call__, postingsums.PostingSums.rescored

    def keep_sums(self, claim, starts, counts, own, docs, parts, *, depth=0, ids=None):
        calls.append(("sums", (claim.copy(), starts.copy(), counts.copy(), own.copy()), depth))
        return summing(self, claim, starts, counts, own, docs, parts, depth=depth, ids=ids)

    def keep_rescoring(self, pairs, unread, index, *, k, ids):
        calls.append(("rescoring", (tuple(a.copy() for a in pairs), tuple(a.copy() for a in unread)), k))
        return rescoring(self, pairs, unread, index, k=k, ids=ids)

    postingsums.PostingSums.__call__, postingsums.PostingSums.rescored = keep_sums, keep_rescoring
    try:
        for block in picked:
            matcher.match_block(block)
    finally:
        postingsums.PostingSums.__call__, postingsums.PostingSums.rescored = summing, rescoring
    return matcher.index, matcher.ids, calls


def replay(module, index, ids, calls) -> tuple[list, dict[str, float]]:
    """Every call once through `module`'s loops (compiled first): the results, and seconds per kind."""
    sums = module.PostingSums(index.documents)
    sums.ready()
    results, seconds = [], {"sums": 0.0, "rescoring": 0.0}
    for kind, arguments, depth_or_k in calls:
        began = time.perf_counter()
        if kind == "sums":
            found = sums(*arguments, index.posting_docs, index.posting_parts, depth=depth_or_k, ids=ids)
        else:
            found = sums.rescored(*arguments, index, k=depth_or_k, ids=ids)
        seconds[kind] += time.perf_counter() - began
        results.append(found)
    return results, seconds


def load_baseline(path: Path):
    spec = importlib.util.spec_from_file_location("baseline_postingsums", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 100,000 claims x 1,000,000 announcements")
    parser.add_argument("--blocks", type=int, default=6, help="blocks replayed, spread over the re-match's order")
    parser.add_argument("--baseline", type=Path, help="another checkout's verify/core/postingsums.py")
    parser.add_argument("--repeat", type=int, default=3, help="replays of each side, alternated (after a warm-up)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    index, ids, calls = captured_calls(args.scale, args.blocks, args.seed)
    postings = sum(int(arguments[2].sum()) for kind, arguments, _ in calls if kind == "sums")
    count = {kind: sum(call[0] == kind for call in calls) for kind in ("sums", "rescoring")}
    print(f"captured {count['sums']} compiled sums and {count['rescoring']} rescorings of {args.blocks} blocks "
          f"({postings:,} postings; a block reading fewer than {postingsums.COMPILED_FROM:,} is summed by numpy) "
          f"at {index.documents:,} announcements in {time.perf_counter() - began:.0f} s")
    sides = {"this code": postingsums}
    if args.baseline:
        sides["baseline"] = load_baseline(args.baseline)
    expected = None
    for name, module in sides.items():  # warm-up, and the same results on every side
        found, _ = replay(module, index, ids, calls)
        flat = [a for result in found for a in (result or ())]
        if expected is None:
            expected = flat
        elif len(flat) != len(expected) or not all(np.array_equal(a, b) for a, b in zip(flat, expected, strict=True)):
            raise SystemExit(f"{name} gives other pairs, sums or order than this code")
    times: dict[str, dict[str, list[float]]] = {name: {"sums": [], "rescoring": []} for name in sides}
    for _ in range(args.repeat):
        for name, module in sides.items():
            _, seconds = replay(module, index, ids, calls)
            for kind, value in seconds.items():
                times[name][kind].append(value / max(1, count[kind]))
    if args.baseline:
        print("the same pairs, sums and order on every side")
    for kind in ("sums", "rescoring"):
        ours = statistics.median(times["this code"][kind])
        line = f"{kind:10} this code {ours * 1000:7.1f} ms a call"
        if args.baseline:
            theirs = statistics.median(times["baseline"][kind])
            line += f"   baseline {theirs * 1000:7.1f} ms a call   ratio {ours / theirs:.2f}"
        print(line + f"   (median of {args.repeat})")


if __name__ == "__main__":
    main()
