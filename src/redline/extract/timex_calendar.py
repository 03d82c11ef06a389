"""Calendar arithmetic on TimeML values: format a day at a granularity, read a value back,
move by a number of periods, pick the weekday or month-day nearest a reference day in
the direction the tense points."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

Direction = Literal["past", "future", "nearest"]
GRANULARITIES = ("day", "week", "month", "quarter", "half", "season", "year", "decade",
                 "century")
#: TimeML unit letter → granularity of a date at that unit.
UNIT_GRANULARITY = {"D": "day", "WE": "week", "W": "week", "M": "month", "Q": "quarter",
                    "Y": "year", "DE": "decade", "CE": "century"}
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def coarser(first: str, second: str) -> str:
    return max(first, second, key=GRANULARITIES.index)


def fmt(granularity: str, day: date) -> str:
    """The TimeML value of the ``granularity`` period that contains ``day``."""
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "season":
        return season_value(day)
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def season_value(day: date) -> str:
    months = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
              8: "SU", 9: "FA", 10: "FA", 11: "FA"}
    year = day.year - 1 if day.month <= 2 else day.year
    return f"{year:04d}-{months[day.month]}"


_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d?)|-Q([1-4])|-H([12])|-(SP|SU|FA|WI))?"
                    r"(?:T.*)?$")


def parse(value: str) -> tuple[str, date] | None:
    """The granularity and first day of an absolute TimeML value; None for others."""
    match = _VALUE.match(value)
    if not match:
        return None
    year = int(match.group(1))
    month, day, week, quarter, half, season = match.groups()[1:]
    try:
        if day:
            return "day", date(year, int(month), int(day))
        if month:
            return "month", date(year, int(month), 1)
        if week:
            return "week", date.fromisocalendar(year, int(week), 1)
        if quarter:
            return "quarter", date(year, 3 * int(quarter) - 2, 1)
        if half:
            return "half", date(year, 1 if half == "1" else 7, 1)
        if season:
            return "season", date(year, SEASON_MONTHS[season], 1)
        return "year", date(year, 1, 1)
    except ValueError:
        return None


def add(day: date, amount: int, unit: str) -> date:
    """``day`` moved by ``amount`` periods of TimeML ``unit`` (D, W, M, Q, Y, DE, CE)."""
    if unit == "D":
        return day + timedelta(days=amount)
    if unit in ("W", "WE"):
        return day + timedelta(weeks=amount)
    months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}.get(unit, 12) * amount
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def weekday_near(reference: date, weekday: int, direction: Direction) -> date:
    """The day named ``weekday`` (1 = Monday) before, after or around ``reference``.
    A past reading allows the reference day itself; a future one starts the day after;
    the nearest leans to the past, as news does: four days back before three ahead."""
    back = (reference.isoweekday() - weekday) % 7
    if direction == "future":
        return reference + timedelta(days=(weekday - reference.isoweekday() - 1) % 7 + 1)
    if direction == "nearest" and back > 4:
        return reference + timedelta(days=7 - back)
    return reference - timedelta(days=back)


def year_for(reference: date, month: int, day: int, direction: Direction) -> int:
    """The year that puts month-day nearest ``reference`` in ``direction``."""
    def at(year: int) -> date:
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))

    this = at(reference.year)
    if direction == "past":
        return reference.year if this <= reference else reference.year - 1
    if direction == "future":
        return reference.year if this >= reference else reference.year + 1
    return min((reference.year - 1, reference.year, reference.year + 1),
               key=lambda y: abs((at(y) - reference).days))


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` (-1: last) ``weekday`` (1 = Monday) of a month."""
    days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    matching = [d for d in days if d.isoweekday() == weekday]
    return matching[nth - 1] if nth > 0 else matching[nth]


def easter(year: int) -> date:
    """Easter Sunday of ``year`` in the Gregorian calendar (the anonymous computus)."""
    golden, century, rest = year % 19, year // 100, year % 100
    leap_skip, leap_left = divmod(century, 4)
    moon = (8 * century + 13) // 25
    epact = (19 * golden + century - leap_skip - moon + 15) % 30
    quads, odd = divmod(rest, 4)
    weekday = (32 + 2 * leap_left + 2 * quads - epact - odd) % 7
    shift = (golden + 11 * epact + 19 * weekday) // 433
    month = (epact + weekday - 7 * shift + 90) // 25
    return date(year, month, (epact + weekday - 7 * shift + 33 * month + 19) % 32)
