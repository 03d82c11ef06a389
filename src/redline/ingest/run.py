"""Ingest: read each input, store each article once, analyse what is new or changed."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from redline.errors import RedlineError
from redline.ingest.sources import Fetcher, Parsed, Reader, ReadOptions
from redline.settings import Settings
from redline.store import Store
from redline.store.analysis_state import analysis_state
from redline.store.articles import save_article

log = logging.getLogger(__name__)
Status = Literal["new", "changed", "unchanged", "failed"]
NOT_ANALYSED = "not analysed (the extractor is not available)"


@dataclass(frozen=True)
class Outcome:
    """What happened to one article (or to one input that yielded none)."""

    source: str
    status: Status
    article_id: str | None = None
    headline: str | None = None
    error: str | None = None  # for ``failed``: the one-line reason, naming the input
    analysis: str | None = None  # "3 events, 2 quotes", NOT_ANALYSED, or None when not asked
    analysis_failed: bool = False
    replaced: str | None = None  # for ``changed``: the id of the older version replaced

    @property
    def ok(self) -> bool:
        return self.status != "failed" and not self.analysis_failed


def _one_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def extractor_available() -> bool:
    """Whether ``redline.extract`` provides ``analyze`` yet."""
    try:
        import redline.extract as extract
    except ImportError:
        return False
    return hasattr(extract, "analyze")


def _analyse(store: Store, article_id: str, max_chars: int) -> tuple[str, bool]:
    from redline.pipeline import analyze_article

    if not extractor_available():
        return NOT_ANALYSED, False
    try:
        events, quotes = analyze_article(store, article_id, max_chars=max_chars)
    except RedlineError as exc:
        return f"analysis failed: {_one_line(exc)}", True
    except Exception as exc:  # a defect in one article's analysis must not stop the batch
        log.debug("analysis of article %s failed", article_id, exc_info=True)  # shown by -v
        return f"analysis failed: {type(exc).__name__}: {_one_line(exc)}", True
    return f"{events} event{'s' * (events != 1)}, {quotes} quote{'s' * (quotes != 1)}", False


def _store(store: Store, parsed: Parsed, analyze: bool, max_chars: int) -> Outcome:
    if parsed.article is None:
        message = str(parsed.error) if parsed.error else f"{parsed.source}: nothing read"
        return Outcome(source=parsed.source, status="failed", error=message)
    article = parsed.article
    try:
        saved = save_article(store, article)
    except RedlineError as exc:
        return Outcome(source=parsed.source, status="failed",
                       error=f"{parsed.source}: {_one_line(exc)}")
    analysis, analysis_failed = None, False
    # An unchanged article whose analysis failed or was interrupted is analysed again.
    if analyze and (saved.status != "unchanged"
                    or analysis_state(store, saved.article_id) != "analysed"):
        analysis, analysis_failed = _analyse(store, saved.article_id, max_chars)
    return Outcome(source=parsed.source, status=saved.status, article_id=saved.article_id,
                   headline=article.headline, analysis=analysis,
                   analysis_failed=analysis_failed, replaced=saved.replaced)


def ingest(store: Store, targets: Iterable[str], *, settings: Settings,
           options: ReadOptions | None = None, analyze: bool | None = None,
           fetcher: Fetcher | None = None) -> Iterator[Outcome]:
    """Ingest files, folders and URLs; yields one ``Outcome`` per article as it goes.

    A failed input is reported and the rest go on; each article is stored in its own
    transaction, so a failure leaves no partial rows. ``analyze`` defaults to the
    ``analyze_on_ingest`` setting.
    """
    reader = Reader(settings, options or ReadOptions(), fetcher)
    do_analyze = settings.analyze_on_ingest if analyze is None else analyze
    for target in targets:
        for parsed in reader.read(target):
            outcome = _store(store, parsed, do_analyze, settings.max_analyze_chars)
            log.info("%s: %s %s", outcome.source, outcome.status, outcome.article_id or "")
            yield outcome
