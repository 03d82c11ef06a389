"""Evidence items (the verdict JSON shape), their grades, and the status they add up to."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from redline.assess.reliability import Grades, SourceGrade, analyst_grade
from redline.records import GRADES, CorroborationRule, RedLine, Role, Status, StoredEvent

#: A transcript's question turn: "Q  Is Russia ...", "Q: Is ...".
QUESTION_TURN = re.compile(r"^\s*Q(?::\s*|\s{1,4})(?=\S)")
#: Labels of claims that something happened, which a denial can contradict.
CLAIM_LABELS = frozenset({"confirmed", "reported", "probable", "possible"})
#: Reliability grades whose assessments count as official assessments.
ASSESSING_GRADES = frozenset({"A", "B"})


def assertion_of(event: StoredEvent) -> str | None:
    """How the source commits to the event (records.Assertion); a sentence that asks (ends in
    "?" or is a transcript's Q turn) is ``questioned`` whatever the reading recorded."""
    sentence = event.record.sentence.strip()
    if sentence.rstrip(" \"”’'").endswith("?") or QUESTION_TURN.match(sentence):
        return "questioned"
    return event.record.assertion or None


def machine_coded(event: StoredEvent) -> bool:
    """A GDELT/ACLED row: coded by a machine from a source the store does not hold."""
    return (event.dataset or "redline") != "redline"


def official_assessment(event: StoredEvent, grades: Grades) -> bool:
    """Put forward as an assessment ("we assess") by a source graded A-B."""
    return assertion_of(event) == "assessed" and \
        event_source(event, grades).reliability in ASSESSING_GRADES


def event_date(event: StoredEvent) -> str | None:
    """The event's own time as written in records.TimeRef (``2024-10``, ``2024-10-18``)."""
    return str(event.record.date) if event.record.date is not None else None


def event_item(event: StoredEvent, *, role: Role, indicator: str, speculated: bool,
               grades: Grades) -> dict[str, Any]:
    """A verdict evidence item (the JSON of a ``records.EvidenceItem``) for a stored event."""
    record, source = event.record, event_source(event, grades)
    credibility = grades.credibility_of(record.factuality_label)
    return {
        "event_id": event.id, "role": role, "indicator": indicator,
        "event_type": record.event,
        "actor": record.actor, "actor_text": record.actor_text,
        "recipient": record.recipient, "recipient_text": record.recipient_text,
        "factuality": float(record.factuality), "factuality_label": record.factuality_label,
        "attributed_to": record.attributed_to, "attributed_text": record.attributed_text,
        "intended_by": record.intended_by, "intended_text": record.intended_text,
        "location": record.location, "location_country": record.location_country,
        "location_region": record.location_region,
        "reliability": source.reliability, "credibility": credibility,
        "grade": analyst_grade(source.reliability, credibility),
        "article_id": event.article_id, "outlet": event.outlet,
        "headline": event.headline, "url": event.url,
        "published": event.published.isoformat() if event.published else None,
        "date": event_date(event), "sentence": record.sentence,
        "span": list(record.span),
        "speculated_by": _speculator(event) if speculated else None,
        "assertion": assertion_of(event),
        "official_assessment": official_assessment(event, grades),
        "machine_coded": machine_coded(event),
        "dataset": event.dataset or "redline", "dataset_id": event.dataset_id,
        "source_url": event.source_url or event.url,
    }


def _speculator(event: StoredEvent) -> str:
    """Who puts the unconfirmed claim forward: the asserting source, else the outlet."""
    return str(event.record.attributed_text or event.record.attributed_to
               or event.outlet or "the article")


def event_source(event: StoredEvent, grades: Grades) -> SourceGrade:
    """Who stands behind a stored event: who it is attributed to, else its outlet; never
    whose aim it is (``intended_by``): an aim is graded as its reporter is."""
    return _source(grades, event.outlet, event.record.attributed_to,
                   event.record.attributed_text)


def source_of(item: Mapping[str, Any], grades: Grades) -> SourceGrade:
    """Who stands behind an evidence item (or a quote's JSON shape)."""
    return _source(grades, item.get("outlet"), item.get("attributed_to"),
                   item.get("attributed_text"))


_SOURCES: dict[tuple[int, Any, Any, Any], SourceGrade] = {}


def _source(grades: Grades, outlet: Any, attributed_to: Any, attributed_text: Any
            ) -> SourceGrade:
    key = (id(grades), outlet, attributed_to, attributed_text)
    found = _SOURCES.get(key)
    if found is None:
        if len(_SOURCES) > 100_000:
            _SOURCES.clear()
        found = _SOURCES[key] = grades.source(outlet=outlet, attributed_to=attributed_to,
                                              attributed_text=attributed_text)
    return found


def _article_sources(items: Sequence[Mapping[str, Any]], grades: Grades
                     ) -> dict[str, list[SourceGrade]]:
    """The sources each article stands for: those it names, else its outlet (an article
    that names the NIS and then goes on in its own voice is relaying the NIS)."""
    by_article: dict[str, list[SourceGrade]] = {}
    for n, item in enumerate(items):
        article = str(item.get("article_id") or f"#{n}")
        by_article.setdefault(article, []).append(source_of(item, grades))
    return {article: [s for s in sources if s.attributed] or sources
            for article, sources in by_article.items()}


def independent_sources(items: Sequence[Mapping[str, Any]], grades: Grades,
                        keep: Callable[[SourceGrade], bool] = lambda source: True) -> set[str]:
    """Keys of the independent sources behind ``items``."""
    return {source.key for sources in _article_sources(items, grades).values()
            for source in sources if keep(source)}


def regrade(evidence: list[dict[str, Any]], speculated: list[dict[str, Any]],
            grades: Grades, against: Sequence[Mapping[str, Any]] = ()) -> None:
    """Set reliability, credibility and grade of every item, looking across items:
    credibility 1 when independent sources in other articles report the same indicator,
    4 when it is denied. A trigger claim is *contested* (``contested``) when a "not known"
    (an item or a quote in ``against`` saying the line has not been crossed or that it is
    not known) by a source at least as reliable, the same source too, or a denial by
    another source at least as reliable, is published with it or after it;
    ``contradicted_by`` names who speaks against it."""
    reporters: dict[str, dict[str, set[str]]] = {}  # indicator -> source key -> articles
    deniers: dict[str, list[_Denial]] = {}
    by_indicator: dict[str, list[dict[str, Any]]] = {}
    for item in evidence:
        if not item.get("machine_coded"):  # machine-coded rows corroborate nothing
            by_indicator.setdefault(item["indicator"], []).append(item)
    for indicator, same in by_indicator.items():
        keys: dict[str, set[str]] = reporters.setdefault(indicator, {})
        for article, sources in _article_sources(same, grades).items():
            for source in sources:
                keys.setdefault(source.key, set()).add(article)
    for item in speculated:
        if item["factuality_label"] == "denied" or item.get("says") == "not_crossed":
            source = source_of(item, grades)
            deniers.setdefault(item["indicator"], []).append(_Denial(
                source.key, source.name, GRADES.index(source.reliability),
                str(item.get("published") or ""), item["factuality_label"] == "denied"))
    for quote in against:
        deniers.setdefault("trigger", []).append(_Denial(
            str(quote.get("source_key")), str(quote.get("speaker") or quote.get("outlet")
                                             or "a quote"),
            GRADES.index(str(quote.get("reliability") or "F")),
            str(quote.get("published") or ""), False))
    for item in [*evidence, *speculated]:
        source = source_of(item, grades)
        own = str(item.get("article_id") or "")
        others = any(key != source.key and articles - {own} for key, articles
                     in reporters.get(item["indicator"], {}).items())
        claim = item["factuality_label"] in CLAIM_LABELS and item.get("says") != "not_crossed"
        denials = deniers.get(item["indicator"], []) if claim else []
        rank, when = GRADES.index(source.reliability), str(item.get("published") or "")
        contest = [d.name for d in denials if d.rank <= rank and d.published >= when
                   and not (d.denial and d.key == source.key)] \
            if item["role"] == "trigger" else []
        denied = [d.name for d in denials if d.denial]
        credibility = grades.credibility_of(item["factuality_label"], corroborated=others,
                                            contradicted=bool(contest or denied))
        item["reliability"], item["credibility"] = source.reliability, credibility
        item["grade"] = analyst_grade(source.reliability, credibility)
        item.pop("contradicted_by", None)
        item.pop("contested", None)
        if contest or denied:
            item["contradicted_by"] = sorted({*contest, *denied})
        if contest:
            item["contested"] = True


@dataclass(frozen=True)
class _Denial:
    """Who speaks against an indicator, how reliable (index into GRADES) and when."""

    key: str
    name: str
    rank: int
    published: str
    denial: bool  # a denial rather than a "not known"


def _meets(rule: CorroborationRule) -> Callable[[SourceGrade], bool]:
    bar = GRADES.index(rule.reliability)
    return lambda source: GRADES.index(source.reliability) <= bar and \
        (source.official or not rule.official)


def corroborated(rules: Iterable[CorroborationRule], items: Sequence[Mapping[str, Any]],
                 grades: Grades) -> bool:
    """Whether some rule is met: enough independent sources, graded well enough. Only text
    evidence counts: machine-coded rows are leads, not corroboration."""
    items = [item for item in items if not item.get("machine_coded")]
    return any(len(independent_sources(items, grades, _meets(rule))) >= rule.sources
               for rule in rules)


def joint_parts_seen(line: RedLine, trigger: Sequence[Mapping[str, Any]]) -> bool:
    """For an ``all_of`` trigger (a joint act), whether every part has happened."""
    parts = {leaf.part for leaf in line.trigger.all_of}
    return not parts or parts <= {item.get("part") for item in trigger}


def status_of(line: RedLine, evidence: Sequence[Mapping[str, Any]], grades: Grades) -> Status:
    """crossed / reported_crossed need the trigger to have happened (every part of a joint
    act); the corroboration bar tells them apart, and text evidence alone meets it.
    Speculated items never count; one part of a joint act counts as a precursor; a
    contested claim corroborates nothing."""
    trigger = [item for item in evidence if item["role"] == "trigger"]
    if trigger and joint_parts_seen(line, trigger):
        uncontested = [item for item in trigger if not item.get("contested")]
        if corroborated(line.trigger.corroboration, uncontested, grades):
            return "crossed"
        return "reported_crossed"
    if trigger or any(item["role"] == "precursor" for item in evidence):
        return "precursors_seen"
    return "not_crossed"


def moving_article(line: RedLine, evidence: Sequence[Mapping[str, Any]], status: Status,
                   grades: Grades) -> str | None:
    """The article whose evidence brought the line to ``status``: in order of publication,
    the first item after which the evidence adds up to that status."""
    if status == "not_crossed":
        return None
    roles = ("precursor", "trigger") if status == "precursors_seen" else ("trigger",)
    ordered = sorted((item for item in evidence if item["role"] in roles),
                     key=lambda item: (item.get("published") or "", item["event_id"]))
    for count in range(1, len(ordered) + 1):
        if status_of(line, ordered[:count], grades) == status:
            article: str | None = ordered[count - 1].get("article_id")
            return article
    return None


def sort_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Trigger first, then precursors; oldest publication first."""
    return sorted(items, key=lambda item: (item["role"] != "trigger", item["indicator"],
                                           item.get("published") or "", item["event_id"]))
