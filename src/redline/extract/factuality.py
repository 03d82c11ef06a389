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
"""

from __future__ import annotations

import functools
from dataclasses import replace

from spacy.tokens import Doc, Token

from redline.errors import InputError
from redline.extract.factuality_cues import load_commitment_cues, load_cues
from redline.extract.factuality_reader import Reader
from redline.extract.factuality_scale import Factuality
from redline.extract.nlp import load_nlp

__all__ = ["Factuality", "factuality_of", "factuality_of_token", "predicate_at"]


def factuality_of_token(token: Token) -> Factuality:
    """The factuality of the event whose predicate is ``token``: its value and label,
    and its commitment and time read with the futures graded by their certainty."""
    reading = Reader(load_cues()).reading(token)
    committed = Reader(load_commitment_cues(), "commitment").reading(token)
    return replace(reading, commitment=committed.value, time=committed.time)


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
