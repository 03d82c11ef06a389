"""The words that name a party: a noun phrase's text, without what attaches to it or the
day written before or after it."""

from __future__ import annotations

from typing import Any

from redline.extract.possessives import strip_possessive

Token = Any  # spacy.tokens.Token

#: Children left out of a noun phrase's text.
NP_EXCLUDED = frozenset({"conj", "cc", "relcl", "acl", "appos", "punct", "advcl", "prep",
                         "preconj", "parataxis"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
#: Dependencies of a day or time that modifies a clause, not the name it stands before.
_TIME_CONSTITUENTS = frozenset({"npadvmod", "tmod"})


def np_text(token: Token, skip: frozenset[int] = frozenset()) -> str:
    """The noun phrase headed by ``token``, without clauses, conjuncts or attachments;
    tokens in ``skip`` (a dateline) are left out of its start, and a day or time at either
    end is no part of the name ("Monday Kim Jong Un", "forces loyal to Haftar on Sunday"),
    nor the possessive ending of an owner ("the DPRK's" -> "the DPRK")."""
    kept = [c for c in token.children if c.dep_ not in NP_EXCLUDED]
    start = min([token.i, *(c.left_edge.i for c in kept)])
    end = max([token.i, *(c.right_edge.i for c in kept)])
    doc = token.doc
    moved = True
    while moved:  # "Monday, the Kenyan army": past the day, then its comma and article
        first = start
        while start < token.i and (doc[start].is_punct or doc[start].lower_ in {
                "the", "a", "an"} or start in skip):
            start += 1
        start = _past_time(doc, start, token.i)
        moved = start != first
    while end > token.i and (doc[end].is_punct or doc[end].ent_type_ in _TIME_ENTITIES or (
            doc[end].pos_ == "ADP" and doc[end].dep_ == "prep")):
        end -= 1
    return strip_possessive(str(doc[start : end + 1].text))


def _past_time(doc: Any, start: int, head: int) -> int:
    """The start of a noun phrase after a day or time that opens it as a constituent of its
    own: a temporal modifier (npadvmod, tmod), one before another name ("Monday Kim Jong
    Un") or one begun before the phrase; a date inside a name stays ("the March 23
    Movement", "the October 7 attack")."""
    stop = start
    while stop < head and doc[stop].ent_type_ in _TIME_ENTITIES:
        stop += 1
    if stop == start:
        return start
    separate = any(doc[i].dep_ in _TIME_CONSTITUENTS for i in range(start, stop)) or (
        doc[stop].ent_iob_ == "B" and doc[stop].ent_type_ not in _TIME_ENTITIES) or (
        doc[start].ent_iob_ == "I")  # begun before the phrase: "this Dec. 13, 2018 file photo"
    return stop if separate else start
