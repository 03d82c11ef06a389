"""Each stored article's analysis state: analysed, failed (with the reason) or pending
(stored but never analysed, or its analysis interrupted). Failed and pending articles
are what the next ingest, ``analyze --all`` and ``backfill`` pick up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import func, or_, select, update

from redline.store.db import Store, lock_keys
from redline.store.models import ArticleRow

AnalysisState = Literal["analysed", "failed", "pending"]


@dataclass(frozen=True)
class Unanalysed:
    """How many articles an assessment would read are not analysed."""

    pending: int
    failed: int

    @property
    def total(self) -> int:
        return self.pending + self.failed


def analysis_state(store: Store, article_id: str) -> AnalysisState | None:
    """The article's state, or None when no such article is stored."""
    with store.read() as session:
        row = session.execute(select(ArticleRow.analyzed, ArticleRow.analysis_error)
                              .where(ArticleRow.id == article_id)).first()
    if row is None:
        return None
    if row.analyzed is not None:
        return "analysed"
    return "failed" if row.analysis_error else "pending"


def record_failure(store: Store, article_id: str, reason: str) -> None:
    """Mark the article's analysis failed with ``reason`` (one line, kept short)."""
    with store.write() as session:
        lock_keys(session, article_id)
        session.execute(update(ArticleRow).where(ArticleRow.id == article_id)
                        .values(analyzed=None, analysis_error=reason.splitlines()[0][:2000]))


def unanalysed(store: Store, *, upto: datetime | None = None) -> Unanalysed:
    """Stored articles not analysed, among those published by ``upto`` (undated ones
    count too) or all of them."""
    query = select(ArticleRow.analysis_error.is_(None), func.count()) \
        .where(ArticleRow.analyzed.is_(None)).group_by(ArticleRow.analysis_error.is_(None))
    if upto is not None:
        query = query.where(or_(ArticleRow.published.is_(None), ArticleRow.published <= upto))
    with store.read() as session:
        counts = {bool(pending): int(n) for pending, n in session.execute(query)}
    return Unanalysed(pending=counts.get(True, 0), failed=counts.get(False, 0))


def analysis_inputs(store: Store, ids: list[str]) -> dict[str, tuple[str, datetime | None]]:
    """The text and publication time of each stored article of ``ids`` (one query per 500
    ids); an id not stored is absent."""
    found: dict[str, tuple[str, datetime | None]] = {}
    with store.read() as session:
        for start in range(0, len(ids), 500):  # within every backend's limit on parameters
            query = select(ArticleRow.id, ArticleRow.text, ArticleRow.published) \
                .where(ArticleRow.id.in_(ids[start:start + 500]))
            found.update((row.id, (row.text, row.published)) for row in session.execute(query))
    return found


def text_lengths(store: Store, ids: list[str]) -> dict[str, int]:
    """The length in characters of each stored article of ``ids`` (one query per 500 ids,
    no text read); an id not stored is absent."""
    found: dict[str, int] = {}
    with store.read() as session:
        for start in range(0, len(ids), 500):
            query = select(ArticleRow.id, func.length(ArticleRow.text)) \
                .where(ArticleRow.id.in_(ids[start:start + 500]))
            found.update((id_, int(length or 0)) for id_, length in session.execute(query))
    return found
