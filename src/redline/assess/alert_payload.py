"""What a webhook receives when a verdict moves, and which verdicts alert anyone."""

from __future__ import annotations

from typing import Any

from redline.records import Verdict


def alerts_on(verdict: Verdict) -> bool:
    """A current verdict (not a look back with ``--as-of``) whose status moved."""
    return verdict.current and (verdict.changed or {}).get("from") != verdict.status


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


def payload_if_moved(verdict: Verdict) -> dict[str, Any] | None:
    """The webhook payload of a verdict that alerts (see ``alerts_on``), else None."""
    return alert_payload(verdict) if alerts_on(verdict) else None
