"""Sizes of what an event involves.

"approximately 10,000 soldiers" -> Size(10000, "soldiers", "approximate").
"""

from __future__ import annotations

import re
from typing import Any

from redline.records import Size, SizeQualifier

_QUALIFIERS: dict[str, SizeQualifier] = {
    "approximately": "approximate", "about": "approximate", "around": "approximate",
    "roughly": "approximate", "some": "approximate", "nearly": "approximate",
    "almost": "approximate", "estimated": "approximate", "an estimated": "approximate",
    "up to": "upper_bound", "fewer than": "upper_bound", "less than": "upper_bound",
    "under": "upper_bound", "at most": "upper_bound", "no more than": "upper_bound",
    "over": "lower_bound", "more than": "lower_bound", "at least": "lower_bound",
    "upwards of": "lower_bound", "in excess of": "lower_bound", "above": "lower_bound",
    "exactly": "exact",
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                 "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
                 "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
                 "a": 1}
_VAGUE = {"dozens", "hundreds", "thousands"}
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def parse_number(words: list[str]) -> tuple[int, bool] | None:
    """``["1.5", "million"]`` -> (1500000, False); the flag says the number was vague."""
    value: float | None = None
    vague = False
    for word in words:
        lower = word.lower().replace("-", "")
        if _NUMBER.match(lower):
            if value is not None:  # two numbers in a row: a range or a list, not one count
                return None
            value = float(lower.replace(",", ""))
        elif lower in _SCALES and value is not None:
            value *= _SCALES[lower]
        elif lower in _WORD_NUMBERS and value is None:
            value = _WORD_NUMBERS[lower]
            vague = lower in _VAGUE
        elif lower in _SCALES:
            value = _SCALES[lower]
        else:
            return None
    return (int(value), vague) if value is not None else None


def _qualifier(before: list[str]) -> SizeQualifier | None:
    joined = " ".join(w.lower() for w in before[-3:])
    for length in (3, 2, 1):
        key = " ".join(joined.split()[-length:])
        if key in _QUALIFIERS:
            return _QUALIFIERS[key]
    return None


def size_of(noun: Any) -> Size | None:
    """The count attached to a noun token by ``nummod`` ("10,000 soldiers"), with its qualifier."""
    numbers = [child for child in noun.children if child.dep_ == "nummod" and child.i < noun.i]
    if not numbers:
        return None
    number = numbers[-1]
    tokens = [t for t in number.subtree if t.i <= number.i or t.like_num]
    number_words = [t.text for t in tokens if t.like_num or t.lower_ in _SCALES]
    parsed = parse_number(number_words)
    if parsed is None or parsed[0] <= 0:
        return None
    value, vague = parsed
    doc = noun.doc
    start = min(t.i for t in tokens)
    before = [t.text for t in doc[max(0, start - 3) : start]]
    before += [t.text for t in tokens if not (t.like_num or t.lower_ in _SCALES)]
    qualifier = _qualifier(before) or ("approximate" if vague else "exact")
    text = doc[start : noun.i + 1].text
    lead = _qualifier_span(doc, start)
    if lead is not None:
        text = doc[lead : noun.i + 1].text
    return Size(value, noun.text, qualifier, text)


def _qualifier_span(doc: Any, start: int) -> int | None:
    for length in (3, 2, 1):
        if start - length < 0:
            continue
        key = doc[start - length : start].text.lower()
        if key in _QUALIFIERS:
            return start - length
    return None


def first_size(heads: list[Any]) -> Size | None:
    """The size of the first of ``heads`` that has one."""
    for head in heads:
        size = size_of(head)
        if size is not None:
            return size
    return None
