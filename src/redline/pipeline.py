"""Glue between stages: analyse stored articles and store what was found."""

from __future__ import annotations

import logging

from redline.errors import InputError, NotFoundError, RedlineError
from redline.store import Store
from redline.store.analysis_state import record_failure
from redline.store.evidence import replace_analysis
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
