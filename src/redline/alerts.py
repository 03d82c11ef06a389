"""Alerts when a verdict changes: a JSON POST to a webhook the user names
(``--webhook`` or the ``webhook`` setting), sent through ``ingest.fetch``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from redline.assess import Verdict
from redline.errors import FetchError, RedlineError
from redline.ingest.fetch import post_json
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
    for verdict in verdicts:
        try:
            status = post_json(url, alert_payload(verdict), settings)
        except FetchError as exc:
            raise AlertError(f"{exc}; the alert for {verdict.line_id} was not sent") from exc
        if status >= 400:
            raise AlertError(f"webhook at {urlsplit(url).hostname} answered HTTP {status} "
                             f"to the alert for {verdict.line_id}")
    return len(verdicts)
