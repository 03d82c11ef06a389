"""Time phrases resolved from their text alone, as ``TimeRef`` days, months and intervals.

The TimeML resolver (``timex``) is the one events use; this one bounds a few phrases
more tightly ("earlier this month": the days of the month before publication) and
dates texts with no known publication day.

"Friday" in an article published on Sunday 2024-10-20 is 2024-10-18; "In June"
is the most recent June not after publication; "earlier this month" is an
interval inside the month before the publication day; "on the same day" is the
previously resolved day. Rules cover news usage; dateparser (with
RELATIVE_BASE = publication time) handles the remaining explicit dates.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from redline.records import TimeRef

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_LEAD = re.compile(r"^(?:on|in|at|during|since|by|from|until|of|the|last|this|past)\s+", re.I)
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_SAME_DAY = re.compile(r"^(?:the\s+)?(?:same\s+day|that\s+day|that\s+same\s+day)$")
_AGO = re.compile(r"^(\w+)\s+(day|week|month|year)s?\s+ago$")
_DAY_MONTH = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)"
                        r"|([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?)(?:,?\s+(\d{4}))?$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?,?\s+(\d{4})$")
_YEAR = re.compile(r"^(?:the\s+year\s+)?(\d{4})$")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _month_ref(year: int, month: int, text: str) -> TimeRef:
    start, end = _month_bounds(year, month)
    return TimeRef(start, end, "month", text)


def _day_ref(day: date, text: str) -> TimeRef:
    return TimeRef(day, day, "day", text)


def _interval(start: date, end: date, text: str) -> TimeRef | None:
    """The days ``start`` to ``end``; None where there are none ("earlier this month" on
    the 1st, "later this month" on the last day)."""
    return TimeRef(start, end, "interval", text) if start <= end else None


def _clean(text: str) -> str:
    text = " ".join(text.replace("’", "'").lower().split()).strip(" ,.;:")
    while True:
        stripped = _LEAD.sub("", text)
        if stripped == text:
            return text
        text = stripped


def resolve(text: str, published: date | None, previous: TimeRef | None = None) -> TimeRef | None:
    """The time that ``text`` names, or None where it names none or needs an unknown anchor."""
    raw = " ".join(text.lower().split()).strip(" ,.;:")
    cleaned = _PART_OF_DAY.sub("", _clean(text))
    if _SAME_DAY.match(cleaned):
        return previous
    absolute = _absolute(cleaned, text, published)
    if absolute is not None or published is None:
        return absolute
    return _relative(raw, cleaned, text, published)


def _absolute(cleaned: str, text: str, published: date | None) -> TimeRef | None:
    if match := _YEAR.match(cleaned):
        year = int(match.group(1))
        if not 1800 < year < 2200:
            return None
        return TimeRef(date(year, 1, 1), date(year, 12, 31), "year", text)
    if (match := _MONTH_YEAR.match(cleaned)) and match.group(1) in MONTHS:
        return _month_ref(int(match.group(2)), MONTHS[match.group(1)], text)
    if match := _DAY_MONTH.match(cleaned):
        day_text, month_text = (match.group(1), match.group(2)) if match.group(1) else (
            match.group(4), match.group(3))
        if month_text not in MONTHS:
            return None
        return _day_of_month(int(day_text), MONTHS[month_text], match.group(5), text, published)
    return None


def _day_of_month(day: int, month: int, year_text: str | None, text: str,
                  published: date | None) -> TimeRef | None:
    if year_text:
        year = int(year_text)
    elif published is not None:
        passed = (month, day) <= (published.month, published.day)
        year = published.year if passed else published.year - 1
    else:
        return None
    try:
        return _day_ref(date(year, month, day), text)
    except ValueError:
        return None


def _relative(raw: str, cleaned: str, text: str, published: date) -> TimeRef | None:
    if cleaned in WEEKDAYS:
        back = (published.weekday() - WEEKDAYS[cleaned]) % 7
        if raw.startswith(("last ", "on last ")) and back == 0:
            back = 7
        return _day_ref(published - timedelta(days=back), text)
    if cleaned in MONTHS:
        month = MONTHS[cleaned]
        year = published.year if month <= published.month else published.year - 1
        return _month_ref(year, month, text)
    if match := _AGO.match(cleaned):
        return _ago(match.group(1), match.group(2), text, published)
    return _named_period(raw, text, published)


def _ago(amount_text: str, unit: str, text: str, published: date) -> TimeRef | None:
    amount = int(amount_text) if amount_text.isdigit() else _NUMBERS.get(amount_text)
    if amount is None:
        return None
    if unit == "day":
        return _day_ref(published - timedelta(days=amount), text)
    if unit == "week":
        day = published - timedelta(weeks=amount)
        monday = day - timedelta(days=day.weekday())
        return _interval(monday, monday + timedelta(days=6), text)
    if unit == "month":
        months = published.year * 12 + published.month - 1 - amount
        return _month_ref(months // 12, months % 12 + 1, text)
    return TimeRef(date(published.year - amount, 1, 1), date(published.year - amount, 12, 31),
                   "year", text)


def _named_period(raw: str, text: str, published: date) -> TimeRef | None:
    day = published
    month_start, month_end = _month_bounds(day.year, day.month)
    last_month = month_start - timedelta(days=1)
    week_start = day - timedelta(days=day.weekday())
    week_end, last_monday = week_start + timedelta(days=6), week_start - timedelta(days=7)
    periods: dict[str, TimeRef | None] = {
        "today": _day_ref(day, text), "tonight": _day_ref(day, text),
        "this morning": _day_ref(day, text), "this afternoon": _day_ref(day, text),
        "this evening": _day_ref(day, text), "yesterday": _day_ref(day - timedelta(days=1), text),
        "tomorrow": _day_ref(day + timedelta(days=1), text),
        "earlier this month": _interval(month_start, day - timedelta(days=1), text),
        "this month": _month_ref(day.year, day.month, text),
        "later this month": _interval(day + timedelta(days=1), month_end, text),
        "last month": _month_ref(last_month.year, last_month.month, text),
        "earlier this year": _interval(date(day.year, 1, 1), day - timedelta(days=1), text),
        "this year": TimeRef(date(day.year, 1, 1), date(day.year, 12, 31), "year", text),
        "last year": TimeRef(date(day.year - 1, 1, 1), date(day.year - 1, 12, 31), "year", text),
        "earlier this week": _interval(week_start, day - timedelta(days=1), text),
        "this week": _interval(week_start, week_end, text),
        "last week": _interval(last_monday, last_monday + timedelta(days=6), text),
        "this weekend": _interval(week_end - timedelta(days=1), week_end, text),
        "last weekend": _interval(week_start - timedelta(days=2), week_start - timedelta(days=1),
                                  text),
    }
    key = re.sub(r"^(?:on|in|at|during)\s+", "", raw)
    if key in periods:
        return periods[key]
    return _fallback(raw, text, published)


@functools.lru_cache(maxsize=2048)
def _fallback(raw: str, text: str, published: date) -> TimeRef | None:
    """dateparser, only for texts that name a month or a numeric date."""
    words = set(re.findall(r"[a-z]+", raw))
    if not (words & MONTHS.keys() or re.search(r"\d{1,4}[/-]\d{1,2}[/-]\d{1,4}", raw)):
        return None
    import dateparser  # slow to import; needed only here

    base = datetime(published.year, published.month, published.day, 12)
    parsed = dateparser.parse(raw, languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True})
    if parsed is None:
        return None
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", raw))
    if has_day:
        return _day_ref(parsed.date(), text)
    return _month_ref(parsed.year, parsed.month, text)


def time_expressions(doc: Any) -> Iterator[Any]:
    """Spans of ``doc`` that may name a time: DATE entities and bare weekday or month names."""
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ == "DATE":
            covered.update(range(ent.start, ent.end))
            yield ent
    for token in doc:
        if token.i in covered or not token.is_title:
            continue
        lower = token.lower_
        if lower in WEEKDAYS or (lower in MONTHS and len(lower) > 3 and token.pos_ == "PROPN"):
            yield doc[token.i : token.i + 1]


def resolved_spans(doc: Any, published: date | None) -> list[tuple[Any, TimeRef]]:
    """Every time expression of ``doc`` that names a time, in order, with that time."""
    spans = sorted(time_expressions(doc), key=lambda span: span.start)
    resolved: list[tuple[Any, TimeRef]] = []
    previous: TimeRef | None = None
    for span in spans:
        ref = resolve(span.text, published, previous)
        if ref is None:
            continue
        resolved.append((span, ref))
        if ref.granularity == "day":
            previous = ref
    return resolved


def resolve_times(doc: Any, published: date | None) -> dict[int, TimeRef]:
    """Root token index -> resolved time, for every time expression of ``doc``."""
    return {span.root.i: ref for span, ref in resolved_spans(doc, published)}
