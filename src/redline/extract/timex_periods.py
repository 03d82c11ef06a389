"""TimeML values of the periods around the document's time: "next week", "the year",
"the end of the month", "the past year" and "over the next decade" (stretches one
period long), "year-long" and bare plurals ("for years")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from redline.extract.timex_calendar import UNIT_GRANULARITY, add, fmt, parse
from redline.extract.timex_context import Context, Parts, Resolved, duration_value, key

#: Units whose "last" or "next" one is a period of a row, not a stretch: "in the last
#: quarter" is the quarter before the document's, "the last century" the one before.
_ROW_UNITS = frozenset({"Q", "CE"})


def half_of(parts: Parts, year: int) -> Resolved | None:
    """"the first half of 1990" → 1990-H1; other modifiers keep the year's value."""
    mod = key(parts.get("mod", ""))
    if mod in ("the first half of", "the second half of", "the last half of",
               "the latter half of"):
        return "DATE", f"{year:04d}-H{1 if 'first' in mod else 2}"
    return None


def _period(parts: Parts, c: Context) -> Resolved | None:
    """"Next week", "last year", "the following month": the period that many steps from
    the document's (or, with "the next" and "the following", from the text's); "over the
    next decade", "during the coming year": the stretch ahead, one period long (P10Y,
    P1Y), where ``timex_spans`` found a preposition of a stretch before it."""
    rel = key(parts["rel"])
    step = c.lexicon.relative[rel.split()[-1]]
    unit = c.lexicon.units[key(parts["unit"])]
    granularity = UNIT_GRANULARITY[unit.letter]
    if "span" in parts and unit.letter not in _ROW_UNITS and unit.letter != "WE":
        value = duration_value(1, parts["unit"], c)  # "over the next decade": P10Y
        return ("DURATION", value) if value else None
    anaphoric = "the" in parts and rel in ("next", "following", "previous", "preceding", "same")
    base = c.base[1] if anaphoric else c.dct
    day = add(base, step, unit.letter)
    if "fiscal" in parts and unit.letter == "Y" and c.lexicon.fiscal_prefix:
        return "DATE", f"{c.lexicon.fiscal_prefix}{day.year:04d}"
    if unit.letter == "WE":
        return "DATE", fmt("week", day) + "-WE"
    if unit.letter == "Y" and (half := half_of(parts, day.year)):
        return half
    return "DATE", fmt(granularity, day)


def _the_year(parts: Parts, c: Context) -> Resolved | None:
    """"The year", "the full year", "the fiscal year": the document's year, the one a
    report speaks of; "the year ended March 31" and "the year to March" are a year's
    span (P1Y)."""
    if "ended" in parts or "upto" in parts:
        return "DURATION", "P1Y"
    return "DATE", f"{c.dct.year:04d}"


def _end_of(parts: Parts, c: Context) -> Resolved | None:
    """"The end of the year", "early this month": the document's period; under a past
    verb, "the year" is the one the text has moved to ("began in March 2003; by the end
    of the year Baghdad had fallen": 2003)."""
    unit = c.lexicon.units[key(parts["unit"])]
    day = c.dct
    if (unit.letter == "Y" and "the" in parts and c.direction == "past"
            and c.anchor is not None and c.anchor[1].year != c.dct.year):
        day = c.anchor[1]
    elif "the" in parts and c.direction == "past" and _part_ahead(parts, c, unit.letter):
        day = add(c.dct, -1, unit.letter)  # "closed at the end of the year" on 5 January
    if unit.letter == "Y" and (half := half_of(parts, day.year)):
        return half  # "the first half of the year"
    return "DATE", fmt(UNIT_GRANULARITY[unit.letter], day)


def _part_ahead(parts: Parts, c: Context, letter: str) -> bool:
    """The part of the document's period the modifier names ("the end of", "late") begins
    after the document's day (``modifier_starts``)."""
    share = c.lexicon.modifier_starts.get(key(parts["mod"]))
    if share is None:
        return False
    if letter in ("DE", "CE"):
        years = 10 if letter == "DE" else 100
        start = date(c.dct.year // years * years, 1, 1)
    elif (point := parse(fmt(UNIT_GRANULARITY[letter], c.dct))) is not None:
        start = point[1]
    else:
        return False
    length = (add(start, 1, letter) - start).days
    return (c.dct - start).days + 1 <= share * length  # begun if it begins during the day


def _the_period(parts: Parts, c: Context) -> Resolved | None:
    """"The past year", "the last month", "the past decade": the stretch that ends at the
    document's time, one period long (P1Y, P1M, P10Y), as TIDES reads it ("last year"
    is the calendar year before); "the past hour" and "the last day" are spans too.
    "The last quarter" and "the last century" are the period before the document's
    (2024-Q2, 19), as is "the last year of" something, one of a row."""
    unit = c.lexicon.unit(parts["unit"])
    if unit is not None and not unit.time and (
            unit.letter in _ROW_UNITS or ("of" in parts and unit.letter != "D")):
        return "DATE", fmt(UNIT_GRANULARITY[unit.letter], add(c.dct, -1, unit.letter))
    value = duration_value(1, parts["unit"], c)
    return ("DURATION", value) if value else None


def _the_period_long(parts: Parts, c: Context) -> Resolved | None:
    """"Year-long", "decade-long": one period's span."""
    value = duration_value(1, parts["unit"], c)
    return ("DURATION", value) if value else None


def _plural(parts: Parts, c: Context) -> Resolved | None:
    value = duration_value("X", parts["unit"], c)
    return ("DURATION", value) if value else None


PERIOD_HANDLERS: dict[str, Callable[[Parts, Context], Resolved | None]] = {
    "period": _period, "the_year": _the_year, "endof": _end_of, "the_period": _the_period,
    "long": _the_period_long, "plural": _plural,
}
