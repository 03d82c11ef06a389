"""TimeML values of named periods: year-ends, vague stretches ("recent weeks"), the week
of a market report, decades in words, ordinal centuries, halves of a period and
holidays, fixed, weekday-counted or counted from Easter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from redline.extract.timex_calendar import easter, fmt, nth_weekday
from redline.extract.timex_context import Context, Parts, Resolved, duration_value, key


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


NAMED_HANDLERS: dict[str, Callable[[Parts, Context], Resolved | None]] = {
    "year_end": _year_end, "vague_period": _vague_period, "vague_stretch": _vague_stretch,
    "the_week": _the_week,
    "decade_word": _decade_word, "century": _century, "half_duration": _half_duration,
    "holiday": _holiday,
}
