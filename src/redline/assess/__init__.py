"""Red lines: declare them, assess them against the stored evidence, keep every verdict.

``assess`` computes and appends verdicts; ``evaluate`` computes one without storing it.
Stored lines and verdicts are read with ``redline.store.lines``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from redline.records import STATUSES, CorroborationRule, Pattern, RedLine, Verdict

if TYPE_CHECKING:
    from redline.store import Store

__all__ = ["STATUSES", "CorroborationRule", "Pattern", "RedLine", "Verdict", "assess",
           "evaluate"]


def assess(store: Store, *, as_of: datetime | None = None, line_ids: Sequence[str] | None = None,
           full: bool = False, known_by: datetime | None = None,
           alerts: bool = False) -> list[Verdict]:
    """Compute a verdict per red line as of ``as_of`` (default now) and append the changed ones:
    live verdicts, or look-backs for a past ``as_of`` (with ``known_by``: reading only
    articles the store held by then).

    Only what changed since each line's last verdict of the same kind is read, unless ``full``.
    With ``alerts``, each move is queued in the alert outbox with its verdict.
    """
    # Imported when first called: ``import redline.assess`` stays light for the CLI.
    from redline.assess.engine import assess as _assess

    return _assess(store, as_of=as_of, line_ids=line_ids, full=full, known_by=known_by,
                   alerts=alerts)


def evaluate(store: Store, line_id: str, *, as_of: datetime | None = None,
             known_by: datetime | None = None) -> Verdict:
    """Compute the verdict for one line from all evidence, without storing it."""
    from redline.assess.engine import evaluate as _evaluate

    return _evaluate(store, line_id, as_of=as_of, known_by=known_by)
