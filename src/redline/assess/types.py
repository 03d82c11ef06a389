"""The nouns of assessment: red lines, the patterns they watch for, and verdicts.

A leaf module (imports nothing from redline.store) so that the store can return these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Status = Literal["not_crossed", "precursors_seen", "reported_crossed", "crossed"]
Says = Literal["not_crossed", "crossed", "approaching"]
Role = Literal["trigger", "precursor"]

#: Verdict statuses, from least to most serious.
STATUSES: tuple[Status, ...] = ("not_crossed", "precursors_seen", "reported_crossed", "crossed")
#: Admiralty source reliability, best first; F is "reliability cannot be judged".
GRADES = ("A", "B", "C", "D", "E", "F")
RELIABILITY_WORDS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_WORDS = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


@dataclass(frozen=True)
class CorroborationRule:
    """Enough corroboration: ``sources`` independent sources graded ``reliability`` or better.

    With ``official`` only government sources (agencies, official outlets) count.
    """

    sources: int = 1
    reliability: str = "F"
    official: bool = False

    def describe(self) -> str:
        kind = "official source" if self.official else "independent source"
        plural = "s" if self.sources > 1 else ""
        grade = "any grade" if self.reliability == "F" else f"graded {self.reliability} or better"
        return f"{self.sources} {kind}{plural}, {grade}"


#: One official source graded A/B, or two independent sources of any grade.
DEFAULT_CORROBORATION = (
    CorroborationRule(sources=1, reliability="B", official=True),
    CorroborationRule(sources=2, reliability="F"),
)


@dataclass(frozen=True)
class Pattern:
    """A pattern over stored events; every constraint given must hold, lists mean "any of"."""

    indicator: str  # "trigger" for the trigger, the precursor's name otherwise
    description: str = ""
    actors: tuple[str, ...] = ()  # "RUS" also matches "RUS-MIL"
    events: tuple[str, ...] = ()  # PLOVER event types
    recipients: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()  # keywords over what changes hands
    locations: tuple[str, ...] = ()  # keywords over the event's location
    min_factuality: float = 2.5
    corroboration: tuple[CorroborationRule, ...] = DEFAULT_CORROBORATION


@dataclass(frozen=True)
class RedLine:
    """A declared red line: "if <trigger>, <declared_by> will <consequence>"."""

    id: str
    title: str
    declared_by: str
    trigger: Pattern
    declared: str | None = None
    source: str | None = None
    precursors: tuple[Pattern, ...] = ()
    consequence: str = ""
    options: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # extra words that mark a quote as being about this line
    spec: dict[str, Any] = field(default_factory=dict, compare=False)  # as written in the file
    updated: datetime | None = field(default=None, compare=False)  # when last stored

    @property
    def patterns(self) -> tuple[Pattern, ...]:
        return (self.trigger, *self.precursors)


@dataclass(frozen=True)
class Verdict:
    """What was known about a line at ``as_of``; the JSON lists follow the verdicts table."""

    line_id: str
    as_of: datetime
    computed: datetime
    status: Status
    evidence: list[dict[str, Any]] = field(default_factory=list)
    speculated: list[dict[str, Any]] = field(default_factory=list)
    assessments: list[dict[str, Any]] = field(default_factory=list)
    changed: dict[str, Any] = field(default_factory=dict)
    moved_by_article: str | None = None
    last_event_id: int | None = None
    last_quote_id: int | None = None
    id: int | None = None

    @property
    def current(self) -> bool:
        """Computed for "now" rather than for a date in the past."""
        return self.as_of == self.computed

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "line_id": self.line_id, "as_of": self.as_of.isoformat(),
            "computed": self.computed.isoformat(), "status": self.status,
            "evidence": self.evidence, "speculated": self.speculated,
            "assessments": self.assessments, "changed": self.changed,
            "moved_by_article": self.moved_by_article,
            "last_event_id": self.last_event_id, "last_quote_id": self.last_quote_id,
        }
