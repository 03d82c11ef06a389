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
run also gives its CPU time by stage, which other work does not inflate:

- ``parse``: the tokenizer and the base pipeline's components (tagger, parser, NER...);
- ``reading``: the reading layer's components and the rest of a batch's analysis, less
  the encoder's runs;
- ``encoder``: the encoder's runs (in one process on threads of its own, two by default);
- ``encoder session``: building the encoder's inference session (in each process that
  builds one);
- ``reading texts``, ``store writes``: this process's queries and transactions;
- ``pool``: the rest of this process's CPU time while the workers run (sending batches,
  taking their results back: pickling) and the workers' own outside their batches.

From them, a forecast of the speed-up with a core for each worker, against the same work
done in one process (``T1``: the workers' parse, reading and encoder runs, the encoder's
shared by its threads, and this process's reading and storing). The parent's part
(reading, storing, pool: ``P``) is the serial fraction ``s = P / (P + W)`` of the run
(``W`` the workers' CPU time); Amdahl's law gives ``T1 / (P + W / N)`` for workers
perfectly balanced; the forecast is the range the workers' balance as it fell allows,
from ``T1 / (P + busiest)`` (the parent's part not overlapped with the workers at all)
to ``T1 / max(busiest, (P + W) / N)`` (fully overlapped), which lies below Amdahl's
figure whenever the busiest worker carries more than ``W / N``. One process's line gives
its own time on free cores the same way: its main thread's CPU time and its encoder
threads' shared by them.
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
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import redline.backfill
import redline.pipeline

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


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# -- CPU time by stage -------------------------------------------------------------------

#: CPU seconds of this process by stage (a forked worker starts with a copy and reports
#: what it adds in each batch).
STAGES: dict[str, float] = defaultdict(float)
_inner: list[float] = []  # per open stage, the CPU time of the stages nested in it
_BASE: set[str] = set()  # the base pipeline's component names: their time is "parse"
#: The clock of the stages: this process's CPU time (the encoder's threads included) in
#: one process; the calling thread's beside a pool, whose threads take results back.
_clock: Callable[[], float] = time.process_time


def _charged(items: Iterable[Any], stage: str) -> Iterator[Any]:
    """``items`` as they come, the CPU time of producing each charged to ``stage`` less
    what the stages it pulls from took (an exclusive profile of chained generators)."""
    iterator = iter(items)
    while True:
        _inner.append(0.0)
        began = _clock()
        try:
            item = next(iterator)
            done = False
        except StopIteration:
            done = True
        elapsed = _clock() - began
        STAGES[stage] += elapsed - _inner.pop()
        if _inner:
            _inner[-1] += elapsed
        if done:
            return
        yield item


def _charged_call(function: Callable[..., Any], stage: str) -> Callable[..., Any]:
    """``function``, its CPU time (in the calling thread) charged to ``stage``."""
    def timed(*args: Any, **kwargs: Any) -> Any:
        _inner.append(0.0)
        began = _clock()
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = _clock() - began
            STAGES[stage] += elapsed - _inner.pop()
            if _inner:
                _inner[-1] += elapsed
    return timed


def instrument() -> None:
    """Charge CPU time to stages: each spaCy component (through ``spacy.language._pipe``,
    which ``Language.pipe`` calls per component), the encoder session, and this process's
    reads and writes of the store."""
    import spacy.language

    from redline.extract import encoder
    from redline.extract.nlp import load_nlp, load_pipeline

    _BASE.update(load_nlp().pipe_names)
    first = load_pipeline().pipe_names[0]
    pipe = spacy.language._pipe

    def charged_pipe(docs: Iterable[Any], proc: Any, name: str, *args: Any, **kwargs: Any
                     ) -> Iterator[Any]:
        if name == first:  # the docs it takes are made (tokenized) as they are pulled
            docs = _charged(docs, "tokenizer")
        return _charged(pipe(docs, proc, name, *args, **kwargs), name)

    spacy.language._pipe = charged_pipe  # type: ignore[assignment]
    encoder.Encoder.__init__ = _charged_call(  # type: ignore[method-assign]
        encoder.Encoder.__init__, "encoder session")
    encoder.Encoder.run = _charged_call(encoder.Encoder.run, "encoder")  # type: ignore[method-assign]
    for module, name, stage in (
            (redline.pipeline, "analyse_batch", "rest of a batch"),
            (redline.pipeline, "analysis_inputs", "reading texts"),
            (redline.backfill, "text_lengths", "reading texts"),
            (redline.pipeline, "replace_analyses", "store writes"),
            (redline.pipeline, "record_failure", "store writes")):
        setattr(module, name, _charged_call(getattr(module, name), stage))


def grouped(stages: dict[str, float]) -> dict[str, float]:
    """Stages by kind: the parse, the reading layer, and each of the others."""
    out: dict[str, float] = defaultdict(float)
    for stage, seconds in stages.items():
        if stage == "tokenizer" or stage in _BASE:
            out["parse"] += seconds
        elif stage in {"reading texts", "store writes", "encoder session", "encoder"}:
            out[stage] += seconds
        else:
            out["reading"] += seconds
    return out


_ANALYSE_BATCH = redline.backfill.analyse_batch
#: Where each worker appends (pid, CPU seconds, characters, stages) per batch it analysed.
_TIMINGS = Path(tempfile.gettempdir()) / f"redline-bench-backfill-{os.getpid()}.jsonl"


def _timed_batch(batch: list[Any]) -> Any:
    """The workers' batch function, timed in the worker (which the pool forks from this
    process, so it runs this very function, looked up by its name in redline.backfill)."""
    before = dict(STAGES)
    began = time.process_time()
    results = _ANALYSE_BATCH(batch)
    stages = {k: v - before.get(k, 0.0) for k, v in STAGES.items()}
    with _TIMINGS.open("a", encoding="utf-8") as timings:
        timings.write(json.dumps([os.getpid(), time.process_time() - began,
                                  sum(len(text) for _, text, _ in batch), stages]) + "\n")
    return results


_timed_batch.__module__, _timed_batch.__qualname__ = "redline.backfill", "analyse_batch"


def _stage_line(stages: dict[str, float]) -> str:
    order = ["parse", "reading", "encoder", "encoder session", "reading texts", "store writes",
             "pool", "rest"]
    return ", ".join(f"{name} {stages[name]:.2f}" for name in order if stages.get(name))


def encoder_threads() -> int:
    """The encoder's threads in this process (one process's analysis)."""
    from redline.extract.encoder import threads

    return max(1, threads())


def worker_report(parent: dict[str, float], parent_cpu: float, children_cpu: float,
                  workers: int) -> list[str]:
    """Lines: each worker's CPU time and characters; the stages of the whole run; the
    serial fraction and the forecast of the speed-up with a core for each worker, against
    the same work done in one process (its encoder on ``encoder_threads()`` threads)."""
    per_worker: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    stages: dict[str, float] = defaultdict(float)
    for line in _TIMINGS.read_text(encoding="utf-8").splitlines():
        pid, cpu, chars, batch_stages = json.loads(line)
        per_worker[pid][0] += cpu
        per_worker[pid][1] += chars
        per_worker[pid][2] += 1
        for stage, seconds in grouped(batch_stages).items():
            stages[stage] += seconds
    _TIMINGS.unlink()
    in_batches = sum(cpu for cpu, _, _ in per_worker.values())
    outside = max(0.0, children_cpu - in_batches)  # starting, taking work, sending results
    counted = sum(v for k, v in parent.items() if k in ("reading texts", "store writes"))
    serial = {**{k: v for k, v in parent.items() if k in ("reading texts", "store writes")},
              "pool": max(0.0, parent_cpu - counted) + outside}
    for stage, seconds in serial.items():
        stages[stage] += seconds
    p = sum(serial.values())
    t1 = (stages["parse"] + stages["reading"] + stages["encoder"] / encoder_threads()
          + stages["reading texts"] + stages["store writes"])
    busy = [cpu + outside / workers for cpu, _, _ in per_worker.values()]
    w, busiest = sum(busy), max(busy, default=0.0)
    shown = ", ".join(f"{cpu:.1f} s CPU for {int(batches)} batches of {int(chars):,} chars"
                      for cpu, chars, batches in sorted(per_worker.values(), reverse=True))
    shown += (f"; pool {serial['pool']:.2f} s (this process {serial['pool'] - outside:.2f} s, "
              f"the workers outside their batches {outside:.2f} s)")
    return [f"    workers: {shown}",
            f"    CPU by stage (s): {_stage_line(stages)}",
            f"    serial fraction {p / (p + w):.1%} (this process {p:.2f} s of "
            f"{p + w:.2f} s); forecast with a core each, against the same work in one "
            f"process ({t1:.2f} s): {t1 / (p + busiest):.2f}-"
            f"{t1 / max(busiest, (p + w) / workers):.2f} x with the balance as it fell "
            f"(Amdahl, if perfectly balanced: {t1 / (p + w / workers):.2f} x)"]


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
    global _clock
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
        instrument()
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
                before = dict(STAGES)
                began, cpu, own = time.perf_counter(), cpu_seconds(), own_cpu_seconds()
                children, main_thread = children_cpu_seconds(), time.thread_time()
                if name == "1 process":
                    _clock = time.process_time
                    failed = sum(o.error is not None for o in analyze_articles(store, ids))
                else:
                    _clock = time.thread_time
                    failed = len(backfill(store, workers=args.workers).failed)
                seconds, used = time.perf_counter() - began, cpu_seconds() - cpu
                main_thread = time.thread_time() - main_thread
                stages = grouped({k: v - before.get(k, 0.0) for k, v in STAGES.items()})
                store.close()
                times[name].append(seconds)
                cpus[name].append(used)
                print(f"round {round_ + 1} {name:>10}: {seconds:7.1f} s wall  {used:7.1f} s CPU  "
                      f"{words / seconds:7,.0f} words/s  ({len(ids) - failed} analysed, "
                      f"{used / max(1, len(ids)):.2f} s CPU an article)  "
                      f"load average {load:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)
                if name == "1 process":
                    stages["rest"] = max(0.0, used - sum(stages.values()))
                    # the encoder's threads run while the main thread waits for them
                    alone = main_thread + (used - main_thread) / encoder_threads()
                    print(f"    CPU by stage (s): {_stage_line(stages)}; "
                          f"{used - main_thread:.2f} s of it in the encoder's threads, so "
                          f"about {alone:.1f} s on free cores", flush=True)
                else:
                    print("\n".join(worker_report(
                        stages, own_cpu_seconds() - own, children_cpu_seconds() - children,
                        args.workers)), flush=True)
        single, many = (statistics.median(t) for t in times.values())
        speedup = single / many
        print(f"median: 1 process {single:.1f} s, {args.workers} workers {many:.1f} s: "
              f"{speedup:.2f} x (target >= {SPEEDUP_TARGET} x) "
              f"{'ok' if speedup >= SPEEDUP_TARGET else 'UNDER'}; CPU time "
              f"{statistics.median(cpus['1 process']):.1f} s and "
              f"{statistics.median(cpus[f'{args.workers} workers']):.1f} s")


if __name__ == "__main__":
    main()
