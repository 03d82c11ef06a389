"""Ingest: read each input, store each article once, analyse what is new or changed."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
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
_PENDING = "analysis pending"  # an outcome held until its batch is analysed
#: New or changed articles analysed together: one ``nlp.pipe`` and one write transaction.
ANALYSIS_BATCH = 16


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


def _analysed(store: Store, outcomes: list[Outcome], max_chars: int) -> list[Outcome]:
    """``outcomes`` with the analysis of each new or changed article (or one whose last
    analysis failed or was interrupted): those articles are parsed together (``nlp.pipe``)
    and their results stored in one transaction; a failure is recorded on its article."""
    waiting = [o.article_id for o in outcomes if o.analysis == _PENDING and o.article_id]
    if not waiting:
        return outcomes
    found: dict[str, tuple[str, bool]] = {}
    if not extractor_available():
        found = dict.fromkeys(waiting, (NOT_ANALYSED, False))
    else:
        from redline.pipeline import analyze_articles

        for result in analyze_articles(store, waiting, batch_size=len(waiting),
                                       max_chars=max_chars):
            if result.error is not None:
                found[result.article_id] = (f"analysis failed: {_one_line_text(result.error)}",
                                            True)
            else:
                events, quotes = result.events, result.quotes
                found[result.article_id] = (f"{events} event{'s' * (events != 1)}, "
                                            f"{quotes} quote{'s' * (quotes != 1)}", False)
    return [replace(o, analysis=found[o.article_id][0], analysis_failed=found[o.article_id][1])
            if o.analysis == _PENDING and o.article_id else o for o in outcomes]


def _one_line_text(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


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
    # An unchanged article whose analysis failed or was interrupted is analysed again.
    analysis = _PENDING if analyze and (
        saved.status != "unchanged"
        or analysis_state(store, saved.article_id) != "analysed") else None
    return Outcome(source=parsed.source, status=saved.status, article_id=saved.article_id,
                   headline=article.headline, analysis=analysis, replaced=saved.replaced)


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
    held: list[Outcome] = []  # in input order, until ANALYSIS_BATCH of them await analysis
    for target in targets:
        for parsed in reader.read(target):
            outcome = _store(store, parsed, do_analyze, settings.max_analyze_chars)
            log.info("%s: %s %s", outcome.source, outcome.status, outcome.article_id or "")
            held.append(outcome)
            if sum(o.analysis == _PENDING for o in held) >= ANALYSIS_BATCH:
                yield from _analysed(store, held, settings.max_analyze_chars)
                held = []
    yield from _analysed(store, held, settings.max_analyze_chars)
