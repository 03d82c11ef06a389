"""Event factuality: did the text say the event happened, and on whose word?

An event's predicate (a verb, or an eventive noun such as "transfer") is read on
the FactBank-style scale -3..+3 with a label from ``records.FACTUALITY_LABELS``.
The reading starts at the author's assertion (+3) at the root of the sentence
and is passed down the dependency tree; each cue on the way (reporting verbs,
modals, hedges, negations, conditionals, plans and denials, listed in
``factuality_cues.yaml``) caps its certainty or flips its polarity, and only
within its own clause and the complements below it: a cue never leaks into a
coordinated clause with its own subject, or into a relative clause.

Two dimensions are kept apart. ``value`` and ``label`` say what may be presented
as having happened: a future, a plan or an intention has not (yet) happened and is
``unconfirmed`` (0). ``commitment`` is how sure the text is that the event occurs
at its own time, certainty x polarity as in FactBank and MEANTIME, where "will be
delivered" is +3 and its being in the future is told by ``time``. It is the same
reading with the cues of the ``futures`` section graded by their certainty.

The cue-and-scope reading is not the only judge: a model trained on thousands of
judgements (UW, UDS-IH2, CommitmentBank, MEANTIME; ``factuality_model.py``) reads
the predicate in context, with that reading among its hashed features and the
contextual vectors of the predicate, its governing verb and its sentence
(``factuality_context.py``). One scale, two readings of its score:

- ``commitment`` is the model's score, on the MEANTIME scale (certainty x polarity,
  time apart): what ``factuality_of`` returns. A participle or gerund that borrows a
  hedged scope from its governor is read no surer than the rules' commitment plus
  ``SCOPE_MARGIN`` (``bounded_by_scope``); an event noun with a hedging modifier of its
  own ("the possible deployment", "the alleged transfer") no surer than possible plus
  ``SCOPE_MARGIN`` (``bounded_by_modifier``); the verb of a condition opened by an
  inverted auxiliary ("had North Korea tested") within ``SCOPE_MARGIN`` of the rules'
  commitment (``bounded_by_condition``).
- ``value`` and ``label`` (what may be presented as having happened) are the rule
  reading, except where the rules say it happened (``confirmed``, ``reported``) and
  the model doubts it (score below ``DOUBT``): then the score is labelled by
  ``label_of_score`` (at or below -0.75 ``denied``; within +-0.75 ``unconfirmed``, 0;
  then ``possible``, ``probable``, ``reported``, ``confirmed`` from 0.75, 1.5, 2.25,
  2.75), except a factive's complement ("did not regret sending troops"), given whatever
  the score. A future or an intention stays ``unconfirmed`` (0), however sure the text.
  The model only ever makes the stored reading more cautious.

``assertion`` says how the source commits to the event (``factuality_assertion.py``);
an event in a transcript's question turn is never stored as having happened.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from redline.errors import InputError
from redline.extract.factuality_assertion import assertion_of
from redline.extract.factuality_context import context_rows
from redline.extract.factuality_cues import load_commitment_cues, load_cues
from redline.extract.factuality_features import features_of
from redline.extract.factuality_local import borrows_scope, inverted_conditional
from redline.extract.factuality_model import load_model
from redline.extract.factuality_reader import Reader
from redline.extract.factuality_register import sentence_registers
from redline.extract.factuality_scale import Factuality, label_by_value
from redline.extract.factuality_tree import pos_class
from redline.extract.nlp import load_nlp
from redline.records import FACTUALITY_LABELS, HAPPENED_LABELS

__all__ = ["DOUBT", "SCOPE_MARGIN", "Factuality", "bounded_by_condition", "bounded_by_modifier",
           "bounded_by_scope",
           "factualities_of", "factuality_of", "factuality_of_token", "label_of_score",
           "predicate_at", "rule_readings"]

#: Below this score the model doubts an event the rules read as having happened. On the
#: MEANTIME and UW train splits, 22 of the 25 events so downgraded were judged not to have
#: happened (at 2.0: 57 of 63, but it also doubts events a named source confirms).
DOUBT = 1.5
_UNCOMMITTED = 0.75
_PROBABLE = 1.5
_POSSIBLE = FACTUALITY_LABELS["possible"]
_HEDGING_MODIFIERS = frozenset({"probable", "possible"})
#: How far above the rules' commitment the model may read a participle or gerund that
#: borrows a hedged scope (``bounded_by_scope``).
SCOPE_MARGIN = 0.25


def factuality_of_token(token: Token) -> Factuality:
    """The factuality of the event whose predicate is ``token``: its value and label,
    its commitment and time, its source and how the source commits to it."""
    return factualities_of([token])[0]


def factualities_of(tokens: Sequence[Token]) -> list[Factuality]:
    """``factuality_of_token`` for many predicates, the model scoring them in one pass."""
    readings = [rule_readings(token) for token in tokens]
    model = load_model()
    scores = model.score([features_of(token, reading, committed)
                          for token, (reading, committed) in zip(tokens, readings, strict=True)],
                         context_rows(tokens, model.context.blocks),
                         sentence_registers(tokens) if model.gate is not None else None)
    return [_combined(token, reading, committed, float(score))
            for token, (reading, committed), score in zip(tokens, readings, scores, strict=True)]


def _combined(token: Token, reading: Factuality, committed: Factuality, score: float
              ) -> Factuality:
    score = bounded_by_condition(token, committed, bounded_by_modifier(
        token, committed, bounded_by_scope(token, committed, score)))
    value, label = reading.value, reading.label
    not_yet = reading.value != committed.value  # a future or an intention
    if not not_yet and label in HAPPENED_LABELS and score < DOUBT and not Reader(
            load_cues()).under_factive(token):  # "did not regret sending": still given
        value, label = label_of_score(score)
    assertion, source = assertion_of(token, reading)
    if assertion == "questioned" and value > 0:  # a question turn asks; it asserts nothing
        value, label = 0.0, "unconfirmed"
    return replace(reading, value=value, label=label, commitment=round(score, 3),
                   time=committed.time, assertion=assertion, source=source)


def bounded_by_scope(token: Token, committed: Factuality, score: float) -> float:
    """The model's score of a participle or gerund with no clause of its own, kept within
    ``SCOPE_MARGIN`` of the rules' commitment where they read its governor as no more than
    possible (a hedge, modal, conditional or frame above it; not a negation, a report or a
    future the text is sure of): "the idea of soldiers fighting ... would mark", "there
    could be soldiers fighting", "accused of faking". Elsewhere the score stands."""
    if not 0.0 <= committed.commitment < _PROBABLE or not borrows_scope(
            token, load_commitment_cues()):
        return score
    return min(score, committed.commitment + SCOPE_MARGIN)


def bounded_by_modifier(token: Token, committed: Factuality, score: float) -> float:
    """The model's score of an event noun that a hedging modifier of its own qualifies
    ("the possible deployment", "a potential strike", "the alleged transfer": probable or
    possible in ``noun_modifiers``), kept within ``SCOPE_MARGIN`` of possible, or of the
    rules' commitment where that is lower. The modifier names no source that vouches for
    the event, so it is read as possible, however often such nouns turn out to have
    happened. A denial or a future the rules read stands."""
    if pos_class(token) != "noun" or committed.commitment < 0:
        return score
    modifiers = load_cues().noun_modifiers
    if not any(grade is not None and grade.label in _HEDGING_MODIFIERS
               for grade in (modifiers.get(c.lower_) for c in token.children
                             if c.dep_ == "amod")):
        return score
    return min(score, min(committed.commitment, _POSSIBLE) + SCOPE_MARGIN)


def bounded_by_condition(token: Token, committed: Factuality, score: float) -> float:
    """The model's score of the verb of a condition opened by an inverted auxiliary ("Had
    North Korea tested a missile, ...", "would have protested had North Korea tested"),
    kept within ``SCOPE_MARGIN`` of the rules' commitment. The model reads a condition by
    its subordinator ("if"), which such a clause lacks, and the parse of one set after its
    main clause makes the auxiliary a past verb governing it, as a reported fact; the
    training judgements hold 8 such conditions in 33,000, too few to learn them."""
    if not inverted_conditional(token, load_commitment_cues()):
        return score
    return min(max(score, committed.commitment - SCOPE_MARGIN),
               committed.commitment + SCOPE_MARGIN)


def label_of_score(score: float) -> tuple[float, str]:
    """The stored value and label of a model score (see the module's mapping)."""
    if score <= -_UNCOMMITTED:
        return score, "denied"
    if score < _UNCOMMITTED:
        return 0.0, "unconfirmed"
    return score, label_by_value(score)


def rule_readings(token: Token) -> tuple[Factuality, Factuality]:
    """The cue-and-scope readings of ``token``: with the value book and the commitment book."""
    return (Reader(load_cues()).reading(token),
            Reader(load_commitment_cues(), "commitment").reading(token))


def factuality_of(text: str, start: int, end: int) -> float:
    """The commitment (-3..+3) to the event whose predicate is at ``text[start:end]``.

    This is certainty x polarity on the FactBank/MEANTIME scale, time apart: "will be
    delivered" is +3, "may be delivered" +1, "was not delivered" -3. An event's
    ``factuality`` (``factuality_of_token(...).value``) in addition treats a future, a
    plan or an intention as not (yet) happened (0, ``unconfirmed``).
    """
    doc = _parse(text)
    return factuality_of_token(predicate_at(doc, start, end)).commitment


def predicate_at(doc: Doc, start: int, end: int) -> Token:
    """The syntactic head of the tokens overlapping the char span ``start:end``."""
    if not 0 <= start < end <= len(doc.text):
        raise InputError(f"span {start}:{end}", f"must lie within the text (0:{len(doc.text)})")
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start and not t.is_space]
    if not tokens:
        raise InputError(f"span {start}:{end}", "covers only whitespace; point it at a word")
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return heads[0] if heads else tokens[-1]


@functools.lru_cache(maxsize=1)
def _parse(text: str) -> Doc:
    """The parsed text; the last one is kept, as callers ask about several events per sentence."""
    doc: Doc = load_nlp()(text)
    return doc
