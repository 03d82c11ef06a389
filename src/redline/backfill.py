"""Backfills: analyse many stored articles in parallel, on a pool of local worker
processes or on a Dask cluster.

Both are runners for ``redline.pipeline.analyze_articles``, the one loop that analyses
stored articles: this process reads the texts a batch at a time, the workers analyse
batches of ``(article_id, text, published)`` through ``nlp.pipe`` and send each batch's
``Analysis`` records back in one piece, and this process stores each returned batch in
one transaction while the workers go on with the next ones. Workers never touch the
database; an article that fails is reported and leaves no partial rows, and the rest of
its batch is stored.

The local pool forks its workers after this process has loaded the spaCy pipeline, the
gazetteer, the lexicons and the encoder's inference session, so they share them
(copy-on-write) and start at once; each worker runs single-threaded, so N workers keep
N cores busy and no more. Where the platform cannot fork, workers are spawned and load
the pipeline once as they start.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redline.errors import InputError
from redline.pipeline import (
    BATCH_CHARS,
    BATCH_SIZE,
    ArticleAnalysis,
    BatchDone,
    Result,
    Runner,
    Work,
    analyze_articles,
    reason_of,
)
from redline.store import Store
from redline.store.analysis_state import text_lengths
from redline.store.evidence import unanalyzed_article_ids

if TYPE_CHECKING:
    from dask.typing import Key
    from distributed import Client

log = logging.getLogger(__name__)

#: What the backfill did with one article; ``error`` is set when it was not analysed.
ArticleOutcome = ArticleAnalysis
#: Fewest batches each worker gets, when there are enough articles.
_BATCHES_PER_WORKER = 4
#: Batches held in flight per worker: one running, one waiting, so no worker idles
#: while this process stores a finished batch.
_IN_FLIGHT_PER_WORKER = 2
#: Thread-count variables of the numeric libraries, set to 1 in each worker.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                     "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS")


@dataclass
class BackfillReport:
    """Articles analysed, articles that failed (id, reason), and events and quotes stored."""

    analysed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0
    quotes: int = 0

    def add(self, outcome: ArticleOutcome) -> None:
        if outcome.error is not None:
            self.failed.append((outcome.article_id, outcome.error))
            return
        self.analysed += 1
        self.events += outcome.events
        self.quotes += outcome.quotes


#: Called after each article with its outcome and the number of articles in the run.
OnOutcome = Callable[[ArticleOutcome, int], None]


def analyse_batch(batch: list[Work]) -> list[Result]:
    """Run on a worker: the analysis of each article, or the reason it failed."""
    from redline.pipeline import analyse_batch as analyse

    return analyse(batch)


def load_pipeline() -> None:
    """Load the spaCy pipeline, the gazetteer, the lexicons and the encoder's inference
    session into this process, which then keeps them for every batch (run before
    forking, and on each Dask worker)."""
    from redline.extract import analyze
    from redline.extract.encoder import load_encoder
    from redline.extract.gazetteer import load_gazetteer

    analyze("Seoul protested.")
    load_gazetteer()
    load_encoder()


def single_threaded() -> None:
    """Make this worker process's numeric libraries use one thread: the environment for
    any loaded later, and OpenBLAS (numpy's) where it is loaded already."""
    for name in _THREAD_VARIABLES:
        os.environ[name] = "1"
    _openblas_threads(1)


def _openblas_threads(count: int) -> None:
    import ctypes

    try:
        with open("/proc/self/maps", encoding="ascii", errors="replace") as maps:
            paths = {path for path in (line.split()[-1] for line in maps if "/" in line)
                     if "openblas" in Path(path).name.lower() and ".so" in Path(path).name}
    except OSError:  # not Linux: the environment variables are what there is
        return
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                     "openblas_set_num_threads64_", "openblas_set_num_threads"):
            setter = getattr(library, name, None)
            if setter is not None:
                setter(count)
                break


def _start_spawned() -> None:
    single_threaded()
    load_pipeline()


class ProcessRunner:
    """A pool of ``workers`` local processes, kept for the whole run (use it as a context
    manager). A worker that dies fails the batches in flight, each article with the
    reason; the pool is started again for the batches after them."""

    def __init__(self, workers: int = 2) -> None:
        if workers < 1:
            raise InputError(f"workers {workers}", "give at least 1 worker process")
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ProcessRunner:
        self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _start(self) -> None:
        if "fork" in multiprocessing.get_all_start_methods():
            load_pipeline()  # shared with the forked workers
            context: Any = multiprocessing.get_context("fork")
            start: Callable[[], None] = single_threaded
        else:
            context, start = multiprocessing.get_context("spawn"), _start_spawned
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=start)

    def __call__(self, batches: Iterator[list[Work]]) -> Iterator[BatchDone]:
        if self._pool is None:
            raise RuntimeError("ProcessRunner is used as a context manager")
        in_flight: dict[Future[list[Result]], list[str]] = {}
        window = _IN_FLIGHT_PER_WORKER * self.workers
        pending = iter(batches)
        while True:
            for work in pending:
                future = self._pool.submit(analyse_batch, work)
                in_flight[future] = [article_id for article_id, _, _ in work]
                if len(in_flight) >= window:
                    break
            if not in_flight:
                return
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                ids = in_flight.pop(future)
                try:
                    yield ids, future.result()
                except BrokenProcessPool:
                    broken = True
                    yield ids, "batch failed: a worker process died (out of memory?)"
                except Exception as exc:  # the batch could not be sent or returned
                    yield ids, f"batch failed: {reason_of(exc)}"
            if broken:  # every batch still in flight was lost with the pool
                for ids in in_flight.values():
                    yield ids, "batch failed: a worker process died (out of memory?)"
                in_flight.clear()
                self.__exit__()
                self._start()


class DaskRunner:
    """Batches analysed on a Dask cluster: every worker loads the pipeline once, first."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.workers = max(1, sum(client.nthreads().values()))

    def __call__(self, batches: Iterator[list[Work]]) -> Iterator[BatchDone]:
        from distributed import as_completed

        self.client.run(load_pipeline)  # every worker at once, before the first batch
        in_flight: dict[Key, list[str]] = {}
        running = as_completed()
        pending = iter(batches)

        def submit_next() -> None:
            for work in pending:
                future = self.client.submit(analyse_batch, work, pure=False)
                in_flight[future.key] = [article_id for article_id, _, _ in work]
                running.add(future)
                return

        for _ in range(_IN_FLIGHT_PER_WORKER * self.workers):
            submit_next()
        for future in running:
            ids = in_flight.pop(future.key)
            try:
                results: list[Result] = future.result()
            except Exception as exc:  # the worker died or the task could not run
                yield ids, f"batch failed: {reason_of(exc)}"
            else:
                yield ids, results
            submit_next()


@contextmanager
def open_client(*, workers: int = 2, scheduler: str | None = None) -> Iterator[Client]:
    """A Dask client: on the cluster at ``scheduler`` (e.g. ``tcp://10.0.0.5:8786``), or on a
    local Dask cluster of ``workers`` processes (one thread each, loopback only, no
    dashboard). Worker processes are spawned, so a script that starts a local cluster
    must do so under ``if __name__ == "__main__":``.
    """
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, ValueError, TypeError) as exc:
            raise InputError(f"scheduler {scheduler}",
                             f"cannot connect ({exc}); give the address of a running Dask "
                             "scheduler, e.g. tcp://127.0.0.1:8786") from exc
        with client:
            yield client
        return
    if workers < 1:
        raise InputError(f"workers {workers}", "give at least 1 worker process")
    # No dashboard; the scheduler's health endpoint takes any free loopback port, not 8787.
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None,
                           scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
    with cluster, Client(cluster) as client:
        yield client


def backfill_outcomes(store: Store, ids: list[str], *, client: Client | None = None,
                      workers: int = 2, batch_size: int = BATCH_SIZE,
                      batch_chars: int = BATCH_CHARS, max_chars: int | None = None
                      ) -> Iterator[ArticleOutcome]:
    """Analyse the articles ``ids`` on ``client``'s cluster, or on a local pool of
    ``workers`` processes; yields one outcome per article as batches complete. Batches
    hold at most ``batch_size`` articles and about ``batch_chars`` characters (fewer
    articles when there are few, so every worker gets several batches)."""
    if batch_size < 1:
        raise InputError(f"batch size {batch_size}", "give at least 1 article per batch")
    if not ids:
        return
    if client is not None:
        yield from _outcomes(store, ids, DaskRunner(client), batch_size, batch_chars,
                             max_chars)
        return
    with ProcessRunner(workers) as runner:
        yield from _outcomes(store, ids, runner, batch_size, batch_chars, max_chars)


def balanced(store: Store, ids: list[str], workers: int, batch_size: int, batch_chars: int
             ) -> tuple[list[str], int, int]:
    """``ids`` longest first, with the batch size and characters that give each of
    ``workers`` several batches of about equal length.

    An article's analysis costs about its length, and the lengths of a corpus are uneven
    (one briefing of a month can be 40% of its text): batches of equal counts in stored
    order leave one worker with the long ones while the other idles. Longest first, each
    batch at most 1/(``_BATCHES_PER_WORKER`` x workers) of all characters, and each worker
    taking the next batch when it is free, the last batches to finish are short ones."""
    lengths = text_lengths(store, ids)
    ordered = sorted(ids, key=lambda article_id: -lengths.get(article_id, 0))
    shares = _BATCHES_PER_WORKER * workers
    size = max(1, min(batch_size, math.ceil(len(ids) / shares)))
    chars = max(1, min(batch_chars, math.ceil(sum(lengths.values()) / shares)))
    return ordered, size, chars


def _outcomes(store: Store, ids: list[str], runner: DaskRunner | ProcessRunner,
              batch_size: int, batch_chars: int, max_chars: int | None
              ) -> Iterator[ArticleOutcome]:
    ordered, size, chars = balanced(store, ids, runner.workers, batch_size, batch_chars)
    run: Runner = runner
    yield from analyze_articles(store, ordered, batch_size=size, batch_chars=chars,
                                max_chars=max_chars, runner=run)


def backfill(store: Store, *, client: Client | None = None, workers: int = 2,
             redo: bool = False, batch_size: int = BATCH_SIZE, batch_chars: int = BATCH_CHARS,
             on_outcome: OnOutcome | None = None, max_chars: int | None = None
             ) -> BackfillReport:
    """Analyse every stored article not analysed yet (with ``redo``: every article) on
    ``client``'s Dask cluster, or on a local pool of ``workers`` processes, and store the
    results, one transaction per returned batch.

    An article whose analysis fails is reported in ``failed`` with the reason and the
    rest go on; ``on_outcome`` is called after each article (e.g. to show progress). An
    article longer than ``max_chars`` (setting ``max_analyze_chars``) fails unsent.
    """
    ids = unanalyzed_article_ids(store, all_articles=redo)
    report = BackfillReport()
    for outcome in backfill_outcomes(store, ids, client=client, workers=workers,
                                     batch_size=batch_size, batch_chars=batch_chars,
                                     max_chars=max_chars):
        report.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome, len(ids))
    log.info("backfill: %d analysed, %d failed", report.analysed, len(report.failed))
    return report
