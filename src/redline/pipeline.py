"""Glue between stages: analyse stored articles and store what was found."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from redline.datasets.files import (
    export_targets,
    is_url,
    open_export,
    open_export_file,
    reader_for,
)
from redline.errors import InputError, NotFoundError, RedlineError
from redline.records import Analysis
from redline.settings import Settings
from redline.store import Store
from redline.store.analysis_state import record_failure
from redline.store.evidence import (
    batched,
    import_dataset_rows,
    replace_analyses,
    replace_analysis,
)
from redline.store.models import ArticleRow

log = logging.getLogger(__name__)


class AnalysisError(RedlineError):
    """An article's analysis failed; the article stays stored, marked failed."""


def check_analysis_size(text: str, max_chars: int | None, source: str) -> None:
    """``InputError`` when ``text`` is longer than analysis accepts (``max_analyze_chars``)."""
    if max_chars is not None and len(text) > max_chars:
        raise InputError(source, f"text is {len(text):,} characters, over the analysis limit "
                                 f"of {max_chars:,} (setting max_analyze_chars); it is stored "
                                 "but not analysed")


def analyze_article(store: Store, article_id: str, *, max_chars: int | None = None
                    ) -> tuple[int, int]:
    """Extract events and quotes from a stored article and store them; returns their counts.

    A failure (the text over ``max_chars``, or an error in extraction) is recorded on the
    article, which the next ingest or ``analyze --all`` retries, and raised as
    ``AnalysisError``.
    """
    from redline.extract import analyze

    with store.read() as session:
        article = session.get(ArticleRow, article_id)
        if article is None:
            raise NotFoundError(f"no article {article_id!r} in {store.url}")
        text, published = article.text, article.published
    try:
        check_analysis_size(text, max_chars, f"article {article_id[:12]}")
        analysis = analyze(text, published=published)
    except Exception as exc:  # one article's failure is recorded, not lost
        log.debug("analysis of article %s failed", article_id, exc_info=True)  # shown by -v
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if not isinstance(exc, RedlineError):
            reason = f"{type(exc).__name__}: {reason}"
        record_failure(store, article_id, reason)
        raise AnalysisError(reason) from exc
    return replace_analysis(store, article_id, analysis)


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
                                   lambda row: reader.event(row, export), progress=progress)


@dataclass(frozen=True)
class ArticleAnalysis:
    """What analysing one stored article stored, or why it failed."""

    article_id: str
    events: int = 0
    quotes: int = 0
    error: str | None = None


def analyze_articles(store: Store, ids: Iterable[str], *, batch_size: int = 16,
                     max_chars: int | None = None) -> Iterator[ArticleAnalysis]:
    """Analyse stored articles in batches: each batch is parsed together through
    ``nlp.pipe`` and stored in one transaction. An article that fails (its text over
    ``max_chars``, its analysis or its write) is reported with the reason and recorded on
    the article (retried by the next run); the rest of its batch is stored without it."""
    for batch in batched(ids, batch_size):
        work: list[tuple[str, str, datetime | None]] = []
        for article_id in batch:
            with store.read() as session:
                article = session.get(ArticleRow, article_id)
                if article is None:
                    yield ArticleAnalysis(article_id, error=f"no article {article_id!r} in "
                                                            f"{store.url}")
                    continue
                work.append((article_id, article.text, article.published))
        results, failures = analyse_work(work, max_chars=max_chars)
        for article_id, reason in failures:
            record_failure(store, article_id, reason)
            yield ArticleAnalysis(article_id, error=reason)
        yield from store_analyses(store, results)  # a failed write leaves it pending


def analyse_work(work: list[tuple[str, str, datetime | None]], *,
                 max_chars: int | None = None) -> tuple[
        list[tuple[str, Analysis]], list[tuple[str, str]]]:
    """The analyses of ``(article_id, text, published)`` items through one ``nlp.pipe``,
    and (article_id, reason) for each that fails (a text over ``max_chars`` fails unread);
    one failure costs only its article."""
    refused: list[tuple[str, str]] = []
    if max_chars is not None:
        kept: list[tuple[str, str, datetime | None]] = []
        for item in work:
            try:
                check_analysis_size(item[1], max_chars, f"article {item[0][:12]}")
            except InputError as exc:
                refused.append((item[0], str(exc)))
            else:
                kept.append(item)
        work = kept
    results, failures = _analyse_batch(work)
    return results, refused + failures


def _analyse_batch(work: list[tuple[str, str, datetime | None]]) -> tuple[
        list[tuple[str, Analysis]], list[tuple[str, str]]]:
    from redline.extract import analyze, analyze_many

    if not work:
        return [], []
    try:
        found = list(analyze_many([(text, published) for _, text, published in work]))
    except Exception:  # find the article at fault by analysing one at a time
        log.debug("batch analysis failed; analysing its %d articles one by one", len(work))
    else:
        return [(article_id, a) for (article_id, _, _), a in zip(work, found, strict=True)], []
    results: list[tuple[str, Analysis]] = []
    failures: list[tuple[str, str]] = []
    for article_id, text, published in work:
        try:
            results.append((article_id, analyze(text, published=published)))
        except Exception as exc:  # one bad article must not sink the others of its batch
            failures.append((article_id, reason_of(exc)))
    return results, failures


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
