"""Publication and retrieval times, resolved to UTC.

A bare date means midnight UTC of that date; a time without a zone is taken as UTC;
a time with a zone is converted to UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from redline.errors import InputError
from redline.records import as_utc

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UNIT_SECONDS = {
    "s": 1, "sec": 1, "second": 1,
    "m": 60, "min": 60, "minute": 60,
    "h": 3600, "hr": 3600, "hour": 3600,
    "d": 86_400, "day": 86_400,
    "w": 604_800, "wk": 604_800, "week": 604_800,
    "month": 2_592_000,  # 30 days: a relative month on a page is approximate anyway
    "y": 31_536_000, "yr": 31_536_000, "year": 31_536_000,
}
_WORD_AMOUNTS = {"a": 1, "an": 1, "one": 1}
_COMMON_FORMS = (
    "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y.%m.%d %H:%M", "%Y.%m.%d", "%Y/%m/%d %H:%M",
    "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%A, %B %d, %Y",
    "%a, %b %d, %Y", "%B %d, %Y %H:%M", "%b %d, %Y %H:%M",
)
_WORD_DELTAS = {"just now": 0, "moments ago": 60, "yesterday": 86_400}


def to_utc(value: Any, *, source: str, field: str) -> datetime | None:
    """Read a date or time given as text, ``date`` or ``datetime``; None stays None.

    Raises ``InputError`` naming ``source`` and ``field`` when the value is not a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=UTC)
    text = str(value).strip()
    if _ISO_DATE.fullmatch(text):
        try:
            return datetime.combine(date.fromisoformat(text), time(0), tzinfo=UTC)
        except ValueError as exc:  # 2024-13-01: the right shape, but no such day
            raise InputError(source, f"{field} {text!r} is not a date ({exc}); use e.g. "
                                     "2024-10-20") from exc
    try:
        return as_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    parsed = parse_date_text(text)
    if parsed is None:
        raise InputError(source, f"{field} {text!r} is not a date; use e.g. 2024-10-20 "
                                 "or 2024-10-20T09:30:00+09:00")
    return parsed


def _common_date(text: str) -> datetime | None:
    """The usual zone-less forms ("2024-10-20 16:55", "October 20, 2024"), read without
    dateparser, whose first use takes seconds."""
    cleaned = re.sub(r"(?<=[A-Za-z]{3})\.", "", " ".join(text.replace(",", ", ").split()))
    cleaned = cleaned.replace(" ,", ",").replace("Sept ", "Sep ")
    for form in _COMMON_FORMS:
        try:
            return datetime.strptime(cleaned, form).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def parse_date_text(text: str) -> datetime | None:
    """Parse a written date ("Oct. 20, 2024 at 4:55 p.m. EDT") to UTC; None if it is not one.

    Only absolute dates count: the text must contain a four-digit year.
    """
    if not re.search(r"\b\d{4}\b|\d{4}[-./]", text):
        return None
    common = _common_date(text.strip())
    if common is not None:
        return common
    import dateparser

    settings: Any = {
        "RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC", "TIMEZONE": "UTC",
        "PREFER_DAY_OF_MONTH": "first",
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return as_utc(parsed) if parsed is not None else None


def relative_delta(amount: str | None, unit: str | None, word: str | None) -> timedelta | None:
    """The time span of "3 hours ago" (amount "3", unit "hours") or of "yesterday" (word)."""
    if word:
        seconds = _WORD_DELTAS.get(word.lower())
        return timedelta(seconds=seconds) if seconds is not None else None
    if amount is None or unit is None:
        return None
    count = _WORD_AMOUNTS.get(amount.lower()) if not amount.isdigit() else int(amount)
    base = unit.lower().rstrip("s") or unit.lower()
    seconds = _UNIT_SECONDS.get(base)
    if count is None or seconds is None:
        return None
    return timedelta(seconds=count * seconds)
