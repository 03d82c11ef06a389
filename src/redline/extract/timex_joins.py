"""Passes over the mentions of a text that join or split them, or drop those no time:
"three years ago today" is one day, "2009-2019" two years, and nothing inside a web or
e-mail address is a time."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the passes run inside timex_spans.mentions
    from redline.extract.timex_spans import Mention

#: A web address or an e-mail address: the numbers and names in it are no times.
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s)\]>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def in_an_address(text: str, mention: Mention) -> bool:
    """The mention lies inside a URL or an e-mail address ("/2023/05/01/", "may.2024@")."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return any(m.start() <= mention.start - line_start < m.end()
               for m in _ADDRESS.finditer(line))


#: A noun right after a range, which makes it a range of numbers ("2019-2021 points").
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|to|through|at|when|as|but|in|for|the|a|an|period"
                         r"|was|were|is|are|had|has|have)\b)[a-z]")


def year_ranges(found: list[Mention], text: str) -> list[Mention]:
    """"From 2009-2019": two years that do not follow each other are the two ends of a
    range, each a date of its own ("2019-20" stays one season or fiscal year; "2019-2021
    points" is a range of numbers)."""
    split: list[Mention] = []
    for m in found:
        second = m.parts.get("year2", "")
        if (m.kind == "year_span" and len(second) == 4 and not m.parts.keys() & {"fiscal", "code"}
                and int(second) > int(m.parts["year"]) + 1 and not _NOUN_AFTER.match(text, m.end)):
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
