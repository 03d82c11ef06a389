"""TimeML values of days and times of day: named days ("tomorrow", "tonight"), weekdays
and the weekend, parts of the day ("Friday morning", "the next evening") and clock
times ("at 6 a.m. Tuesday", "noon", "14:30"). A weekday with no direction word of its
own goes the way the governing verb points (``Context.direction``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from redline.extract.timex_calendar import fmt, weekday_near, year_for
from redline.extract.timex_context import Context, Parts, Resolved, key
from redline.extract.timex_lexicon import TimexLexicon

__all__ = ["DAY_HANDLERS", "month_number", "weekday_number"]


def month_number(text: str, lexicon: TimexLexicon) -> int:
    return lexicon.months[key(text).rstrip(".")]


def weekday_number(text: str, lexicon: TimexLexicon) -> int:
    return lexicon.weekdays[key(text).rstrip(".")]


def _weekend(parts: Parts, c: Context) -> Resolved | None:
    """"The weekend": this week's if it is here or the verb points ahead, else the last."""
    day = c.dct
    if c.direction != "future" and day.isoweekday() < 6:
        day -= timedelta(weeks=1)
    return "DATE", fmt("week", day) + "-WE"


def _day_part(parts: Parts, c: Context) -> Resolved | None:
    """"In the morning", "by mid afternoon": that part of the day the text is on."""
    return "TIME", f"{c.day.isoformat()}T{c.lexicon.parts_of_day[key(parts['pod'])]}"


def _part_of_day(parts: Parts, c: Context, day: date) -> Resolved:
    if "pod" in parts:
        return "TIME", f"{day.isoformat()}T{c.lexicon.parts_of_day[key(parts['pod'])]}"
    return "DATE", day.isoformat()


def _named(parts: Parts, c: Context) -> Resolved | None:
    if "present" in parts:
        return "DATE", "PRESENT_REF"  # "today's world"
    named = key(parts["named"])
    day = c.dct + timedelta(days=c.lexicon.days[named])
    if "pod" not in parts and named in c.lexicon.parts_of_day:
        parts = {**parts, "pod": named}  # "tonight": this day's night
    return _part_of_day(parts, c, day)


def _overnight(parts: Parts, c: Context) -> Resolved | None:
    """"Prices fell overnight": the night before the day the text is on; "will work
    overnight": that day's night."""
    day = c.day if c.direction == "future" else c.day - timedelta(days=1)
    return "TIME", f"{day.isoformat()}T{c.lexicon.parts_of_day[key(parts['overnight'])]}"


def _named_part(parts: Parts, c: Context) -> Resolved | None:
    named = key(parts["named"])
    pod = key(parts["pod"])
    if named == "last":
        day = c.dct - timedelta(days=1) if pod in ("night", "evening") else c.dct
    elif named == "this":
        day = c.dct
    elif named == "the next":
        day = c.day + timedelta(days=1)
    else:
        day = c.day
    return _part_of_day(parts, c, day)


def _weekday_value(parts: Parts, c: Context) -> Resolved | None:
    weekday = weekday_number(parts["wd"], c.lexicon)
    if "plural" in parts:
        pod = c.lexicon.parts_of_day[key(parts["pod"])]
        return "SET", f"XXXX-WXX-{weekday}T{pod}"
    rel = key(parts.get("rel", ""))
    if rel in ("last", "past"):
        day = weekday_near(c.dct - timedelta(days=1), weekday, "past")
    elif rel == "the previous":
        day = weekday_near(c.base[1] - timedelta(days=1), weekday, "past")
    elif rel == "the following":
        day = weekday_near(c.base[1], weekday, "future")
    elif rel in ("next", "coming", "this coming"):
        day = weekday_near(c.dct, weekday, "future")
    elif rel == "this":
        day = c.dct + timedelta(days=weekday - c.dct.isoweekday())
    elif c.present:  # "the summit opens Thursday": this day or a coming one
        day = c.dct + timedelta(days=(weekday - c.dct.isoweekday()) % 7)
    else:
        day = weekday_near(c.dct, weekday, c.direction)
    return _part_of_day(parts, c, day)


def _clock_day(parts: Parts, c: Context) -> date:
    if "wd" in parts:
        return weekday_near(c.dct, weekday_number(parts["wd"], c.lexicon), c.direction)
    if "named" in parts:
        return c.dct + timedelta(days=c.lexicon.days[key(parts["named"])])
    if "cmonth" in parts:
        month = month_number(parts["cmonth"], c.lexicon)
        day = int(re.sub(r"\D", "", parts["cday"]))
        return date(year_for(c.dct, month, day, c.direction), month, day)
    return c.day  # "at 10:35 a.m." after "on Friday": that Friday


def _clock(parts: Parts, c: Context) -> Resolved | None:
    hour = int(parts["hour"])
    if not 1 <= hour <= 12:
        return None
    hour = hour % 12 + (12 if parts["ampm"].lower().startswith("p") else 0)
    minute = parts.get("minute", "00")
    return "TIME", f"{_clock_day(parts, c).isoformat()}T{hour:02d}:{minute}"


def _clock24(parts: Parts, c: Context) -> Resolved | None:
    hour = int(parts.get("hour") or parts["hour4"])
    minute = parts.get("minute") or parts["minute4"]
    return "TIME", f"{_clock_day(parts, c).isoformat()}T{hour:02d}:{minute}"


#: The hours said with "o'clock" and nothing after them that are read after noon ("at
#: four o'clock" T16:00); the others are read as said ("at nine o'clock" T09:00).
_AFTERNOON_HOURS = range(1, 6)


def _oclock(parts: Parts, c: Context) -> Resolved | None:
    """"Seven o'clock" T07:00 and "four o'clock" T16:00 (``_AFTERNOON_HOURS``), "seven
    o'clock in the evening" T19:00, "nine o'clock p.m." T21:00, "two o'clock at night"
    T02:00, "half past nine" T09:30, "a quarter past ten at night" T22:15."""
    word = parts["hour"].lower()
    hour = int(word) if word.isdigit() else int(c.lexicon.numbers[word])
    said = parts.keys() & {"cpod", "campm", "cnight"}  # a half of the day said after it
    after_noon = (parts.get("campm", "").lower().startswith("p")
                  or parts.get("cpod", "").lower() in ("afternoon", "evening")
                  or ("cnight" in parts and hour >= 6)
                  or (not said and hour in _AFTERNOON_HOURS))
    if after_noon:
        hour = hour % 12 + 12
    elif said:
        hour %= 12
    if "cnight" in parts and hour == 12:
        hour = 24  # "twelve o'clock at night": midnight, as "midnight" is
    minute = {"": "00", "half": "30"}.get(key(parts.get("past", "")), "15")
    return "TIME", f"{_clock_day(parts, c).isoformat()}T{hour:02d}:{minute}"


def _noon(parts: Parts, c: Context) -> Resolved | None:
    hour = "24" if key(parts["noon"]) == "midnight" else "12"
    return "TIME", f"{_clock_day(parts, c).isoformat()}T{hour}:00"


DAY_HANDLERS: dict[str, Callable[[Parts, Context], Resolved | None]] = {
    "weekend": _weekend, "day_part": _day_part, "named": _named, "part_of_day": _named_part,
    "overnight": _overnight,
    "weekday": _weekday_value, "clock": _clock, "clock24": _clock24, "noon": _noon,
    "oclock": _oclock,
}
