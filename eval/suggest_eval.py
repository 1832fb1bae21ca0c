"""How well do suggested claims match what a reporter would log? Precision and recall on hand labels.

Why: the suggestion rules are heuristics; this measures them on the fixture articles so a change to a
rule shows up as a number, not an impression. Not a unit test: the figures are reported, not asserted.

Run: .venv/bin/python eval/suggest_eval.py [--labels eval/suggest_labels.jsonl] [--verbose]

A suggestion matches a label when their sentences are at least 90 similar (rapidfuzz ratio on
whitespace-normalised text). Attribution is compared on matched pairs only: a named source matches the
label's when one contains the other nearly verbatim (partial ratio >= 90, case-insensitive).

Each label line has a split: "dev" articles were written while the rules were tuned, "held-out" ones
after, and labelled before the rules first ran on them; only the held-out figures estimate new articles.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz

from verify.core.suggest import suggest_claims
from verify.ingest.articles import read_article

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
SENTENCE_MATCH = 90
SOURCE_MATCH = 90


@dataclass
class Tally:
    suggested: int = 0
    labelled: int = 0
    matched: int = 0
    sources_suggested: int = 0
    sources_labelled: int = 0
    sources_right: int = 0
    notes: list[str] = field(default_factory=list)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=ROOT / "eval" / "suggest_labels.jsonl")
    parser.add_argument("--verbose", action="store_true", help="list every miss and false suggestion")
    args = parser.parse_args()
    labels = [json.loads(line) for line in args.labels.read_text().splitlines() if line.strip()]
    for split in sorted({label.get("split", "dev") for label in labels}) + ["all"]:
        tally = Tally()
        for label in labels:
            if split in ("all", label.get("split", "dev")):
                score_article(label, tally)
        print(f"[{split}]")
        report(tally, args.verbose and split != "all")


def score_article(label: dict, tally: Tally) -> None:
    article = read_article(ARTICLES / label["article"])
    published = article.published or date.fromisoformat(label["published"])
    suggestions = suggest_claims(article.text, published, resolve_window=lambda sentence, day: None)
    expected = list(label["claims"])
    tally.suggested += len(suggestions)
    tally.labelled += len(expected)
    for suggestion in suggestions:
        match = best_match(suggestion.sentence, expected)
        if match is None:
            tally.notes.append(f"{label['article']}: not expected: {suggestion.sentence}")
            continue
        expected.remove(match)
        tally.matched += 1
        score_source(suggestion.attributed_to, match["attributed_to"], label["article"], tally)
    tally.notes += [f"{label['article']}: missed: {claim['sentence']}" for claim in expected]


def best_match(sentence: str, expected: list[dict]) -> dict | None:
    scored = [(fuzz.ratio(normal(sentence), normal(claim["sentence"])), claim) for claim in expected]
    score, claim = max(scored, key=lambda pair: pair[0], default=(0, None))
    return claim if score >= SENTENCE_MATCH else None


def score_source(found: str | None, wanted: str | None, article: str, tally: Tally) -> None:
    tally.sources_suggested += found is not None
    tally.sources_labelled += wanted is not None
    right = found is not None and wanted is not None and (
        fuzz.partial_ratio(found.lower(), wanted.lower()) >= SOURCE_MATCH)
    tally.sources_right += right
    if not right and (found or wanted):
        tally.notes.append(f"{article}: source {found!r}, labelled {wanted!r}")


def normal(text: str) -> str:
    return " ".join(text.split())


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "n/a"


def report(tally: Tally, verbose: bool) -> None:
    print(f"  suggestions  precision {ratio(tally.matched, tally.suggested)}  "
          f"recall {ratio(tally.matched, tally.labelled)}")
    print(f"  attribution  precision {ratio(tally.sources_right, tally.sources_suggested)}  "
          f"recall {ratio(tally.sources_right, tally.sources_labelled)}  (on matched suggestions)")
    if verbose:
        print("\n".join(f"    {note}" for note in tally.notes))


if __name__ == "__main__":
    main()
