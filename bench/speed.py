"""Speed of the whole analysis against a bare spaCy parse of the same texts.

Texts: sample/us-gov/*.txt and, when ../shared is present, the Korea Times
article (cleaned). Both are timed in this process, after a warm-up, as the best
of several rounds. Target: analysis <= 1.3 x bare parse.

    .venv/bin/python bench/speed.py [--rounds N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from redline.extract import analyze
from redline.extract.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "koreatimes-lethal-weapons-dilemma.txt"
TARGET = 1.3


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    corpus = texts()
    nlp = load_nlp()
    analyze(corpus[0], published="2024-10-20")  # warm-up: model, lexicons, cue files
    bare = best_of(rounds, lambda: [nlp(t) for t in corpus])
    full = best_of(rounds, lambda: [analyze(t, published="2024-10-20") for t in corpus])
    words = sum(len(t.split()) for t in corpus)
    ratio = full / bare
    print(f"texts: {len(corpus)}  words: {words}  rounds: {rounds}")
    print(f"bare spaCy parse: {bare:.3f} s")
    print(f"full analysis:    {full:.3f} s")
    print(f"ratio: {ratio:.2f} x (target <= {TARGET} x) {'ok' if ratio <= TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
