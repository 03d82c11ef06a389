"""redline: turn news into evidence-backed judgements about declared policy red lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from datetime import datetime

    from redline.records import Analysis

__all__ = ["__version__", "analyze", "factuality_of"]


def analyze(text: str, *, published: str | datetime | None = None) -> Analysis:
    """Extract events (with factuality and attribution) and quotes from ``text``."""
    from redline.extract import analyze as _analyze

    return _analyze(text, published=published)


def factuality_of(text: str, start: int, end: int) -> float:
    """Commitment (-3..+3) to the predicate at char span ``start:end`` of ``text``.

    Certainty × polarity on the MEANTIME/FactBank scale: a future asserted with
    certainty ("will send") is +3 here, while the event's own ``factuality`` treats
    it as not (yet) happened.
    """
    from redline.extract import factuality_of as _factuality_of

    return _factuality_of(text, start, end)


def __getattr__(name: str) -> Any:
    raise AttributeError(f"module 'redline' has no attribute {name!r}")
