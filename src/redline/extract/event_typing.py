"""Event typing: a linear model decides each event's PLOVER type.

The rules of ``event_verbs.yaml`` find where an event is (its trigger) and propose a
reading; the type is then decided by a softmax-regression model over hashed features
of the trigger, its arguments and its sentence, of which the rules' proposal is one.
The model is trained by ``redline train events`` (``event_training.py``) and ships as
``event_typing.npz`` next to this module; it is evaluated here in numpy alone.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from redline.errors import RedlineError
from redline.plover import current_type
from redline.records import Event

Token = Any
WEIGHTS_FILE = Path(__file__).with_name("event_typing.npz")
DIMENSIONS = 1 << 14
#: Dependents whose lemma says what kind of action the trigger is.
_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "xcomp", "ccomp", "prt",
                            "agent", "acomp", "dative", "compound", "amod", "poss", "oprd"})
#: The gold sets' YIELD (the 2021 CONCEDE and RETREAT) is split by the rules' proposal.
_YIELD_PARTS = ("CONCEDE", "RETREAT")
#: Named entities stand for their kind, so the model learns "a state does X", not "Japan".
_NAMED = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})


def label_of(event: str) -> str:
    """A PLOVER name in the model's label space: 2021 types, CONCEDE and RETREAT as YIELD."""
    kind = current_type(event)
    return "YIELD" if kind in _YIELD_PARTS else kind


def _word(token: Token) -> str:
    return f"<{token.ent_type_}>" if token.ent_type_ in _NAMED else str(token.lemma_.lower())


def features(anchor: Token, proposal: str | None) -> list[str]:
    """Named features of an event anchored on ``anchor`` that the rules read as ``proposal``."""
    lemma = anchor.lemma_.lower()
    found = [f"rule={proposal or 'NONE'}", f"lemma={lemma}", f"pos={anchor.pos_}",
             f"dep={anchor.dep_}", f"rule+lemma={proposal}|{lemma}"]
    head = anchor.head
    if head.i != anchor.i:
        found += [f"head={head.lemma_.lower()}", f"dep+head={anchor.dep_}|{head.lemma_.lower()}"]
        if head.head.i != head.i:
            found.append(f"head2={head.head.lemma_.lower()}")
    for child in anchor.children:
        if child.dep_ == "neg":
            found.append("negated")
        elif child.dep_ == "prep":
            found.append(f"prep={lemma}|{child.lower_}")
            found += [f"pobj={child.lower_}|{_word(g)}" for g in child.children
                      if g.dep_ == "pobj"]
        elif child.dep_ in _ARGUMENT_DEPS:
            found.append(f"arg={child.dep_}|{_word(child)}")
            found += [f"arg2={child.dep_}|{_word(g)}" for g in child.children
                      if g.dep_ in {"dobj", "compound", "pobj", "prep"}]
    return found


def hashed(names: Iterable[str]) -> np.ndarray:
    """Column indices of ``names`` in the hashed feature space (stable across runs)."""
    return np.fromiter((zlib.crc32(n.encode("utf-8")) % DIMENSIONS for n in names),
                       dtype=np.int64)


@dataclass(frozen=True)
class EventTyper:
    """A trained softmax-regression typer: ``weights`` is DIMENSIONS x classes.

    Where the model's most probable type has a probability under ``trust`` (chosen by
    cross-validation), the rules' proposal stands.
    """

    weights: np.ndarray
    bias: np.ndarray
    classes: tuple[str, ...]
    trust: float = 0.0

    def probabilities(self, columns: np.ndarray) -> np.ndarray:
        scores = self.weights[columns].sum(axis=0) + self.bias
        exp = np.exp(scores - scores.max())
        return np.asarray(exp / exp.sum())

    def label(self, columns: np.ndarray, proposal: str | None, trust: float | None = None
              ) -> str:
        """The decided type in the label space (YIELD undivided)."""
        p = self.probabilities(columns)
        best = int(np.argmax(p))
        proposed = label_of(proposal) if proposal is not None else None
        if proposed in self.classes and p[best] < (self.trust if trust is None else trust):
            return str(proposed)
        return self.classes[best]

    def decide(self, anchor: Token, proposal: str | None) -> str:
        """The PLOVER type of an event anchored on ``anchor``."""
        return split_yield(self.label(hashed(features(anchor, proposal)), proposal), proposal)

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32),
                            bias=self.bias.astype(np.float32), classes=np.array(self.classes),
                            trust=np.float32(self.trust))


def split_yield(decided: str, proposal: str | None) -> str:
    """YIELD as the 2021 type the rules name (CONCEDE or RETREAT); CONCEDE by default."""
    if decided != "YIELD":
        return decided
    return proposal if proposal in _YIELD_PARTS else _YIELD_PARTS[0]


def read_typer(path: Path) -> EventTyper:
    try:
        with np.load(path) as data:
            return EventTyper(weights=data["weights"], bias=data["bias"],
                              classes=tuple(str(c) for c in data["classes"]),
                              trust=float(data["trust"]))
    except (OSError, KeyError, ValueError) as exc:
        raise RedlineError(f"{path}: not an event-typing model ({exc}); "
                           "retrain it with `redline train events`") from exc


@functools.lru_cache(maxsize=4)
def load_typer(path: Path = WEIGHTS_FILE) -> EventTyper:
    """The shipped typer (read once per process)."""
    return read_typer(path)


def anchor_of(doc: Any, event: Event) -> Token:
    """The word an event hangs on in ``doc``: the head of its trigger span."""
    start, end = event.trigger_span or event.span
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else doc[0]


def retype(doc: Any, events: list[Event], typer: EventTyper) -> list[Event]:
    """``events`` with the type ``typer`` decides for each; all records of one trigger
    (a compound actor's) get the same decision."""
    decided: dict[tuple[tuple[int, int] | None, str], str] = {}
    typed = []
    for event in events:
        key = (event.trigger_span, event.event)
        if key not in decided:
            decided[key] = typer.decide(anchor_of(doc, event), event.event)
        kind = decided[key]
        typed.append(event if kind == event.event else replace(event, event=kind, cameo=None))
    return typed


def unmatched_roots(doc: Any, events: list[Event]) -> list[Token]:
    """The root verb of each sentence where the rules found no event."""
    covered = {event.span[0] for event in events}
    return [s.root for s in doc.sents if s.root.pos_ == "VERB" and not any(
        s.start_char <= start < s.end_char for start in covered)]


def proposed_by_model(finder: Any, root: Token, kind: str) -> list[Event]:
    """Events of a sentence the rules did not read, anchored on its root verb and typed by
    the model, kept only where a named actor does it to a named actor or a thing."""
    from redline.extract.events import Trigger
    from redline.extract.patterns import Reading

    built = finder.build(Trigger(root, Reading(kind)))
    return [e for e in built if e.actor and (e.recipient or e.objects)]


def with_proposals(doc: Any, finder: Any, events: list[Event], typer: EventTyper
                   ) -> list[Event]:
    """``events`` typed by ``typer``, plus the model's events of sentences the rules missed."""
    typed = retype(doc, events, typer)
    for root in unmatched_roots(doc, events):
        typed += proposed_by_model(finder, root, typer.decide(root, None))
    return sorted(typed, key=lambda e: e.span[0])
