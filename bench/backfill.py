"""Benchmark: ingest throughput and backfill speed-up on a Briefing Room month.

    python bench/backfill.py                       # ../shared/corpus/wh-briefings/2022-02.jsonl
    python bench/backfill.py --limit 40            # a quick run on its first 40 documents
    python bench/backfill.py --corpus FILE.jsonl --workers 2

All in this process, on fresh SQLite stores in a temporary folder, one after another:

1. a bare spaCy parse of the texts (``nlp.pipe``, the floor);
2. ``ingest`` of the JSONL file with analysis on (one process; new articles analysed in
   batches through ``nlp.pipe``, their results written one transaction per batch):
   articles/s, words/s and the ratio to the bare parse (target <= 2.0 x);
3. ``analyze --all`` in one process over the same articles stored without analysis;
4. ``backfill --workers N`` over them on a local Dask cluster, timed from starting the
   cluster to the last write: the speed-up over (3) (target >= 1.6 x with 2 workers).

Run it when the machine is quiet: on a machine whose cores are busy with other work,
two workers cannot run twice as fast as one process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wh-briefings" / "2022-02.jsonl"
INGEST_TARGET = 2.0
SPEEDUP_TARGET = 1.6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus}: not found (the corpus is read from ../shared)")

    from redline.backfill import backfill, open_client
    from redline.extract import analyze
    from redline.extract.nlp import load_nlp
    from redline.pipeline import analyze_articles, ingest
    from redline.settings import Settings
    from redline.store import Store
    from redline.store.evidence import unanalyzed_article_ids

    with tempfile.TemporaryDirectory(prefix="redline-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        lines = args.corpus.read_text(encoding="utf-8").splitlines()
        corpus.write_text("\n".join(lines[:args.limit] if args.limit else lines) + "\n",
                          encoding="utf-8")
        texts = [json.loads(line)["text"] for line in corpus.read_text().splitlines()]
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {args.corpus.name}, {len(texts)} documents, {words:,} words; "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")

        nlp = load_nlp()
        analyze("Seoul protested.")  # warm-up: model, lexicons, cue files
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        bare = time.perf_counter() - start
        print(f"bare parse (nlp.pipe):      {bare:7.1f} s  {words / bare:8,.0f} words/s")

        def fresh(name: str, analyse: bool) -> tuple[Store, float]:
            store = Store(f"sqlite:///{folder / name}")
            settings = Settings(db=store.url, analyze_on_ingest=analyse)
            began = time.perf_counter()
            outcomes = list(ingest(store, [str(corpus)], settings=settings))
            seconds = time.perf_counter() - began
            failed = [o for o in outcomes if not o.ok]
            if failed:
                raise SystemExit(f"ingest failed: {failed[0].error or failed[0].analysis}")
            return store, seconds

        _, ingested = fresh("ingest.db", True)
        ratio = ingested / bare
        print(f"ingest with analysis:       {ingested:7.1f} s  {words / ingested:8,.0f} words/s"
              f"  {len(texts) / ingested:5.2f} articles/s  {ratio:.2f} x the bare parse "
              f"(target <= {INGEST_TARGET} x) {'ok' if ratio <= INGEST_TARGET else 'OVER'}")

        stored, _ = fresh("stored.db", False)
        stored.close()
        shutil.copy(folder / "stored.db", folder / "backfill.db")
        single = Store(f"sqlite:///{folder / 'stored.db'}")
        ids = unanalyzed_article_ids(single)
        began = time.perf_counter()
        failures = [o for o in analyze_articles(single, ids) if o.error]
        one = time.perf_counter() - began
        print(f"analyze --all (1 process):  {one:7.1f} s  {words / one:8,.0f} words/s"
              f"  ({len(ids) - len(failures)} analysed)")

        parallel = Store(f"sqlite:///{folder / 'backfill.db'}")
        began = time.perf_counter()
        with open_client(workers=args.workers) as client:
            report = backfill(parallel, client=client)
        many = time.perf_counter() - began
        speedup = one / many
        print(f"backfill --workers {args.workers}:       {many:7.1f} s  {words / many:8,.0f} "
              f"words/s  ({report.analysed} analysed)  {speedup:.2f} x one process "
              f"(target >= {SPEEDUP_TARGET} x) {'ok' if speedup >= SPEEDUP_TARGET else 'UNDER'}")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
