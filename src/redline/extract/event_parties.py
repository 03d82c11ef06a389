"""Who does an event and to whom, read from the nouns around its trigger: the subject's
parties up through governing clauses, an event noun's owner, "by" and "of" phrases, the
states a compound names ("the Iran strike", "Russia-DPRK cooperation").
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping
from redline.extract.arguments import (
    Party,
    agent_of,
    complements,
    object_heads,
    prep_objects,
    subject_of,
)
from redline.extract.event_intent import IntentReader
from redline.extract.event_records import Trigger
from redline.extract.possessives import possessive_doer, possessor

Token = Any
PARTIES_FILE = Path(__file__).with_name("event_parties.yaml")


@dataclass(frozen=True)
class MutualWords:
    """The words of ``event_parties.yaml``: acts done with one another."""

    words: frozenset[str]
    modifiers: frozenset[str]
    judging: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=4)
def load_mutual(path: Path = PARTIES_FILE) -> MutualWords:
    """The words of acts done together from ``path`` (default: ``event_parties.yaml``)."""
    data = load_yaml_mapping(path)

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or ())

    return MutualWords(words("reciprocal_words"), words("reciprocal_modifiers"),
                       words("judging_verbs"))


class PartyReader(IntentReader):
    """The doers and those done to of one document's events, by the nouns that name them."""

    def _together(self, trigger: Trigger, actors: list[Party], recipients: list[Party],
                  objects: list[Token]) -> tuple[list[Party], list[Party]]:
        """An act several parties do with one another, where nothing else names whom it is
        done to: the first party is the actor and the others those it acts with, of a
        reciprocal act's coordinated doers ("India and Pakistan agreed to a cease-fire":
        India with Pakistan) and of its "between" phrase where no doer is named ("talks
        between Chile and Peru"; not "a mediation effort between", which is a third
        party's)."""
        doers = [a for a in actors if a.code]
        if not doers:
            between = [p for head in (trigger.token, trigger.noun) if head is not None
                       for place in prep_objects(head, ("between",)) for p in self._coded(place)]
            sides = list({p.code: p for p in between}.values())
            named = {p.code for p in sides}
            if len(sides) < 2 or any(r.code not in named for r in recipients if r.code) or (
                    not self._reciprocal(trigger, objects)):  # "mediation between": no
                return actors, recipients
            return sides[:1], sides[1:]
        if any(r.code for r in recipients) or len(doers) < 2 or not self._reciprocal(
                trigger, objects):
            return actors, recipients
        return doers[:1], doers[1:]

    def _reciprocal(self, trigger: Trigger, objects: list[Token]) -> bool:
        """Whether the trigger, its event noun, its objects or its complement's objects
        name an act done with one another (event_parties.yaml), or are "joint"; never
        where the trigger judges or answers such an act ("welcomed the deal", "praised the
        talks": judging_verbs), which each party does on its own."""
        mutual = load_mutual()
        token = trigger.token
        if token.lemma_.lower() in mutual.judging:
            return False
        heads = [token, *([trigger.noun] if trigger.noun is not None else []), *objects,
                 *object_heads(token)]
        for clause in complements(token, trigger.noun):
            heads += [clause, *object_heads(clause)]
        heads += [o for h in heads for o in prep_objects(h, ("of",))]  # "a round of joint talks"
        return any(h.lemma_.lower() in mutual.words or h.lower_ in mutual.words or any(
            c.dep_ == "amod" and c.lower_ in mutual.modifiers for c in h.children)
            for h in heads)

    def _named_here(self, noun: Token) -> bool:
        """Whether ``noun`` names an actor by itself, its modifiers or its apposition ("U.S.
        special envoy Zalmay Khalilzad", "Alice Wells, a senior US official"), not by its
        owner ("the U.N.'s commitment"), a phrase attached to it ("a hotel in Qatar") or the
        state named nearest."""
        owned = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}
        if noun.i in self.index.by_token or any(
                m.start not in owned for m in self.index.within(noun.left_edge.i, noun.i)):
            return True
        return any(c.dep_ == "appos" and self.index.within(c.left_edge.i, c.i + 1)
                   for c in noun.children)

    def _doers_of(self, noun: Token) -> list[Party]:
        """Who did the act ``noun`` names, by its "by" phrase ("violations by Iran"), also
        where the parser hangs that phrase on the act's "of" object ("violations of the
        resolutions by Iran", "the killing of civilians by Syrian forces")."""
        for head in [noun, *prep_objects(noun, ("of",))]:
            agents = [*prep_objects(head, ("by",)), *(  # "the crimes committed by ..."
                a for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"
                for a in [agent_of(c)] if a is not None)]
            coded = [p for agent in agents for p in self._coded(agent)]
            if coded:
                return coded
        return []

    def _object_noun_doers(self, noun: Token) -> list[Party]:
        """Who does the act an object noun names when the noun names no doer: the subject of
        the verb it is the object of, for a verb of one's own acts (arguments.yaml
        own_act_verbs: "the UK prime minister cancelled a planned visit to Washington")."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in self.words.own_act_verbs:
            return []
        subject, passive = self.resolver.subject(verb)
        if subject is None or passive:
            return []
        return [p for p in self._climbing_actors(verb, subject) if p.code]

    def _named_doers(self, noun: Token) -> list[Party]:
        """Who an act is named as done by: its possessor ("Russia's deployment") or its
        "by" phrase ("the deployment by Russia"), where that names an actor or is a pronoun
        ("the regime's attacks" names none)."""
        owner = possessive_doer(noun)
        heads = [*([owner] if owner is not None else []), *prep_objects(noun, ("by",))]
        return [p for head in heads if self.resolver.kind(head) is not None
                or self.index.within(head.left_edge.i, head.right_edge.i + 1)
                for p in self._coded(head)]

    def _climbing_actors(self, verb: Token, subject: Token) -> list[Party]:
        """The subject's parties; a subject borrowed from a governing clause that names no
        actor ("the plan could include weighing ...") gives way to the next one up."""
        parties = self.resolver.parties(subject)
        for _ in range(4):
            clause = subject.head
            if any(p.code for p in parties) or clause.i == verb.i or clause.head.i == clause.i:
                return parties
            higher, passive = subject_of(clause.head)
            if higher is None or passive:
                return parties
            subject = higher
            parties = self.resolver.parties(subject)
        return parties

    def _noun_arguments(self, noun: Token, event: str | None = None, carried: bool = False
                        ) -> tuple[list[Party], list[Party], list[Token]]:
        """Who did the event a noun names, to whom, and what it acted on. A named "of"
        phrase of a noun a verb carries is what the event is done to ("ordered the release
        of an Austrian student": the verb's subject did it), unless it owns what moves ("the
        withdrawal of Russian troops"); of a noun on its own it may be the doer. The owner
        of a noun of what is done to someone is the one it is done to ("Navalny's arrest")."""
        actors: list[Party] = []
        recipients: list[Party] = []
        owner = possessor(noun)
        if owner is not None and possessive_doer(noun) is None:  # "Navalny's arrest"
            recipients = self.resolver.parties(owner)
        elif owner is not None:
            actors = self.resolver.parties(owner)
        left = event in self.roles.left_from  # "the withdrawal of troops from Syria"
        for head in prep_objects(noun, self.words.noun_actor_preps):
            if not (left and head.head.lower_ == "from"):
                actors = actors or [p for p in self.resolver.parties(head) if p.code]
        preps = (*self.words.noun_recipient_preps, *(("from",) if left else ()))
        for head in prep_objects(noun, preps):
            recipients += [p for p in self.resolver.parties(head) if p.code]
        for child in noun.children if not actors else ():
            mention = self.index.by_token.get(child.i) if child.i < noun.i else None
            if mention is None or child.dep_ not in {"amod", "compound"}:
                continue
            party = Party(mention.code, mention.text)  # "the Iran strike": done to Iran
            paired = self._paired(child)
            if paired:  # "Russia-DPRK cooperation": both sides do it
                actors = paired
            elif not recipients and event in self.roles.compound_state_done_to and (
                    child.pos_ == "PROPN" and self.index.lexicon.names_state(mention.text)):
                recipients = [party]
            else:
                actors = [party]
        objects = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                   and self.patterns.contexts_of([c.lower_])]
        for head in prep_objects(noun, ("of", "including")):
            if not self.resolver.resolve(head).code:
                objects.append(head)
                for inner in prep_objects(head, self.words.noun_recipient_preps):
                    recipients += [p for p in self.resolver.parties(inner) if p.code]
                continue
            named = self.resolver.parties(head)
            owns_moved = event in self.roles.moved_by_owner or any(
                (p.code or "").endswith("-MIL") for p in named)
            if owns_moved or not carried:
                actors = actors or named
            else:
                recipients = recipients or [p for p in named if p.code]
        return actors, recipients, objects

    def _paired(self, modifier: Token) -> list[Party]:
        """The sides a hyphenated pair of names before a noun names ("Russia-DPRK",
        "US-China"), else none."""
        doc = self.doc
        mentions = self.index.within(modifier.left_edge.i, modifier.i + 1)
        joined = all(doc[a.end].text == "-" and b.start == a.end + 1
                     for a, b in itertools.pairwise(mentions))
        if len(mentions) < 2 or not joined:
            return []
        return list({m.code: Party(m.code, m.text) for m in mentions}.values())
