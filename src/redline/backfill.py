"""Backfills: analyse many stored articles in parallel on a Dask cluster.

Workers only run the extraction on batches of ``(article_id, text, published)``: each
worker loads the spaCy pipeline once (when the cluster starts) and parses a batch
together through ``nlp.pipe`` (``redline.extract.analyze_many``), then sends the batch's
``Analysis`` records back in one piece. This process reads the texts and writes each
returned batch in one transaction, so workers never touch the database; an article that
fails is reported and leaves no partial rows, and the rest of its batch is stored.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from dask.typing import Key
from distributed import Client, Future, LocalCluster, as_completed

from redline.errors import InputError, RedlineError
from redline.pipeline import check_analysis_size
from redline.records import Analysis
from redline.store import Store
from redline.store.analysis_state import record_failure
from redline.store.articles import get_article
from redline.store.evidence import unanalyzed_article_ids

log = logging.getLogger(__name__)

#: One article as sent to a worker: id, text, publication time.
Work = tuple[str, str, datetime | None]
#: What a worker sends back for one article: its analysis, or why it failed.
Result = tuple[str, Analysis | str]
#: Fewest batches each worker thread gets, when there are enough articles.
_BATCHES_PER_THREAD = 4


@dataclass(frozen=True)
class ArticleOutcome:
    """What the backfill did with one article; ``error`` is set when it was not analysed."""

    article_id: str
    events: int = 0
    quotes: int = 0
    error: str | None = None


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


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RedlineError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def analyse_batch(batch: list[Work]) -> list[Result]:
    """Run on a worker: the analysis of each article, or the reason it failed."""
    from redline.pipeline import analyse_work

    analysed, failures = analyse_work(batch)
    results: list[Result] = [*analysed, *failures]
    return results


def load_pipeline() -> None:
    """Run on each worker as the cluster starts: load the spaCy pipeline and the lexicons,
    which the worker process then keeps for every batch."""
    from redline.extract import analyze

    analyze("Seoul protested.")


@contextmanager
def open_client(*, workers: int = 2, scheduler: str | None = None) -> Iterator[Client]:
    """A Dask client: on the cluster at ``scheduler`` (e.g. ``tcp://10.0.0.5:8786``), or on a
    local cluster of ``workers`` processes (one thread each, loopback only, no dashboard).

    Worker processes are spawned, so a script that starts a local cluster must do so
    under ``if __name__ == "__main__":``.
    """
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


def _read(store: Store, ids: Iterable[str], max_chars: int | None = None
          ) -> tuple[list[Work], list[ArticleOutcome]]:
    """The work for ``ids``, and an outcome for each article that cannot be read or is
    longer than ``max_chars`` (recorded as failed, never sent to a worker)."""
    work: list[Work] = []
    missing: list[ArticleOutcome] = []
    for article_id in ids:
        try:
            article = get_article(store, article_id).article
        except RedlineError as exc:
            missing.append(ArticleOutcome(article_id, error=_reason(exc)))
        else:
            try:
                check_analysis_size(article.text, max_chars, f"article {article.id[:12]}")
            except InputError as exc:
                record_failure(store, article.id, exc.problem)
                missing.append(ArticleOutcome(article_id, error=exc.problem))
                continue
            work.append((article.id, article.text, article.published))
    return work, missing


def _store(store: Store, results: list[Result]) -> Iterator[ArticleOutcome]:
    """Store a batch's analyses in one transaction; report its failures."""
    from redline.pipeline import store_analyses

    analysed = [(article_id, r) for article_id, r in results if not isinstance(r, str)]
    for article_id, result in results:
        if isinstance(result, str):
            record_failure(store, article_id, result)  # retried by the next run
            yield ArticleOutcome(article_id, error=result)
    for stored in store_analyses(store, analysed):
        yield ArticleOutcome(stored.article_id, events=stored.events, quotes=stored.quotes,
                             error=stored.error)


def _collect(store: Store, future: Future[list[Result]],
             ids: list[str]) -> Iterator[ArticleOutcome]:
    """Store the results of one finished batch; a failed batch fails each of its articles."""
    try:
        results: list[Result] = future.result()
    except Exception as exc:  # the worker died or the task could not run
        reason = f"batch failed: {_reason(exc)}"
        log.warning("batch of %d articles failed: %s", len(ids), reason)
        yield from (ArticleOutcome(article_id, error=reason) for article_id in ids)
        return
    yield from _store(store, results)


def backfill_outcomes(store: Store, ids: list[str], *, client: Client,
                      batch_size: int = 16, max_chars: int | None = None
                      ) -> Iterator[ArticleOutcome]:
    """Analyse the articles ``ids`` on ``client``'s cluster; yields one outcome per article as
    batches complete. Batches hold at most ``batch_size`` articles (fewer when there are
    few articles, so every worker gets some). Only two batches per worker thread are in
    flight at a time, so texts are read from the store as the cluster asks for more."""
    if batch_size < 1:
        raise InputError(f"batch size {batch_size}", "give at least 1 article per batch")
    threads = max(1, sum(client.nthreads().values()))
    client.run(load_pipeline)  # every worker at once, before the first batch
    # Batches of at most batch_size, small enough that each thread gets several to share
    # the load out evenly when there are few articles.
    size = max(1, min(batch_size, math.ceil(len(ids) / (_BATCHES_PER_THREAD * threads))))
    batches = [ids[start:start + size] for start in range(0, len(ids), size)]
    window = 2 * threads
    pending = iter(batches)
    in_flight: dict[Key, list[str]] = {}
    running = as_completed()

    def submit_next() -> Iterator[ArticleOutcome]:
        for batch in pending:
            work, missing = _read(store, batch, max_chars)
            yield from missing
            if work:
                future = client.submit(analyse_batch, work, pure=False)
                in_flight[future.key] = [article_id for article_id, _, _ in work]
                running.add(future)
                return

    for _ in range(window):
        yield from submit_next()
    for future in running:
        yield from _collect(store, future, in_flight.pop(future.key))
        yield from submit_next()


def backfill(store: Store, *, client: Client, redo: bool = False, batch_size: int = 16,
             on_outcome: OnOutcome | None = None, max_chars: int | None = None
             ) -> BackfillReport:
    """Analyse every stored article not analysed yet (with ``redo``: every article) on
    ``client``'s cluster and store the results, one transaction per returned batch.

    An article whose analysis fails is reported in ``failed`` with the reason and the
    rest go on; ``on_outcome`` is called after each article (e.g. to show progress). An
    article longer than ``max_chars`` (setting ``max_analyze_chars``) fails unsent.
    """
    ids = unanalyzed_article_ids(store, all_articles=redo)
    report = BackfillReport()
    for outcome in backfill_outcomes(store, ids, client=client, batch_size=batch_size,
                                     max_chars=max_chars):
        report.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome, len(ids))
    log.info("backfill: %d analysed, %d failed", report.analysed, len(report.failed))
    return report
