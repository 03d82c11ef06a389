"""The words of ``arguments.yaml``: prepositions by role, control verbs, allegiance words,
taking part in an event (read by arguments.py, events.py and the modules they use)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError

ARGUMENTS_FILE = Path(__file__).with_name("arguments.yaml")


@dataclass(frozen=True)
class ArgumentWords:
    """The words of ``arguments.yaml``: prepositions by role, control verbs, allegiance,
    taking part in an event."""

    recipient_preps: tuple[str, ...]
    noun_actor_preps: tuple[str, ...]
    noun_recipient_preps: tuple[str, ...]
    owner_preps: frozenset[str]
    document_author_preps: tuple[str, ...]
    place_preps: frozenset[str]
    object_control: frozenset[str]
    control_preps: dict[str, tuple[str, ...]]
    receiving_objects: frozenset[str]
    beneficiary_verbs: frozenset[str]
    own_act_verbs: frozenset[str]
    allegiance: frozenset[str]
    conditions: frozenset[str]
    participation: frozenset[str]
    participation_objects: frozenset[str]
    done_to_owner_nouns: frozenset[str]
    serving_bodies: frozenset[str] = frozenset()
    serving_verbs: frozenset[str] = frozenset()
    commanding_verbs: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=4)
def load_arguments(path: Path = ARGUMENTS_FILE) -> ArgumentWords:
    """The argument words from ``path`` (default: the packaged ``arguments.yaml``)."""
    data = load_yaml_mapping(path)

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w).lower() for w in data.get(key) or ())

    control = data.get("control_prepositions") or {}
    if not isinstance(control, dict) or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in control.values()):
        raise ValidationError(str(path), "control_prepositions",
                              "must map verbs to lists of prepositions")
    for verb in control:
        if not isinstance(verb, str):  # YAML reads a bare on, off, yes or no as a boolean
            raise ValidationError(str(path), f"control_prepositions: {verb!r}",
                                  "a verb must be a word; quote on, off, yes and no")
    return ArgumentWords(
        recipient_preps=words("recipient_prepositions"),
        noun_actor_preps=words("noun_actor_prepositions"),
        noun_recipient_preps=words("noun_recipient_prepositions"),
        owner_preps=frozenset(words("owner_prepositions")),
        document_author_preps=words("document_author_prepositions"),
        place_preps=frozenset(words("place_prepositions")),
        object_control=frozenset(words("object_control")),
        control_preps={str(verb).lower(): tuple(w.lower() for w in preps)
                       for verb, preps in control.items()},
        receiving_objects=frozenset(words("receiving_objects")),
        beneficiary_verbs=frozenset(words("beneficiary_verbs")),
        own_act_verbs=frozenset(words("own_act_verbs")),
        allegiance=frozenset(words("allegiance")),
        conditions=frozenset(words("conditions")),
        participation=frozenset(words("participation")),
        participation_objects=frozenset(words("participation_objects")),
        done_to_owner_nouns=frozenset(words("done_to_owner_nouns")),
        serving_bodies=frozenset(words("serving_bodies")),
        serving_verbs=frozenset(words("serving_verbs")),
        commanding_verbs=frozenset(words("commanding_verbs")))
