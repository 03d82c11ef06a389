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
Kind = Literal["live", "look-back"]
Confidence = Literal["low", "moderate", "high"]

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
    """A pattern over stored events; every constraint given must hold, lists mean "any of".

    A composite pattern has ``any_of`` (one of its parts suffices) or ``all_of`` (a joint
    act: every part must be seen) and no constraints of its own; its parts inherit its
    ``min_factuality`` and ``accept_assessed``.
    """

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
    #: ``min_factuality: assessed``: an official assessment (asserted as an assessment by a
    #: source graded A-B) counts as having happened, as a probable claim.
    accept_assessed: bool = False
    corroboration: tuple[CorroborationRule, ...] = DEFAULT_CORROBORATION
    any_of: tuple[Pattern, ...] = ()
    all_of: tuple[Pattern, ...] = ()
    part: str | None = None  # set on the parts of a composite: "1", "2", ...

    @property
    def leaves(self) -> tuple[Pattern, ...]:
        """The patterns events are matched against: the parts of a composite, else itself."""
        return (*self.any_of, *self.all_of) or (self,)

    @property
    def all_objects(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(obj for leaf in self.leaves for obj in leaf.objects))


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

    @property
    def leaf_patterns(self) -> tuple[Pattern, ...]:
        return tuple(leaf for pattern in self.patterns for leaf in pattern.leaves)


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
    #: ICD 203 word and the probability behind it, for "the line has been crossed".
    likelihood: str | None = None
    probability: float | None = None
    confidence: Confidence | None = None
    #: "live": what redline concluded when it ran; "look-back": a verdict for a past as-of.
    kind: Kind = "live"
    #: The store as known by then: evidence stored up to this time (``computed`` unless a
    #: look-back asks what the store itself held at its as-of time).
    known_by: datetime | None = None
    reasons: list[str] = field(default_factory=list)  # how likelihood and confidence came

    @property
    def current(self) -> bool:
        """Computed for "now" rather than for a date in the past."""
        return self.kind == "live" and self.as_of == self.computed

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "line_id": self.line_id, "as_of": self.as_of.isoformat(),
            "computed": self.computed.isoformat(), "status": self.status,
            "evidence": self.evidence, "speculated": self.speculated,
            "assessments": self.assessments, "changed": self.changed,
            "moved_by_article": self.moved_by_article,
            "last_event_id": self.last_event_id, "last_quote_id": self.last_quote_id,
            "likelihood": self.likelihood, "probability": self.probability,
            "confidence": self.confidence, "kind": self.kind,
            "published_by": self.as_of.isoformat(),
            "known_by": (self.known_by or self.computed).isoformat(),
            "reasons": self.reasons,
        }
