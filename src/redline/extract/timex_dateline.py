"""The day a transcript's date line names: the deictic anchor of its text.

A transcript or statement may open with a heading of short lines: the place, a date
line ("May 3, 2023", "(March 16, 2024)", "MAY 3, 2023") and the clock time the remarks
began. Such a text is often published a day or more after it was spoken, and "today",
"tonight" and "yesterday" in it count from the day its date line names, not from the
day it was published.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from redline.extract.timex_calendar import parse
from redline.extract.timex_context import Context
from redline.extract.timex_lexicon import TimexLexicon
from redline.extract.timex_resolve import resolve
from redline.extract.timex_spans import mentions

#: How far into the text, and how many of its lines, the heading may run.
HEADING_CHARS = 600
HEADING_LINES = 10
#: A heading line is short; the first long line is the body.
HEADING_LINE_CHARS = 80
#: The date line names a day at most this long before publication, or one day after
#: it (a text published late on the evening before, in another time zone).
EARLIEST = timedelta(days=31)
LATEST = timedelta(days=1)
#: What may enclose the date on its line: markup and brackets.
_ENCLOSING = " \t*_()[]"


def text_day(text: str, published: date, lexicon: TimexLexicon) -> date:
    """The day the text's date line names where it differs from ``published`` by no more
    than a month before or a day after; else ``published``. The date line is one of the
    heading: the first prose line ends it, and a list item or a line that carries on the
    words of the line before it is none."""
    lines = text[:HEADING_CHARS].splitlines()
    previous = ""
    for line in lines[:HEADING_LINES]:
        stripped = line.strip(_ENCLOSING + "\xa0")
        if not stripped:
            continue
        if len(stripped) > HEADING_LINE_CHARS or _is_prose(stripped):
            break
        day = None if _LIST_ITEM.match(line) or _carries_on(previous) else (
            _date_line(stripped, published, lexicon))
        if day is not None and published - EARLIEST <= day <= published + LATEST:
            return day
        previous = stripped
    return published


#: A heading line names places and times; a line with this many lowercase words is prose.
PROSE_WORDS = 3
_LOWER_WORD = re.compile(r"(?<![\w’'])[a-z][\w’']*")
#: A bulleted or numbered list item ("* March 1, 2024", "- May 3", "2. June 1, 2024").
_LIST_ITEM = re.compile(r"\s*(?:[*+\-•]|\d+[.)])\s")


def _is_prose(line: str) -> bool:
    """A line of running words ("this story was first published on") ends the heading."""
    return len(_LOWER_WORD.findall(line)) >= PROSE_WORDS


def _carries_on(previous: str) -> bool:
    """The line before ends on a lowercase word ("first published on"): the next line
    carries on its sentence."""
    words = previous.rstrip(_ENCLOSING + "\xa0").split()
    return bool(words) and words[-1][:1].islower()


def _date_line(line: str, published: date, lexicon: TimexLexicon) -> date | None:
    """The day a line holding a full date and nothing else names ("May 3, 2023",
    "Wednesday, May 3, 2023")."""
    found = mentions(line, lexicon)
    if len(found) != 1 or found[0].kind != "date" or "year" not in found[0].parts:
        return None
    mention = found[0]
    if mention.start != 0 or line[mention.end:].strip(_ENCLOSING + ".,"):
        return None
    resolved = resolve(mention, Context(published, "nearest", None, lexicon))
    point = parse(resolved[1]) if resolved is not None else None
    return point[1] if point is not None and point[0] == "day" else None
