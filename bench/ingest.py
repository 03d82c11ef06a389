"""Benchmark: ingest throughput against a bare spaCy parse of the same texts.

    python bench/ingest.py                         # ../shared/corpus/wh-briefings/2022-02.jsonl
    python bench/ingest.py --limit 40 --rounds 3   # a quick run on its first 40 documents

In rounds that alternate the two (bare parse, ingest, bare parse, ingest, ...), in this
process:

- a bare parse: the base spaCy model's ``nlp.pipe`` over the texts (the floor);
- ``ingest`` of the JSONL file into a fresh SQLite store with analysis on: read, clean,
  store each article, analyse new articles in batches through ``nlp.pipe`` and write
  each batch's results in one transaction.

Prints articles/s and words/s of each, with the CPU time and the load average, and the
ratio of the median times (target <= 2.0 x the bare parse).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from backfill import CORPUS, corpus_copy, cpu_seconds

INGEST_TARGET = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--every", type=int, default=1,
                        help="only every K-th document (a sample of the month)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of each")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus}: not found (the corpus is read from ../shared)")

    from redline.backfill import load_pipeline
    from redline.extract.nlp import load_nlp
    from redline.pipeline import ingest
    from redline.settings import Settings
    from redline.store import Store

    with tempfile.TemporaryDirectory(prefix="redline-bench-") as tmp:
        folder = Path(tmp)
        corpus, documents, words, chars = corpus_copy(args.corpus, folder, args.limit, args.every)
        texts = [json.loads(line)["text"] for line in corpus.read_text().splitlines()]
        print(f"corpus: {args.corpus.name}, {documents} documents, {words:,} words, "
              f"{chars:,} characters; {os.cpu_count()} cores")
        nlp = load_nlp()
        load_pipeline()  # ingest loads it once too, before its first batch

        def bare() -> None:
            for _ in nlp.pipe(texts, batch_size=16):
                pass

        def ingested(round_: int) -> None:
            store = Store(f"sqlite:///{folder / f'ingest-{round_}.db'}")
            outcomes = list(ingest(store, [str(corpus)], settings=Settings(db=store.url),
                                   analyze=True))
            store.close()
            failed = [o for o in outcomes if not o.ok]
            if failed:
                raise SystemExit(f"ingest failed: {failed[0].error or failed[0].analysis}")

        times: dict[str, list[float]] = {"bare parse": [], "ingest": []}
        for round_ in range(args.rounds):
            for name in times:
                load = os.getloadavg()[0]
                began, cpu = time.perf_counter(), cpu_seconds()
                if name == "bare parse":
                    bare()
                else:
                    ingested(round_)
                seconds, used = time.perf_counter() - began, cpu_seconds() - cpu
                times[name].append(seconds)
                print(f"round {round_ + 1} {name:>10}: {seconds:7.1f} s wall  {used:7.1f} s CPU  "
                      f"{documents / seconds:6.2f} articles/s  {words / seconds:7,.0f} words/s  "
                      f"load average {load:.1f} -> {os.getloadavg()[0]:.1f}")
        floor, full = (statistics.median(t) for t in times.values())
        ratio = full / floor
        print(f"median: ingest {full:.1f} s ({documents / full:.2f} articles/s, "
              f"{words / full:,.0f} words/s), bare parse {floor:.1f} s: {ratio:.2f} x "
              f"(target <= {INGEST_TARGET} x) {'ok' if ratio <= INGEST_TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
