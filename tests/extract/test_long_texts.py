"""A long text yields the quotes and events of its parts: attribution is local to its
paragraphs, so joining articles changes neither what is found nor who says it."""

from __future__ import annotations

import pytest

import redline
from redline.extract import analyze_many
from redline.records import Analysis

# Self-contained invented parts: each names its own speakers.
PARTS = [
    'Defence Minister Kim Ha-neul said on Monday that the army had moved two brigades '
    'to the border.\n\n"We will not be intimidated," Kim said. "Our forces are ready."\n\n'
    'He added that Seoul would send artillery shells to Poland next month.',
    'Russia shipped grain to Egypt last week, according to the Egyptian trade ministry.\n\n'
    'A ministry spokeswoman, Nadia Farouk, told reporters: "The cargo arrived on time."',
    'The weather in the capital was mild and dry.\n\nShops opened late on the holiday.',
    'Foreign Minister Lee Do-yoon warned that North Korea may transfer missile technology '
    'to Iran.\n\n"That would cross a line," Lee said, "and we would respond."\n\n'
    'Officials in Tokyo denied that Japan had sent troops to the region.',
    'Police arrested 40 protesters in Minsk on Saturday, the Viasna rights group said.',
]


def _keys(analysis: Analysis, offset: int) -> tuple[set[tuple[object, ...]], ...]:
    quotes = {(q.content_span[0] + offset, q.content_span[1] + offset, q.speaker, q.kind,
               q.cue) for q in analysis.quotes}
    events = {(e.span[0] + offset, e.span[1] + offset, e.event, e.actor, e.recipient,
               e.factuality_label, e.attributed_text) for e in analysis.events}
    return quotes, events


def _parts_keys(parts: list[str], separator: str) -> tuple[set[tuple[object, ...]], ...]:
    quotes: set[tuple[object, ...]] = set()
    events: set[tuple[object, ...]] = set()
    offset = 0
    for part, analysis in zip(parts, analyze_many([(p, "2024-10-20") for p in parts]),
                              strict=True):
        part_quotes, part_events = _keys(analysis, offset)
        quotes |= part_quotes
        events |= part_events
        offset += len(part) + len(separator)
    return quotes, events


@pytest.mark.parametrize("copies", [1, 8])
def test_joined_text_yields_the_quotes_and_events_of_its_parts(copies: int) -> None:
    parts = PARTS * copies
    separator = "\n\n"
    whole = redline.analyze(separator.join(parts), published="2024-10-20")
    expected_quotes, expected_events = _parts_keys(parts, separator)
    quotes, events = _keys(whole, 0)
    assert expected_quotes and expected_events  # the parts do hold quotes and events
    assert quotes == expected_quotes
    assert events == expected_events


def test_a_part_with_nothing_adds_nothing() -> None:
    quiet = PARTS[2]
    analysis = redline.analyze(quiet, published="2024-10-20")
    assert analysis.quotes == [] and analysis.events == []


TRANSCRIPT = ("MR. HALE:  Good afternoon.  We have two items today.\n\n"
              "Q    Will the navy send ships to the strait?\n\n"
              "MR. HALE:  The navy sent two ships there on Friday.")


@pytest.mark.xfail(strict=True, reason="a transcript's last turn runs to the end of the text: "
                   "joined after it, the next article is read as that turn")
def test_a_transcript_part_keeps_to_itself() -> None:
    parts = [TRANSCRIPT, PARTS[0]]
    separator = "\n\n"
    whole = redline.analyze(separator.join(parts), published="2024-10-20")
    assert _keys(whole, 0) == _parts_keys(parts, separator)
