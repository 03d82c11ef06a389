"""What the overview and the verdict history show of a verdict without reading its
evidence: how many items it holds and its strongest one, kept on the verdict row.

The verdicts table fills ``evidence_count``, ``speculated_count`` and ``strongest`` from
these functions whenever a verdict is written (column defaults in ``store.models``), and
migration 0014 filled them for the verdicts stored before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def _grade_score(item: Mapping[str, Any]) -> tuple[int, int]:
    """Higher is better: A beats F, 1 beats 6; missing parts count as the worst."""
    reliability = "ABCDEF".find(str(item.get("reliability") or "F")[:1] or "F")
    return (-(reliability if reliability >= 0 else 5), -int(item.get("credibility") or 6))


def _rank(item: Mapping[str, Any]) -> tuple[float, bool, tuple[int, int], str]:
    return (float(item.get("factuality") or 0.0), (item.get("role") or "trigger") == "trigger",
            _grade_score(item), str(item.get("date") or item.get("published") or ""))


def strongest(items: Sequence[Mapping[str, Any]] | None) -> dict[str, Any] | None:
    """The most certain item; ties go to triggers, then the better grade, then the latest.
    None when there is none."""
    if not items:
        return None
    best: Mapping[str, Any] = max(items, key=_rank)
    return dict(best)
