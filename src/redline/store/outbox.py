"""The alert outbox: an alert is written in the same transaction as the verdict that
moved, and stays until a webhook has taken it (answered 2xx)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from redline.records import Verdict
from redline.store.db import Store, lock_keys
from redline.store.models import AlertRow, VerdictRow


@dataclass(frozen=True)
class PendingAlert:
    """An alert not yet delivered; ``key`` is its idempotency key, the same on every try."""

    id: int
    key: str
    line_id: str
    payload: dict[str, Any]
    attempts: int


#: What a webhook receives for a verdict, or None when the verdict alerts no one
#: (``redline.assess.alert_payload.payload_if_moved``).
AlertPayload = Callable[[Verdict], dict[str, Any] | None]


def queue_alerts(session: Session, verdicts: Sequence[Verdict], payload: AlertPayload) -> int:
    """Within the verdicts' own transaction: an outbox row for each one ``payload`` gives
    a payload for (each that moved).

    ``verdicts`` carry their ids (flushed). The caller took ``alert_lock`` before it
    inserted them, so a move is queued once even when two assessments run at once.
    Returns how many were queued.
    """
    now = datetime.now(UTC)
    rows = []
    for verdict in verdicts:
        body = payload(verdict) if verdict.id is not None else None
        if verdict.id is None or body is None or _moved_already(session, verdict):
            continue
        key = uuid.uuid4().hex
        rows.append(AlertRow(key=key, verdict_id=verdict.id, line_id=verdict.line_id,
                             payload={**body, "idempotency_key": key},
                             created=now, attempts=0))
    session.add_all(rows)
    return len(rows)


def alert_lock(session: Session, line_ids: Sequence[str]) -> None:
    """Before verdicts are inserted: assessments of the same lines append one at a time."""
    lock_keys(session, *(f"verdicts:{line_id}" for line_id in line_ids))


def _moved_already(session: Session, verdict: Verdict) -> bool:
    """Whether the live verdict stored just before this one has its status already: a
    second assessment running at the same time recorded the same move first, and its
    alert is the one sent."""
    before = session.scalar(
        select(VerdictRow.status).where(VerdictRow.line_id == verdict.line_id,
                                        VerdictRow.id < verdict.id,
                                        VerdictRow.kind == "live")
        .order_by(VerdictRow.id.desc()).limit(1))
    return before == verdict.status


def pending_alerts(store: Store, *, limit: int = 1000) -> list[PendingAlert]:
    """Undelivered alerts, oldest first."""
    query = select(AlertRow).where(AlertRow.delivered.is_(None)).order_by(AlertRow.id) \
        .limit(limit)
    with store.read() as session:
        return [PendingAlert(row.id, row.key, row.line_id, dict(row.payload), row.attempts)
                for row in session.scalars(query)]


def count_pending(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(AlertRow)
                                  .where(AlertRow.delivered.is_(None))) or 0)


def mark_delivered(store: Store, alert_id: int) -> None:
    now = datetime.now(UTC)
    with store.write() as session:
        session.execute(update(AlertRow).where(AlertRow.id == alert_id)
                        .values(delivered=now, last_attempt=now,
                                attempts=AlertRow.attempts + 1, last_error=None))


def record_attempt(store: Store, alert_id: int, error: str) -> None:
    """A try that did not deliver: counted, with what went wrong."""
    with store.write() as session:
        session.execute(update(AlertRow).where(AlertRow.id == alert_id)
                        .values(last_attempt=datetime.now(UTC),
                                attempts=AlertRow.attempts + 1, last_error=error[:2000]))
