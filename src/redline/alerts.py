"""Alerts when a verdict changes: a JSON POST to a webhook the user names
(``--webhook`` or the ``webhook`` setting), sent through ``ingest.fetch``.

Delivery is at least once: each alert waits in the outbox (written with its verdict,
``redline.store.outbox``) until the webhook answers 2xx; a failed try is repeated with
backoff, and what is still undelivered is sent again by the next ``deliver_pending``
(``redline assess``, ``redline watch``). Each alert carries an idempotency key (in the
body and the ``Idempotency-Key`` header) so that a receiver can drop a duplicate.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from redline.assess import Verdict
from redline.assess.alert_payload import alert_payload, alerts_on
from redline.errors import FetchError, RedlineError
from redline.ingest.fetch import post_json, webhook_label
from redline.ingest.guard import HostRefused
from redline.settings import Settings
from redline.store import Store
from redline.store.outbox import PendingAlert, mark_delivered, pending_alerts, record_attempt

__all__ = ["AlertError", "Delivery", "alert_payload", "alertable", "deliver_pending",
           "verdict_moves"]
log = logging.getLogger(__name__)
#: Tries per alert in one delivery run, and the wait before the second (doubling after).
ATTEMPTS = 3
BACKOFF_S = 0.5


class AlertError(RedlineError):
    """A webhook could not be reached or refused the alert."""


@dataclass(frozen=True)
class Delivery:
    """What one delivery run did: alerts delivered, and why the others were not."""

    delivered: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # idempotency key -> last reason

    def raise_for_failures(self, url: str) -> None:
        """``AlertError`` summing up what stays queued, naming only the webhook's host."""
        if not self.failed:
            return
        reasons = sorted(set(self.failed.values()))
        raise AlertError(f"{len(self.failed)} alert(s) not delivered to {webhook_label(url)} "
                         f"({'; '.join(reasons)[:300]}); they stay queued and are sent again "
                         "by the next `redline assess`")


def verdict_moves(verdicts: Sequence[Verdict], *, since: datetime) -> list[Verdict]:
    """The verdicts computed since ``since`` whose status differs from the one before."""
    return [v for v in verdicts
            if v.computed >= since and (v.changed or {}).get("from") != v.status]


def alertable(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """Moves of current verdicts only: a look back with ``--as-of`` alerts nobody."""
    return [v for v in verdicts if alerts_on(v)]


def _try(url: str, alert: PendingAlert, settings: Settings) -> str | None:
    """One POST; None when delivered, else what went wrong."""
    try:
        status = post_json(url, alert.payload, settings,
                           headers={"Idempotency-Key": alert.key})
    except HostRefused:
        raise
    except FetchError as exc:
        return exc.problem
    if 200 <= status < 300:
        return None
    return f"HTTP {status}"


def deliver_pending(store: Store, settings: Settings, url: str | None = None, *,
                    sleep: Callable[[float], None] = time.sleep) -> Delivery:
    """Send every undelivered alert in the outbox to ``url`` (default: the ``webhook``
    setting), oldest first, each up to ``ATTEMPTS`` times with doubling waits. Only a 2xx
    answer counts; a redirect is not followed. One alert failing does not stop the rest.
    """
    target = url or settings.webhook
    if not target:
        return Delivery()
    if not target.lower().startswith(("http://", "https://")):
        raise AlertError("the webhook is not an http(s) URL")
    delivered, failed = 0, {}
    for alert in pending_alerts(store):
        reason: str | None = None
        for attempt in range(ATTEMPTS):
            if attempt:
                sleep(BACKOFF_S * 2 ** (attempt - 1))
            try:
                reason = _try(target, alert, settings)
            except HostRefused as exc:
                record_attempt(store, alert.id, exc.problem)
                raise AlertError(f"{webhook_label(target)}: {exc.problem}") from exc
            if reason is None:
                break
            record_attempt(store, alert.id, reason)
            log.info("alert %s for %s not delivered (%s)", alert.key, alert.line_id, reason)
        if reason is None:
            mark_delivered(store, alert.id)
            delivered += 1
        else:
            failed[alert.key] = reason
    return Delivery(delivered=delivered, failed=failed)
