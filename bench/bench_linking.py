"""Benchmark: finding the near-duplicates of a whole import (`bulk_duplicates.near_duplicates`, the "linking"
phase of `verify import claims`), the array search against the claim-by-claim search it replaced
(`old_linking.py`), on the same synthetic claims in the same run (run on demand).

    .venv/bin/python bench/bench_linking.py                    # 10,000 and 100,000 claims, all usable cores
    .venv/bin/python bench/bench_linking.py --sizes 10000 --workers 1

Claims come from `bench_import.rows` (seeded; 5% repeated by another outlet a few days later), all new, so
the pool is the whole import, as in an archive's first import. For each size: the seconds of each path, their
ratio, the near-duplicate pairs (claim, pool claim) both found and those only one found (each search reads a
claim's commoner words within its own budget, so their best hits may differ), the claims whose list of
near-duplicates is the same, and whether the similarities of the pairs both found are the same.
The machine may be shared: the ratio measured in the same run means more than the seconds, and the CPU
seconds (this process and its workers) more than the wall clock when other work competes for the cores.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import old_linking  # noqa: E402
from bench_import import rows  # noqa: E402

from verify.config import usable_cores  # noqa: E402
from verify.core.entities import AliasBook  # noqa: E402
from verify.services import bulk_duplicates  # noqa: E402
from verify.services.duplicates import THRESHOLD  # noqa: E402


@dataclass
class Row:
    id: int
    text: str
    published: date


def cpu_seconds() -> float:
    """CPU time of this process and of its finished workers: on a shared machine, what the wall clock is not."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(module, pool, new, book, workers):
    """(wall seconds, CPU seconds, similarity, groups) of one path's `near_duplicates`."""
    module.usable_cores = lambda: workers
    began, cpu = time.perf_counter(), cpu_seconds()
    pairs, groups = module.near_duplicates(pool, new, book, THRESHOLD)
    return time.perf_counter() - began, cpu_seconds() - cpu, pairs, groups


def found_pairs(groups: dict[int, list[int]]) -> set[tuple[int, int]]:
    return {(claim, other) for claim, others in groups.items() for other in others}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=usable_cores())
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    book = AliasBook.default()
    print(f"workers: {args.workers}")
    for size in args.sizes:
        claim_rows, _ = rows(size, 10, args.seed)
        pool = {i: Row(i, r["text"], date.fromisoformat(r["published"])) for i, r in enumerate(claim_rows, start=1)}
        new = sorted(pool.values(), key=lambda c: (c.published, c.id))
        old_seconds, old_cpu, old_similarity, old_groups = timed(old_linking, pool, new, book, args.workers)
        new_seconds, new_cpu, new_similarity, new_groups = timed(bulk_duplicates, pool, new, book, args.workers)
        old, fresh = found_pairs(old_groups), found_pairs(new_groups)
        both = sorted(old & fresh)
        same_order = sum(old_groups[c] == new_groups[c] for c in old_groups)
        differ = [(a, b) for a, b in both[:: max(1, len(both) // 2000)]
                  if old_similarity.similarity(pool[a], pool[b]) != new_similarity.similarity(pool[a], pool[b])]
        print(f"{size:>7} claims: old {old_seconds:7.1f} s ({old_cpu:.1f} s CPU), new {new_seconds:6.1f} s "
              f"({new_cpu:.1f} s CPU), ratio {old_seconds / new_seconds:5.1f}x ({old_cpu / new_cpu:.1f}x CPU) | "
              f"pairs: {len(both)} both, {len(old - fresh)} old only, "
              f"{len(fresh - old)} new only; claims with the same list: {same_order} of {len(old_groups)}; "
              f"similarities differing on a sample of {min(len(both), 2000)} shared pairs: {len(differ)}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
