"""Speed of the whole analysis against a bare spaCy parse of the same texts, and of a
long text against the same words as separate articles.

Texts: sample/us-gov/*.txt and, when ../shared is present, the Korea Times article
(cleaned). Every figure is timed in this process after a warm-up, and the blocks that
are compared run interleaved, in alternating order, round after round, so that drift in
the machine's speed falls on both sides; each figure is the median of its rounds. The
cost of the learned part (the event typer and its proposals) is the full analysis
against the same pipeline with the typer switched off (the rules' types kept); the
contextual encoder's own cost is its pass over every sentence of the already parsed
texts (an upper bound: the reader encodes only the sentences it reads).

- full analysis / bare parse (target <= 2.0 x), in wall time and in CPU time (the one to
  read on a shared machine, where wall time counts other processes' share of the cores);
- the rules-only pipeline (no event typer) against the full analysis, and so what the
  learned part costs (in wall and in CPU time);
- long text: cost per word of ~100,000 characters as one text against the same words as
  separate articles, in CPU time (target <= 1.2 x), and in wall time.

    .venv/bin/python bench/speed.py [--rounds N] [--long-chars N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from redline.extract import analyze, analyze_many
from redline.extract.components import PIPES
from redline.extract.nlp import load_nlp, model_name

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "koreatimes-lethal-weapons-dilemma.txt"
TARGET = 2.0
LONG_TARGET = 1.2


def texts() -> list[str]:
    sample = sorted((ROOT / "sample" / "us-gov").glob("*.txt"))
    found = [p.read_text(encoding="utf-8") for p in sample]
    if SEED.exists():
        from redline.eval.koreatimes import clean_article

        found.append(clean_article(SEED.read_text(encoding="utf-8")))
    return found


#: CPU seconds (this process, all its threads) of each run of the last ``interleaved`` call:
#: on a shared machine, wall time also counts the other processes' share of the cores.
CPU: dict[str, list[float]] = {}


def interleaved(rounds: int, runs: dict[str, Callable[[], object]]) -> dict[str, list[float]]:
    """Seconds of each run, round after round, in an order that alternates each round
    (and their CPU seconds in ``CPU``)."""
    names = list(runs)
    times: dict[str, list[float]] = {name: [] for name in names}
    CPU.clear()
    CPU.update({name: [] for name in names})
    for number in range(rounds):
        for name in names if number % 2 == 0 else reversed(names):
            start, cpu = time.perf_counter(), time.process_time()
            runs[name]()
            times[name].append(time.perf_counter() - start)
            CPU[name].append(time.process_time() - cpu)
    return times


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})"


def ratios(numerator: list[float], denominator: list[float]) -> str:
    per_round = sorted(a / b for a, b in zip(numerator, denominator, strict=True))
    return (f"{statistics.median(numerator) / statistics.median(denominator):.2f} x "
            f"(per round {per_round[0]:.2f}..{per_round[-1]:.2f})")


def long_text(corpus: list[str], chars: int) -> list[str]:
    """Articles repeated in order until they hold ``chars`` characters."""
    parts: list[str] = []
    while sum(len(p) + 2 for p in parts) < chars:
        parts.append(corpus[len(parts) % len(corpus)].strip())
    return parts


def rules_only_pipeline() -> Any:
    import spacy

    nlp = spacy.load(model_name())
    for pipe in PIPES:
        nlp.add_pipe(pipe, config={"model": ""} if pipe == "redline_events" else {})
    return nlp


def encode(docs: list[Any]) -> None:
    """Every sentence of ``docs`` encoded afresh (the reader encodes only those it reads)."""
    from redline.extract.encoder import load_encoder

    for doc in docs:
        doc._.token_vectors = None
    load_encoder().annotate([(doc, list(doc.sents)) for doc in docs])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--long-chars", type=int, default=100_000)
    args = parser.parse_args()
    corpus = texts()
    nlp = load_nlp()
    analyze(corpus[0], published="2024-10-20")  # warm-up: model, lexicons, cue files
    rules = rules_only_pipeline()
    parsed = [nlp(t) for t in corpus]
    times = interleaved(args.rounds, {
        "bare": lambda: [nlp(t) for t in corpus],
        "full": lambda: [analyze(t, published="2024-10-20") for t in corpus],
        "rules": lambda: [rules(t) for t in corpus],
        "encoder": lambda: encode(parsed),
    })
    words = sum(len(t.split()) for t in corpus)
    ratio = statistics.median(times["full"]) / statistics.median(times["bare"])
    print(f"texts: {len(corpus)}  words: {words}  rounds: {args.rounds} (interleaved)")
    for name, key in (("bare spaCy parse", "bare"), ("full analysis", "full"),
                      ("rules-only pipeline", "rules")):
        print(f"{name + ':':24} {summary(times[key])}; CPU {summary(CPU[key])}")
    print(f"full / bare: {ratios(times['full'], times['bare'])} (target <= {TARGET} x) "
          f"{'ok' if ratio <= TARGET else 'OVER'}")
    cpu_ratio = statistics.median(CPU["full"]) / statistics.median(CPU["bare"])
    print(f"CPU time: full / bare {ratios(CPU['full'], CPU['bare'])} (target <= {TARGET} x) "
          f"{'ok' if cpu_ratio <= TARGET else 'OVER'}, rules-only / bare "
          f"{ratios(CPU['rules'], CPU['bare'])}")
    print(f"rules-only / bare: {ratios(times['rules'], times['bare'])}")
    for clock, figures in (("wall", times), ("CPU", CPU)):
        full, rules_only, bare, alone = (statistics.median(figures[k])
                                         for k in ("full", "rules", "bare", "encoder"))
        print(f"learned part ({clock} time): {(full - rules_only) / bare:+.1%} of a bare parse; "
              f"contextual encoder alone {alone:.3f} s, {alone / bare:.1%} of a bare parse")

    parts = long_text(corpus, args.long_chars)
    joined = "\n\n".join(parts)
    long_rounds = max(2, args.rounds // 2)
    long_times = interleaved(long_rounds, {
        "one text": lambda: analyze(joined, published="2024-10-20"),
        "articles": lambda: list(analyze_many([(p, "2024-10-20") for p in parts])),
    })
    long_words = len(joined.split())
    one, separate = (statistics.median(CPU[k]) for k in ("one text", "articles"))
    print(f"long text: {len(joined):,} chars, {long_words:,} words, as {len(parts)} articles; "
          f"rounds: {long_rounds}")
    for name in ("one text", "articles"):
        print(f"  {name}: {summary(long_times[name])} wall; CPU {summary(CPU[name])}  "
              f"{long_words / statistics.median(CPU[name]):,.0f} words per CPU second")
    print(f"  one text / articles: CPU {ratios(CPU['one text'], CPU['articles'])} "
          f"(target <= {LONG_TARGET} x) {'ok' if one / separate <= LONG_TARGET else 'OVER'}; "
          f"wall {ratios(long_times['one text'], long_times['articles'])}")


if __name__ == "__main__":
    main()
