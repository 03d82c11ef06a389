"""TimeML values of named periods: year-ends, vague stretches ("recent weeks"), the week
of a market report, decades in words, ordinal centuries, halves of a period,
holidays (fixed, weekday-counted or counted from Easter), ordinal weeks of a month,
periods two steps away ("the week after next") and years named by a fiscal code or
as a stretch of two ("FY2023", "2019-20")."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from redline.extract.timex_calendar import (
    UNIT_GRANULARITY,
    add,
    easter,
    fmt,
    nth_weekday,
    year_for,
)
from redline.extract.timex_context import Context, Parts, Resolved, duration_value, key
from redline.extract.timex_days import month_number


def _year_end(parts: Parts, c: Context) -> Resolved | None:
    """"Year-end", "year's end": the end of the named year, else of the document's year;
    TimeML gives the year's value (the end is a modifier)."""
    return "DATE", f"{int(parts.get('year') or c.dct.year):04d}"


def _vague_period(parts: Parts, c: Context) -> Resolved | None:
    """"Recent weeks", "the coming months": a stretch of an unknown number of periods."""
    value = duration_value("X", parts.get("unit") or parts["unit2"], c)
    return ("DURATION", value) if value else None


def _vague_stretch(parts: Parts, c: Context) -> Resolved | None:
    """"Over the years" (PXY), "in the first days" (PXD); "for a while": a stretch of
    no named unit (PXX)."""
    if "while" in parts:
        return "DURATION", "PXX"
    value = duration_value("X", parts["unit"], c)
    return ("DURATION", value) if value else None


def _the_week(parts: Parts, c: Context) -> Resolved | None:
    """"For the week", "the week's busiest session": the week of the day the text last
    named ("Friday ... for the week"), else the document's week."""
    return "DATE", fmt("week", c.day)


def _decade_word(parts: Parts, c: Context) -> Resolved | None:
    """"The nineties": the last decade of that name begun by the document's year."""
    tens = c.lexicon.decades[key(parts["word"])]
    start = (c.dct.year // 100) * 100 + tens * 10
    if start > c.dct.year:
        start -= 100
    return "DATE", f"{start // 10:03d}"


def _century(parts: Parts, c: Context) -> Resolved | None:
    """"The 19th century" → 18 (TimeML names a century by its first two digits)."""
    word = key(parts["ord"])
    number = int(word[:-2]) if word[:-2].isdigit() else c.lexicon.centuries[word]
    if not 1 <= number <= 30:
        return None
    return "DATE", f"{number - 1:02d}"


#: Half a period in the next smaller unit: "half an hour" → PT30M, "half a century" → P50Y.
_HALF_OF = {("M", True): "PT30S", ("H", True): "PT30M", ("D", False): "PT12H",
            ("Y", False): "P6M", ("DE", False): "P5Y", ("CE", False): "P50Y"}


def _half_duration(parts: Parts, c: Context) -> Resolved | None:
    unit = c.lexicon.unit(parts["unit"])
    value = _HALF_OF.get((unit.letter, unit.time)) if unit is not None else None
    return ("DURATION", value) if value else None


def _holiday(parts: Parts, c: Context) -> Resolved | None:
    rule = c.lexicon.holidays[key(parts["holiday"])]

    def on(year: int) -> date:
        if rule.easter is not None:
            return easter(year) + timedelta(days=rule.easter)
        if rule.day is not None:
            return date(year, rule.month, rule.day)
        day = nth_weekday(year, rule.month, rule.weekday or 1, rule.nth)
        return day + timedelta(days=1) if rule.after_monday else day

    if "year" in parts:
        return "DATE", on(int(parts["year"])).isoformat()
    rel = key(parts.get("rel", ""))
    direction = {"last": "past", "next": "future", "this": "nearest"}.get(rel, c.direction)
    if "week" in parts:  # "Easter week": the week of the feast nearest in that direction
        direction = direction if rel else "nearest"
    years = (c.dct.year - 1, c.dct.year, c.dct.year + 1)
    if direction == "past":
        chosen = max(on(y) for y in years if on(y) <= c.dct - timedelta(days=bool(rel)))
    elif direction == "future":
        chosen = min(on(y) for y in years if on(y) >= c.dct + timedelta(days=bool(rel)))
    else:
        chosen = min((on(y) for y in years), key=lambda d: abs((d - c.dct).days))
    if "week" in parts:
        return "DATE", fmt("week", chosen)
    return "DATE", chosen.isoformat()


def _month_week(parts: Parts, c: Context) -> Resolved | None:
    """"The first week of April", "the last week of next month": the ISO week that
    holds the 4th of the month (the 11th for the second week, ...; the 4th day from the
    end for the last), in the named year, else the year the verb points to from the
    document's day ("will meet in the first week of March" on 13 March 2024: 2025-W10;
    "met in the last week of March": 2023-W13)."""
    nth = c.lexicon.week_ordinals[key(parts["ord"])]
    if "mrel" in parts:  # "the last week of next month", "the first week of the month"
        named = add(c.dct, c.lexicon.relative.get(key(parts["mrel"]), 0), "M")
        parts = {**parts, "year": str(named.year)}
        month = named.month
    else:
        month = month_number(parts["month"], c.lexicon)

    def held(year: int) -> int:  # the day of the month the week holds
        return 7 * nth - 3 if nth > 0 else calendar.monthrange(year, month)[1] + 7 * nth + 4

    if "year" in parts:
        year = int(parts["year"])
    elif "yrel" in parts:
        year = c.dct.year + c.lexicon.relative[key(parts["yrel"])]
    else:
        year = year_for(c.dct, month, held(c.dct.year), c.direction)
    day = held(year)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None  # "the fifth week of February"
    return "DATE", fmt("week", date(year, month, day))


def _two_steps(parts: Parts, c: Context) -> Resolved | None:
    """"The week after next": two weeks from the document's; "the year before last":
    two years before it."""
    unit = c.lexicon.units[key(parts["unit"])]
    day = add(c.dct, c.lexicon.two_steps[key(parts["steps"])], unit.letter)
    if unit.letter == "WE":
        return "DATE", fmt("week", day) + "-WE"
    return "DATE", fmt(UNIT_GRANULARITY[unit.letter], day)


def _full_year(text: str, c: Context) -> int:
    """A year of four digits, or of two read in the century nearest the document's
    ("FY24" in 2024: 2024; "FY98" in 2024: 1998)."""
    year = int(text)
    if year < 100:
        year += 1900 if year > (c.dct.year % 100) + 10 else 2000
    return year


def _year_span(parts: Parts, c: Context) -> Resolved | None:
    """"2019-20", "FY2023-24", "the 1998/99 season": a fiscal year or a season running
    from one year into the next. TimeML has no value for such a stretch; it takes the
    year it begins in. Two years that do not follow each other ("1990-95") are no
    single period."""
    year = _full_year(parts["year"], c)
    if "year2" in parts:
        second = int(parts["year2"])
        if second != (year + 1) % 100 and second != year + 1:
            return None
    if "fiscal" in parts or "code" in parts:
        return "DATE", f"{c.lexicon.fiscal_prefix}{year:04d}"
    return "DATE", f"{year:04d}"


def _seasons(parts: Parts, c: Context) -> Resolved | None:
    """"The past three summers" (P3SU), "the last two winters" (P2WI): a span counted in
    seasons, the season's letters as the unit (TIDES)."""
    amount = c.lexicon.amount(parts["num"])
    letter = c.lexicon.seasons.get(key(parts["season"]).removesuffix("s"))
    if amount is None or letter is None:
        return None
    return "DURATION", f"P{amount}{letter}"


NAMED_HANDLERS: dict[str, Callable[[Parts, Context], Resolved | None]] = {
    "year_end": _year_end, "vague_period": _vague_period, "vague_stretch": _vague_stretch,
    "the_week": _the_week,
    "decade_word": _decade_word, "century": _century, "half_duration": _half_duration,
    "holiday": _holiday, "month_week": _month_week, "two_steps": _two_steps,
    "year_span": _year_span, "fiscal_code": _year_span, "seasons": _seasons,
}
