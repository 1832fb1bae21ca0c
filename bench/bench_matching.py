"""Benchmark the matcher at newsroom scale against brute force, on seeded synthetic data (run on demand).

Generates claims and announcements from a realistic vocabulary (companies, products, deal verbs, amounts,
months); a share of announcements are reworded confirmations of a known claim (the planted answer).
Reports, beside brute-force `rapidfuzz.process.cdist` (token_set_ratio over normalised text, all claims,
2 workers) measured in the same run:
  - time to match one new announcement against all open claims (CandidateIndex search + full scoring,
    meaning vectors included);
  - the full re-match as every announcement against the claims (the per-announcement time above,
    extrapolated); the re-match as `verify match` runs it is measured by bench/bench_rematch.py;
  - build times and peak memory (ru_maxrss);
  - recall kept: of the planted answers brute force ranks in its top 5, the share the index pipeline also
    ranks in its top 5; and the candidate overlap with brute force's top 10.

Usage:  .venv/bin/python bench/bench_matching.py [--claims 100000] [--announcements 1000000] [--sample 500]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verify import semantic  # noqa: E402
from verify.core.candidates import CandidateIndex  # noqa: E402
from verify.core.entities import AliasBook  # noqa: E402
from verify.core.matching import (  # noqa: E402
    AnnouncementText,
    ClaimText,
    MatchSettings,
    analyse_all,
    score_analysed,
)
from verify.core.normalize import normalize  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ne", "ra", "tu", "vo", "xi", "zen", "qua", "bri", "tel", "sol", "nex", "gra", "vin",
             "dor", "pha", "lum", "cor", "tek", "mar", "sy", "on", "ix"]
REAL = ["Apple", "Microsoft", "NVIDIA", "Intel", "Xiaomi", "Leica", "OnePlus", "Hasselblad", "Oracle", "TikTok",
        "Samsung", "Qualcomm", "Meta", "Alphabet", "Amazon", "Sony", "Huawei", "Tesla", "AMD", "IBM"]
LINES = ["Ultra", "Pro", "Max", "Mini", "Air", "Lite", "Plus", "Edge", "Fold", "Flip", "Note"]
THINGS = ["phone", "chip", "laptop", "tablet", "camera", "headset", "watch", "car", "drone", "console", "server",
          "modem"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]
CLAIM_TEMPLATES = [
    "{a} in talks to acquire {b} for ${n} billion",
    "{a} will launch the {p} {thing} in {month}",
    "{a} and {b} will launch a co-branded {thing} in {month}",
    "Sources say {a} plans to invest ${n} billion in {b}",
    "{a} to partner with {b} on a new {thing}",
    "{a} is preparing a {p} {thing} with {b} parts",
]
CONFIRM_TEMPLATES = [
    "{a} agrees to acquire {b} for ${n} billion",
    "{a} unveils the {p} {thing}, on sale from {month}",
    "{a} and {b} unveil their first co-branded {thing}",
    "{a} announces a ${n} billion investment in {b}",
    "{a} and {b} announce a partnership on a {thing}",
    "{a} introduces the {p} {thing} built with {b} components",
]
NOISE_TEMPLATES = [
    "{a} reports quarterly revenue of ${n} billion",
    "{a} recalls {thing} units over battery concerns",
    "{a} names a new chief executive",
    "{a} opens a {thing} factory in {month}",
    "{a} settles a patent dispute with {b}",
]


def companies(rng: random.Random, count: int) -> list[str]:
    names = set(REAL)
    while len(names) < count:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize())
    return sorted(names)


def fill(template: str, rng: random.Random, firms: list[str], **fixed: str) -> str:
    a, b = rng.sample(firms, 2)
    values = {"a": a, "b": b, "n": f"{rng.randint(1, 90) / 10:g}", "thing": rng.choice(THINGS),
              "month": rng.choice(MONTHS), "p": f"{a} {rng.randint(2, 30)}{rng.choice(['', 'S', 'X'])} "
                                              f"{rng.choice(LINES)}"}
    values.update(fixed)
    return template.format(**values)


def generate(n_claims: int, n_announcements: int, seed: int, confirm_share: float = 0.1):
    """Claims, announcements, and the planted claim id of each confirming announcement."""
    rng = random.Random(seed)
    firms = companies(rng, max(200, n_claims // 200))
    start = date(2022, 1, 1)
    claims, slots = [], []
    for i in range(n_claims):
        kind = rng.randrange(len(CLAIM_TEMPLATES))
        a, b = rng.sample(firms, 2)
        fixed = {"a": a, "b": b, "n": f"{rng.randint(1, 90) / 10:g}", "thing": rng.choice(THINGS),
                 "month": rng.choice(MONTHS), "p": f"{a} {rng.randint(2, 30)} {rng.choice(LINES)}"}
        claims.append(ClaimText(i, fill(CLAIM_TEMPLATES[kind], rng, firms, **fixed),
                                start + timedelta(days=rng.randrange(365))))
        slots.append((kind, fixed))
    announcements, planted = [], {}
    for j in range(n_announcements):
        if rng.random() < confirm_share:
            target = rng.randrange(n_claims)
            kind, fixed = slots[target]
            text = fill(CONFIRM_TEMPLATES[kind], rng, firms, **fixed)
            published = claims[target].published + timedelta(days=rng.randint(1, 120))
            planted[j] = target
        else:
            text = fill(rng.choice(NOISE_TEMPLATES), rng, firms)
            published = start + timedelta(days=rng.randrange(500))
        announcements.append(AnnouncementText(j, text, published))
    return claims, announcements, planted


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def match_one(index, analysed, claims, announcement, settings, book, k=50):
    """What the service does for a new announcement: index search, then full scoring of the hits (with the
    announcement's meaning vector, as the service computes it)."""
    (aa,) = analyse_all([announcement.text], book, semantic.embed)
    proposals = [score_analysed(claims[cid], announcement, analysed[cid], aa, settings, index.idf)
                 for cid, _ in index.search(announcement.text, k)]
    proposals.sort(key=lambda p: (-p.score, p.claim_id))
    return [p.claim_id for p in proposals]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--announcements", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=500, help="announcements timed and compared")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    book, settings = AliasBook.default(), MatchSettings()

    t0 = time.perf_counter()
    claims, announcements, planted = generate(args.claims, args.announcements, args.seed)
    print(f"generated {len(claims):,} claims, {len(announcements):,} announcements "
          f"({len(planted):,} confirmations) in {time.perf_counter() - t0:.1f}s")

    t0 = time.perf_counter()
    index = CandidateIndex(claims, book)
    analysed = dict(zip((c.id for c in claims), analyse_all([c.text for c in claims], book, semantic.embed),
                        strict=True))
    print(f"index + analysis (with meaning vectors) of {len(claims):,} claims: {time.perf_counter() - t0:.1f}s, "
          f"peak {peak_mb():,.0f} MB")

    rng = random.Random(args.seed + 1)
    sample = rng.sample(sorted(planted), min(args.sample, len(planted)))
    noise = [j for j in rng.sample(range(len(announcements)), min(len(announcements), args.sample * 2))
             if j not in planted][: args.sample // 4]
    timed = [announcements[j] for j in sample + noise]

    ours, times = {}, []
    for announcement in timed:
        t0 = time.perf_counter()
        ours[announcement.id] = match_one(index, analysed, claims, announcement, settings, book)
        times.append(time.perf_counter() - t0)

    normal_claims = [normalize(c.text) for c in claims]
    brute, brute_times = {}, []
    for announcement in timed:
        t0 = time.perf_counter()
        row = process.cdist([normalize(announcement.text)], normal_claims, scorer=fuzz.token_set_ratio,
                            workers=2, dtype="uint8")[0]
        brute[announcement.id] = [int(i) for i in row.argsort(kind="stable")[::-1][:10]]
        brute_times.append(time.perf_counter() - t0)

    report(times, brute_times, ours, brute, planted, sample, len(announcements))
    print(f"peak memory (ru_maxrss): {peak_mb():,.0f} MB")


def report(times, brute_times, ours, brute, planted, sample, n_announcements) -> None:
    ms = sorted(t * 1000 for t in times)
    print(f"match one announcement, index: median {statistics.median(ms):.1f} ms, p95 {ms[int(0.95 * len(ms))]:.1f} ms,"
          f" max {ms[-1]:.1f} ms  (target < 50 ms)")
    bms = sorted(t * 1000 for t in brute_times)
    print(f"match one announcement, brute-force cdist (2 workers): median {statistics.median(bms):.1f} ms")
    per = statistics.mean(times)
    print(f"full re-match of {n_announcements:,} announcements, extrapolated from {len(times)} measured: "
          f"{per * n_announcements / 60:.1f} min on 1 core, ~{per * n_announcements / 120:.1f} min on 2; "
          f"brute force: {statistics.mean(brute_times) * n_announcements / 60:.1f} min")
    brute_found = [j for j in sample if planted[j] in brute[j][:5]]
    kept = sum(1 for j in brute_found if planted[j] in ours[j][:5])
    ours_found = sum(1 for j in sample if planted[j] in ours[j][:5])
    print(f"planted answer in top 5: brute force {len(brute_found)}/{len(sample)}, index pipeline "
          f"{ours_found}/{len(sample)}; recall kept relative to brute force {kept / max(1, len(brute_found)):.3f}"
          " (target >= 0.99)")
    overlap = [len(set(brute[j][:10]) & set(ours[j])) / 10 for j in ours]
    print(f"brute force top-10 found among the index's 50 candidates: {statistics.mean(overlap):.3f}")


if __name__ == "__main__":
    main()
