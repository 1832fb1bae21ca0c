"""Benchmark the full re-match (`verify match`) at newsroom scale, beside the old path and brute force.

Synthetic data from bench_matching's generator (seeded): 100,000 claims x 1,000,000 announcements at
`--scale 1`, a tenth of each at `--scale 0.1`. Measured in one run:
  - the batch path (`verify.core.rematch.match_in_blocks`, as `verify match` runs it, `--workers` processes):
    time per phase (index, match), peak memory of the process and of its workers (ru_maxrss);
  - the old path (before issue 18: one `CandidateIndex` over the announcements with aliases expanded, each
    claim searched in it, its 200 hits shortlisted by the cheap parts to 50, all 50 scored in full), its index
    built in full and its matching timed on `--sample` claims, extrapolated to all claims and to 2 cores, as
    issue 18's 72 minutes were: an upper bound, since sampled claims rarely share candidates while a full
    run analyses many announcements once for several claims;
  - brute force, defined here as: every announcement a claim may be matched with (dated from the claim on,
    less `GRACE`) ranked by the cheap parts computed exactly for all of them (`cheap_parts`: weighted Dice
    over the whole vocabulary, time, meaning), the best `candidates` scored in full, the best 5 kept (what
    the product would propose with no index and no pool limit). Full scoring of every pair (10^11 pairs) is
    out of reach; pairs outside the cheap parts' top 50 can only enter the top 5 through entities.
  Recall kept = the brute-force proposals (top 5 per claim) that a path also proposes, over `--sample` claims
  that have a planted confirmation; also the planted confirmation among each path's top 5.

Usage:  .venv/bin/python bench/bench_rematch.py [--scale 1] [--sample 500] [--workers 2] [--seed 7]
The machine may be shared: ratios measured in the same run mean more than the seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_matching import generate  # noqa: E402
from old_rematch import OldMatcher  # noqa: E402

from verify import semantic  # noqa: E402
from verify.core.bounds import cheap_parts  # noqa: E402
from verify.core.entities import AliasBook  # noqa: E402
from verify.core.matching import MatchSettings, analyse, best_proposals  # noqa: E402
from verify.core.normalize import tokenize  # noqa: E402
from verify.core.rematch import BatchMatcher, match_in_blocks  # noqa: E402


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def batch_path(claims, announcements, book, settings, workers):
    """The new path as `verify match` runs it; the time of each phase from the progress reports."""
    marks: dict[str, float] = {}
    cpu_before = cpu_seconds()
    start = time.perf_counter()

    def progress(phase, done, total):
        marks.setdefault(phase + " start", time.perf_counter())
        marks[phase] = time.perf_counter()

    found = [p for block in match_in_blocks(claims, announcements, settings=settings, book=book, top=5,
                                            exclude=frozenset(), workers=workers, embed=semantic.embed,
                                            progress=progress) for p in block]
    total = time.perf_counter() - start
    index = marks.get("match start", start) - start
    return found, {"index": index, "match": total - index, "total": total, "cpu": cpu_seconds() - cpu_before}


def cpu_seconds() -> float:
    """CPU seconds of this process and of its finished workers: on a shared machine, what the run cost
    whatever else ran beside it (the seconds of the clock grow with the load; these do not)."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def brute_force(matcher: BatchMatcher, claim, book, settings) -> list[int]:
    """The claim's top 5 when every eligible announcement is ranked by the exact cheap parts (see above)."""
    first = matcher._first_doc(claim)
    docs = np.arange(first, matcher.index.documents)
    shared = np.zeros(matcher.index.documents)
    for term in set(tokenize(claim.text)):
        t = matcher.index.vocabulary.get(term)
        if t is not None:
            lo, hi = matcher.index.starts[t], matcher.index.starts[t + 1]
            shared[matcher.index.posting_docs[lo:hi]] += matcher.index.weights[t]
    [vector] = semantic.embed([claim.text])
    meaning = np.clip(100.0 * (ALL_VECTORS[docs] @ np.asarray(vector, dtype=np.float64)), 0.0, 100.0)
    weight = sum(map(matcher.index.idf, set(tokenize(claim.text))))
    row = np.zeros(len(docs), dtype=np.int64)
    parts = cheap_parts(settings, [claim], row, matcher.dates[docs], np.full(len(docs), weight),
                        matcher.weight[docs], shared[docs], meaning)
    best = np.lexsort((matcher.ids[docs], -parts.prescore))[:max(settings.candidates, 5)]
    ca = analyse(claim.text, book, vector)
    chosen = [(matcher.docs[docs[i]], analyse(matcher.docs[docs[i]].text, book, semantic.embed(
        [matcher.docs[docs[i]].text])[0])) for i in best]
    return [p.announcement_id for p in best_proposals(claim, ca, chosen, settings, matcher.index.idf, 5)]


ALL_VECTORS = np.zeros((0, 0))


def main(argv: list[str] | None = None) -> None:
    global ALL_VECTORS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 100,000 claims x 1,000,000 announcements")
    parser.add_argument("--sample", type=int, default=500,
                        help="claims compared with brute force and timed on the old path (0: time the batch path only)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-old", action="store_true", help="without the old path (its index takes minutes)")
    args = parser.parse_args(argv)
    book, settings = AliasBook.default(), MatchSettings()
    t0 = time.perf_counter()
    claims, announcements, planted = generate(int(100_000 * args.scale), int(1_000_000 * args.scale), args.seed)
    print(f"generated {len(claims):,} claims x {len(announcements):,} announcements in "
          f"{time.perf_counter() - t0:.0f} s")

    found, phases = batch_path(claims, announcements, book, settings, args.workers)
    own, children = peak_mb()
    print(f"batch path, {args.workers} workers: index {phases['index']:.1f} s, match {phases['match']:.1f} s, "
          f"total {phases['total']:.1f} s ({phases['total'] / 60:.2f} min); CPU {phases['cpu']:.0f} s in all "
          f"(load average {os.getloadavg()[0]:.1f}); peak {own:,.0f} MB here, {children:,.0f} MB per worker")
    digest = hashlib.sha256("\n".join(sorted(map(repr, found))).encode()).hexdigest()[:16]
    print(f"{len(found):,} proposals, digest of every proposal's fields {digest} (the same data and the same "
          "algorithm give the same digest)")
    ours = {}
    for p in found:
        ours.setdefault(p.claim_id, []).append(p.announcement_id)

    if not args.sample:
        return
    confirming: dict[int, set[int]] = {}
    for j, target in planted.items():
        confirming.setdefault(target, set()).add(j)
    sample = random.Random(args.seed + 2).sample(sorted(confirming), min(args.sample, len(confirming)))

    t0 = time.perf_counter()
    matcher = BatchMatcher(announcements, book, settings, 5, frozenset(), semantic.embed)
    vectors = semantic.embed([d.text for d in matcher.docs])
    ALL_VECTORS = np.asarray(vectors, dtype=np.float32)
    brute = {c: brute_force(matcher, claims[c], book, settings) for c in sample}
    print(f"brute force over {len(sample)} claims: {time.perf_counter() - t0:.0f} s "
          "(vectors of every announcement included)")
    report("batch path", ours, brute, confirming, sample)

    if not args.skip_old:
        old_path(claims, announcements, book, settings, sample, brute, confirming, phases['total'])


def old_path(claims, announcements, book, settings, sample, brute, confirming, new_total) -> None:
    t0 = time.perf_counter()
    old = OldMatcher(announcements, book, settings, 5, frozenset(), semantic.embed)
    built = time.perf_counter() - t0
    found = {c: [p.announcement_id for p in old.best_for(claims[c])] for c in sample}
    timed = random.Random(3).sample(range(len(claims)), len(sample))  # any claims, confirmed or not
    t0 = time.perf_counter()
    for c in timed:
        old.best_for(claims[c])
    per = (time.perf_counter() - t0) / len(timed)
    t0 = time.perf_counter()
    batch = BatchMatcher(announcements, book, settings, 5, frozenset(), semantic.embed)
    new_built = time.perf_counter() - t0
    t0 = time.perf_counter()
    for block in batch.blocks([claims[c] for c in timed]):
        batch.match_block(block)
    new_per = (time.perf_counter() - t0) / len(timed)
    print(f"like for like, 1 process, the same {len(timed)} random claims one after the other: old "
          f"{per * 1000:.1f} ms a claim (index {built:.1f} s), batch {new_per * 1000:.1f} ms a claim (index "
          f"{new_built:.1f} s): {per / new_per:.1f}x per claim")
    one, two = built + per * len(claims), built + per * len(claims) / 2
    print(f"old path: index {built:.1f} s, {per * 1000:.1f} ms a claim (mean of {len(timed)}); all claims "
          f"extrapolated {one / 60:.1f} min on 1 core, {two / 60:.1f} min on 2 (workers each rebuilt the index)")
    print(f"batch path against the old one on 2 cores: {two / new_total:.1f}x faster")
    report("old path", found, brute, confirming, sample)


def report(name, found, brute, confirming, sample) -> None:
    wanted = sum(len(brute[c]) for c in sample)
    kept = sum(len(set(brute[c]) & set(found.get(c, []))) for c in sample)
    same = sum(found.get(c, []) == brute[c] for c in sample)
    planted = sum(bool(confirming[c] & set(found.get(c, [])[:5])) for c in sample)
    planted_brute = sum(bool(confirming[c] & set(brute[c])) for c in sample)
    print(f"  {name}: recall kept vs brute force {kept}/{wanted} = {kept / max(1, wanted):.3f} (target >= 0.99); "
          f"identical top 5 for {same}/{len(sample)} claims; planted confirmation in top 5 {planted}/{len(sample)} "
          f"(brute force {planted_brute})")


if __name__ == "__main__":
    main()
