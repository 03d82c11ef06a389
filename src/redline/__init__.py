"""redline: turn news into evidence-backed judgements about declared policy red lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from datetime import date, datetime

    from redline.records import Analysis, TimeExpression

__all__ = ["__version__", "analyze", "factuality_of", "time_expressions"]


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


def time_expressions(text: str, *, reference: str | date | datetime) -> list[TimeExpression]:
    """The time expressions of ``text`` in order, each with its character span, TimeML
    type (DATE, TIME, DURATION, SET) and value (``1998-02-13``, ``1998-W07``, ``P3D``,
    ``PRESENT_REF``); ``reference`` is the document creation time (ISO string, date or
    datetime), from which "Friday" or "next week" count."""
    from redline.extract.timex import time_expressions as _time_expressions

    return _time_expressions(text, reference=reference)


def __getattr__(name: str) -> Any:
    raise AttributeError(f"module 'redline' has no attribute {name!r}")
