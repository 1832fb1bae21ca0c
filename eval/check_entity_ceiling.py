"""Check, on real texts, that `EntityCeiling` never reads lower than `entity_agreement` (run on demand).

The re-match skips a pair when its score's bound with this ceiling cannot reach what is shown; a ceiling
below the true entities part would hide a proposal. Here every claim of the rumors set and of CheckThat! 2A
(queries) is paired with every announcement / fact-check of its set, both analysed in full, and any pair
whose ceiling is below its entities part is printed (there must be none). Also prints how often the ceiling
is below 100 (how much it can prune).

    .venv/bin/python eval/check_entity_ceiling.py [--limit 400]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from verify.core.bounds import EntityCeiling
from verify.core.entities import AliasBook
from verify.core.matching import analyse, entity_agreement
from verify.core.normalize import fold

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def texts(path: Path, field: str) -> list[str]:
    return [json.loads(line)[field] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check(name: str, claims: list[str], others: list[str], book: AliasBook) -> int:
    ceiling = EntityCeiling(book)
    analysed = [analyse(t, book) for t in others]
    folded = [fold(t).lower() for t in others]
    wrong = pairs = pruned = 0
    for claim in claims:
        ca = analyse(claim, book)
        if not ca.entities:
            continue
        for aa, text, other in zip(analysed, folded, others, strict=True):
            true, bound = entity_agreement(ca, aa), ceiling(ca.entities, text)
            pairs += 1
            pruned += bound < 100.0
            if bound + 1e-9 < true:
                wrong += 1
                print(f"  BELOW: ceiling {bound:.1f} < entities {true:.1f}\n    claim: {claim[:160]}\n"
                      f"    other: {other[:160]}\n    claim entities: {[e.key for e in ca.entities]}")
    print(f"{name}: {pairs:,} pairs with claim entities; ceiling below 100 for {pruned / max(1, pairs):.1%}; "
          f"below the true entities part: {wrong}")
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400, help="CheckThat! queries and targets sampled")
    args = parser.parse_args()
    book = AliasBook.default()
    rumors = SHARED / "rumors"
    wrong = check("rumors", texts(rumors / "claims.jsonl", "text"), texts(rumors / "announcements.jsonl", "text"),
                  book)
    rng = random.Random(1)
    cm = SHARED / "claim_matching"
    queries = texts(cm / "queries.jsonl", "query")
    targets = texts(cm / "targets.jsonl", "text")
    wrong += check("CheckThat! 2A (sample)", rng.sample(queries, min(args.limit, len(queries))),
                   rng.sample(targets, min(args.limit, len(targets))), book)
    raise SystemExit(1 if wrong else 0)


if __name__ == "__main__":
    main()
