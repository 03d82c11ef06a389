"""PLOVER event coding scored on the PLOVER gold-standard records (gsr-dev.jsonl).

Each gold record is one sentence with one event type and source/target actors.
The system may find several events in a sentence; the one scored is its main
event: the first event ``analyze`` lists, which is the trigger highest in the
parse of the earliest sentence that has one (the main clause).

The shipped event typer is trained on plv-train and this dev gold, so its scores here
are in-sample. The gated scores are those of the same reader with the held-out typer
(``event_typing_heldout.npz``: the same command's models fitted without the dev gold),
out of sample; the shipped typer's are reported beside them under ``in_sample``.

- ``plover.heldout.event_type_precision``: main events with the gold type / sentences
  with a main event.
- ``plover.heldout.event_type_recall``: main events with the gold type / gold sentences.
- ``plover.heldout.event_type_f1``: their harmonic mean.
- ``plover.heldout.macro_f1``: the mean over the gold types of each type's F1 on the
  main events (a sentence without one is a miss).
- ``plover.heldout.actor_f1``: micro F1 over (role, state code) pairs: the main
  event's actor as "source" and recipient as "target" against the gold
  sources and targets; sector suffixes are dropped ("ISR-MIL" -> "ISR").
  A compound actor ("Czech and Slovak officials agreed") is coded as one event
  record per actor on the same trigger; those records together are the main
  event, so all their actors and recipients count.
  Actors the markup marks "SRC/TAR" (parties of an act done with one
  another: "The (SRC/TAR: United States) and (SRC/TAR: Jordan) have agreed")
  are source and target at once; the record lists them as sources only. Each
  counts once, found in either role ("USA" as actor, "JOR" as recipient).
- ``plover.heldout.false_event_rate``: of the Briefing Room sentences labelled by hand as
  reporting no political interaction in the held part of
  ``extract/event_presence.yaml`` (never trained on), the share for which the reader
  codes at least one event.
- ``plover.in_sample.*``: event-type precision, recall and F1 and actor F1 with the
  shipped typer (in-sample).
- ``plover.false_event_rate``: the false-event rate with the shipped typer; the held
  Briefing Room sentences are out of sample for it too.

The gold set follows an earlier PLOVER draft: its DEMAND, DISAPPROVE,
INVESTIGATE and FIGHT are the 2021 REQUEST, ACCUSE, ACCUSE and ASSAULT, and a
few of its actor codes are not ISO 3166 (JAP, ITL, VTN); both are mapped before
scoring. DOCUMENT records are skipped.

``score_with(shared, model)`` gives the scores (``plover.event_type_f1``, ...) with
another event-typing model file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.datafiles import jsonl_records

GOLD = Path("data") / "plover" / "gsr-dev.jsonl"
TYPE_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                "FIGHT": "ASSAULT"}
CODE_ERRATA = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


@dataclass(frozen=True)
class GoldSentence:
    text: str
    event: str
    sources: frozenset[str]
    targets: frozenset[str]
    mutual: frozenset[str] = frozenset()

    def pairs(self) -> set[tuple[str, str]]:
        """The gold (role, code) pairs, a mutual party's role written "either"."""
        return self.roles({("source", c) for c in self.sources} | {
            ("target", c) for c in self.targets})

    def roles(self, pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """``pairs`` with the role of a mutual party (source and target) made "either"."""
        return {("either" if code in self.mutual else role, code) for role, code in pairs}


def _codes(value: Any) -> frozenset[str]:
    if not isinstance(value, list):
        return frozenset()
    codes = (str(item.get("code", "")).upper() for item in value if isinstance(item, dict))
    return frozenset(CODE_ERRATA.get(code, code) for code in codes if code)


def _marked_mutual(record: dict[str, Any]) -> bool:
    """Whether the record's markup marks its sources "SRC/TAR" and none "SRC" alone."""
    info = record.get("textInfo")
    markup = str(info.get("markup", "")) if isinstance(info, dict) else ""
    return "(SRC/TAR:" in markup and "(SRC:" not in markup


def load_gold(path: Path) -> list[GoldSentence]:
    """The gold sentences of a PLOVER jsonl file, DOCUMENT records left out."""
    sentences = []
    for _, record in jsonl_records(path, "PLOVER gold file"):
        event = str(record.get("event", ""))
        if event == "DOCUMENT" or not record.get("text"):
            continue
        sources = _codes(record.get("source"))
        sentences.append(GoldSentence(
            text=str(record["text"]).strip(), event=TYPE_RENAMES.get(event, event),
            sources=sources, targets=_codes(record.get("target")),
            mutual=sources if _marked_mutual(record) else frozenset()))
    return sentences


def _state(code: str | None) -> str | None:
    return code.split("-")[0] if code else None


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


EventsOf = Callable[[Sequence[str]], list[list[Any]]]


def _shipped_events(texts: Sequence[str]) -> list[list[Any]]:
    from redline.extract import analyze_many

    return [a.events for a in analyze_many((text, None) for text in texts)]


def _events_with(model: Path) -> EventsOf:
    """The reader's events of each text with the event-typing model at ``model``."""
    import spacy

    from redline.extract.components import PIPES
    from redline.extract.nlp import load_nlp, model_name

    load_nlp()  # names a missing base model
    nlp = spacy.load(model_name())
    for pipe in PIPES:
        nlp.add_pipe(pipe, config={"model": str(model)} if pipe == "redline_events" else {})

    def events(texts: Sequence[str]) -> list[list[Any]]:
        return [list(doc._.events) for doc in nlp.pipe(texts, batch_size=32)]

    return events


def score(shared: Path) -> dict[str, float]:
    """The held-out typer's scores (gated), the shipped typer's in-sample ones, and the
    shipped typer's false-event rate on the held Briefing Room sentences."""
    from redline.extract.event_typing import HELDOUT_FILE

    heldout = _score(shared, _events_with(HELDOUT_FILE))
    shipped = _score(shared, _shipped_events)
    return ({f"plover.heldout.{key}": value for key, value in heldout.items()}
            | {f"plover.in_sample.{key}": value for key, value in shipped.items()
               if key not in ("macro_f1", "false_event_rate")}
            | {"plover.false_event_rate": shipped["false_event_rate"]})


def score_with(shared: Path, model: Path) -> dict[str, float]:
    """The scores with the event-typing model file ``model`` in place of the shipped one."""
    return {f"plover.{key}": value for key, value in _score(shared, _events_with(model)).items()}


def _score(shared: Path, events_of: EventsOf) -> dict[str, float]:
    from redline.extract.event_training import NO_EVENT, macro_f1

    gold = load_gold(shared / GOLD)
    predicted = right = 0
    pairs_true = pairs_predicted = pairs_right = 0
    mains = []
    for sentence, events in zip(gold, events_of([s.text for s in gold]), strict=True):
        main = events[0] if events else None
        mains.append(main.event if main is not None else NO_EVENT)
        gold_pairs = sentence.pairs()
        pairs_true += len(gold_pairs)
        if main is None:
            continue
        predicted += 1
        right += main.event == sentence.event
        same = [e for e in events if e.event == main.event
                and (e.trigger_span or e.span) == (main.trigger_span or main.span)]
        found = sentence.roles({(role, code) for e in same for role, code in (
            ("source", _state(e.actor)), ("target", _state(e.recipient))) if code})
        pairs_predicted += len(found)
        pairs_right += len(found & gold_pairs)
    precision = right / predicted if predicted else 0.0
    recall = right / len(gold) if gold else 0.0
    actor_p = pairs_right / pairs_predicted if pairs_predicted else 0.0
    actor_r = pairs_right / pairs_true if pairs_true else 0.0
    return {
        "event_type_precision": precision,
        "event_type_recall": recall,
        "event_type_f1": _f1(precision, recall),
        "macro_f1": macro_f1([s.event for s in gold], mains),
        "actor_f1": _f1(actor_p, actor_r),
        "false_event_rate": false_event_rate(events_of),
    }


def false_event_rate(events_of: EventsOf) -> float:
    """The share of the held no-event Briefing Room sentences coded with an event."""
    from redline.extract.event_training import read_presence

    negatives = [e.text for e in read_presence() if e.part == "held" and not e.event]
    coded = sum(bool(events) for events in events_of(negatives))
    return coded / len(negatives) if negatives else 0.0
