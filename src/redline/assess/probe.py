"""Try a red line on a text: which of its events would match, and why the near misses do not.

``redline lines test LINE FILE|-`` prints what ``probe`` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from redline.assess.evidence import assertion_of, official_assessment
from redline.assess.matching import happened, mismatches
from redline.assess.quotes import speaks_against
from redline.assess.reliability import load_grades
from redline.records import Event, RedLine, StoredEvent

#: An event failing at most this many constraints of a pattern is a near miss.
NEAR_MISS = 2


@dataclass(frozen=True)
class Probe:
    """One event against one pattern of the line."""

    indicator: str
    part: str | None
    event: StoredEvent
    failed: tuple[str, ...]  # constraints not met; empty for a match
    counts: bool  # a match presented as having happened (evidence, not speculation)
    note: str  # how it would count, or why it would not

    @property
    def matched(self) -> bool:
        return not self.failed


def event_record(event: Event, *, outlet: str | None = None) -> StoredEvent:
    """An analysed event as a stored one (with no id) from ``outlet``."""
    return StoredEvent(record=event, outlet=outlet)


def _note(line: RedLine, indicator: str, event: StoredEvent, counts: bool) -> str:
    grades = load_grades()
    if assertion_of(event) == "questioned":
        return "a question: asserts nothing"
    if counts:
        kind = "an official assessment" if official_assessment(event, grades) else \
            event.record.factuality_label
        return f"counts as having happened ({kind})"
    if indicator == "trigger" and speaks_against(event.record.sentence):
        return "speaks against the trigger (not known / not confirmed)"
    return f"speculated: {event.record.factuality_label}, does not count"


def probe(line: RedLine, events: list[Event], *, outlet: str | None = None
          ) -> list[Probe]:
    """Every match and near miss of ``events`` for the patterns of ``line``, in text order."""
    grades = load_grades()
    found: list[Probe] = []
    for event in events:
        record = event_record(event, outlet=outlet)
        for pattern in line.leaf_patterns:
            failed = mismatches(pattern, record)
            if len(failed) > NEAR_MISS or (failed and pattern.events and
                                           event.event not in pattern.events
                                           and len(failed) > 1):
                continue
            counts = not failed and assertion_of(record) != "questioned" and \
                happened(pattern, record, grades)
            note = _note(line, pattern.indicator, record, counts) if not failed else \
                "near miss"
            found.append(Probe(indicator=pattern.indicator, part=pattern.part, event=record,
                               failed=tuple(failed), counts=counts, note=note))
    return found


def probe_text(line: RedLine, text: str, *, published: datetime | None = None,
               outlet: str | None = None) -> list[Probe]:
    """Analyse ``text`` and probe ``line`` with its events."""
    from redline.extract import analyze

    return probe(line, analyze(text, published=published).events, outlet=outlet)
