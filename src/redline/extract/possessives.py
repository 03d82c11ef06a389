"""Possessives: the ending a name is written with ("Pyongyang's", "the allies'") and the
owner of a noun, and whether that owner does what the noun names.

Every reader of names (``actors.normalise``, ``ActorLexicon.lookup``, ``phrases.np_text``,
``places.proper_names``) takes the ending off with ``strip_possessive``; the endings are
read from ``possessives.yaml``. The owner of an act is its doer ("the DPRK's decision",
"Chile's release of the fishermen") except for the nouns of what is done to someone
(``done_to_owner_nouns`` in ``arguments.yaml``) that name no "of" object: "Navalny's
arrest" is done to Navalny.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError

Token = Any  # spacy.tokens.Token
POSSESSIVES_FILE = Path(__file__).with_name("possessives.yaml")


@functools.lru_cache(maxsize=4)
def possessive_endings(path: Path = POSSESSIVES_FILE) -> tuple[str, ...]:
    """The possessive endings of ``path`` in lower case, the longest first."""
    endings = load_yaml_mapping(path).get("endings") or []
    if not all(isinstance(e, str) and e.strip() for e in endings):
        raise ValidationError(str(path), "endings", "must be a list of non-empty endings")
    return tuple(sorted({str(e).lower() for e in endings}, key=len, reverse=True))


def strip_possessive(text: str) -> str:
    """``text`` without the possessive ending it closes with ("DPRK's" -> "DPRK", "KOREA'S"
    -> "KOREA", "the allies'" -> "the allies"); unchanged when it has none or is nothing
    but the ending."""
    lowered = text.lower()
    for ending in possessive_endings():
        if lowered.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)].rstrip()
    return text


def possessor(noun: Token) -> Token | None:
    """The owner of a noun phrase ("the DPRK's decision" -> DPRK)."""
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def done_to_owner(noun: Token) -> bool:
    """Whether the owner of ``noun`` is the one its act is done to: a noun of
    ``done_to_owner_nouns`` with no "of" object ("Navalny's arrest", "the tanker's
    release"; not "Chile's release of the fishermen", whose owner does it)."""
    from redline.extract.argument_words import load_arguments

    nouns = load_arguments().done_to_owner_nouns
    if noun.lemma_.lower() not in nouns and noun.lower_ not in nouns:
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def possessive_doer(noun: Token) -> Token | None:
    """The owner of ``noun`` where it does what the noun names ("the DPRK's decision to
    deploy", "Russia's deployment"), else None ("Navalny's arrest")."""
    owner = possessor(noun)
    return None if owner is None or done_to_owner(noun) else owner
