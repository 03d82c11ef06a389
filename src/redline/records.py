"""The nouns of redline: typed, frozen records passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal

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
class Sentence:
    article_id: str
    index: int
    start: int
    end: int


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
    assertion: Assertion | None = None
    trigger: str = ""  # the predicate as written, e.g. "send"
    trigger_span: tuple[int, int] | None = None
    objects: tuple[str, ...] = ()  # what changes hands, e.g. "ICBM re-entry technology"
    sentence: str = ""


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
class Analysis:
    text: str
    published: datetime | None = None
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is taken to be UTC already."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
