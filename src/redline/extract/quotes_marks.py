"""Quotation spans in a text: curly or straight marks, nested, across paragraphs.

A mark may be two characters long: newswire archives spell a double quotation
mark as two apostrophes (''...,'' he said).

A quotation that is still open at the end of a paragraph continues when the
next paragraph opens with a quotation mark (the newspaper convention for a
quote running over several paragraphs); otherwise it ends with its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_OPENERS_BEFORE = frozenset("([{—–-/")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Char spans of the paragraphs of ``text`` (stripped).

    In hard-wrapped text (most lines 50-80 characters long) paragraphs are
    separated by blank lines; elsewhere every line break ends one.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    breaks = _PARAGRAPH_BREAK if is_hard_wrapped(text) else _LINE_BREAK
    for gap in breaks.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    return [_strip(text, a, b) for a, b in spans if text[a:b].strip()]


def is_hard_wrapped(text: str) -> bool:
    """Whether ``text`` breaks its lines at a fixed width (transcripts, reports)."""
    lines = [len(line) for line in text.splitlines() if line.strip()]
    wrapped = sum(1 for n in lines if 50 <= n <= 80)
    return len(lines) >= 4 and wrapped >= 0.5 * len(lines)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_opening(text: str, index: int, width: int = 1) -> bool:
    """Whether the mark at ``index`` (``width`` characters long) opens a quotation
    (judged by its neighbours too)."""
    mark = text[index]
    before = text[index - 1] if index > 0 else " "
    after = text[index + width] if index + width < len(text) else " "
    space_before = before.isspace() or before in _OPENERS_BEFORE
    if mark in OPENING:
        return not (not space_before and (after.isspace() or after in ",.;:!?"))
    if mark in CLOSING:
        return space_before and not after.isspace() and after not in ",.;:!?"
    return space_before and not after.isspace()


def _marks(text: str, start: int, end: int, marks: frozenset[str]) -> Iterator[tuple[int, int]]:
    """``(index, width)`` of each quotation mark in ``text[start:end]``, a longer mark
    before a shorter one at the same place."""
    for match in _mark_pattern(marks).finditer(text, start, end):
        yield match.start(), match.end() - match.start()


@lru_cache(maxsize=8)
def _mark_pattern(marks: frozenset[str]) -> re.Pattern[str]:
    ordered = sorted((m for m in marks if m), key=lambda m: (-len(m), m))
    return re.compile("|".join(re.escape(m) for m in ordered) or "(?!)")


def starts_quotation(text: str, index: int, marks: frozenset[str]) -> bool:
    """Whether an opening quotation mark stands at ``index``."""
    for width, mark in sorted(((len(m), m) for m in marks), reverse=True):
        if text.startswith(mark, index):
            return is_opening(text, index, width)
    return False


def quotation_spans(text: str, marks: frozenset[str]) -> list[tuple[int, int]]:
    """Outermost quotations as ``(start, end)`` char spans that include their marks.

    Kept for the last few texts: the quote and the argument readers both ask for the
    spans of the same text."""
    return list(_quotation_spans(text, marks))


@lru_cache(maxsize=4)
def _quotation_spans(text: str, marks: frozenset[str]) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    blocks = paragraphs(text)
    for number, (start, end) in enumerate(blocks):
        depth = 0
        for index, width in _marks(text, start, end, marks):
            if is_opening(text, index, width):
                if depth == 0 and open_at is None:
                    open_at = index
                depth += 1
            elif depth > 0:
                depth -= 1
                if depth == 0 and open_at is not None:
                    spans.append((open_at, index + width))
                    open_at = None
        if open_at is None:
            continue
        following = blocks[number + 1][0] if number + 1 < len(blocks) else None
        if following is not None and starts_quotation(text, following, marks):
            continue  # the quotation runs on into the next paragraph
        spans.append((open_at, end))
        open_at = None
    return tuple(spans)
