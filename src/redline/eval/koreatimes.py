"""The Korea Times article scored against its hand-written gold reading.

The scrape is cleaned with ``redline.ingest.scrape.parse_scrape`` (page
furniture removed) and analysed with the gold publication date. Metrics, all
fractions in 0..1:

- ``koreatimes.events_found``: gold events matched by an extracted event with
  one of the gold types, the gold actor, the gold recipient and the gold mode
  (each when the gold names one; a mode matches the event's mode or contexts).
  Codes match exactly, or by state where the gold code has no sector ("PRK-MIL" counts for "PRK").
- ``koreatimes.events_factuality_ok``: gold events matched as above by an event
  whose factuality falls in the gold class: happened (>= 2.25, confirmed or
  reported), uncertain (between) or denied (<= -1), each gold value or
  alternative giving its class.
- ``koreatimes.hypothetical_as_fact``: LOWER IS BETTER. Of the gold events that
  did not happen (gold factuality at most 1), the fraction for which a matching
  extracted event is labelled confirmed or reported.
- ``koreatimes.dates_ok``: gold time expressions resolved to the gold value (a
  gold month accepts a day or an interval inside it).
- ``koreatimes.actors_ok``: gold surface forms that ``resolve_actor`` maps to
  the gold code, given the codes mentioned in the article.
- ``koreatimes.quotes_ok``: gold quotes found with the right speaker.
- ``koreatimes.boilerplate_excluded``: gold furniture lines absent from the
  analysed text.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from redline.errors import InputError
from redline.records import HAPPENED_LABELS, Analysis, Event, TimeRef

ARTICLE = Path("corpus") / "koreatimes-lethal-weapons-dilemma.txt"
GOLD = Path("corpus") / "koreatimes-lethal-weapons-dilemma.gold.yaml"


def _alternatives(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def code_matches(predicted: str | None, gold: str) -> bool:
    """Same code, or the same state where the gold code names no sector."""
    if predicted is None:
        return False
    return predicted == gold or ("-" not in gold and predicted.split("-")[0] == gold)


def factuality_class(value: float) -> str:
    if value >= 2.25:
        return "happened"
    return "denied" if value <= -1 else "uncertain"


def clean_article(raw: str) -> str:
    """The article body: the ingest cleaner's text where it is installed, else the raw text."""
    try:
        from redline.ingest.scrape import parse_scrape
    except ImportError:  # pragma: no cover - the cleaner ships with redline.ingest
        return raw
    return parse_scrape(raw).text


def event_matches(event: Event, gold: dict[str, Any]) -> bool:
    if event.event not in _alternatives(gold.get("event")):
        return False
    if not any(code_matches(event.actor, code) for code in _alternatives(gold.get("actor"))):
        return False
    modes = _alternatives(gold.get("mode"))
    if modes and not any(m == event.mode or m in event.context for m in modes):
        return False
    recipients = _alternatives(gold.get("recipient"))
    return not recipients or any(code_matches(event.recipient, code) for code in recipients)


def factuality_ok(event: Event, gold: dict[str, Any]) -> bool:
    classes = {factuality_class(float(v)) for v in _alternatives(gold.get("factuality"))}
    return factuality_class(event.factuality) in classes


def _fraction(hits: Iterable[bool]) -> float:
    values = list(hits)
    return sum(values) / len(values) if values else 0.0


def event_scores(analysis: Analysis, gold_events: list[dict[str, Any]]) -> dict[str, float]:
    found, fact_ok, as_fact = [], [], []
    for gold in gold_events:
        matches = [e for e in analysis.events if event_matches(e, gold)]
        found.append(bool(matches))
        fact_ok.append(any(factuality_ok(e, gold) for e in matches))
        if max(float(v) for v in _alternatives(gold.get("factuality"))) <= 1:
            as_fact.append(any(e.factuality_label in HAPPENED_LABELS for e in matches))
    return {
        "koreatimes.events_found": _fraction(found),
        "koreatimes.events_factuality_ok": _fraction(fact_ok),
        "koreatimes.hypothetical_as_fact": _fraction(as_fact),
    }


def date_ok(ref: TimeRef | None, gold: str) -> bool:
    if ref is None:
        return False
    if ref == gold:
        return True
    if len(gold) == 7:  # a month: a day or interval inside it counts
        return ref.start.isoformat()[:7] == gold and ref.end.isoformat()[:7] == gold
    return False


def date_scores(text: str, published: str, gold_dates: dict[str, str]) -> float:
    from redline.extract import parse_published
    from redline.extract.nlp import load_nlp
    from redline.extract.timex import resolved_spans

    moment = parse_published(published)
    doc = load_nlp()(text)
    spans = resolved_spans(doc, moment.date() if moment else None)
    hits = []
    for surface, value in gold_dates.items():
        start = text.find(surface)
        end = start + len(surface)
        ref = next((r for span, r in spans
                    if start >= 0 and span.start_char < end and span.end_char > start), None)
        hits.append(date_ok(ref, str(value)))
    return _fraction(hits)


def actor_scores(analysis: Analysis, gold_actors: dict[str, list[str]]) -> float:
    from redline.extract.actors import ActorIndex, resolve_actor
    from redline.extract.nlp import load_nlp

    context = ActorIndex(load_nlp()(analysis.text)).codes
    return _fraction(resolve_actor(surface, context) == code
                     for code, surfaces in gold_actors.items() for surface in surfaces)


def _plain(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"')
                    .replace("”", '"').split()).lower()


def quote_scores(analysis: Analysis, gold_quotes: list[dict[str, Any]]) -> float:
    hits = []
    for gold in gold_quotes:
        fragment, speaker = _plain(str(gold["contains"])), _plain(str(gold["speaker"]))
        hits.append(any(
            fragment in _plain(q.content or analysis.text[slice(*q.content_span)])
            and (speaker in _plain(q.speaker or "") or (
                gold.get("actor") is not None and q.speaker_actor == gold["actor"]))
            for q in analysis.quotes))
    return _fraction(hits)


def score(shared: Path) -> dict[str, float]:
    """All Korea Times metrics (see the module docstring)."""
    from redline.extract import analyze

    for path in (shared / ARTICLE, shared / GOLD):
        if not path.exists():
            raise InputError(str(path), "Korea Times gold file not found")
    gold = yaml.safe_load((shared / GOLD).read_text(encoding="utf-8"))
    text = clean_article((shared / ARTICLE).read_text(encoding="utf-8"))
    published = str(gold["article"]["published"])
    analysis = analyze(text, published=published)
    scores = event_scores(analysis, gold.get("events") or [])
    scores["koreatimes.dates_ok"] = date_scores(text, published, gold.get("dates") or {})
    scores["koreatimes.actors_ok"] = actor_scores(analysis, gold.get("actors") or {})
    scores["koreatimes.quotes_ok"] = quote_scores(analysis, gold.get("quotes") or [])
    furniture = [str(line) for line in gold["article"].get("boilerplate") or []]
    scores["koreatimes.boilerplate_excluded"] = _fraction(line not in text for line in furniture)
    return scores
