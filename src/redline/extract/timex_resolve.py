"""TimeML values for the mentions ``timex_spans`` finds.

Deictic expressions ("Friday", "next week", "two years ago") count from the
document's creation time; anaphoric ones ("a year earlier", "the next day", "that
week") from the last absolute date the text resolved (the discourse reference
time). Where the text does not say which way to go ("Jan. 14", "Tuesday", "April"),
the tense of the governing verb does: future → the next one, past → the last one,
otherwise the nearest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from redline.extract.timex_calendar import (
    UNIT_GRANULARITY,
    Direction,
    add,
    coarser,
    fmt,
    parse,
    season_value,
    year_for,
)
from redline.extract.timex_context import Context, Parts, Resolved, duration_value, key
from redline.extract.timex_days import DAY_HANDLERS, month_number, weekday_number
from redline.extract.timex_named import NAMED_HANDLERS
from redline.extract.timex_periods import PERIOD_HANDLERS, half_of
from redline.extract.timex_spans import Mention

__all__ = ["Context", "Resolved", "resolve"]


def resolve(mention: Mention, context: Context) -> Resolved | None:
    """The (type, value) of ``mention``; None where it names no time after all."""
    try:
        return _HANDLERS[mention.kind](mention.parts, context)
    except (ValueError, KeyError, OverflowError):
        return None


def _direction_of(rel: str | None, context: Context) -> Direction:
    if rel is None:
        return context.direction
    step = context.lexicon.relative.get(key(rel).split()[-1], 0)
    return "past" if step < 0 else "future" if step > 0 else "nearest"


def _date(parts: Parts, c: Context) -> Resolved | None:
    month = month_number(parts.get("month") or parts["month2"], c.lexicon)
    day = int(re.sub(r"\D", "", parts.get("day") or parts["day2"]))
    direction = _direction_of(parts.get("rel"), c)
    year = int(parts["year"]) if "year" in parts else year_for(c.dct, month, day, direction)
    if "yrel" in parts:  # "March 3 next year"
        year = _named_year(parts, c)
    elif "tail" in parts and "year" not in parts and c.day_anchor is not None:
        year = c.day_anchor.year  # "from May 2 to 5": the year of the first day
    if "weekof" in parts:  # "the week of March 6"
        return "DATE", fmt("week", date(year, month, day))
    return "DATE", date(year, month, day).isoformat()


def _named_year(parts: Parts, c: Context) -> int:
    """The year "this year", "next year" or "last year" names."""
    return c.dct.year + c.lexicon.relative[key(parts["yrel"])]


def _iso(parts: Parts, c: Context) -> Resolved | None:
    return "DATE", date(int(parts["year"]), int(parts["month"]), int(parts["day"])).isoformat()


def _numeric(parts: Parts, c: Context) -> Resolved | None:
    year = int(parts["year"])
    if year < 100:
        year += 1900 if year > (c.dct.year % 100) + 10 else 2000
    return "DATE", date(year, int(parts["month"]), int(parts["day"])).isoformat()


def _month_value(parts: Parts, c: Context) -> Resolved | None:
    month = month_number(parts["month"], c.lexicon)
    if "year" in parts or "yrel" in parts:
        year = int(parts["year"]) if "year" in parts else _named_year(parts, c)
        return "DATE", f"{year:04d}-{month:02d}"
    rel = parts.get("rel")
    direction = _direction_of(rel, c)
    here = c.dct.month
    if rel and direction == "past" and month == here:
        year = c.dct.year - 1
    elif rel and direction == "future" and month == here:
        year = c.dct.year + 1
    elif rel and direction == "nearest":
        year = c.dct.year
    elif direction == "nearest":
        year = _month_year_nearest(c, month)
    else:
        year = year_for(c.dct.replace(day=1), month, 1, direction)
    return "DATE", f"{year:04d}-{month:02d}"


def _month_year_nearest(c: Context, month: int) -> int:
    """The year of a month named with no year and no direction: the coming one when it is
    at most ``nearest_months_ahead`` months ahead, else the last one begun, as news
    leans to the past ("rose to a high in June from $29.75 in March" on 30 October: the
    March behind; "the offer expires in February": the coming one)."""
    ahead = (month - c.dct.month) % 12
    if 0 < ahead <= c.lexicon.nearest_months_ahead:
        return c.dct.year + (c.dct.month + ahead > 12)
    return c.dct.year if month <= c.dct.month else c.dct.year - 1


def _season(parts: Parts, c: Context) -> Resolved | None:
    letter = c.lexicon.seasons[key(parts["season"])]
    if "year" in parts:
        return "DATE", f"{int(parts['year']):04d}-{letter}"
    rel = key(parts.get("rel", "the"))
    if rel == "that":  # "that summer": the summer of the year the text is on
        return "DATE", f"{c.base[1].year:04d}-{letter}"
    if "the" in parts:  # "the following spring": after the time the text is on
        granularity, start = c.base
        if c.lexicon.relative.get(rel, 0) > 0 and granularity in _STEPS:
            start = add(start, 1, _STEPS[granularity]) - timedelta(days=1)  # its last day
        c = replace(c, dct=start)
    current = season_value(c.dct)
    starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
    here = date(int(current[:4]), starts[current[5:]], 1)
    candidates = [date(year, starts[letter], 1) for year in range(c.dct.year - 2, c.dct.year + 2)]
    # "this spring" goes the way the verb points ("resumed this spring": the last one)
    direction = c.direction if rel in ("this", "current") else _direction_of(
        None if rel == "the" else rel, c)
    strict = rel not in ("the", "this", "current")
    if direction == "past":
        chosen = max(d for d in candidates if (d < here if strict else d <= here))
    elif direction == "future":
        chosen = min(d for d in candidates if (d > here if strict else d >= here))
    elif rel in ("this", "current") and letter != "WI":
        # "by this fall" in May: the year's own; "this spring" in November: the next
        chosen = date(c.dct.year, starts[letter], 1)
        if add(chosen, 3, "M") <= c.dct:
            chosen = date(c.dct.year + 1, starts[letter], 1)
    else:
        chosen = min(candidates, key=lambda d: abs((d - here).days))
    return "DATE", f"{chosen.year:04d}-{letter}"


#: The period of each granularity, to step over one ("M" for a month).
_STEPS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "half": "H", "season": "Q",
          "year": "Y"}




def _year(parts: Parts, c: Context) -> Resolved | None:
    year = int(parts["year"])
    if "period" in parts and c.anchor is not None and c.anchor[0] == "quarter":
        # "the 1988 period" after a quarter: that quarter of 1988
        return "DATE", fmt("quarter", c.anchor[1].replace(year=year))
    if "fiscal" in parts and c.lexicon.fiscal_prefix:
        return "DATE", f"{c.lexicon.fiscal_prefix}{year:04d}"
    return half_of(parts, year) or ("DATE", f"{year:04d}")


def _spoken_year(parts: Parts, c: Context) -> Resolved | None:
    """"nineteen ninety-six" → 1996, "the year two thousand" → 2000 (transcripts spell
    years out); "January nineteen ninety-seven" → 1997-01."""
    if "century" in parts:
        rest = c.lexicon.amount(parts["decade"])
        if not isinstance(rest, int) or not 10 <= rest <= 99:
            return None
        year = (19 if key(parts["century"]) == "nineteen" else 20) * 100 + rest
    else:
        ones = c.lexicon.amount(parts["ones"]) if "ones" in parts else 0
        if not isinstance(ones, int):
            return None
        year = 2000 + ones
    if "month" in parts:
        return "DATE", f"{year:04d}-{month_number(parts['month'], c.lexicon):02d}"
    return "DATE", f"{year:04d}"


def _decade(parts: Parts, c: Context) -> Resolved | None:
    """"The 1990s" → 199; "the '90s": that decade of the document's century, or of the
    one before where it has not begun and the verb does not point ahead ("rose in the
    '90s" in 2024: 199; "will boom in the '30s": 203)."""
    text = parts["decade"]
    if not text.startswith("'"):
        return "DATE", f"{int(text) // 10:03d}"
    year = (c.dct.year // 100) * 100 + int(text[1:])
    if year > c.dct.year and c.direction != "future":
        year -= 100
    return "DATE", f"{year // 10:03d}"










def _quarter(parts: Parts, c: Context) -> Resolved | None:
    half = key(parts["unit"]) == "half"
    rel = key(parts.get("rel", ""))
    size = 6 if half else 3
    letter = "H" if half else "Q"
    current = (c.dct.month - 1) // size + 1
    last_done = add(date(c.dct.year, size * current - size + 1, 1), -1, letter)
    if "ord" in parts:
        number = c.lexicon.ordinals[key(parts["ord"])]
        if number > 12 // size:
            return None
        if "year" in parts or "year0" in parts:
            year = int(parts.get("year") or parts["year0"])
        elif "yrel" in parts:  # "the fourth quarter of last year"
            year = _named_year(parts, c)
        elif rel in ("year-earlier", "year-ago", "last", "previous"):
            year = c.dct.year - 1
        elif rel == "next":
            year = c.dct.year + 1
        elif "hyphen" in parts and number == (last_done.month - 1) // size + 1:
            # a quarter before a noun names a report's period: the one just ended ("will
            # report fourth-quarter results" in January), not "in the fourth quarter"
            year = last_done.year
        else:
            starts = date(c.dct.year, size * number - size + 1, 1)
            year = c.dct.year - 1 if starts > c.dct and c.direction != "future" else c.dct.year
            if c.direction == "future" and add(starts, 1, letter) <= last_done:
                # ahead, a quarter ended before the last one is next year's ("will rise in
                # the first quarter" on Dec. 30); the last one ended may still be reported
                # on ("expects to report a profit for the third quarter" in October)
                year = c.dct.year + 1
        return "DATE", f"{year:04d}-{letter}{number}"
    if half:
        return None
    anchor_quarter = c.anchor is not None and c.anchor[0] == "quarter"
    if rel in ("this", "current"):
        day = c.dct
    elif rel in ("next", "coming", "following"):
        day = add(c.dct, 1, "Q")
    elif rel in ("year-earlier", "year-ago"):
        day = add(_compared_quarter(c, last_done), -1, "Y")
    elif rel in ("same",):
        day = c.anchor[1] if c.anchor and anchor_quarter else last_done
    elif rel in ("latest", "most recent", "last", "previous", "past", "preceding"):
        day = last_done
    elif rel:
        return None
    else:
        day = c.anchor[1] if c.anchor and anchor_quarter else last_done
    if named_year := parts.get("year") or parts.get("year0"):
        day = day.replace(year=int(named_year))  # "the 1988 quarter": the same quarter then
    return "DATE", fmt("quarter", day)


def _quarter_code(parts: Parts, c: Context) -> Resolved | None:
    """"Q3 2012" is "the third quarter of 2012"; "H1" the first half."""
    ordinal = {"1": "1st", "2": "2nd", "3": "3rd", "4": "4th"}[parts["n"]]
    unit = "quarter" if parts["code"] == "Q" else "half"
    return _quarter({**{k: v for k, v in parts.items() if k == "year"}, "ord": ordinal,
                     "unit": unit}, c)


def _reported(parts: Parts, c: Context) -> Resolved | None:
    """"The latest period" of a report: the quarter the text last named, else the last
    quarter ended before the document's day; "the year-earlier period" is that quarter a
    year before."""
    if c.anchor is not None and c.anchor[0] == "quarter":
        day = c.anchor[1]
    else:
        day = add(date(c.dct.year, c.dct.month, 1), -3, "M")
    if key(parts["rel"]) in ("year-earlier", "year-ago"):
        ended = add(date(c.dct.year, (c.dct.month - 1) // 3 * 3 + 1, 1), -1, "Q")
        day = add(_compared_quarter(c, ended), -1, "Y")
    return "DATE", fmt("quarter", day)


def _compared_quarter(c: Context, last_done: date) -> date:
    """The quarter a year-ago comparison is made for: the one the text is on when it has
    ended, else the last one ended ("expects losses through the third quarter of 1990 ...
    in the year-ago period, it earned": the quarter reported, a year before)."""
    if c.anchor is not None and c.anchor[0] == "quarter" and c.anchor[1] <= last_done:
        return c.anchor[1]
    return last_done


def _month_quarter(parts: Parts, c: Context) -> Resolved | None:
    """"The July-September quarter": the quarter those three months make, the last one
    begun unless the verb points ahead."""
    first, last = month_number(parts["month"], c.lexicon), month_number(parts["last"], c.lexicon)
    if (last - first) % 12 != 2 or first % 3 != 1:
        return None
    ordinal = {1: "1st", 4: "2nd", 7: "3rd", 10: "4th"}[first]
    return _quarter({**{k: v for k, v in parts.items() if k == "year"}, "ord": ordinal,
                     "unit": "quarter"}, c)


def _month_day(parts: Parts, c: Context) -> Resolved | None:
    """"On the 25th": that day of the month the text last named, else of the month the
    tense points to from the document's day."""
    day = int(parts["day"])
    if c.anchor is not None and c.anchor[0] in ("day", "month"):
        base = c.anchor[1]
        return "DATE", date(base.year, base.month, day).isoformat()
    base = c.dct.replace(day=1)
    if c.direction == "past" and day > c.dct.day:
        base = add(base, -1, "M")
    elif c.direction == "future" and day < c.dct.day:
        base = add(base, 1, "M")
    return "DATE", date(base.year, base.month, day).isoformat()


def _quarter_ago(parts: Parts, c: Context) -> Resolved | None:
    """"The quarter a year ago": the reported quarter, a year before."""
    return _reported({"rel": "year-ago"}, c)


def _day_from(parts: Parts, c: Context) -> Resolved | None:
    """"The day before last Tuesday": the day next to the one named."""
    inner = _HANDLERS[parts["inner"]](
        {k: v for k, v in parts.items() if k not in ("inner", "shift")}, c)
    point = parse(inner[1]) if inner is not None and inner[0] == "DATE" else None
    if point is None or point[0] != "day":
        return None
    return "DATE", (point[1] + timedelta(days=int(parts["shift"]))).isoformat()


def _amount(parts: Parts, c: Context) -> int | str | None:
    amount = c.lexicon.amount(parts["num"]) if "num" in parts else 1
    if amount is not None and isinstance(amount, int) and parts.keys() & {"half", "frac"}:
        return f"{amount}.5"
    return amount


def _offset(parts: Parts, c: Context) -> Resolved | None:
    amount = _amount(parts, c)
    unit = c.lexicon.unit(parts["unit"])
    offset = c.lexicon.offsets[key(parts["offset"])]
    if amount is None or unit is None:
        return None
    if not isinstance(amount, int):
        return "DATE", "PAST_REF" if offset.sign < 0 else "FUTURE_REF"
    if unit.time:
        return None
    if "on_day" in parts:  # "three years ago today": that day, so many years back
        named = c.dct + timedelta(days=c.lexicon.days[key(parts["on_day"])])
        return "DATE", add(named, offset.sign * amount * unit.times, unit.letter).isoformat()
    granularity, base = c.base if offset.anaphoric else ("day", c.dct)
    target = UNIT_GRANULARITY[unit.letter]
    if c.anchor is not None and c.anchor[0] == "quarter" and unit.letter == "Y":
        granularity, base, target = "quarter", c.anchor[1], "quarter"
    day = add(base, offset.sign * amount * unit.times, unit.letter)
    return "DATE", fmt(coarser(target, granularity) if offset.anaphoric else target, day)


def _vague_offset(parts: Parts, c: Context) -> Resolved | None:
    """"Months ago" (PAST_REF), "years later" (FUTURE_REF); "hours later", "moments
    earlier": within the day the text is on, that day (its open day where the text has
    moved to a month or a year that does not hold it)."""
    unit = c.lexicon.unit(parts["unit"])
    if (unit is None or unit.time) and c.lexicon.offsets[key(parts["offset"])].anaphoric:
        return "DATE", _day_in_period(c) or c.day.isoformat()
    if unit is None:  # "moments ago"
        return "DATE", "PAST_REF" if c.lexicon.offsets[key(parts["offset"])].sign < 0 \
            else "FUTURE_REF"
    return _offset({**parts, "num": "several"}, c)


def _adj_offset(parts: Parts, c: Context) -> Resolved | None:
    """"year-earlier", "year-ago" compare with the period reported on: the quarter the
    text last named, else the document's time."""
    quarter = c.anchor if c.anchor is not None and c.anchor[0] == "quarter" else None
    deictic = Context(c.dct, c.direction, quarter, c.lexicon, c.day_anchor)
    return _offset({"num": "one", "unit": parts["unit"], "offset": "ago"}, deictic)


def _anaphoric(parts: Parts, c: Context) -> Resolved | None:
    rel = key(parts["rel"])
    steps = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0,
             "day before": -1, "day after": 1}
    unit = c.lexicon.units[key(parts.get("unit", "day"))] if "day" not in rel else (
        c.lexicon.units["day"])
    if "unit" in parts and "day" in rel:
        return None
    granularity = UNIT_GRANULARITY[unit.letter]
    if c.anchor is None and rel == "same":
        return None
    if unit.letter == "D" and (elsewhere := _day_in_period(c)):
        return "DATE", elsewhere  # "last October ... the next day": a day of that October
    base = c.day if unit.letter == "D" else c.base[1]
    day = add(base, 0 if "appos" in parts else steps[rel], unit.letter)
    if unit.letter == "WE":
        return "DATE", fmt("week", day) + "-WE"
    return "DATE", fmt(granularity, day)


def _day_in_period(c: Context) -> str | None:
    """"Killed last October ... crossed out that same day": once the text has moved from
    the last day it named to a month or a year that does not hold that day, the day
    meant is one of that period, left open (1998-10-XX); None where the last day named
    still stands."""
    if c.day_anchor is None or c.anchor is None or c.anchor[0] not in ("month", "year") \
            or not c.moved:
        return None
    start = c.anchor[1]
    month = c.anchor[0] == "month"
    if start <= c.day_anchor < add(start, 1, "M" if month else "Y"):
        return None
    return fmt(c.anchor[0], start) + ("-XX" if month else "-XX-XX")


def _that_period(parts: Parts, c: Context) -> Resolved | None:
    if c.anchor is None:
        return None
    unit = c.lexicon.units[key(parts["unit"])]
    if unit.letter == "D":
        if elsewhere := _day_in_period(c):
            return "DATE", elsewhere
        return ("DATE", c.day_anchor.isoformat()) if c.day_anchor else None
    return "DATE", fmt(coarser(UNIT_GRANULARITY[unit.letter], c.anchor[0]), c.anchor[1])


def _duration(parts: Parts, c: Context) -> Resolved | None:
    amount = _amount(parts, c)
    if amount is None:
        return None
    value = duration_value(amount, parts["unit"], c)
    return ("DURATION", value) if value else None








def _reference(parts: Parts, c: Context) -> Resolved | None:
    return "DATE", c.lexicon.references[key(parts["ref"])]


def _unnamed(parts: Parts, c: Context) -> Resolved | None:
    """"Will one day be", "would one day return": FUTURE_REF, the modal pointing ahead
    whatever the tense; "One day, soldiers came": PAST_REF; the phrase's own value where
    the verb points neither way."""
    if "modal" in parts:
        return "DATE", "FUTURE_REF"
    if "ind" in parts:
        given = c.lexicon.indefinite_times[key(parts["ind"])]
    else:
        given = c.lexicon.anaphoric_times[key(parts["then"])]
    return "DATE", {"past": "PAST_REF", "future": "FUTURE_REF"}.get(c.direction, given)


def _set(parts: Parts, c: Context) -> Resolved | None:
    return "SET", c.lexicon.sets[key(parts["set"])]


def _every(parts: Parts, c: Context) -> Resolved | None:
    """A repetition: "every Tuesday" XXXX-WXX-2, "every Tuesday night" XXXX-WXX-2TNI,
    "each morning" XXXX-XX-XXTMO, "each July" XXXX-07, "every two years" P2Y."""
    pods = c.lexicon.parts_of_day
    if "wd" in parts:
        weekday = weekday_number(parts["wd"].removesuffix("s"), c.lexicon)
        pod = f"T{pods[key(parts['pod'])]}" if "pod" in parts else ""
        return "SET", f"XXXX-WXX-{weekday}{pod}"
    if "daypod" in parts:
        if parts.keys() & {"num", "other"}:
            return None  # "every two mornings": no TimeML value
        return "SET", f"XXXX-XX-XXT{pods[key(parts['daypod'])]}"
    if "month" in parts:
        return "SET", f"XXXX-{month_number(parts['month'], c.lexicon):02d}"
    if "season" in parts:
        return "SET", f"XXXX-{c.lexicon.seasons[key(parts['season'])]}"
    amount = _amount(parts, c) if "num" in parts else (2 if "other" in parts else 1)
    value = duration_value(amount or 1, parts["unit"], c)
    return ("SET", value) if value else None


_HANDLERS: dict[str, Callable[[Parts, Context], Resolved | None]] = {
    "date": _date, "iso": _iso, "numeric": _numeric, "month": _month_value,
    "season": _season, "year": _year, "spoken_year": _spoken_year, "decade": _decade,
    "quarter": _quarter, "quarter_code": _quarter_code, "reported": _reported, "offset": _offset,
    "adj_offset": _adj_offset, "vague_offset": _vague_offset, "anaphoric": _anaphoric,
    "that_day": _that_period, "duration": _duration, "adj_duration": _duration,
    "reference": _reference, "indefinite": _unnamed, "then": _unnamed, "set": _set,
    "every": _every, "times_a": _every, "weekdays": _every, "year_quarter": _quarter,
    "quarter_ago": _quarter_ago,
    "day_from": _day_from, "month_quarter": _month_quarter, "month_day": _month_day,
    **DAY_HANDLERS, **NAMED_HANDLERS, **PERIOD_HANDLERS,
}
