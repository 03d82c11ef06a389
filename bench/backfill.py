"""Benchmark: backfill speed-up, N local worker processes against one process.

    python bench/backfill.py                       # ../shared/corpus/wh-briefings/2022-02.jsonl
    python bench/backfill.py --limit 40            # a quick run on its first 40 documents
    python bench/backfill.py --every 8             # every 8th document of the month
    python bench/backfill.py --corpus FILE.jsonl --workers 2 --rounds 3

The corpus is ingested once without analysis into a SQLite store in a temporary folder.
Then, in rounds that alternate the two configurations (1 process, N workers, 1 process,
N workers, ...), a fresh copy of that store is analysed:

- ``analyze --all`` in this process (``redline.pipeline.analyze_articles``);
- ``backfill --workers N``: a pool of N forked worker processes, timed from starting the
  pool to the last write.

The pipeline is loaded before the first round, as both commands load it once before
their first batch. Each line gives the wall time, the CPU time of this process and its
workers, and the load average (other work on the machine inflates wall times); the
summary is the ratio of the median times (target >= 1.6 x with 2 workers).

Wall times need free cores: on a machine busy with other work the workers share the
cores with it, and the ratio says more about the load than about the backfill. So each
worker run also gives, in CPU time (which other work does not inflate), what the
speed-up would be with a core for each process: the CPU time of one process divided by
the busiest process's (each worker's batches, timed inside the worker, and this
process's reading and storing), with how evenly the batches fell.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import redline.backfill

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wh-briefings" / "2022-02.jsonl"
SPEEDUP_TARGET = 1.6


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


_ANALYSE_BATCH = redline.backfill.analyse_batch
#: Where each worker appends (pid, CPU seconds, characters) per batch it analysed.
_TIMINGS = Path(tempfile.gettempdir()) / f"redline-bench-backfill-{os.getpid()}.jsonl"


def _timed_batch(batch: list[Any]) -> Any:
    """The workers' batch function, timed in the worker (which the pool forks from this
    process, so it runs this very function, looked up by its name in redline.backfill)."""
    began = time.process_time()
    results = _ANALYSE_BATCH(batch)
    with _TIMINGS.open("a", encoding="utf-8") as timings:
        timings.write(json.dumps([os.getpid(), time.process_time() - began,
                                  sum(len(text) for _, text, _ in batch)]) + "\n")
    return results


_timed_batch.__module__, _timed_batch.__qualname__ = "redline.backfill", "analyse_batch"


def worker_balance(parent_cpu: float, one_process_cpu: float) -> str:
    """Each worker's CPU time and characters, and the speed-up on free cores."""
    per_worker: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for line in _TIMINGS.read_text(encoding="utf-8").splitlines():
        pid, cpu, chars = json.loads(line)
        per_worker[pid][0] += cpu
        per_worker[pid][1] += chars
        per_worker[pid][2] += 1
    _TIMINGS.unlink()
    busiest = max([parent_cpu, *(cpu for cpu, _, _ in per_worker.values())])
    shown = ", ".join(f"{cpu:.1f} s CPU for {int(batches)} batches of {int(chars):,} chars"
                      for cpu, chars, batches in sorted(per_worker.values(), reverse=True))
    return (f"    workers: {shown}; this process {parent_cpu:.1f} s CPU (reading, storing); "
            f"with a core each: {one_process_cpu / busiest:.2f} x one process")


def corpus_copy(source: Path, folder: Path, limit: int, every: int = 1
                ) -> tuple[Path, int, int, int]:
    """Every ``every``-th document of the first ``limit`` (0: all) as a JSONL file; the
    numbers of documents, words and characters."""
    lines = source.read_text(encoding="utf-8").splitlines()
    kept = (lines[:limit] if limit else lines)[::every]
    target = folder / "corpus.jsonl"
    target.write_text("\n".join(kept) + "\n", encoding="utf-8")
    texts = [json.loads(line)["text"] for line in kept]
    return target, len(texts), sum(len(t.split()) for t in texts), sum(map(len, texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--every", type=int, default=1,
                        help="only every K-th document (a sample of the month)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="rounds of each configuration")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus}: not found (the corpus is read from ../shared)")

    from redline.backfill import backfill, load_pipeline
    from redline.pipeline import analyze_articles, ingest
    from redline.settings import Settings
    from redline.store import Store
    from redline.store.evidence import unanalyzed_article_ids

    with tempfile.TemporaryDirectory(prefix="redline-bench-") as tmp:
        folder = Path(tmp)
        corpus, documents, words, chars = corpus_copy(args.corpus, folder, args.limit, args.every)
        print(f"corpus: {args.corpus.name}, {documents} documents, {words:,} words, "
              f"{chars:,} characters; {os.cpu_count()} cores")
        stored = Store(f"sqlite:///{folder / 'stored.db'}")
        list(ingest(stored, [str(corpus)], settings=Settings(db=stored.url), analyze=False))
        stored.close()
        load_pipeline()

        redline.backfill.analyse_batch = _timed_batch  # type: ignore[assignment]
        times: dict[str, list[float]] = {"1 process": [], f"{args.workers} workers": []}
        cpus: dict[str, list[float]] = {name: [] for name in times}
        for round_ in range(args.rounds):
            for name in times:
                path = folder / f"round-{round_}-{name.replace(' ', '-')}.db"
                shutil.copy(folder / "stored.db", path)
                store = Store(f"sqlite:///{path}")
                ids = unanalyzed_article_ids(store)
                load = os.getloadavg()[0]
                began, cpu, own = time.perf_counter(), cpu_seconds(), own_cpu_seconds()
                if name == "1 process":
                    failed = sum(o.error is not None for o in analyze_articles(store, ids))
                else:
                    failed = len(backfill(store, workers=args.workers).failed)
                seconds, used = time.perf_counter() - began, cpu_seconds() - cpu
                store.close()
                times[name].append(seconds)
                cpus[name].append(used)
                print(f"round {round_ + 1} {name:>10}: {seconds:7.1f} s wall  {used:7.1f} s CPU  "
                      f"{words / seconds:7,.0f} words/s  ({len(ids) - failed} analysed, "
                      f"{used / max(1, len(ids)):.2f} s CPU an article)  "
                      f"load average {load:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)
                if name != "1 process":
                    print(worker_balance(own_cpu_seconds() - own, cpus["1 process"][-1]),
                          flush=True)
        one, many = (statistics.median(t) for t in times.values())
        speedup = one / many
        print(f"median: 1 process {one:.1f} s, {args.workers} workers {many:.1f} s: "
              f"{speedup:.2f} x (target >= {SPEEDUP_TARGET} x) "
              f"{'ok' if speedup >= SPEEDUP_TARGET else 'UNDER'}; CPU time "
              f"{statistics.median(cpus['1 process']):.1f} s and "
              f"{statistics.median(cpus[f'{args.workers} workers']):.1f} s")


if __name__ == "__main__":
    main()
