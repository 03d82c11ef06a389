"""Transcript turns: in a briefing transcript every turn is a quote of its label.

A label opens a line: ``MR. KIRBY:``, ``THE PRESIDENT:``, ``MODERATOR:`` (capitals
and a colon) or ``Q`` (a reporter's question). A turn runs to the next label.
A text is read as a transcript only when it has at least two labelled turns.
A headline of the form "Name: words" is a statement of that name too.
"""

from __future__ import annotations

import re

from redline.extract.quotes_spans import Attribution, Span, trim

_LABEL = re.compile(
    r"^[ \t]*[\"“]?(?P<label>Q(?=[ \t\u00a0]{2,}|\t|:)|[A-Z][A-Z.'’\- ]{0,40}[A-Z.](?=:))"
    r"(?P<colon>:?)[ \t\u00a0]*",
    re.MULTILINE,
)
# Lines that close a turn without opening another: a time stamp, END.
_CLOSING = re.compile(r"^[ \t]*(?:\d{1,2}:\d{2}\s*[AP]\.?M\.?.*|END|\\?###)[ \t]*$", re.MULTILINE)
_HEADLINE = re.compile(r"(?P<label>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})(?P<colon>:)\s+\S")
MIN_TURNS = 2
MIN_HEADLINE_WORDS = 3


def transcript_turns(text: str) -> list[Attribution]:
    """One attribution per labelled turn, the label as speaker; none for a non-transcript."""
    labels = [m for m in _LABEL.finditer(text) if _is_label(m.group("label"))]
    if len(labels) < MIN_TURNS:
        return []
    turns: list[Attribution] = []
    closings = [m.start() for m in _CLOSING.finditer(text)]
    for number, match in enumerate(labels):
        end = labels[number + 1].start() if number + 1 < len(labels) else len(text)
        end = min([end] + [c for c in closings if match.end() <= c < end])
        content = trim(text, (match.end(), end), " \t\r\n\u00a0")
        if content[1] <= content[0]:
            continue
        colon = (match.start("colon"), match.end("colon")) if match.group("colon") else None
        turns.append(Attribution(
            content=content, kind="direct", cue=colon,
            source=(match.start("label"), match.end("label")), label=match.group("label")))
    return turns


def _is_label(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return label == "Q" or (len(letters) >= 2 and all(c.isupper() for c in letters))


def headline_statement(text: str, headline: Span) -> Attribution | None:
    """'Pence: Flowers Won't Be at Debate' as a statement of its label."""
    match = _HEADLINE.match(text, headline[0], headline[1])
    if match is None:
        return None
    content = trim(text, (match.end("colon"), headline[1]), " \t")
    if len(text[content[0]:content[1]].split()) < MIN_HEADLINE_WORDS:
        return None
    return Attribution(
        content=content, kind="direct", cue=(match.start("colon"), match.end("colon")),
        source=(match.start("label"), match.end("label")), label=match.group("label"))


def label_spans(text: str) -> list[Span]:
    """Char spans of the turn labels opening lines of ``text`` ("Q", "MR. KIRBY:")."""
    return [(m.start("label"), m.end("label")) for m in _LABEL.finditer(text)
            if _is_label(m.group("label"))]
