"""Passes over the mentions of a text that join or split them, or drop those no time:
"three years ago today" is one day, "2009-2019" two years, "the day before last Tuesday"
one day, "the first two quarters of 1990" a half, and nothing inside a web or e-mail
address is a time."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the passes run inside timex_spans.mentions
    from redline.extract.timex_lexicon import TimexLexicon
    from redline.extract.timex_spans import Mention

#: A web address: the numbers and names in it are no times.
_URL = re.compile(r"(?:https?://|www\.)[^\s)\]>\"]+")
#: The domain of an e-mail address; its local part is found by stepping back from the "@",
#: so that a long run of name characters with no "@" is read once, not once per character.
_EMAIL_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)+")


def _local_part_start(text: str, at: int) -> int:
    """Where the local part of an e-mail address ending at the "@" at ``at`` begins."""
    start = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.+-"):
        start -= 1
    return start


def address_spans(text: str) -> bytearray:
    """Which characters of ``text`` lie inside a URL or an e-mail address ("/2023/05/01/",
    "may.2024@"), found in one pass over the text: 1 inside, 0 outside."""
    inside = bytearray(len(text) + 1)
    spans = [m.span() for m in _URL.finditer(text)]
    for m in _EMAIL_DOMAIN.finditer(text):
        start = _local_part_start(text, m.start())
        if start < m.start():
            spans.append((start, m.end()))
    for start, end in spans:
        inside[start:end] = b"\1" * (end - start)
    return inside


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")


def _years_between(text: str, start: int, end: int, lexicon: TimexLexicon) -> bool:
    """"From 2009-2019", "the 2009-2019 period": a word of ``year_range_before`` before
    the range, or a period noun of ``year_range_after`` after it, makes it one of years;
    a count noun after it one of numbers ("from 2019-2021 points"), as is a bare range
    ("rose to 1900-2000", "18 U.S.C. 1961-1968", "pages 1998-2005")."""
    after = _WORD_AFTER.match(text, end)
    following = after.group(1) if after else ""
    if following.lower() in lexicon.year_range_after:
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    if before is None or before.group(1).lower() not in lexicon.year_range_before:
        return False
    return not following[:1].islower() or following in lexicon.year_range_followers


def year_ranges(found: list[Mention], text: str, lexicon: TimexLexicon) -> list[Mention]:
    """"From 2009-2019": two years that do not follow each other are the two ends of a
    range, each a date of its own ("2019-20" stays one season or fiscal year)."""
    split: list[Mention] = []
    for m in found:
        second = m.parts.get("year2", "")
        if (m.kind == "year_span" and len(second) == 4 and not m.parts.keys() & {"fiscal", "code"}
                and int(second) > int(m.parts["year"]) + 1
                and _years_between(text, m.start, m.end, lexicon)):
            split.append(replace(m, end=m.start + 4, kind="year", parts={"year": m.parts["year"]}))
            split.append(replace(m, start=m.end - 4, kind="year", parts={"year": second}))
            continue
        split.append(m)
    return split


def ago_on_a_day(found: list[Mention], text: str) -> list[Mention]:
    """"Three years ago today", "a year ago yesterday": one expression, the day that many
    periods before the day named."""
    merged: list[Mention] = []
    for mention in found:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.kind == "offset" and mention.kind == "named"
                and previous.parts["offset"].lower() == "ago"
                and not mention.parts.keys() - {"named"}
                and text[previous.end:mention.start].isspace()):
            merged[-1] = replace(previous, end=mention.end,
                                 parts={**previous.parts, "on_day": mention.parts["named"]})
            continue
        merged.append(mention)
    return merged


def _key(word: str) -> str:
    return " ".join(word.lower().split())


_OF_THE_YEAR = re.compile(r"\s+of\s+", re.I)


def halves_of_years(found: list[Mention], text: str, lexicon: TimexLexicon) -> list[Mention]:
    """"The first two quarters of 1990": one expression, the first half of 1990 (which half
    by ``half_quarters``)."""
    halves = lexicon.half_quarters
    merged: list[Mention] = []
    for mention in found:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.kind == "duration" and mention.kind == "year"
                and not mention.parts.keys() - {"year"}
                and _key(previous.parts.get("rel", "")) in halves
                and _key(previous.parts["num"]) in ("two", "2")
                and previous.parts["unit"].lower() == "quarters"
                and not previous.parts.keys() & {"approx", "frac", "half"}
                and _OF_THE_YEAR.fullmatch(text, previous.end, mention.start)):
            merged[-1] = replace(previous, end=mention.end, kind="quarter", parts={
                "ord": halves[_key(previous.parts["rel"])], "unit": "half",
                "year": mention.parts["year"]})
            continue
        merged.append(mention)
    return merged


_JOINED = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*", re.I)


def weekday_sets(found: list[Mention], text: str) -> list[Mention]:
    """"On Monday and Tuesday nights": a weekday joined to the weekdays of a plural part
    of day shares it, and repeats as they do."""
    for i in range(len(found) - 2, -1, -1):
        first, second = found[i], found[i + 1]
        if (first.kind == second.kind == "weekday" and "plural" in second.parts
                and not first.parts.keys() & {"pod", "rel", "mod"}
                and _JOINED.fullmatch(text, first.end, second.start)):
            found[i] = replace(first, parts={**first.parts, "pod": second.parts["pod"],
                                             "plural": "s"})
    return found


_THE_BEFORE = re.compile(r"(?i)\bthe\s+(?=$)")


def compared_spans(found: list[Mention], text: str) -> list[Mention]:
    """"The year-earlier nine months": one span of nine months, the comparison a
    modifier of it, as in "the year-earlier quarter"."""
    merged: list[Mention] = []
    for mention in found:
        previous = merged[-1] if merged else None
        the = _THE_BEFORE.search(text, max(0, previous.start - 6), previous.start) \
            if previous is not None else None
        if (previous is not None and the is not None and previous.kind == "adj_offset"
                and mention.kind == "duration"
                and not text[previous.end:mention.start].strip()):
            merged[-1] = replace(mention, start=the.start())
            continue
        merged.append(mention)
    return merged


_DAY_KINDS = frozenset({"weekday", "date", "named", "holiday"})


def days_from(found: list[Mention], text: str) -> list[Mention]:
    """"The day before last Tuesday", "the day after Christmas": one expression, the day
    next to the one named."""
    merged: list[Mention] = []
    for mention in found:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.kind == "anaphoric" and "the" in previous.parts
                and previous.parts["rel"].lower().split()[-1] in ("before", "after")
                and mention.kind in _DAY_KINDS
                and not text[previous.end:mention.start].strip()):
            shift = "-1" if previous.parts["rel"].lower().endswith("before") else "1"
            merged[-1] = replace(previous, end=mention.end, kind="day_from",
                                 parts={**mention.parts, "inner": mention.kind, "shift": shift})
            continue
        merged.append(mention)
    return merged
