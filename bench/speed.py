"""Speed of the whole analysis against a bare spaCy parse of the same texts, and of a
long text against the same words as separate articles.

Texts: sample/us-gov/*.txt and, when ../shared is present, the Korea Times article
(cleaned). Every figure is timed in this process after a warm-up, and the blocks that
are compared run interleaved, in alternating order, round after round, so that drift in
the machine's speed falls on both sides; each figure is the median of its rounds. The
cost of the learned part (the event typer and its proposals) is the full analysis
against the same pipeline with the typer switched off (the rules' types kept); the
contextual encoder's own cost is its pass over the windows the reader reads in the
already analysed texts (its events' triggers and the main verbs it proposes events on).

- full analysis / bare parse (target <= 2.0 x), in wall time and in CPU time (the one to
  read on a shared machine, where wall time counts other processes' share of the cores);
- the rules-only pipeline (no event typer) against the full analysis, and so what the
  learned part costs (in wall and in CPU time);
- long text: cost per word of ~100,000 characters as one text against the same words as
  separate articles, in CPU time (target <= 1.2 x), and in wall time; and the same for a
  bare parse, so that what spaCy's own parse adds is told from what the reading adds.
  The articles are distinct texts: the White House statements of February 2022 under
  12,000 characters (``../shared/corpus/wh-briefings/2022-02.jsonl``), else the sample
  texts repeated (a repeated article is cheaper inside one text: the encoder reads a
  repeated window once). Each round times the four runs back to back, in an order that
  alternates; the ratio is the median of the rounds' own ratios, with their spread.

    .venv/bin/python bench/speed.py [--rounds N] [--long-chars N] [--long-rounds N]
                                    [--long-only]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from redline.extract import analyze, analyze_many
from redline.extract.components import PIPES
from redline.extract.nlp import load_nlp, model_name

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "koreatimes-lethal-weapons-dilemma.txt"
MONTH = ROOT.parent / "shared" / "corpus" / "wh-briefings" / "2022-02.jsonl"
#: The longest document of ``MONTH`` taken as an article for the long-text figure.
ARTICLE_CHARS = 12_000
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
    """Articles in order until they hold ``chars`` characters: distinct ones from ``MONTH``
    where it is present, else ``corpus`` repeated."""
    if MONTH.exists():
        with MONTH.open(encoding="utf-8") as lines:
            found = [text for text in (json.loads(line)["text"].strip() for line in lines)
                     if text and len(text) <= ARTICLE_CHARS]
        if sum(len(t) + 2 for t in found) >= chars:
            corpus = found
    parts: list[str] = []
    total = 0
    while total < chars:
        parts.append(corpus[len(parts) % len(corpus)].strip())
        total += len(parts[-1]) + 2
    return parts


def paired(numerator: list[float], denominator: list[float]) -> str:
    """The median of the rounds' own ratios (each round's runs ran back to back), with the
    spread of those ratios."""
    per_round = sorted(a / b for a, b in zip(numerator, denominator, strict=True))
    low, high = per_round[len(per_round) // 4], per_round[-1 - len(per_round) // 4]
    return (f"{statistics.median(per_round):.2f} x (rounds {per_round[0]:.2f}.."
            f"{per_round[-1]:.2f}, middle half {low:.2f}..{high:.2f})")


def report_long_text(corpus: list[str], chars: int, rounds: int) -> None:
    """One text of ``chars`` characters against the same words as separate articles, for
    the full analysis and for a bare parse."""
    from redline.extract.nlp import load_nlp

    nlp = load_nlp()
    parts = long_text(corpus, chars)
    joined = "\n\n".join(parts)
    days = [(p, "2024-10-20") for p in parts]
    times = interleaved(rounds, {
        "one text": lambda: analyze(joined, published="2024-10-20"),
        "articles": lambda: list(analyze_many(days)),
        "one text parsed": lambda: nlp(joined),
        "articles parsed": lambda: list(nlp.pipe(parts)),
    })
    words = len(joined.split())
    ratio = statistics.median(a / b for a, b in zip(CPU["one text"], CPU["articles"],
                                                      strict=True))
    print(f"long text: {len(joined):,} chars, {words:,} words, as {len(parts)} distinct "
          f"articles{'' if len(set(parts)) == len(parts) else ' (repeated)'}; "
          f"rounds: {rounds} (interleaved)")
    for name in ("one text", "articles"):
        print(f"  {name}: {summary(times[name])} wall; CPU {summary(CPU[name])}  "
              f"{words / statistics.median(CPU[name]):,.0f} words per CPU second")
    print(f"  one text / articles: CPU {paired(CPU['one text'], CPU['articles'])} "
          f"(target <= {LONG_TARGET} x) {'ok' if ratio <= LONG_TARGET else 'OVER'}; "
          f"wall {paired(times['one text'], times['articles'])}")
    print(f"  bare parse, one text / articles: CPU "
          f"{paired(CPU['one text parsed'], CPU['articles parsed'])}")


def rules_only_pipeline() -> Any:
    import spacy

    nlp = spacy.load(model_name())
    for pipe in PIPES:
        nlp.add_pipe(pipe, config={"model": ""} if pipe == "redline_events" else {})
    return nlp


def read_windows(corpus: list[str]) -> list[tuple[Any, list[int]]]:
    """Each text analysed by the whole pipeline, and the tokens its reader read in windows."""
    from redline.extract.nlp import load_pipeline

    pipeline = load_pipeline()
    docs = []
    for text in corpus:
        doc = pipeline.make_doc(text)
        doc._.published_day = date(2024, 10, 20)
        docs.append(pipeline(doc))
    return [(doc, list(doc._.token_windows or {})) for doc in docs]


def encode(read: list[tuple[Any, list[int]]]) -> None:
    """The windows the reader read in each doc, encoded afresh."""
    from redline.extract.encoder import encode_windows

    for doc, tokens in read:
        doc._.token_windows = None
        encode_windows(doc, [doc[i] for i in tokens])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--long-chars", type=int, default=100_000)
    parser.add_argument("--long-rounds", type=int, default=6,
                        help="rounds of the long-text figure (each about 30 s of CPU)")
    parser.add_argument("--long-only", action="store_true",
                        help="only the long-text figure")
    args = parser.parse_args()
    corpus = texts()
    if args.long_only:
        analyze(corpus[0], published="2024-10-20")  # warm-up
        report_long_text(corpus, args.long_chars, args.long_rounds)
        return
    nlp = load_nlp()
    analyze(corpus[0], published="2024-10-20")  # warm-up: model, lexicons, cue files
    rules = rules_only_pipeline()
    windows = read_windows(corpus)
    times = interleaved(args.rounds, {
        "bare": lambda: [nlp(t) for t in corpus],
        "full": lambda: [analyze(t, published="2024-10-20") for t in corpus],
        "rules": lambda: [rules(t) for t in corpus],
        "encoder": lambda: encode(windows),
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
    read = sum(len(tokens) for _, tokens in windows)
    for clock, figures in (("wall", times), ("CPU", CPU)):
        full, rules_only, bare, alone = (statistics.median(figures[k])
                                         for k in ("full", "rules", "bare", "encoder"))
        print(f"learned part ({clock} time): {(full - rules_only) / bare:+.1%} of a bare parse; "
              f"contextual encoder alone ({read} windows) {alone:.3f} s, "
              f"{alone / bare:.1%} of a bare parse")

    report_long_text(corpus, args.long_chars, args.long_rounds)


if __name__ == "__main__":
    main()
