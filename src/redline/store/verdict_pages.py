"""Verdicts as the overview and the red-line page list them: the columns they show, never
the evidence, in a fixed number of queries whatever the number of lines or verdicts.

The counts and the strongest evidence item are kept on each verdict row when it is
written (``store.verdict_summary``, migration 0014); a verdict's full evidence is read
only for the one verdict a page shows (``store.lines.latest_verdict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from redline.records import Kind
from redline.store.db import Store
from redline.store.models import RedLineRow, VerdictRow

#: Verdict history entries a red-line page lists at a time.
HISTORY_PAGE = 50

_COLUMNS = (VerdictRow.id, VerdictRow.line_id, VerdictRow.as_of, VerdictRow.computed,
            VerdictRow.status, VerdictRow.likelihood, VerdictRow.probability,
            VerdictRow.confidence, VerdictRow.kind, VerdictRow.changed,
            VerdictRow.moved_by_article, VerdictRow.evidence_count,
            VerdictRow.speculated_count)


@dataclass(frozen=True)
class VerdictSummary:
    """A stored verdict without its evidence: what a card or a history row shows."""

    id: int
    line_id: str
    as_of: datetime
    computed: datetime
    status: str
    likelihood: str | None
    probability: float | None
    confidence: str | None
    kind: str
    changed: dict[str, Any]
    moved_by_article: str | None
    evidence_count: int
    speculated_count: int
    strongest: dict[str, Any] | None = field(default=None)


def _summary(row: Any, strongest: dict[str, Any] | None = None) -> VerdictSummary:
    return VerdictSummary(
        id=row.id, line_id=row.line_id, as_of=row.as_of, computed=row.computed,
        status=row.status, likelihood=row.likelihood, probability=row.probability,
        confidence=row.confidence, kind="look-back" if row.kind == "look-back" else "live",
        changed=dict(getattr(row, "changed", None) or {}),
        moved_by_article=row.moved_by_article,
        evidence_count=int(row.evidence_count or 0),
        speculated_count=int(row.speculated_count or 0), strongest=strongest)


def state(store: Store) -> tuple[int, int, datetime | None]:
    """What changes whenever a page built from red lines and verdicts would: the highest
    verdict id (verdicts are only appended, and removing a line removes its verdicts), how
    many lines there are and when one was last edited. One query over two indexes."""
    query = select(select(func.max(VerdictRow.id)).scalar_subquery(),
                   select(func.count(RedLineRow.id)).scalar_subquery(),
                   select(func.max(RedLineRow.updated)).scalar_subquery())
    with store.read() as session:
        top, lines, updated = session.execute(query).one()
    return int(top or 0), int(lines or 0), updated


def latest_summaries(store: Store, kind: Kind = "live") -> dict[str, VerdictSummary]:
    """Each red line's latest ``kind`` of verdict (by as-of time, then id), with its
    strongest evidence item: one query, one index probe per line."""
    latest = (select(VerdictRow.id)
              .where(VerdictRow.line_id == RedLineRow.id, VerdictRow.kind == kind)
              .order_by(VerdictRow.as_of.desc(), VerdictRow.id.desc())
              .limit(1).correlate(RedLineRow).scalar_subquery())
    columns = [c for c in _COLUMNS if c is not VerdictRow.changed]  # not shown: not read
    query = select(*columns, VerdictRow.strongest).where(
        VerdictRow.id.in_(select(latest).select_from(RedLineRow)))
    with store.read() as session:
        rows = session.execute(query).all()
    return {row.line_id: _summary(row, row.strongest or None) for row in rows}


def last_status_changes(store: Store, kind: Kind = "live") -> dict[str, datetime]:
    """When each line's status last changed: the as-of time of the first verdict of its
    latest run of equal statuses (its first verdict when the status never moved)."""
    previous = func.lag(VerdictRow.status).over(
        partition_by=VerdictRow.line_id, order_by=(VerdictRow.as_of, VerdictRow.id))
    timeline = select(VerdictRow.line_id, VerdictRow.as_of, VerdictRow.status,
                      previous.label("previous")).where(VerdictRow.kind == kind).subquery()
    moved = (timeline.c.previous.is_(None)) | (timeline.c.previous != timeline.c.status)
    query = select(timeline.c.line_id, func.max(timeline.c.as_of)).where(moved) \
        .group_by(timeline.c.line_id)
    with store.read() as session:
        return {line_id: as_of for line_id, as_of in session.execute(query)}


def history_page(store: Store, line_id: str, kind: Kind = "live", *,
                 upto: datetime | None = None, offset: int = 0, limit: int | None = None,
                 newest_first: bool = True) -> list[VerdictSummary]:
    """One page of a line's ``kind`` of verdicts (as of ``upto`` at the latest; ``limit``
    of them, ``HISTORY_PAGE`` by default), read through the (line, kind, as-of) index
    without their evidence."""
    query = select(*_COLUMNS).where(VerdictRow.line_id == line_id, VerdictRow.kind == kind)
    if upto is not None:
        query = query.where(VerdictRow.as_of <= upto)
    order = (VerdictRow.as_of.desc(), VerdictRow.id.desc()) if newest_first else \
        (VerdictRow.as_of, VerdictRow.id)
    query = query.order_by(*order).offset(offset).limit(limit or HISTORY_PAGE)
    with store.read() as session:
        return [_summary(row) for row in session.execute(query)]
