"""Speed of the whole analysis against a bare spaCy parse of the same texts.

Texts: sample/us-gov/*.txt and, when ../shared is present, the Korea Times
article (cleaned). All are timed in this process, after a warm-up, as the best
of several rounds. Target: analysis <= 2.0 x bare parse. The cost of the learned
part (the event typer and its proposals) is the full analysis against the same
pipeline with the typer switched off (the rules' types kept).

    .venv/bin/python bench/speed.py [--rounds N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from redline.extract import analyze
from redline.extract.components import PIPES
from redline.extract.nlp import load_nlp, model_name

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "koreatimes-lethal-weapons-dilemma.txt"
TARGET = 2.0


def texts() -> list[str]:
    sample = sorted((ROOT / "sample" / "us-gov").glob("*.txt"))
    found = [p.read_text(encoding="utf-8") for p in sample]
    if SEED.exists():
        from redline.eval.koreatimes import clean_article

        found.append(clean_article(SEED.read_text(encoding="utf-8")))
    return found


def best_of(rounds: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def rules_only_pipeline() -> Any:
    import spacy

    nlp = spacy.load(model_name())
    for pipe in PIPES:
        nlp.add_pipe(pipe, config={"model": ""} if pipe == "redline_events" else {})
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    corpus = texts()
    nlp = load_nlp()
    analyze(corpus[0], published="2024-10-20")  # warm-up: model, lexicons, cue files
    bare = best_of(rounds, lambda: [nlp(t) for t in corpus])
    full = best_of(rounds, lambda: [analyze(t, published="2024-10-20") for t in corpus])
    rules = rules_only_pipeline()
    untyped = best_of(rounds, lambda: [rules(t) for t in corpus])
    words = sum(len(t.split()) for t in corpus)
    ratio = full / bare
    print(f"texts: {len(corpus)}  words: {words}  rounds: {rounds}")
    print(f"bare spaCy parse: {bare:.3f} s")
    print(f"full analysis:    {full:.3f} s")
    print(f"rules-only pipeline (no event typer): {untyped:.3f} s")
    print(f"learned typing costs: {full - untyped:+.3f} s ({(full - untyped) / bare:+.1%} "
          "of a bare parse)")
    print(f"ratio: {ratio:.2f} x (target <= {TARGET} x) {'ok' if ratio <= TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
