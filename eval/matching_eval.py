"""Measure the matcher on CLEF CheckThat! 2022 Task 2 (previously fact-checked claims), beside a baseline.

Each query is treated as a claim and each verified claim of its pool as an announcement. Prints, for 2A
(tweets vs Snopes) and 2B (debate sentences vs PolitiFact) and per split: recall@1, recall@5, MRR, MAP@5,
"R@5 after" (recall@5 over the claims whose check came on or after them, the only ones the product may
confirm; pooled over the splits at the end), and the auto band's precision and size (auto enabled), with
the time taken; the baseline is plain
rapidfuzz.fuzz.token_set_ratio over the raw texts, measured in the same run.

2B relaxes "announced after the claim" (`require_after=False`): PolitiFact usually checked a claim before
the politician repeated it in the debate. Missing dates (5 queries, 290 Snopes targets) are replaced by the
far past (a query) or the far future (a target), so neither is ever excluded as "before the claim".

Meaning vectors (verify.semantic) are on, as in the product; `--no-meaning` measures the word parts alone.

Usage:  .venv/bin/python eval/matching_eval.py [--data DIR] [--splits train,dev,dev-test] [--tune] [--no-meaning]
`--tune` grid-searches the weights and thresholds on the train split only and prints the best; dev and
dev-test are reported, never tuned on. The expected answers (qrels) are read here, never copied anywhere.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np  # present with rapidfuzz's cdist, used for the baseline only
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clef import metrics, read_jsonl, read_qrels  # noqa: E402 - eval/ is on sys.path when run

from verify import semantic  # noqa: E402
from verify.core.matching import (  # noqa: E402
    AnnouncementText,
    ClaimText,
    MatchSettings,
    combine,
    propose_matches,
)

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "claim_matching"
TASKS = {"2A": ("CT22-2A-EN", "ct22-2a-snopes", True), "2B": ("CT22-2B-EN", "ct22-2b-politifact", False)}
RANK_DEPTH = 50  # proposals kept per query for MRR (the product shows 5)
REVIEW_RECALL_LOSS = 0.002  # how much R@5 on train the review threshold may cost
AUTO_MARGIN = 10  # points above train's 99%-precision edge for the auto threshold


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def announcements_of(targets: list[dict], with_title: bool) -> list[AnnouncementText]:
    """Pool targets as announcements (text, plus the fact-check headline unless --no-title). The 290
    undated targets are put after every claim (2100-01-01): never excluded as 'before the claim', but
    their time part is the floor, as for any announcement long after a claim."""
    out = []
    for number, target in enumerate(targets):
        text = f"{target['text']} {target.get('title') or ''}".strip() if with_title else target["text"]
        published = to_date(target.get("date")) or date(2100, 1, 1)
        out.append(AnnouncementText(number, text, published, target.get("speaker") or ""))
    return out


def claims_of(queries: list[dict]) -> list[ClaimText]:
    """Queries as claims; the 5 without a date get the far past, so no target is 'before' them."""
    return [ClaimText(number, q["query"], to_date(q["query_date"]) or date(1900, 1, 1))
            for number, q in enumerate(queries)]


EMBED = {"on": semantic.embed}  # --no-meaning empties it


def run_matcher(claims, announcements, settings: MatchSettings):
    """Rankings by claim, and the auto pairs, through the public `propose_matches`."""
    proposals = propose_matches(claims, announcements, settings=replace(settings, auto_enabled=True),
                                top=RANK_DEPTH, embed=EMBED.get("on"))
    rankings: dict[int, list[int]] = defaultdict(list)
    autos = []
    for proposal in proposals:
        rankings[proposal.claim_id].append(proposal.announcement_id)
        if proposal.band == "auto":
            autos.append((proposal.claim_id, proposal.announcement_id))
    return rankings, autos


def run_baseline(claims, target_texts: list[str]):
    """token_set_ratio over raw texts against the whole pool (exhaustive, C++, 2 workers)."""
    matrix = process.cdist([c.text for c in claims], target_texts,
                           scorer=fuzz.token_set_ratio, workers=2, dtype="float32")
    order = np.lexsort((np.arange(matrix.shape[1])[None, :].repeat(len(claims), 0), -matrix), axis=1)
    return {claim.id: [int(j) for j in order[row, :RANK_DEPTH]] for row, claim in enumerate(claims)}


def evaluate(queries, targets, qrels, settings, with_title):
    """Both systems on one split: metrics, auto precision and count, seconds."""
    claims, announcements, relevant, after = prepare(queries, targets, qrels, with_title)
    started = time.perf_counter()
    rankings, autos = run_matcher(claims, announcements, settings)
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    base = run_baseline(claims, [t["text"] for t in targets])
    base_seconds = time.perf_counter() - started
    correct = sum(1 for c, a in autos if a in relevant.get(c, ()))
    return {"ours": metrics(rankings, relevant, after), "base": metrics(base, relevant, after),
            "auto_n": len(autos), "auto_precision": correct / len(autos) if autos else float("nan"),
            "seconds": ours_seconds, "base_seconds": base_seconds, "queries": len(relevant)}


def print_row(task: str, split: str, result: dict) -> None:
    ours, base = result["ours"], result["base"]
    cells = "  ".join(f"{k} {ours[k]:.3f} ({base[k]:.3f})" for k in ("R@1", "R@5", "MRR", "MAP@5", "R@5 after"))
    print(f"{task} {split:<8} n={result['queries']:<4} after={ours['n after']:<4} {cells}  "
          f"auto {result['auto_precision']:.3f} "
          f"of {result['auto_n']:<4} {result['seconds']:6.1f}s (baseline {result['base_seconds']:.1f}s)")


def task_settings(task: str, base: MatchSettings) -> MatchSettings:
    return base if TASKS[task][2] else replace(base, require_after=False)


WEIGHT_GRID = {
    "text_weight": (0.0, 0.2, 0.4, 0.6),
    "coverage_weight": (0.0, 0.2, 0.4, 0.6),
    "fuzzy_weight": (0.0, 0.1, 0.2),
    "entity_weight": (0.0, 0.1),
    "time_weight": (0.0, 0.1, 0.2),
    "meaning_weight": (0.0, 0.15, 0.3, 0.45),
}


def collect(claims, announcements, settings: MatchSettings) -> list[tuple[int, int, dict, bool, str]]:
    """Every candidate pair's parts, once (nothing discarded but the hard time rule), to re-weight cheaply."""
    loose = replace(settings, review_threshold=0.0, auto_enabled=False, review_evidence=0.0)
    conflicts = ("actor:", "organisations:")
    return [(p.claim_id, p.announcement_id, p.parts, (p.differs or "").startswith(conflicts), p.verdict)
            for p in propose_matches(claims, announcements, settings=loose, top=RANK_DEPTH,
                                     embed=EMBED.get("on"))]


def rescore(pairs, settings: MatchSettings):
    """Rankings and auto pairs as `propose_matches` would give them under other weights and thresholds."""
    scored = defaultdict(list)
    autos = []
    for claim_id, announcement_id, parts, conflict, verdict in pairs:
        score = round(combine(parts, settings) * (settings.conflict_factor if conflict else 1.0), 1)
        if score < settings.review_threshold:
            continue
        scored[claim_id].append((-score, announcement_id))
        if score >= settings.auto_threshold and verdict == "confirmed" and not conflict:
            autos.append((claim_id, announcement_id))
    return {c: [a for _, a in sorted(v)] for c, v in scored.items()}, autos


def tune(task, queries, targets, qrels, with_title: bool) -> MatchSettings:
    """On train only: weights by MAP@5 + R@5; then the highest review threshold losing at most 0.002 of R@5
    (the review band is what editors see: a missed confirmation costs more than a weak row among a claim's
    five); then the lowest auto threshold whose pairs are at least 99% right."""
    claims, announcements, relevant, _ = prepare(queries, targets, qrels, with_title)
    base = task_settings(task, MatchSettings())
    pairs = collect(claims, announcements, base)
    best = (-1.0, base)
    for values in itertools.product(*WEIGHT_GRID.values()):
        if not any(values[:3]):
            continue
        settings = replace(base, review_threshold=0.0, **dict(zip(WEIGHT_GRID, values, strict=True)))
        result = metrics(rescore(pairs, settings)[0], relevant)
        best = max(best, (result["MAP@5"] + result["R@5"], settings), key=lambda b: b[0])
    settings = best[1]
    floor = metrics(rescore(pairs, settings)[0], relevant)["R@5"] - REVIEW_RECALL_LOSS
    review = max(t for t in range(0, 101) if metrics(rescore(pairs, replace(settings, review_threshold=t))[0],
                                                     relevant)["R@5"] >= floor)
    settings = replace(settings, review_threshold=float(review))
    return replace(settings, auto_threshold=auto_threshold(pairs, relevant, settings))


def auto_threshold(pairs, relevant, settings: MatchSettings, target: float = 0.99) -> float:
    """The lowest threshold from which every higher one keeps the auto band's precision >= 99% on train,
    plus a margin of 10 points: a threshold fitted at the edge of 99% on train falls below it elsewhere (with
    meaning vectors, train's edge plus 5 let 2 wrong pairs of 44 into dev's auto band)."""
    threshold = 100
    for candidate in range(100, int(settings.review_threshold) - 1, -1):
        _, autos = rescore(pairs, replace(settings, auto_threshold=float(candidate)))
        right = sum(1 for c, a in autos if a in relevant.get(c, ()))
        if autos and right / len(autos) < target:
            break
        threshold = candidate
    return float(min(100, threshold + AUTO_MARGIN))


def prepare(queries, targets, qrels, with_title):
    """Claims, announcements, the relevant announcements per claim, and the claims whose relevant
    announcements all came on or after them (the ones the product can confirm)."""
    target_number = {t["id"]: n for n, t in enumerate(targets)}
    relevant = {n: {target_number[t] for t in qrels[q["id"]] if t in target_number}
                for n, q in enumerate(queries) if qrels.get(q["id"])}
    claims, announcements = claims_of(queries), announcements_of(targets, with_title)
    after = {n for n, wanted in relevant.items()
             if all(announcements[t].published >= claims[n].published for t in wanted)}
    return claims, announcements, relevant, after


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--splits", default="train,dev,dev-test")
    parser.add_argument("--tasks", default="2A,2B")
    parser.add_argument("--no-title", action="store_true", help="match on the verified claim's text only")
    parser.add_argument("--tune", action="store_true", help="grid-search weights on the train split")
    parser.add_argument("--no-meaning", action="store_true", help="without meaning vectors (word parts only)")
    args = parser.parse_args(argv)
    if args.no_meaning:
        EMBED.clear()
    queries, targets = read_jsonl(args.data / "queries.jsonl"), read_jsonl(args.data / "targets.jsonl")
    qrels = read_qrels(args.data / "qrels.tsv")
    print("metric ours (baseline token_set_ratio on raw text); auto = precision of the auto band, count")
    for task in args.tasks.split(","):
        code, pool, _ = TASKS[task]
        pool_targets = [t for t in targets if t["pool"] == pool]
        settings = task_settings(task, MatchSettings())
        if args.tune:
            train = [q for q in queries if q["task"] == code and q["split"] == "train"]
            settings = tune(task, train, pool_targets, qrels, not args.no_title)
            print(f"  best on train for {task}: {settings}")
        pooled = []
        for split in args.splits.split(","):
            split_queries = [q for q in queries if q["task"] == code and q["split"] == split]
            result = evaluate(split_queries, pool_targets, qrels, settings, not args.no_title)
            print_row(task, split, result)
            pooled.append((result["ours"]["n after"], result["ours"]["R@5 after"]))
        counted = sum(n for n, _ in pooled)
        print(f"{task} pooled   R@5 after {sum(n * r for n, r in pooled) / (counted or 1):.3f} over {counted} claims")


if __name__ == "__main__":
    main()
