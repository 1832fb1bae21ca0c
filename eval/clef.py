"""Reading the CLEF CheckThat! 2022 files and scoring rankings the lab's way (shared by both matching evals)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Hashable
from pathlib import Path


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_qrels(path: Path) -> dict[str, set[str]]:
    relevant: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            query_id, target_id, relevance = line.rstrip("\n").split("\t")
            if int(relevance) > 0:
                relevant[query_id].add(target_id)
    return relevant


def metrics(rankings: dict[Hashable, list], relevant: dict[Hashable, set],
            after: set[Hashable] | None = None) -> dict[str, float]:
    """recall@1/@5 (share of relevant targets found), MRR, and the lab's MAP@5; with `after` (the queries
    whose relevant targets were all published on or after them), also "R@5 after": recall@5 over those
    only, the issue's target as the product defines it (an announcement before a claim never confirms it)."""
    r1 = r5 = mrr = map5 = 0.0
    for query, wanted in relevant.items():
        ranked = rankings.get(query, [])
        r1 += len(wanted & set(ranked[:1])) / len(wanted)
        r5 += len(wanted & set(ranked[:5])) / len(wanted)
        mrr += next((1 / (i + 1) for i, t in enumerate(ranked) if t in wanted), 0.0)
        hits, precision_sum = 0, 0.0
        for i, target in enumerate(ranked[:5]):
            if target in wanted:
                hits += 1
                precision_sum += hits / (i + 1)
        map5 += precision_sum / len(wanted)
    n = len(relevant) or 1
    found = {"R@1": r1 / n, "R@5": r5 / n, "MRR": mrr / n, "MAP@5": map5 / n}
    if after is not None:
        counted = [q for q in relevant if q in after]
        found["R@5 after"] = sum(len(relevant[q] & set(rankings.get(q, [])[:5])) / len(relevant[q])
                                 for q in counted) / (len(counted) or 1)
        found["n after"] = len(counted)
    return found
