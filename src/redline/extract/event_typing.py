"""Event typing and detection: linear models decide each event's PLOVER type, and whether
the sentence reports an event at all.

The rules of ``event_verbs.yaml`` find where an event is (its trigger) and propose a
reading; the type is then decided by a softmax-regression model over the features of
``event_features.py`` (hashed names of the trigger, its arguments and the rules' proposal;
dense vectors of the parse and the contextual encoder). A second, two-class model reads
the same features and decides whether there is an event at all: a sentence that reports
no political interaction (a report released, a statistic, a schedule) yields none.
The models are trained by ``redline train events`` (``event_training.py``) and ship as
``event_typing.npz`` next to this module; they are evaluated here in numpy alone.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from redline.errors import RedlineError
from redline.extract.event_features import (
    DIMENSIONS,
    SENTENCE_BLOCKS,
    WINDOW_BLOCKS,
    Features,
    check_blocks,
    hashed,
)
from redline.extract.event_features import read as read_features
from redline.plover import current_type
from redline.records import Event

Token = Any
WEIGHTS_FILE = Path(__file__).with_name("event_typing.npz")
#: The same models fitted without the dev gold: the eval gate's out-of-sample PLOVER scores.
HELDOUT_FILE = WEIGHTS_FILE.with_name("event_typing_heldout.npz")


def heldout_file(weights: Path) -> Path:
    """Where the plv-train-only models trained beside ``weights`` are written."""
    return weights.with_name(f"{weights.stem}_heldout{weights.suffix}")
#: The gold sets' YIELD (the 2021 CONCEDE and RETREAT) is split by the rules' proposal.
_YIELD_PARTS = ("CONCEDE", "RETREAT")
#: The classes of the event/no-event model.
PRESENCE_CLASSES = ("EVENT", "NONE")


def label_of(event: str) -> str:
    """A PLOVER name in the model's label space: 2021 types, CONCEDE and RETREAT as YIELD."""
    kind = current_type(event)
    return "YIELD" if kind in _YIELD_PARTS else kind


@dataclass(frozen=True)
class Linear:
    """Softmax regression: ``weights`` DIMENSIONS x classes over the hashed columns,
    ``dense`` width x classes over the dense features."""

    weights: np.ndarray
    dense: np.ndarray
    bias: np.ndarray
    classes: tuple[str, ...]

    def probabilities(self, seen: Features) -> np.ndarray:
        scores = self.weights[seen.columns].sum(axis=0) + self.bias
        if self.dense.shape[0]:
            scores = scores + seen.dense @ self.dense
        exp = np.exp(scores - scores.max())
        return np.asarray(exp / exp.sum())

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}weights": self.weights.astype(np.float32),
                f"{prefix}dense": self.dense.astype(np.float32),
                f"{prefix}bias": self.bias.astype(np.float32),
                f"{prefix}classes": np.array(self.classes)}

    @classmethod
    def from_arrays(cls, data: Any, prefix: str) -> Linear:
        return cls(weights=data[f"{prefix}weights"], dense=data[f"{prefix}dense"],
                   bias=data[f"{prefix}bias"],
                   classes=tuple(str(c) for c in data[f"{prefix}classes"]))


@dataclass(frozen=True)
class EventTyper:
    """A trained typer (``types``) and event/no-event model (``presence``).

    Where the typer's most probable type has a probability under ``trust`` (chosen by
    cross-validation), the rules' proposal stands. Whether the rules read a construction
    on purpose (``rules_stand``) is a feature the typer weighs with their proposal, not a
    verdict that forces it. An event is kept unless ``presence`` gives "no event" a
    probability of at least ``threshold`` (also chosen by cross-validation). ``blocks``
    names the dense features both read.
    """

    types: Linear
    presence: Linear | None = None
    trust: float = 0.0
    threshold: float = 1.0
    blocks: tuple[str, ...] = ()

    @property
    def classes(self) -> tuple[str, ...]:
        return self.types.classes

    def label(self, seen: Features, proposal: str | None, trust: float | None = None) -> str:
        """The decided type in the label space (YIELD undivided)."""
        p = self.types.probabilities(seen)
        best = int(np.argmax(p))
        proposed = label_of(proposal) if proposal is not None else None
        if proposed in self.classes and p[best] < (self.trust if trust is None else trust):
            return str(proposed)
        return self.classes[best]

    def no_event(self, seen: Features) -> float:
        """The probability that there is no event where ``seen`` was read (0 without a
        presence model)."""
        if self.presence is None:
            return 0.0
        return float(self.presence.probabilities(seen)[PRESENCE_CLASSES.index("NONE")])

    def is_event(self, seen: Features, threshold: float | None = None) -> bool:
        return self.no_event(seen) < (self.threshold if threshold is None else threshold)

    def read(self, anchor: Token, proposal: str | None, stands: bool = False,
             phrase: bool = False) -> Features:
        return read_features(anchor, proposal, self.blocks, stands, phrase)

    def decide(self, anchor: Token, proposal: str | None, stands: bool = False,
               phrase: bool = False, firm: bool = False) -> str | None:
        """The PLOVER type of an event anchored on ``anchor``; None: no event there.
        ``stands`` and ``phrase`` are features (``features``); ``firm``: the rules'
        ``proposal`` stands whatever the typer reads."""
        features = self.read(anchor, proposal, stands, phrase)
        if not self.is_event(features):
            return None
        if firm and proposal is not None:
            return proposal
        kind = self.label(features, proposal)
        return proposal if proposal is not None and kind == label_of(proposal) else split_yield(
            kind, proposal)

    def save(self, path: Path) -> None:
        arrays: dict[str, Any] = self.types.arrays("")
        if self.presence is not None:
            arrays |= self.presence.arrays("presence_")
        arrays |= {"trust": np.float32(self.trust), "threshold": np.float32(self.threshold),
                   "blocks": np.array(self.blocks, dtype=str)}
        np.savez_compressed(path, **arrays)


def split_yield(decided: str, proposal: str | None) -> str:
    """YIELD as the 2021 type the rules name (CONCEDE or RETREAT); CONCEDE by default."""
    if decided != "YIELD":
        return decided
    return proposal if proposal in _YIELD_PARTS else _YIELD_PARTS[0]


def read_typer(path: Path) -> EventTyper:
    try:
        with np.load(path) as data:
            presence = (Linear.from_arrays(data, "presence_")
                        if "presence_weights" in data.files else None)
            return EventTyper(types=Linear.from_arrays(data, ""), presence=presence,
                              trust=float(data["trust"]), threshold=float(data["threshold"]),
                              blocks=check_blocks([str(b) for b in data["blocks"]]))
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


def rules_stand(event: Event, anchor: Token, inside: frozenset[int] = frozenset(),
                triggers: frozenset[int] = frozenset()) -> bool:
    """Whether the rules read ``event`` on purpose (a feature of the typer's, which learns
    how far to trust each kind of such reading): a trigger of several words is a
    construction the rules read on purpose (a statement of intent,
    "announced it will support"; a demand, "renewed its demand"; a light verb and its
    event noun, "signed ... agreement"), and so is the event stated inside one or in the
    complement of another event's trigger (``inside``: the characters of such triggers;
    ``triggers``: the events' anchor tokens, its own among them or not, since a complement
    is never its own head; "boycott" in "warned it will boycott" is PROTEST, though the
    sentence is a threat); so is a negated trigger."""
    stated = anchor.dep_ in ("ccomp", "xcomp") and anchor.head.i in triggers
    return len(event.trigger.split()) > 1 or anchor.idx in inside or stated or negated(anchor)


def negated(anchor: Token) -> bool:
    return any(c.dep_ == "neg" for c in anchor.children)


def firm(anchor: Token, refusing: frozenset[str] = frozenset()) -> bool:
    """Whether the rules' type stands whatever the typer reads: a negated trigger keeps
    what did not happen ("did not transfer" is AID denied, not a rejection; its denial is
    the factuality's to say), unless a ``refusing`` modal makes it a refusal, which the
    typer reads ("will not end the strike until ..." is a rejection)."""
    return negated(anchor) and not any(
        c.dep_ == "aux" and c.lemma_.lower() in refusing for c in anchor.children)


def retype(doc: Any, events: list[Event], typer: EventTyper,
           refusing: frozenset[str] = frozenset()) -> list[Event]:
    """``events`` with the type ``typer`` decides for each, those it reads as no event left
    out; all records of one trigger (a compound actor's) get the same decision; a negated
    trigger under a ``refusing`` modal is a refusal the typer reads (``firm``)."""
    decided: dict[tuple[tuple[int, int] | None, str], str | None] = {}
    inside = frozenset(i for e in events if e.trigger_span and len(e.trigger.split()) > 1
                       for i in range(*e.trigger_span))
    anchors = [anchor_of(doc, event) for event in events]
    triggers = frozenset(a.i for a in anchors)
    typed = []
    for event, anchor in zip(events, anchors, strict=True):
        key = (event.trigger_span, event.event)
        if key not in decided:
            decided[key] = typer.decide(anchor, event.event,
                                        stands=rules_stand(event, anchor, inside, triggers),
                                        phrase=len(event.trigger.split()) > 1,
                                        firm=firm(anchor, refusing))
        kind = decided[key]
        if kind is not None:
            typed.append(event if kind == event.event else replace(event, event=kind, cameo=None))
    return typed


def unmatched_roots(doc: Any, events: Sequence[Event],
                    reporting: frozenset[str] = frozenset()) -> list[Token]:
    """The main verb of each sentence where the rules found no event: its root verb, or
    where the root is a ``reporting`` verb ("said"), the verb of what is reported."""
    covered = sorted({event.span[0] for event in events})
    found = []
    for sent in doc.sents:
        first = bisect.bisect_left(covered, sent.start_char)  # the first event from here on
        if first < len(covered) and covered[first] < sent.end_char:
            continue
        verb = sent.root
        if verb.lemma_.lower() in reporting:
            verb = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "VERB"),
                        verb)
        if verb.pos_ == "VERB":
            found.append(verb)
    return found


def proposed_by_model(finder: Any, root: Token, kind: str) -> list[Event]:
    """Events of a sentence the rules did not read, anchored on its main verb and typed by
    the model, kept only where a named actor does it to a named actor or a thing, and never
    where the patterns read that verb as no interaction ("released a report")."""
    from redline.extract.events import Trigger
    from redline.extract.patterns import Reading

    if finder.reads_no_event(root):
        return []
    built = finder.build(Trigger(root, Reading(kind)))
    return [e for e in built if e.actor and (e.recipient or e.objects)]


def acts_on_named(finder: Any, root: Token, kind: str) -> bool:
    """Whether ``proposed_by_model`` would keep an event of ``kind`` on ``root``: read from
    its arguments alone, without writing the events (their factuality, time and place)."""
    from redline.extract.events import Trigger
    from redline.extract.patterns import Reading

    if finder.reads_no_event(root):
        return False
    actors, recipients, objects = finder.participants(Trigger(root, Reading(kind)))
    return any(a.code for a in actors) and (bool(objects) or any(r.code for r in recipients))


def with_proposals(doc: Any, finder: Any, events: list[Event], typer: EventTyper
                   ) -> list[Event]:
    """``events`` typed by ``typer``, plus the model's events of sentences the rules missed.

    A sentence the rules missed is read only where an event can be built on its main verb
    (a named actor acting on a named actor or a thing), so the encoder runs on the
    sentences with an event to decide, not on every sentence; its events are written
    only once the typer has decided there is one."""
    roots = [root for root in unmatched_roots(doc, events, finder.patterns.reporting)
             if acts_on_named(finder, root, "AGREE")]
    anchors = [anchor_of(doc, e) for e in events] + roots  # encoded in one batch
    if SENTENCE_BLOCKS.intersection(typer.blocks):
        from redline.extract.encoder import encode_sentences

        encode_sentences(doc, {a.sent.start: a.sent for a in anchors}.values())
    if WINDOW_BLOCKS.intersection(typer.blocks):
        from redline.extract.encoder import encode_windows

        encode_windows(doc, anchors)
    typed = retype(doc, events, typer, finder.patterns.intent.modals)
    for root in roots:
        kind = typer.decide(root, None)
        if kind is not None:
            typed += proposed_by_model(finder, root, kind)
    return sorted(typed, key=lambda e: e.span[0])


__all__ = ["DIMENSIONS", "EventTyper", "Features", "Linear", "hashed", "label_of",
           "load_typer", "read_typer", "split_yield", "with_proposals"]
