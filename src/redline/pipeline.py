"""Glue between stages: ingest → analyse → store, and the one loop that analyses stored
articles (ingest, ``analyze --all``, ``backfill`` and ``watch`` all go through it).

The loop reads the texts of a batch of articles, hands the batch to a *runner* that
returns its analyses (this process by default; ``redline.backfill`` has runners for a
pool of worker processes and for a Dask cluster), and stores each returned batch in one
transaction. Runners only ever see ``(article_id, text, published)`` work items, never
the store.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Literal, Protocol
from urllib.parse import urlsplit

from redline.datasets.files import (
    export_targets,
    is_url,
    open_export,
    open_export_file,
    reader_for,
)
from redline.errors import InputError, NotFoundError, RedlineError
from redline.ingest.sources import Fetcher, Parsed, Reader, ReadOptions
from redline.records import Analysis
from redline.settings import Settings
from redline.store import Store
from redline.store.analysis_state import analysis_inputs, record_failure
from redline.store.dataset_import import import_dataset_rows
from redline.store.evidence import batched, replace_analyses

log = logging.getLogger(__name__)

#: One article as a runner gets it: id, text, publication time.
Work = tuple[str, str, datetime | None]
#: What a runner returns for one article: its analysis, or the reason it failed.
Result = tuple[str, Analysis | str]
#: A finished batch: its article ids, and their results or why the whole batch failed.
BatchDone = tuple[list[str], list[Result] | str]
#: Articles parsed together (one ``nlp.pipe``) and stored together, at most.
BATCH_SIZE = 16
#: Characters of text in one batch, at most (a longer article makes a batch of its own),
#: so batches cost about the same and a pool of workers shares them out evenly.
BATCH_CHARS = 100_000


class Runner(Protocol):
    """Analyses batches of work as they come and yields each batch once it is done, in
    any order. A runner may hold a few batches in flight; it takes the next batch from
    ``batches`` only when it has room, so texts are read as they are needed."""

    def __call__(self, batches: Iterator[list[Work]]) -> Iterator[BatchDone]: ...


class AnalysisError(RedlineError):
    """An article's analysis failed; the article stays stored, marked failed."""


def check_analysis_size(text: str, max_chars: int | None, source: str) -> None:
    """``InputError`` when ``text`` is longer than analysis accepts (``max_analyze_chars``)."""
    if max_chars is not None and len(text) > max_chars:
        raise InputError(source, f"text is {len(text):,} characters, over the analysis limit "
                                 f"of {max_chars:,} (setting max_analyze_chars); it is stored "
                                 "but not analysed")


@dataclass(frozen=True)
class ArticleAnalysis:
    """What analysing one stored article stored, or why it failed."""

    article_id: str
    events: int = 0
    quotes: int = 0
    error: str | None = None


# -- analysing stored articles -----------------------------------------------------------


def analyze_article(store: Store, article_id: str, *, max_chars: int | None = None
                    ) -> tuple[int, int]:
    """Extract events and quotes from a stored article and store them; returns their counts.

    A failure (the text over ``max_chars``, or an error in extraction) is recorded on the
    article, which the next ingest or ``analyze --all`` retries, and raised as
    ``AnalysisError`` (``NotFoundError`` when no such article is stored).
    """
    outcome = next(analyze_articles(store, [article_id], max_chars=max_chars))
    if outcome.error is not None:
        if outcome.error.startswith("no article "):
            raise NotFoundError(outcome.error)
        raise AnalysisError(outcome.error)
    return outcome.events, outcome.quotes


def analyze_articles(store: Store, ids: Iterable[str], *, batch_size: int = BATCH_SIZE,
                     batch_chars: int = BATCH_CHARS, max_chars: int | None = None,
                     runner: Runner | None = None) -> Iterator[ArticleAnalysis]:
    """Analyse stored articles in batches (at most ``batch_size`` articles and about
    ``batch_chars`` characters each) and store each batch's results in one transaction;
    yields one outcome per article as batches finish.

    ``runner`` analyses the batches (default: in this process, through ``nlp.pipe``). An
    article that fails (missing, its text over ``max_chars``, its analysis or its write)
    is reported with the reason and recorded on the article, so the next run retries it;
    the rest of its batch is stored without it.
    """
    if batch_size < 1:
        raise InputError(f"batch size {batch_size}", "give at least 1 article per batch")
    unsent: list[ArticleAnalysis] = []  # refused while reading, reported as batches finish
    batches = _batches(store, ids, batch_size, batch_chars, max_chars, unsent)
    for batch_ids, results in (runner or in_process)(batches):
        yield from _drain(unsent)
        if isinstance(results, str):
            log.warning("batch of %d articles failed: %s", len(batch_ids), results)
            for article_id in batch_ids:
                record_failure(store, article_id, results)
                yield ArticleAnalysis(article_id, error=results)
            continue
        analysed = [(article_id, r) for article_id, r in results if not isinstance(r, str)]
        for article_id, result in results:
            if isinstance(result, str):
                record_failure(store, article_id, result)
                yield ArticleAnalysis(article_id, error=result)
        yield from store_analyses(store, analysed)  # a failed write leaves it pending
    yield from _drain(unsent)


def _drain(outcomes: list[ArticleAnalysis]) -> Iterator[ArticleAnalysis]:
    while outcomes:
        yield outcomes.pop(0)


def _batches(store: Store, ids: Iterable[str], batch_size: int, batch_chars: int,
             max_chars: int | None, unsent: list[ArticleAnalysis]) -> Iterator[list[Work]]:
    """Work in batches, read from the store a batch's worth at a time; an article that is
    missing or too long is put in ``unsent`` (and a too-long one recorded as failed)."""
    for chunk in batched(ids, batch_size):
        found = analysis_inputs(store, chunk)
        work: list[Work] = []
        for article_id in chunk:
            if article_id not in found:
                unsent.append(ArticleAnalysis(article_id, error=f"no article {article_id!r} "
                                                                f"in {store.url}"))
                continue
            text, published = found[article_id]
            try:
                check_analysis_size(text, max_chars, f"article {article_id[:12]}")
            except InputError as exc:
                record_failure(store, article_id, str(exc))
                unsent.append(ArticleAnalysis(article_id, error=str(exc)))
                continue
            work.append((article_id, text, published))
        yield from by_size(work, batch_size, batch_chars)


def by_size(work: list[Work], batch_size: int, batch_chars: int) -> Iterator[list[Work]]:
    """``work`` cut into batches of at most ``batch_size`` items and about ``batch_chars``
    characters: a batch ends before the item that would take it past ``batch_chars``."""
    batch: list[Work] = []
    chars = 0
    for item in work:
        if batch and (len(batch) >= batch_size or chars + len(item[1]) > batch_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[1])
    if batch:
        yield batch


def in_process(batches: Iterator[list[Work]]) -> Iterator[BatchDone]:
    """The default runner: each batch analysed here, one after another."""
    for work in batches:
        yield [article_id for article_id, _, _ in work], analyse_batch(work)


def analyse_batch(work: list[Work]) -> list[Result]:
    """The analysis of each ``(article_id, text, published)`` item, through one
    ``nlp.pipe``, or the reason it failed; one failure costs only its article. Touches no
    store, so it runs as well in a worker process."""
    from redline.extract import analyze, analyze_many

    if not work:
        return []
    try:
        found = list(analyze_many([(text, published) for _, text, published in work]))
    except Exception:  # find the article at fault by analysing one at a time
        log.debug("batch analysis failed; analysing its %d articles one by one", len(work))
    else:
        return [(article_id, a) for (article_id, _, _), a in zip(work, found, strict=True)]
    results: list[Result] = []
    for article_id, text, published in work:
        try:
            results.append((article_id, analyze(text, published=published)))
        except Exception as exc:  # one bad article must not sink the others of its batch
            log.debug("analysis of article %s failed", article_id, exc_info=True)
            results.append((article_id, reason_of(exc)))
    return results


def store_analyses(store: Store, results: list[tuple[str, Analysis]]) -> Iterator[ArticleAnalysis]:
    """Store ``results`` in one transaction; if that fails, one article per transaction."""
    if not results:
        return
    try:
        counts = replace_analyses(store, results)
    except RedlineError:
        for article_id, analysis in results:
            try:
                events, quotes = replace_analyses(store, [(article_id, analysis)])[0]
            except RedlineError as exc:
                yield ArticleAnalysis(article_id, error=str(exc))
            else:
                yield ArticleAnalysis(article_id, events, quotes)
        return
    for (article_id, _), (events, quotes) in zip(results, counts, strict=True):
        yield ArticleAnalysis(article_id, events, quotes)


def reason_of(exc: BaseException) -> str:
    """The one-line reason an article failed."""
    if isinstance(exc, RedlineError):
        return str(exc)
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}".rstrip(": ")


# -- ingest: read, store each article once, analyse what is new or changed --------------

Status = Literal["new", "changed", "unchanged", "failed"]
_PENDING = "analysis pending"  # an outcome held until its batch is analysed


@dataclass(frozen=True)
class Outcome:
    """What happened to one article (or to one input that yielded none)."""

    source: str
    status: Status
    article_id: str | None = None
    headline: str | None = None
    error: str | None = None  # for ``failed``: the one-line reason, naming the input
    analysis: str | None = None  # "3 events, 2 quotes", or None when not asked
    analysis_failed: bool = False
    replaced: str | None = None  # for ``changed``: the id of the older version replaced

    @property
    def ok(self) -> bool:
        return self.status != "failed" and not self.analysis_failed


def ingest(store: Store, targets: Iterable[str], *, settings: Settings,
           options: ReadOptions | None = None, analyze: bool | None = None,
           fetcher: Fetcher | None = None) -> Iterator[Outcome]:
    """Ingest files, folders and URLs; yields one ``Outcome`` per article as it goes.

    A failed input is reported and the rest go on; each article is stored in its own
    transaction, so a failure leaves no partial rows. New and changed articles (and
    those whose last analysis failed or was interrupted) are analysed ``BATCH_SIZE`` at
    a time by ``analyze_articles``. ``analyze`` defaults to the ``analyze_on_ingest``
    setting.
    """
    reader = Reader(settings, options or ReadOptions(), fetcher)
    do_analyze = settings.analyze_on_ingest if analyze is None else analyze
    held: list[Outcome] = []  # in input order, until BATCH_SIZE of them await analysis
    for target in targets:
        for parsed in reader.read(target):
            outcome = _save(store, parsed, do_analyze)
            log.info("%s: %s %s", outcome.source, outcome.status, outcome.article_id or "")
            held.append(outcome)
            if sum(o.analysis == _PENDING for o in held) >= BATCH_SIZE:
                yield from _analysed(store, held, settings.max_analyze_chars)
                held = []
    yield from _analysed(store, held, settings.max_analyze_chars)


def _save(store: Store, parsed: Parsed, analyze: bool) -> Outcome:
    from redline.store.analysis_state import analysis_state
    from redline.store.articles import save_article

    if parsed.article is None:
        message = str(parsed.error) if parsed.error else f"{parsed.source}: nothing read"
        return Outcome(source=parsed.source, status="failed", error=message)
    article = parsed.article
    try:
        saved = save_article(store, article)
    except RedlineError as exc:
        return Outcome(source=parsed.source, status="failed",
                       error=f"{parsed.source}: {_first_line(str(exc))}")
    # An unchanged article whose analysis failed or was interrupted is analysed again.
    analysis = _PENDING if analyze and (
        saved.status != "unchanged"
        or analysis_state(store, saved.article_id) != "analysed") else None
    return Outcome(source=parsed.source, status=saved.status, article_id=saved.article_id,
                   headline=article.headline, analysis=analysis, replaced=saved.replaced)


def _analysed(store: Store, outcomes: list[Outcome], max_chars: int) -> list[Outcome]:
    """``outcomes`` with the analysis of each article awaiting one: they are parsed
    together and their results stored in one transaction; a failure is recorded on its
    article."""
    waiting = [o.article_id for o in outcomes if o.analysis == _PENDING and o.article_id]
    if not waiting:
        return outcomes
    found: dict[str, tuple[str, bool]] = {}
    for result in analyze_articles(store, waiting, batch_size=len(waiting),
                                   batch_chars=_WHOLE_BATCH, max_chars=max_chars):
        if result.error is not None:
            found[result.article_id] = (f"analysis failed: {_first_line(result.error)}", True)
        else:
            events, quotes = result.events, result.quotes
            found[result.article_id] = (f"{events} event{'s' * (events != 1)}, "
                                        f"{quotes} quote{'s' * (quotes != 1)}", False)
    return [replace(o, analysis=found[o.article_id][0], analysis_failed=found[o.article_id][1])
            if o.analysis == _PENDING and o.article_id else o for o in outcomes]


#: Ingest analyses the articles it holds as one batch, whatever their length.
_WHOLE_BATCH = 1 << 62


def _first_line(text: str) -> str:
    text = text.strip()
    return text.splitlines()[0] if text else text


# -- dataset imports ---------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetImport:
    """What importing one export did: counts, or the one-line reason it stored nothing."""

    source: str
    new: int = 0
    unchanged: int = 0
    error: str | None = None


def import_datasets(store: Store, targets: list[str], dataset: str, settings: Settings, *,
                    progress: Callable[[int], None] | None = None) -> Iterator[DatasetImport]:
    """Import GDELT or ACLED exports (files, zips, folders, URL lists, URLs), one
    transaction per export; an export that fails is reported and the others go on."""
    exports: list[str] = []
    for target in targets:
        try:
            exports.extend(export_targets(target))
        except RedlineError as exc:
            yield DatasetImport(target, error=str(exc))
    for export in exports:
        try:
            new, unchanged = _import_export(store, export, dataset, settings, progress)
        except RedlineError as exc:
            yield DatasetImport(export, error=str(exc))
        else:
            yield DatasetImport(export, new, unchanged)


def _import_export(store: Store, export: str, dataset: str, settings: Settings,
                   progress: Callable[[int], None] | None) -> tuple[int, int]:
    reader = reader_for(dataset, export)
    if is_url(export):
        from redline.ingest.fetch import fetch

        fetched = fetch(export, replace(settings, max_bytes=settings.dataset_max_bytes))
        opened = open_export(io.BytesIO(fetched.content), urlsplit(fetched.url).path,
                             source=export, max_bytes=settings.dataset_max_bytes,
                             size=len(fetched.content))
    else:
        opened = open_export_file(Path(export), max_bytes=settings.dataset_max_bytes)
    with opened as lines:
        return import_dataset_rows(store, dataset, reader.rows(lines, source=export),
                                   reader.flat_rows(export), progress=progress)
