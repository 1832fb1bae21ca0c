"""Fit `verify.core.evidence`: the logistic model that turns a pair's parts and findings into the probability
that the announcement settles the claim, and choose the review band's floor on it.

Data: every candidate pair the matcher scores (its top 10 per claim, nothing discarded but the hard rules) on
the rumors development set (``../shared/eval/rumors``, read at run time, never copied) and on CheckThat! 2022
2A train (tweets vs fact-checks). A pair is positive when the announcement confirms, partly confirms or
denies the claim; an "also accepted" announcement is left out of the fit (neither right nor wrong).
L2-regularised logistic regression by Newton's method (numpy only), the intercept not penalised.

Printed: on rumors, five-fold cross-validation by claim (each fold's pairs scored by a model fitted without
them, with CheckThat! train always in) — recall@5, MRR and wrong proposals per claim for each floor on the
probability, beside today's rule (score floor and the cut near a claim's best alone); on CheckThat! dev and
dev-test (never fitted on), MRR over the top 5 (the lab's MAP@5 with one relevant check) for the same floors.
Then the coefficients fitted on all of it, as Python to paste into `verify/core/evidence.py`.

Usage: .venv/bin/python eval/fit_evidence.py [--l2 1] [--cache /tmp/evidence-pairs.pkl]
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from judgment_tune import SHARED, load_clef, load_rumors  # noqa: E402

from verify import semantic  # noqa: E402
from verify.core.entities import AliasBook  # noqa: E402
from verify.core.evidence import FEATURES, features  # noqa: E402
from verify.core.matching import MatchSettings, analyse_all, pair_facts, propose_matches  # noqa: E402

DEPTH = 10
FLOORS = (0.0, 0.05, 0.1, 0.15, 0.18, 0.2, 0.25)


def collect(claims, announcements, deciding, accepted, settings: MatchSettings) -> dict:
    """The candidate pairs of one set as arrays: features, label, claim, score."""
    loose = replace(settings, review_threshold=0.0, relative_cut=0.0, review_evidence=0.0, auto_enabled=False)
    proposals = [p for p in propose_matches(claims, announcements, settings=loose, top=DEPTH, embed=semantic.embed)
                 if p.band != "discard"]
    book = AliasBook.default()
    by_claim = {c.id: c for c in claims}
    by_announcement = {a.id: a for a in announcements}
    claim_analyses = dict(zip(by_claim, analyse_all([c.text for c in claims], book), strict=True))
    used = sorted({p.announcement_id for p in proposals})
    announcement_analyses = dict(zip(used, analyse_all([by_announcement[i].text for i in used], book), strict=True))
    rows = [features(pair_facts(by_claim[p.claim_id], by_announcement[p.announcement_id],
                                claim_analyses[p.claim_id], announcement_analyses[p.announcement_id],
                                p.score, p.parts, p.verdict, p.differs)) for p in proposals]
    return {"x": np.array(rows), "y": np.array([p.announcement_id in deciding.get(p.claim_id, ()) for p in proposals]),
            "neutral": np.array([p.announcement_id in accepted.get(p.claim_id, ()) for p in proposals]),
            "claim": np.array([p.claim_id for p in proposals]), "score": np.array([p.score for p in proposals]),
            "announcement": np.array([p.announcement_id for p in proposals]),
            "claims": [c.id for c in claims], "answered": {c for c, a in deciding.items() if a}}


def fit(x, y, l2: float, weight=None, steps: int = 50) -> np.ndarray:
    """L2-regularised logistic regression (Newton's method), each row weighted; the last weight is the intercept."""
    xb = np.c_[x, np.ones(len(x))]
    weight = np.ones(len(x)) if weight is None else weight
    w = np.zeros(xb.shape[1])
    penalty = l2 * np.diag(np.r_[np.ones(len(w) - 1), 0.0])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xb @ w)))
        gradient = xb.T @ (weight * (p - y)) + penalty @ w
        hessian = (xb * (weight * p * (1 - p))[:, None]).T @ xb + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(w, x) -> np.ndarray:
    return 1 / (1 + np.exp(-(np.c_[x, np.ones(len(x))] @ w)))


def shown(data: dict, probability, floor: float, settings: MatchSettings) -> dict[int, list[int]]:
    """Per claim, the rows an editor is shown, best first, as `best_proposals` picks them (`shown_beside`: near
    the best, and the best itself or at least `floor` likely)."""
    out = {}
    keep = data["score"] >= settings.review_threshold
    for claim in data["claims"]:
        rows = [i for i in np.flatnonzero((data["claim"] == claim) & keep)]
        rows.sort(key=lambda i: (-data["score"][i], data["announcement"][i]))
        if rows:
            best = data["score"][rows[0]]
            rows = [i for i in rows if data["score"][i] >= settings.relative_cut * best
                    and (probability[i] >= floor or data["score"][i] >= best)]
        out[claim] = rows[:5]
    return out


def measure(data: dict, probability, floor: float, settings: MatchSettings) -> dict[str, float]:
    picked = shown(data, probability, floor, settings)
    wrong = sum(1 for rows in picked.values() for i in rows if not data["y"][i] and not data["neutral"][i])
    answered = [c for c in data["claims"] if c in data["answered"]]
    ranks = [next((n for n, i in enumerate(picked[c], 1) if data["y"][i]), 0) for c in answered]
    return {"R@5": np.mean([r > 0 for r in ranks]), "MRR": np.mean([1 / r if r else 0 for r in ranks]),
            "wrong": wrong / len(data["claims"])}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rumors", type=Path, default=SHARED / "rumors")
    parser.add_argument("--clef", type=Path, default=SHARED / "claim_matching")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--clef-weight", type=float, default=0.1,
                        help="weight of a CheckThat! train pair against a rumors pair (a neighbouring task)")
    parser.add_argument("--cache", type=Path, help="keep the candidate pairs here between runs")
    args = parser.parse_args(argv)
    settings = MatchSettings()
    if args.cache and args.cache.exists():
        sets = pickle.loads(args.cache.read_bytes())
    else:
        claims, announcements, deciding, accepted = load_rumors(args.rumors)
        sets = {"rumors": collect(claims, announcements, deciding, accepted, settings)}
        for split, (c, a, relevant) in load_clef(args.clef, ["train", "dev", "dev-test"]).items():
            sets[split] = collect(c, a, relevant, {}, settings)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(sets))
    rumors, train = sets["rumors"], sets["train"]
    usable = ~rumors["neutral"]

    # rumors: five folds by claim, CheckThat! train always in the fit
    order = np.random.RandomState(0).permutation(rumors["claims"])
    cross = np.zeros(len(rumors["y"]))
    for k in range(5):
        held = np.isin(rumors["claim"], order[k::5])
        fit_rows = usable & ~held
        w = fit(np.r_[rumors["x"][fit_rows], train["x"]], np.r_[rumors["y"][fit_rows], train["y"]], args.l2,
                np.r_[np.ones(fit_rows.sum()), np.full(len(train["y"]), args.clef_weight)])
        cross[held] = predict(w, rumors["x"][held])
    w = fit(np.r_[rumors["x"][usable], train["x"]], np.r_[rumors["y"][usable], train["y"]], args.l2,
            np.r_[np.ones(usable.sum()), np.full(len(train["y"]), args.clef_weight)])
    print(f"{len(rumors['y'])} rumors pairs ({int(rumors['y'].sum())} right), {len(train['y'])} CheckThat! train "
          f"pairs ({int(train['y'].sum())} right); L2 {args.l2}")
    print("floor   rumors (5-fold CV): R@5   MRR  wrong/claim |  dev MRR@5 R@5 | dev-test MRR@5 R@5")
    for floor in FLOORS:
        r = measure(rumors, cross, floor, settings)
        cells = "  ".join(f"{m['MRR']:.3f} {m['R@5']:.3f}" for m in
                          (measure(sets[s], predict(w, sets[s]["x"]), floor, settings) for s in ("dev", "dev-test")))
        print(f"{floor:5.2f}   {r['R@5']:.3f} {r['MRR']:.3f} {r['wrong']:.3f}  |  {cells}")
    print("\nCOEFFICIENTS: tuple[float, ...] = (")
    for name, value in zip((*FEATURES, "intercept"), w, strict=True):
        print(f"    {value:.4f},  # {name}")
    print(")")


if __name__ == "__main__":
    main()
