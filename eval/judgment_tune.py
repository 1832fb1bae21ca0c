"""Tune the matcher's weights, time curve and thresholds on the rumors development set, with CheckThat! 2A as
the check that nothing regresses.

The rumors set (``../shared/eval/rumors``, read at run time, never copied) is the task verify exists for: a
rumor, the announcement that settles it, decoys. CheckThat! 2A (tweets vs fact-checks) is a neighbouring task.
Every candidate pair of both is scored once with the product's own `propose_matches` (nothing discarded but
the hard rules), then re-weighted cheaply for each setting of the grid: the parts are kept, the time part is
recomputed from the pair's dates with `time_agreement`, the band from `review_threshold` and the claim's
best (`within_reach`).

Printed per setting: on rumors, recall@1 / recall@5 / MRR of the first confirming or denying announcement
and wrong proposals per claim among the top 5 (outside the confirming, denying and also-accepted ones); on
CheckThat! 2A, MRR over the top 5 (the lab's MAP@5 where a query has one relevant check), R@5 per split and
the auto band's precision, ranked without the cut near a claim's best (a choice of what editors see).
Listed first: the settings with the fewest wrong proposals per claim on rumors whose recall@5 stays within
`--recall-loss` of the best recall seen, whose CheckThat! train MRR@5 is at least `--train-floor` and whose
auto band is precise on train (dev and dev-test are reported, never tuned on).

The floor on a pair's likelihood beside a claim's best (`MatchSettings.review_evidence`) is left out here: its
model reads the score among its inputs, so it is refitted and measured after the score's weights are chosen,
by `eval/fit_evidence.py`.

Usage: .venv/bin/python eval/judgment_tune.py [--rumors DIR] [--clef DIR] [--recall-loss 0.01] [--show 10]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from clef import read_jsonl, read_qrels  # noqa: E402
from matching_eval import prepare  # noqa: E402

from verify import semantic  # noqa: E402
from verify.core.matching import (  # noqa: E402
    AnnouncementText,
    ClaimText,
    MatchSettings,
    propose_matches,
    time_agreement,
)
from verify.core.time import resolve_window  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
DEPTH = 30  # candidates kept per claim before re-weighting


@dataclass(frozen=True)
class Pair:
    claim: ClaimText
    announcement: AnnouncementText
    parts: dict
    blocked: bool  # a hard rule (conflict, before the claim) keeps it out whatever the weights
    verdict: str


def candidate_pairs(claims, announcements, settings: MatchSettings) -> list[Pair]:
    loose = replace(settings, review_threshold=0.0, auto_enabled=False, relative_cut=0.0, review_evidence=0.0)
    by_claim = {c.id: c for c in claims}
    by_announcement = {a.id: a for a in announcements}
    conflicts = ("actor:", "organisations:")
    return [Pair(by_claim[p.claim_id], by_announcement[p.announcement_id], p.parts,
                 (p.differs or "").startswith(conflicts), p.verdict)
            for p in propose_matches(claims, announcements, settings=loose, top=DEPTH, embed=semantic.embed)]


class Table:
    """The pairs as arrays, so that each setting of the grid is re-scored in a few vectorised steps."""

    def __init__(self, pairs: list[Pair], relevant: dict[int, set[int]], accepted: dict[int, set[int]]):
        import numpy as np

        self.np = np
        self.claims = sorted({p.claim.id for p in pairs} | set(relevant))
        index = {c: i for i, c in enumerate(self.claims)}
        self.claim = np.array([index[p.claim.id] for p in pairs])
        self.announcement = np.array([p.announcement.id for p in pairs])
        self.parts = {k: np.array([p.parts.get(k, 0.0) for p in pairs]) for k in
                      ("text", "coverage", "fuzzy", "entities", "meaning")}
        self.days = np.array([(p.announcement.published - p.claim.published).days for p in pairs])
        self.late = np.array([(p.announcement.published - p.claim.window_end).days if p.claim.window_end
                              else 0 for p in pairs])
        self.windowed = np.array([p.claim.window_end is not None for p in pairs])
        self.blocked = np.array([p.blocked for p in pairs])
        self.confirmed = np.array([p.verdict == "confirmed" for p in pairs])
        self.right = np.array([p.announcement.id in relevant.get(p.claim.id, ()) for p in pairs])
        self.neutral = np.array([p.announcement.id in accepted.get(p.claim.id, ()) for p in pairs])
        self.with_answer = np.array([bool(relevant.get(c)) for c in self.claims])

    def time(self, settings: MatchSettings):
        """`time_agreement` over the arrays (`main` checks the two agree before tuning)."""
        np = self.np
        late = self.late - settings.grace_days
        windowed = np.where(late <= 0, 100.0, 100.0 * 0.5 ** (np.maximum(late, 0) / settings.late_half_life_days))
        recent = 100.0 * 0.5 ** (np.abs(self.days) / settings.recency_half_life_days)
        value = np.where(self.windowed & (self.days >= 0), windowed, recent)
        return np.where((self.days < 0) & settings.require_after, 0.0, value)

    def shown(self, settings: MatchSettings):
        """Per pair: its score, and whether it is among its claim's shown top 5."""
        np = self.np
        weights = {"text": settings.text_weight, "coverage": settings.coverage_weight,
                   "fuzzy": settings.fuzzy_weight, "entities": settings.entity_weight,
                   "meaning": settings.meaning_weight}
        total = sum(weights.values()) + settings.time_weight
        score = (sum(w * self.parts[k] for k, w in weights.items()) + settings.time_weight * self.time(settings))
        score = np.round(score / total, 1)
        candidate = ~self.blocked & (score >= settings.review_threshold)
        order = np.lexsort((self.announcement, -score, self.claim))
        best = np.full(len(self.claims), -1.0)
        np.maximum.at(best, self.claim[candidate], score[candidate])
        candidate &= score >= settings.relative_cut * best[self.claim]
        ranked = order[candidate[order]]
        rank = np.zeros(len(score), dtype=int)
        if len(ranked):
            starts = np.r_[True, self.claim[ranked][1:] != self.claim[ranked][:-1]]
            group_start = np.maximum.accumulate(np.where(starts, np.arange(len(ranked)), 0))
            rank[ranked] = np.arange(len(ranked)) - group_start + 1
        return score, rank

    def measure(self, settings: MatchSettings) -> dict[str, float]:
        np = self.np
        score, rank = self.shown(settings)
        top = (rank >= 1) & (rank <= 5)
        first = np.full(len(self.claims), 10**6)
        hits = top & self.right
        np.minimum.at(first, self.claim[hits], rank[hits])
        answered = self.with_answer
        found = first[answered] < 10**6
        reciprocal = np.where(found, 1.0 / np.where(found, first[answered], 1), 0.0)
        auto = top & self.confirmed & (score >= settings.auto_threshold)
        return {"R@1": float(np.mean(first[answered] == 1)), "R@5": float(np.mean(found)),
                "MRR": float(np.mean(reciprocal)),
                "wrong": float(np.sum(top & ~self.right & ~self.neutral)) / len(self.claims),
                "auto": float(np.mean(self.right[auto])) if auto.any() else 1.0, "auto n": int(auto.sum())}


# --- rumors -----------------------------------------------------------------------------------------------

def load_rumors(folder: Path):
    claims_in = read_jsonl(folder / "claims.jsonl")
    announcements_in = read_jsonl(folder / "announcements.jsonl")
    truth = {t["claim"]: t for t in read_jsonl(folder / "truth.jsonl")}
    claim_ids = {c["external_id"]: n for n, c in enumerate(claims_in, 1)}
    announcement_ids = {a["external_id"]: n for n, a in enumerate(announcements_in, 1)}
    claims = []
    for row in claims_in:
        published = date.fromisoformat(row["published"][:10])
        window = resolve_window(row["text"], published)
        claims.append(ClaimText(claim_ids[row["external_id"]], row["text"], published,
                                window.start if window else None, window.end if window else None))
    announcements = [AnnouncementText(announcement_ids[a["external_id"]], a["text"],
                                      date.fromisoformat(a["published"][:10]), a.get("issuer", ""))
                     for a in announcements_in]
    deciding, accepted = {}, {}
    for external, claim_id in claim_ids.items():
        t = truth[external]
        deciding[claim_id] = {announcement_ids[a] for a in t["confirmed_by"] + t["denied_by"]}
        accepted[claim_id] = {announcement_ids[a] for a in t["also_accepted"]}
    return claims, announcements, deciding, accepted


# --- CheckThat! 2A ----------------------------------------------------------------------------------------

def load_clef(folder: Path, splits: list[str]):
    queries, targets = read_jsonl(folder / "queries.jsonl"), read_jsonl(folder / "targets.jsonl")
    qrels = read_qrels(folder / "qrels.tsv")
    pool = [t for t in targets if t["pool"] == "ct22-2a-snopes"]
    out = {}
    for split in splits:
        chosen = [q for q in queries if q["task"] == "CT22-2A-EN" and q["split"] == split]
        claims, announcements, relevant, _ = prepare(chosen, pool, qrels, True)
        out[split] = (claims, announcements, relevant)
    return out


GRID = {
    "text_weight": (0.6,),
    "coverage_weight": (0.0, 0.2),
    "entity_weight": (0.0, 0.1),
    "meaning_weight": (0.15, 0.3),
    "time_weight": (0.1, 0.2, 0.3),
    "recency_half_life_days": (90, 180, 365),
    "late_half_life_days": (30, 90),
    "relative_cut": (0.0, 0.7, 0.8),
    "review_threshold": tuple(float(t) for t in range(18, 40, 2)),
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rumors", type=Path, default=SHARED / "rumors")
    parser.add_argument("--clef", type=Path, default=SHARED / "claim_matching")
    parser.add_argument("--recall-loss", type=float, default=0.01)
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--train-floor", type=float, default=0.877,
                        help="CheckThat! 2A train MAP@5 to keep (0.877: the matcher before this tuning)")
    args = parser.parse_args(argv)
    base = MatchSettings()
    claims, announcements, deciding, accepted = load_rumors(args.rumors)
    tables = {"rumors": Table(candidate_pairs(claims, announcements, base), deciding, accepted)}
    for split, (c, a, relevant) in load_clef(args.clef, ["train", "dev", "dev-test"]).items():
        tables[split] = Table(candidate_pairs(c, a, base), relevant, {})
    clef = [s for s in tables if s != "rumors"]
    pairs = candidate_pairs(claims, announcements, base)
    exact = [time_agreement(p.claim, p.announcement.published, base) for p in pairs]
    if any(abs(a - b) > 1e-6 for a, b in zip(exact, Table(pairs, deciding, accepted).time(base), strict=True)):
        raise SystemExit("the vectorised time part no longer follows verify.core.matching.time_agreement")

    def measure(settings):
        # CheckThat! measures the ranking (the lab's metric over five slots): the cut relative to a claim's
        # best is a choice of what an editor is shown, measured on rumors as wrong proposals per claim.
        ranking = replace(settings, relative_cut=0.0)
        return {name: table.measure(settings if name == "rumors" else ranking) for name, table in tables.items()}

    def line(name, row):
        r = row["rumors"]
        cells = "  ".join(f"{s} MRR {row[s]['MRR']:.3f} R@5 {row[s]['R@5']:.3f} auto {row[s]['auto']:.3f}/"
                          f"{row[s]['auto n']}" for s in clef)
        return (f"{name}: rumors R@1 {r['R@1']:.3f} R@5 {r['R@5']:.3f} MRR {r['MRR']:.3f} wrong {r['wrong']:.3f}"
                f"  |  {cells}")

    current = measure(base)
    print(line("defaults", current))
    results = []
    for values in itertools.product(*GRID.values()):
        settings = replace(base, **dict(zip(GRID, values, strict=True)))
        results.append((settings, measure(settings)))
    best_recall = max(r["rumors"]["R@5"] for _, r in results)
    allowed = [(s, r) for s, r in results if r["rumors"]["R@5"] >= best_recall - args.recall_loss
               and r["train"]["MRR"] >= args.train_floor and r["train"]["auto"] == 1.0]
    allowed.sort(key=lambda sr: (sr[1]["rumors"]["wrong"], -sr[1]["rumors"]["MRR"]))
    print(f"best rumors R@5 seen {best_recall:.3f}; {len(allowed)} settings within {args.recall_loss} of it that keep "
          "train's MAP@5 and auto precision; fewest wrong proposals first:")
    for settings, row in allowed[:args.show]:
        chosen = {k: getattr(settings, k) for k in GRID}
        print(line(json.dumps(chosen), row))


if __name__ == "__main__":
    main()
