"""Actor codes scored on plv-train.jsonl: news sentences the actor rules were not written from.

Each record of ``../shared/data/plover/plv-train.jsonl`` marks the source and the target
of its event as text spans ("<s>Iranian Foreign Minister Mohammad Javad Zarif</s> has
condemned <t>a U.S. Supreme Court decision</t>"). A gold span's code is what
``resolve_actor`` makes of the span alone, given the codes the sentence mentions, with
the sector dropped (IRN, USA); a span it cannot code ("Siemens") is left out of the gold
pairs but still lets the system's pair for that role count against it. The main event
and its pairs are those of ``redline.eval.plover``: micro F1 over (role, state code).

The records are split in two by line number: every 5th record (lines 5, 10, ...) is the
final part, kept apart while the actor rules were developed on the rest (the design
part). Metrics:

- ``plover_train.actor_f1``: actor-code F1 on the design part.
- ``plover_train.actor_f1_final``: the same on the final part.
- ``plover_train.actor_span_f1``: design part, by text rather than by code: a system
  actor or recipient counts when its head word lies inside the gold span of its role,
  so actors no dictionary knows ("the Munich I Regional Court") are scored too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from redline.datafiles import jsonl_records
from redline.records import Event

GOLD = Path("data") / "plover" / "plv-train.jsonl"
FINAL_EVERY = 5
Pair = tuple[str, str]


@dataclass(frozen=True)
class SpanSentence:
    line: int
    text: str
    source: str
    target: str

    @property
    def final(self) -> bool:
        return self.line % FINAL_EVERY == 0


def load_spans(path: Path) -> list[SpanSentence]:
    """The records of a plv-train file with their source and target text."""
    found = []
    for number, record in jsonl_records(path, "plv-train file"):
        found.append(SpanSentence(number, str(record.get("text", "")).strip(),
                                  str(record.get("source") or ""),
                                  str(record.get("target") or "")))
    return [s for s in found if s.text]


def _state(code: str | None) -> str | None:
    return code.split("-")[0] if code else None


def gold_pairs(sentence: SpanSentence, mentioned: Iterable[str]) -> set[Pair]:
    """(role, state code) of the gold spans that the actor dictionary can code."""
    from redline.extract.actors import resolve_actor

    context = list(mentioned)
    pairs = set()
    for role, span in (("source", sentence.source), ("target", sentence.target)):
        code = _state(resolve_actor(span, context)) if span else None
        if code:
            pairs.add((role, code))
    return pairs


def main_event(events: list[Event]) -> list[Event]:
    """The records of the first event's trigger (a compound actor's several records)."""
    if not events:
        return []
    main = events[0]
    return [e for e in events if e.event == main.event
            and (e.trigger_span or e.span) == (main.trigger_span or main.span)]


def predicted_pairs(events: list[Event]) -> set[Pair]:
    return {(role, code) for e in main_event(events) for role, code in (
        ("source", _state(e.actor)), ("target", _state(e.recipient))) if code}


def _inside(text: str | None, span: str) -> bool:
    """True when the last word of ``text`` (its head, mostly) lies in the gold ``span``."""
    words = (text or "").replace("’", "'").split()
    if not words or not span:
        return False
    head = words[-1].strip(",.;:'\"()").lower().removesuffix("'s")
    return bool(head) and head in span.replace("’", "'").lower().replace("'s", " ").split()


def span_counts(sentence: SpanSentence, events: list[Event]) -> tuple[int, int, int]:
    """(right, predicted, gold) for the text-based actor score of one sentence."""
    found = [(role, text) for e in main_event(events) for role, text in (
        ("source", e.actor_text), ("target", e.recipient_text)) if text]
    found = list(dict.fromkeys(found))
    right = sum(_inside(text, sentence.source if role == "source" else sentence.target)
                for role, text in found)
    return right, len(found), 2


def _f1(right: int, predicted: int, gold: int) -> float:
    precision = right / predicted if predicted else 0.0
    recall = right / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Scored:
    sentence: SpanSentence
    events: list[Event]
    gold: set[Pair]
    predicted: set[Pair]


def scored(sentences: list[SpanSentence]) -> Iterator[Scored]:
    """Each sentence analysed, with its gold and predicted (role, code) pairs."""
    from redline.extract.nlp import load_pipeline

    docs = load_pipeline().pipe(s.text for s in sentences)
    for sentence, doc in zip(sentences, docs, strict=True):
        events = list(doc._.events or [])
        yield Scored(sentence, events, gold_pairs(sentence, doc._.actor_index.codes),
                     predicted_pairs(events))


def score(shared: Path) -> dict[str, float]:
    """Actor-code F1 on the design and final parts of plv-train, and the span F1."""
    totals = {part: [0, 0, 0] for part in ("design", "final", "span")}
    for item in scored(load_spans(shared / GOLD)):
        part = totals["final" if item.sentence.final else "design"]
        part[0] += len(item.gold & item.predicted)
        part[1] += len(item.predicted)
        part[2] += len(item.gold)
        if not item.sentence.final:
            counts = span_counts(item.sentence, item.events)
            totals["span"] = [a + b for a, b in zip(totals["span"], counts, strict=True)]
    return {
        "plover_train.actor_f1": _f1(*totals["design"]),
        "plover_train.actor_f1_final": _f1(*totals["final"]),
        "plover_train.actor_span_f1": _f1(*totals["span"]),
    }
