"""Alerts when a verdict changes: a JSON POST to a webhook the user names.

The only network use besides ingest, and only to the address the user gives
(``--webhook`` or the ``webhook`` setting).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import httpx

from redline.assess import Verdict
from redline.errors import RedlineError
from redline.settings import Settings


class AlertError(RedlineError):
    """A webhook could not be reached or refused the alert."""


def verdict_moves(verdicts: Sequence[Verdict], *, since: datetime) -> list[Verdict]:
    """The verdicts computed since ``since`` whose status differs from the one before."""
    return [v for v in verdicts
            if v.computed >= since and (v.changed or {}).get("from") != v.status]


def alertable(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """Moves of current verdicts only: a look back with ``--as-of`` alerts nobody."""
    return [v for v in verdicts if v.current]


def alert_payload(verdict: Verdict) -> dict[str, Any]:
    """What a webhook receives for one moved verdict."""
    strongest = max(verdict.evidence, key=lambda item: item.get("factuality") or 0, default=None)
    return {
        "type": "verdict_changed",
        "line_id": verdict.line_id,
        "from": (verdict.changed or {}).get("from"),
        "to": verdict.status,
        "as_of": verdict.as_of.isoformat(),
        "moved_by_article": verdict.moved_by_article,
        "evidence": len(verdict.evidence),
        "speculated": len(verdict.speculated),
        "strongest_evidence": strongest and {
            key: strongest.get(key)
            for key in ("sentence", "factuality_label", "grade", "outlet", "url", "published")
        },
    }


def send_alerts(url: str, verdicts: Sequence[Verdict], settings: Settings) -> int:
    """POST one JSON alert per moved verdict to ``url``; returns how many were sent."""
    if not url.startswith(("http://", "https://")):
        raise AlertError("the webhook is not an http(s) URL")
    headers = {"User-Agent": settings.user_agent}
    with httpx.Client(timeout=settings.fetch_timeout, headers=headers) as client:
        for verdict in verdicts:
            try:
                response = client.post(url, json=alert_payload(verdict))
            except httpx.HTTPError as exc:
                raise AlertError(f"webhook at {_host(url)}: cannot post the alert for "
                                 f"{verdict.line_id}: {type(exc).__name__}") from exc
            if response.status_code >= 400:
                raise AlertError(f"webhook at {_host(url)} answered HTTP {response.status_code} "
                                 f"to the alert for {verdict.line_id}")
    return len(verdicts)


def _host(url: str) -> str:
    """Where a webhook lives, without the path and query that often carry its secret."""
    return httpx.URL(url).host or "?"
