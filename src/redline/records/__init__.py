"""The nouns of redline: typed, frozen records passed between pipeline stages.

Each record is declared once, here. Its flat forms (a table row, a JSON object, an API
model) are derived from the declaration by ``flat``, ``flat_fields`` and ``from_flat``
(``redline.records.flat_form``): a :class:`Size` becomes ``size``, ``size_unit`` and
``size_qualifier``, a :class:`TimeRef` ``date_start``, ``date_end``, ``date_granularity``
and ``date_text``, a span ``X_span`` (or ``span``) ``X_start`` and ``X_end``, a tuple a
list, and the record a stored one holds its own flat values.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

Granularity = Literal["day", "month", "year", "interval"]
SizeQualifier = Literal["exact", "approximate", "lower_bound", "upper_bound"]
QuoteKind = Literal["direct", "indirect", "mixed"]
#: How the source of an event commits to it: stated as fact ("the NIS confirmed"), an
#: assessment ("we assess", "we believe"), a report ("said", "according to"), hearsay
#: ("reportedly", "allegedly", unnamed sources) or a question (a transcript's "Q").
Assertion = Literal["asserted", "assessed", "reported", "hearsay", "questioned"]

# FactBank-style scale: label -> representative value on -3..+3.
FACTUALITY_LABELS: dict[str, float] = {
    "confirmed": 3.0,
    "reported": 2.5,
    "probable": 2.0,
    "possible": 1.0,
    "conditional": 0.5,
    "unconfirmed": 0.0,
    "denied": -3.0,
}
#: Labels under which an event may be presented as having happened.
HAPPENED_LABELS = frozenset({"confirmed", "reported"})


class TimeRef(str):
    """A resolved time expression.

    The string value is ISO-like: ``2024-10-18`` (day), ``2024-10`` (month),
    ``2024`` (year) or ``2024-10-01/2024-10-17`` (interval), so it compares
    equal to the plain strings analysts write; ``start``/``end`` bound it.
    """

    start: date
    end: date
    granularity: Granularity
    text: str

    def __new__(cls, start: date, end: date, granularity: Granularity, text: str = "") -> TimeRef:
        if granularity == "day":
            value = start.isoformat()
        elif granularity == "month":
            value = f"{start.year:04d}-{start.month:02d}"
        elif granularity == "year":
            value = f"{start.year:04d}"
        else:
            value = f"{start.isoformat()}/{end.isoformat()}"
        obj = super().__new__(cls, value)
        obj.start, obj.end, obj.granularity, obj.text = start, end, granularity, text
        return obj

    def __reduce__(self) -> tuple[object, ...]:
        return (TimeRef, (self.start, self.end, self.granularity, self.text))


@dataclass(frozen=True)
class TimeExpression:
    """A time expression of a text with its TimeML type and value: ``Friday`` → DATE
    ``1998-02-13``, ``two weeks`` → DURATION ``P2W``, ``now`` → DATE ``PRESENT_REF``,
    ``every month`` → SET ``P1M``; ``start``/``end`` are character offsets."""

    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    text: str


class Size(int):
    """A count ("approximately 10,000 soldiers"): equal to its number, with unit and qualifier."""

    unit: str | None
    qualifier: SizeQualifier
    text: str

    def __new__(
        cls, value: int, unit: str | None = None, qualifier: SizeQualifier = "exact", text: str = ""
    ) -> Size:
        obj = super().__new__(cls, value)
        obj.unit, obj.qualifier, obj.text = unit, qualifier, text
        return obj

    def __reduce__(self) -> tuple[object, ...]:
        return (Size, (int(self), self.unit, self.qualifier, self.text))


@dataclass(frozen=True)
class Article:
    """A cleaned news article. ``id`` is the hash of its normalised text."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    byline: str | None = None
    published: datetime | None = None  # UTC
    retrieved: datetime | None = None  # UTC
    language: str = "en"
    section_headings: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()  # removed page furniture, in order of appearance
    source_path: str | None = None


@dataclass(frozen=True)
class Event:
    """Who did what to whom, how sure the text is that it happened, and who says so."""

    event: str  # PLOVER event type, e.g. "AID"
    span: tuple[int, int]  # char offsets of the evidence sentence/clause in the text
    factuality: float  # -3..+3
    factuality_label: str  # a key of FACTUALITY_LABELS
    actor: str | None = None  # code, e.g. "PRK", "KOR-INTEL"
    actor_text: str | None = None
    recipient: str | None = None
    recipient_text: str | None = None
    cameo: str | None = None
    mode: str | None = None  # PLOVER mode, e.g. "military", "humanitarian"
    context: tuple[str, ...] = ()  # PLOVER contexts, e.g. ("technology", "cbrn")
    size: Size | None = None
    location: str | None = None  # the place phrase as written, e.g. "Kursk"
    location_country: str | None = None  # ISO 3166-1 alpha-3, e.g. "RUS"
    location_region: str | None = None  # ISO 3166-2 first-level region, e.g. "RU-KRS"
    date: TimeRef | None = None
    attributed_to: str | None = None  # code of who asserts it
    attributed_text: str | None = None
    intended_by: str | None = None  # code of whose aim it is ("Russia aims to seize")
    intended_text: str | None = None  # that party as written
    assertion: Assertion | None = None
    trigger: str = ""  # the predicate as written, e.g. "send"
    trigger_span: tuple[int, int] | None = None
    objects: tuple[str, ...] = ()  # what changes hands, e.g. "ICBM re-entry technology"
    sentence: str = ""


@dataclass(frozen=True)
class DatasetEvent:
    """An event of a machine-coded dataset (GDELT, ACLED), keyed by its id there."""

    dataset: str  # "gdelt" | "acled"
    dataset_id: str
    event: Event
    published: datetime | None
    outlet: str | None
    url: str | None = None


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker; spans are char offsets into the analysed text."""

    speaker: str | None
    speaker_span: tuple[int, int] | None
    role: str | None
    cue_span: tuple[int, int] | None
    content_span: tuple[int, int]
    kind: QuoteKind
    speaker_actor: str | None = None  # actor code where the speaker is an institution
    cue: str = ""
    content: str = ""


@dataclass(frozen=True)
class StoredEvent:
    """An event as the store keeps it: the record (read from a text, or a dataset's row),
    its row id and where it was read, with its article's headline and URL. Its flat form
    (:func:`flat`) is a row of the events table and an event of the API."""

    record: Event
    id: int | None = None  # None for an event not stored (``redline lines test``)
    article_id: str | None = None
    dataset: str = "redline"
    dataset_id: str | None = None
    published: datetime | None = None  # the article's, or the dataset row's
    outlet: str | None = None
    source_url: str | None = None  # the source a machine-coded row cites
    headline: str | None = None  # of its article
    url: str | None = None  # of its article


@dataclass(frozen=True)
class StoredQuote:
    """A quote as the store keeps it, with its article's headline, outlet and URL."""

    record: Quote
    id: int
    article_id: str
    published: datetime | None = None
    headline: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class StoredArticle:
    """An article as the store keeps it: the record, when it was stored and analysed, and
    (when read with them) its events and quotes in text order."""

    record: Article
    ingested: datetime
    analyzed: datetime | None = None
    events: tuple[StoredEvent, ...] = ()
    quotes: tuple[StoredQuote, ...] = ()


@dataclass(frozen=True)
class Analysis:
    text: str
    published: datetime | None = None
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)


#: What the flat fields of the records mean (the API's field descriptions).
FIELD_HELP: dict[str, str] = {
    "event": "PLOVER event type",
    "event_type": "PLOVER event type",
    "factuality": "-3 (did not happen) .. +3 (certain)",
    "factuality_label": "confirmed, reported, probable, possible, conditional, unconfirmed "
                        "or denied",
    "actor": 'code of who acts, e.g. "PRK", "KOR-INTEL"',
    "recipient": "code of whom it is done to",
    "mode": 'PLOVER mode, e.g. "military"',
    "context": 'PLOVER contexts, e.g. ["technology"]',
    "size": "how many (troops, shells, ...)",
    "size_unit": 'what is counted, e.g. "troops"',
    "size_qualifier": "exact, approximate, lower_bound or upper_bound",
    "location": "the place phrase as written",
    "location_country": 'where it happened: ISO 3166-1 alpha-3 country code, e.g. "UKR"',
    "location_region": 'where it happened: ISO 3166-2 first-level region, e.g. "UA-14" '
                       "(Donetsk)",
    "date_start": "first day of the event's time",
    "date_end": "last day of the event's time",
    "date_granularity": "day, month, year or interval: how precisely the text dates it",
    "date_text": "the time expression as written",
    "attributed_to": "code of who asserts it",
    "intended_by": 'code of whose aim, plan or purpose it is ("Russia aims to seize"); '
                   "its source is still who reports it",
    "intended_text": "whose aim it is, as written",
    "assertion": "how its source commits to it: asserted, assessed, reported, hearsay or "
                 "questioned",
    "trigger": "the predicate as written",
    "trigger_start": "char offset where the predicate starts",
    "trigger_end": "char offset where the predicate ends",
    "objects": "what changes hands",
    "span_start": "char offset where the evidence sentence or clause starts",
    "span_end": "char offset where the evidence sentence or clause ends",
    "cue_start": "char offset where the speech cue starts",
    "cue_end": "char offset where the speech cue ends",
    "dataset": "redline, gdelt or acled",
    "dataset_id": "the row's id in its dataset",
    "source_url": "the source a machine-coded row cites",
    "boilerplate": "removed page furniture",
    # a verdict's evidence items
    "role": "trigger or precursor",
    "indicator": "the trigger or precursor pattern it matched",
    "reliability": "source reliability A..F",
    "credibility": "information credibility 1..6",
    "grade": 'reliability and credibility, e.g. "B2"',
    "published": "article publication time, ISO 8601",
    "date": "event date, ISO 8601 (may be a month or year)",
    "span": "[start, end] char offsets in the article",
    "speculated_by": "who speculates it may happen",
    "part": "the part of an any_of/all_of pattern it matched",
    "official_assessment": "an assessment by a source graded A-B",
    "machine_coded": "a GDELT/ACLED row: a lead, not proof",
    "says": 'not_crossed when its sentence speaks against the trigger ("we do not yet know '
            'whether")',
    "hedged_by": "the hedge word in its clause",
    "contradicted_by": "sources that speak against it",
    "contested": "spoken against by a source as reliable: speculated, no longer evidence",
}


SearchKind = Literal["all", "events", "quotes"]
SEARCH_LIMIT_MAX = 500


def _about(meaning: str, **more: object) -> dict[str, object]:
    """A field's metadata: its help (the API parameter's description, the form's hint)
    and, for a number, its bounds (``ge``, ``le``)."""
    return {"help": meaning, **more}


@dataclass(frozen=True)
class SearchQuery:
    """Filters over stored events and quotes; ``None`` means "any".

    Declared once: the store searches with it, and the API's query parameters, the search
    page's form and its echo in the results are derived from its fields (help in the
    field's metadata). ``event_type`` and ``label`` (factuality) apply to events only:
    when either is given, quotes are left out.
    """

    text: str | None = field(default=None, metadata=_about(
        "words in the sentence or quote"))
    actor: str | None = field(default=None, metadata=_about(
        "actor code (PRK) or name (North Korea); for quotes, the speaker"))
    event_type: str | None = field(default=None, metadata=_about(
        "PLOVER event type, e.g. AID"))
    label: str | None = field(default=None, metadata=_about(
        "factuality label, e.g. reported"))
    date_from: date | None = field(default=None, metadata=_about("YYYY-MM-DD, inclusive"))
    date_to: date | None = field(default=None, metadata=_about("YYYY-MM-DD, inclusive"))
    kind: SearchKind = field(default="all", metadata=_about("all, events or quotes"))
    limit: int = field(default=100, metadata=_about(
        "results per page", ge=1, le=SEARCH_LIMIT_MAX))
    offset: int = field(default=0, metadata=_about(
        "results skipped: the page starts after them (events and quotes alike)", ge=0))


#: The kinds of result a search may show.
SEARCH_KINDS: tuple[str, ...] = typing.get_args(SearchKind)


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is taken to be UTC already."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# -- red lines and verdicts: the nouns of assessment --------------------------------

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
class EvidenceItem:
    """An event behind a verdict (evidence) or a speculated trigger event: the shape of
    each item of ``Verdict.evidence`` and ``Verdict.speculated``, kept as JSON in the
    verdicts table (``redline.assess.evidence.event_item`` builds them)."""

    event_id: int | None = None
    role: str = "trigger"
    indicator: str | None = None
    event_type: str | None = None
    actor: str | None = None
    actor_text: str | None = None
    recipient: str | None = None
    recipient_text: str | None = None
    factuality: float = 0.0
    factuality_label: str = "unconfirmed"
    attributed_to: str | None = None
    attributed_text: str | None = None
    intended_by: str | None = None
    intended_text: str | None = None
    assertion: str | None = None
    location: str | None = None
    location_country: str | None = None
    location_region: str | None = None
    reliability: str | None = None
    credibility: int | None = None
    grade: str | None = None
    article_id: str | None = None
    outlet: str | None = None
    headline: str | None = None
    url: str | None = None
    published: str | None = None
    date: str | None = None
    sentence: str | None = None
    span: list[int] | None = None
    speculated_by: str | None = None
    part: str | None = None
    official_assessment: bool = False
    machine_coded: bool = False
    dataset: str | None = None
    dataset_id: str | None = None
    source_url: str | None = None
    says: str | None = None
    hedged_by: str | None = None
    contradicted_by: list[str] = field(default_factory=list)
    contested: bool = False


@dataclass(frozen=True)
class Assessment:
    """A quoted judgement on the red line itself: the shape of each item of
    ``Verdict.assessments``, kept as JSON in the verdicts table
    (``redline.assess.engine`` builds them)."""

    says: str = field(metadata=_about("not_crossed, crossed or approaching"))
    quote_id: int | None = None
    speaker: str | None = None
    role: str | None = None
    content: str | None = None
    article_id: str | None = None
    headline: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    span: list[int] | None = None
    reliability: str | None = field(default=None, metadata=_about(
        "reliability A..F of the speaker"))
    source_key: str | None = field(default=None, metadata=_about(
        "who the speaker stands for, as sources are told apart"))


@dataclass(frozen=True)
class StoredLine:
    """A red line as the store keeps it: its definition as written (``spec``), which
    ``redline.assess.lines`` reads into a :class:`RedLine`."""

    id: str
    title: str
    declared_by: str
    declared: str | None
    source: str | None
    spec: dict[str, Any] = field(metadata=_about("the definition as written"))
    updated: datetime | None = field(default=None, metadata=_about("when it was last stored"))


@dataclass(frozen=True)
class Verdict:
    """What was known about a line at ``as_of``; the JSON lists follow the verdicts table.

    ``evidence`` and ``speculated`` hold :class:`EvidenceItem` shapes and ``assessments``
    :class:`Assessment` shapes as the JSON the verdicts table keeps (they are read back
    from it as written); ``changed`` is ``{"from", "to", "new_evidence", "article_id"}``.
    """

    line_id: str
    as_of: datetime
    computed: datetime
    status: Status = field(metadata=_about(
        "not_crossed, precursors_seen, reported_crossed or crossed"))
    evidence: list[dict[str, Any]] = field(default_factory=list)
    speculated: list[dict[str, Any]] = field(default_factory=list)
    assessments: list[dict[str, Any]] = field(default_factory=list)
    changed: dict[str, Any] = field(default_factory=dict)
    moved_by_article: str | None = None
    last_event_id: int | None = field(default=None, metadata=_about(
        "the highest event id stored when it was computed"))
    last_quote_id: int | None = field(default=None, metadata=_about(
        "the highest quote id stored when it was computed"))
    id: int | None = field(default=None, metadata=_about(
        "stored verdict id; null when computed on request"))
    #: ICD 203 word and the probability behind it, for "the line has been crossed".
    likelihood: str | None = field(default=None, metadata=_about(
        'ICD 203 word for "the line has been crossed" (almost no chance ... almost certain)'))
    probability: float | None = field(default=None, metadata=_about(
        "the probability behind the word"))
    confidence: Confidence | None = field(default=None, metadata=_about(
        "low, moderate or high"))
    #: "live": what redline concluded when it ran; "look-back": a verdict for a past as-of.
    kind: Kind = field(default="live", metadata=_about(
        "live (what redline concluded when it ran) or look-back (computed later for a past "
        "as-of time)"))
    #: The store as known by then: evidence stored up to this time (``computed`` unless a
    #: look-back asks what the store itself held at its as-of time).
    known_by: datetime | None = field(default=None, metadata=_about(
        "cut-off: articles stored by"))
    reasons: list[str] = field(default_factory=list, metadata=_about(
        "how the likelihood and confidence were reached"))

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


# The flat forms (redline.records.flat_form) read Size and TimeRef above; imported last.
from redline.records.flat_form import (  # noqa: E402 -- needs the records above
    STORED_NAME as STORED_NAME,
)
from redline.records.flat_form import flat as flat  # noqa: E402
from redline.records.flat_form import flat_fields as flat_fields  # noqa: E402
from redline.records.flat_form import flat_reader as flat_reader  # noqa: E402
from redline.records.flat_form import flat_row_reader as flat_row_reader  # noqa: E402
from redline.records.flat_form import from_flat as from_flat  # noqa: E402
