"""Events: who did what to whom, found on a parsed Doc with the patterns of ``event_verbs.yaml``.

A trigger is a verb with a reading ("send", "impose"), a light or reporting verb
governing an event noun ("held talks", "announced a ban"), or an event
noun with arguments of its own ("Belarus's troop deployment", "the transfer
of drones from Iran to Russia"). Within a sentence, events are
listed main clause first (shallowest trigger in the parse).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from redline.extract.arguments import (
    Key,
    Party,
    agent_of,
    clause_order,
    complements,
    datives,
    object_heads,
    object_words,
    prep_objects,
    purposes,
    receivers,
    subject_of,
)
from redline.extract.event_parties import PartyReader
from redline.extract.event_records import FactualityFn, FactualityLike, Trigger
from redline.extract.patterns import Reading, complement_words, object_governs
from redline.extract.phrases import np_text
from redline.extract.places import recipient_place
from redline.extract.possessives import possessor
from redline.extract.timex_lexicon import load_lexicon
from redline.records import Event

__all__ = ["EventFinder", "FactualityFn", "FactualityLike", "Trigger"]

Token = Any
_OBJECT_SKIP = frozenset({"PRON", "NUM"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})


@functools.lru_cache(maxsize=1)
def _time_names() -> frozenset[str]:
    """Single words that name a time (months, weekdays, seasons, parts of the day, named
    days) in ``timex.yaml``."""
    lexicon = load_lexicon()
    return frozenset(name for table in (lexicon.months, lexicon.weekdays, lexicon.seasons,
                                        lexicon.parts_of_day, lexicon.days)
                     for name in table if " " not in name)


def _names_time(token: Token) -> bool:
    if any(c.dep_ == "prep" for c in token.children):  # "a week of protests"
        return False
    return token.ent_type_ in _TIME_ENTITIES or token.lower_ in _time_names()


def _governed_words(prep: Token) -> set[str]:
    """Lemmas and words of what ``prep`` governs, with their compounds and adjectives
    ("on hunger strike": strike, hunger)."""
    words: set[str] = set()
    for head in (g for g in prep.children if g.dep_ == "pobj"):
        words.update((head.lemma_.lower(), head.lower_))
        words.update(c.lemma_.lower() for c in head.children if c.dep_ in {"compound", "amod"})
    return words


def _adverb_particle(verb: Token) -> str | None:
    """The word right after a verb that the parse took for an adverb or a preposition but
    is its particle ("pulled back from", "stepped down", "pulled out of")."""
    after = verb.doc[verb.i + 1] if verb.pos_ == "VERB" and verb.i + 1 < len(verb.doc) else None
    if after is None or after.head.i != verb.i or after.dep_ not in {"advmod", "prep"}:
        return None
    return str(after.lower_) if after.pos_ in {"ADV", "ADP"} else None


def _time_only(prep: Token) -> bool:
    """A preposition whose objects all name a time ("on Monday", "in March"): it dates the
    act and selects no reading ("called on Monday for talks" is not "call on")."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objects) and all(_names_time(o) for o in objects)


#: Tags of a relative pronoun subject ("that", "which", "who").
_RELATIVES = frozenset({"WDT", "WP"})

class EventFinder(PartyReader):
    """Finds the events of one parsed document; built once per Doc."""

    def events(self) -> list[Event]:
        """Every event, main clause first; a stated intention before the intended action."""
        triggers = list(self.triggers())
        acting = {t.token.i: t for t in triggers}
        keyed: list[tuple[Key, list[Event]]] = []
        for trigger in triggers:
            trigger = self._refused(self._followed(trigger, acting))
            built = self._intended(trigger, self.build(trigger))
            statement = self._statement(trigger, built, acting)
            if statement is not None:  # listed before the action, also when anchored on it
                keyed.append(statement)
            keyed.append((clause_order(trigger.token), built))
        keyed += self._demands()
        keyed.sort(key=lambda item: item[0])
        return [event for _, built in keyed for event in built]

    # -- triggers ---------------------------------------------------------------

    def triggers(self) -> Iterator[Trigger]:
        consumed: set[int] = set()
        for token in self.doc:
            if token.pos_ == "VERB":
                trigger = self._verb_trigger(token)
                if trigger is not None:
                    if trigger.noun is not None:
                        consumed.add(trigger.noun.i)
                    if trigger.reading.event is not None:
                        yield trigger
        for token in self.doc:
            if token.pos_ in {"NOUN", "PROPN"} and token.i not in consumed:
                trigger = self._noun_trigger(token)
                if trigger is not None:
                    yield trigger

    def _verb_trigger(self, verb: Token) -> Trigger | None:
        """The verb's own reading; else an event noun carried by a light or reporting verb."""
        lemma = verb.lemma_.lower()
        patterns = self.patterns
        nouns = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}
                 and c.lemma_.lower() in patterns.nouns]
        reading = self._reading(patterns.verbs.get(lemma), verb)
        if reading is not None:
            return Trigger(verb, reading, nouns[0] if nouns else None)
        for noun in self._taken_part_in(verb):  # "were involved in combat operations"
            carried = self._reading(patterns.nouns[noun.lemma_.lower()], noun)
            if carried is not None:
                return Trigger(verb, carried, noun, carried_by=lemma)
        if lemma in patterns.carriers or lemma in patterns.reporting:
            for noun, eventive in [*((n, n) for n in nouns), *self._inner_event_nouns(verb)]:
                carried = self._reading(patterns.nouns[eventive.lemma_.lower()], eventive)
                if carried is not None:
                    return Trigger(verb, carried, noun, carried_by=lemma)
        return None

    def reads_no_event(self, verb: Token) -> bool:
        """Whether the patterns read ``verb`` as no interaction: a reading with no event
        ("released a report"), or an act on a document given to no one ("published its
        annual report on China"; "handed the documents to Somalia" gives them to someone)."""
        reading = self._reading(self.patterns.verbs.get(verb.lemma_.lower()), verb)
        if reading is not None and reading.event is None:
            return True
        given = datives(verb) or prep_objects(verb, ("to", "with"))
        return not given and any(c.dep_ in {"dobj", "nsubjpass"} and self._document(c)
                                 for c in verb.children)

    def _document(self, noun: Token) -> bool:
        """Whether ``noun`` names a document: its lemma or word ("data", whose lemma is
        "datum"), or the word with its compounds and hyphenated parts ("press release",
        "fact sheet", "op-ed")."""
        documents = self.patterns.documents
        parts = [t for t in noun.lefts if t.dep_ in {"compound", "punct", "amod"}]
        joined = "".join(t.text_with_ws for t in [*parts, noun]).lower().replace(" - ", "-")
        return (noun.lemma_.lower() in documents or noun.lower_ in documents
                or " ".join(joined.split()) in documents)

    def _taken_part_in(self, verb: Token) -> list[Token]:
        """The event nouns the subject of ``verb`` takes part in: "involved in combat
        operations", "took part in the offensive", "played a role in the invasion"."""
        words = self.words
        roles = [c for c in verb.children if c.dep_ == "dobj"
                 and c.lemma_.lower() in words.participation_objects]
        if verb.lemma_.lower() not in words.participation and not roles:
            return []
        return [noun for head in (verb, *roles) for noun in prep_objects(head, ("in",))
                if noun.lemma_.lower() in self.patterns.nouns]

    def _inner_event_nouns(self, verb: Token) -> Iterator[tuple[Token, Token]]:
        """(object, event noun) where the object is not itself an event noun: "a mediation
        effort" (a compound of a noun of an act, ``acts``; "make combat aircraft" names a kind
        of thing), "ten days of war games" (a partitive)."""
        nouns = self.patterns.nouns
        for child in verb.children:
            if child.dep_ != "dobj" or child.lemma_.lower() in nouns:
                continue
            act = child.lemma_.lower() in self.patterns.acts or child.lower_ in self.patterns.acts
            for inner in child.children:
                if act and inner.dep_ == "compound" and inner.lemma_.lower() in nouns:
                    yield child, inner
            counted = self._counted(child)
            if counted.i != child.i and counted.lemma_.lower() in nouns:
                yield counted, counted

    def _counted(self, noun: Token) -> Token:
        """What a partitive counts ("scores of refugees" -> refugees); else the noun."""
        if noun.lower_ not in self.patterns.partitives:
            return noun
        inner = prep_objects(noun, ("of",))
        return inner[0] if inner else noun

    def _noun_trigger(self, noun: Token) -> Trigger | None:
        reading = self._reading(self.patterns.nouns.get(noun.lemma_.lower()), noun)
        if reading is None or reading.event is None:
            return None
        if noun.dep_ == "compound" and noun.head.lemma_.lower() not in self.patterns.nouns:
            return None  # "sanctions evasion", "strike group": a kind of thing, no event
        if noun.lemma_.lower() in self.patterns.relations:
            acted = noun
            while acted.dep_ == "conj" and acted.head.i != acted.i:  # "allies and alliances"
                acted = acted.head
            verb = acted.head  # "to develop their partnership": the act on the relation
            if acted.dep_ not in {"dobj", "nsubjpass"} or verb.pos_ != "VERB":
                return None  # "the impact of the alliance": a standing relation
            return Trigger(verb, reading, noun)
        named = self.index.by_token
        has_arguments = any(c.dep_ == "poss" or (c.dep_ in {"compound", "amod"} and c.i in named)
                            for c in noun.children) or bool(
            prep_objects(noun, ("of", *self.words.noun_actor_preps,
                                 *self.words.noun_recipient_preps)))
        return Trigger(noun, reading) if has_arguments else None

    def _reading(self, readings: tuple[Reading, ...] | None, token: Token) -> Reading | None:
        if not readings:
            return None
        words = object_words(token)
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None) or (
            _adverb_particle(token))
        governed: dict[str, set[str]] = {}
        for child in token.children:
            if child.dep_ in {"prep", "dative"} and not _time_only(child):
                governed.setdefault(child.lower_, set()).update(_governed_words(child))
        doers = self._subject_words(token) if any(r.subjects for r in readings) else frozenset()
        acted_on = any(c.dep_ in {"dobj", "nsubjpass"} for c in token.children)
        said = complement_words(token) if any(r.complements for r in readings) else frozenset()
        addressed = any(r.addressee for r in readings) and self._addressed(token, particle)
        asks = object_governs(token) if any(r.object_governs for r in readings) else frozenset()
        to_party = any(r.to_party for r in readings) and self._done_to_party(token)
        return next((r for r in readings if r.applies(
            words, particle, set(governed), doers, governed, acted_on, said, addressed,
            asks, to_party)), None)

    def _done_to_party(self, verb: Token) -> bool:
        """Whether ``verb`` names a party it is done to: a dative or the object of "to"
        ("offered Ukraine air defense systems", "offered the systems to Kyiv"; not "offered
        a new song to its fans")."""
        heads = [c for c in verb.children if c.dep_ == "dative" and c.lower_ != "to"]
        heads += prep_objects(verb, ("to",))
        return any(self._a_party(h) for h in heads)

    def _a_party(self, token: Token) -> bool:
        """A state or an organisation named here, a person or a pronoun standing for one."""
        return (self._named_here(token) or token.ent_type_ == "PERSON"
                or self.resolver.kind(token) is not None)

    def _addressed(self, verb: Token, particle: str | None) -> bool:
        """Whether ``verb`` acts on a party and says nothing of it: its object names an
        actor or a person ("called Lavrov on Monday to discuss Syria", "called him"), with
        no particle and no complement ("called him a liar", "called in the ambassador"), and
        not to do an act the patterns read ("called Erdogan to apologize": the apology); a
        name the parse took for the complement is the object where there is no other."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        said = [c for c in verb.children if c.dep_ in {"oprd", "acomp", "ccomp"}]
        if not objects and len(said) == 1 and said[0].pos_ == "PROPN":
            objects, said = said, []  # "called Lavrov" parsed as what he is called
        if particle is not None or said or any(
                a.dep_ == "amod" for o in objects for a in o.rights):
            return False
        purposes_read = any(self._reading(self.patterns.verbs.get(c.lemma_.lower()), c)
                            for c in verb.children if c.dep_ in {"advcl", "xcomp"})
        return not purposes_read and any(self._a_party(o) for o in objects)

    def _subject_words(self, token: Token) -> frozenset[str]:
        """Lemmas naming who does ``token`` ("North Korean troops" -> troop, korean); a
        pronoun subject is read as what it stands for ("they" after "Israeli forces"), a
        relative one as the noun its clause modifies ("a country that helped": country)."""
        subject, passive = subject_of(token)
        if token.dep_ == "acl" and token.tag_ == "VBG":  # "troops encircling Ukraine"
            subject, passive = token.head, False
        if subject is not None and token.dep_ == "relcl" and subject.tag_ in _RELATIVES:
            subject = token.head
        if subject is None or passive:
            return frozenset()
        subject = self._counted(self.resolver.antecedent(subject) or subject)  # "thousands of"
        return frozenset([subject.lemma_.lower(), subject.lower_, *(
            c.lemma_.lower() for c in subject.children if c.dep_ in {"compound", "amod"})])

    # -- arguments --------------------------------------------------------------

    def build(self, trigger: Trigger) -> list[Event]:
        actors, recipients, objects = self.participants(trigger)
        return [self._event(trigger, actor, recipient, objects)
                for actor in (actors or [Party(None, "")])
                for recipient in (recipients or [Party(None, "")])]

    def participants(self, trigger: Trigger) -> tuple[list[Party], list[Party], list[Token]]:
        """Who does the event, to whom, and what it is done to: the arguments ``build``
        writes one event for each actor and recipient of, without writing them (no
        factuality, time or place read)."""
        actors, recipients, objects = self._arguments(trigger)
        if not any(r.code for r in recipients):
            recipients = self._implied_recipients(trigger, objects) or recipients
        if trigger.reading.event in self.roles.moved_by_owner and not any(a.code for a in actors):
            owners = [self.resolver.resolve(o) for o in objects]
            actors = [Party(p.code.split("-")[0], p.text) for p in owners if p.code] or actors
        named = {a.text for a in actors if a.code}  # one phrase is never both doer and done to
        recipients = [r for r in recipients if r.text not in named]
        actors, recipients = self._together(trigger, actors, recipients, objects)
        return actors, recipients, objects

    def _arguments(self, trigger: Trigger) -> tuple[list[Party], list[Party], list[Token]]:
        token, reading = trigger.token, trigger.reading
        if trigger.noun is not None and trigger.noun in self._taken_part_in(token):
            return self._participant_arguments(trigger, trigger.noun)
        if token.pos_ in {"NOUN", "PROPN"}:
            actors, recipients, objects = self._noun_arguments(token, reading.event)
            if not any(a.code for a in actors):  # "cancelled a planned visit to Washington"
                actors = self._object_noun_doers(token) or actors
        else:
            carried = trigger.noun if trigger.carried_by is not None else None
            actors, recipients, objects = self._verb_arguments(token, reading, carried)
        if trigger.noun is not None:
            noun_actors, noun_recipients, noun_objects = self._noun_arguments(
                trigger.noun, reading.event, carried=trigger.carried_by is not None)
            if trigger.carried_by is not None and (
                    noun_actors or trigger.carried_by not in self.patterns.carriers):
                actors = noun_actors
            if trigger.carried_by is None and reading.event in self.roles.addressed_by_noun:
                # "condemned Russia's deployment into Belarus": done to Russia
                recipients = self._named_doers(trigger.noun) or recipients
            recipients = recipients or noun_recipients
            objects = [o for o in objects if o.i != trigger.noun.i] + noun_objects
        objects = list({o.i: o for o in objects}.values())
        if reading.inverse:
            sources = [self.resolver.resolve(t) for t in prep_objects(token, ("from",))]
            sources = [p for p in sources if p.code] or recipients or [
                p for p in (self.resolver.resolve(o) for o in objects) if p.code]
            actors, recipients = sources, actors
        return actors, recipients, objects

    def _participant_arguments(self, trigger: Trigger, noun: Token
                               ) -> tuple[list[Party], list[Party], list[Token]]:
        """Who takes part in the event ``noun`` names: the verb's subject, also of a passive
        ("troops were involved in ..."); where it names no actor, the noun's own doer ("the
        offensive by Hamas"). A named "of" phrase is what the event is done to ("a role in
        the invasion of Venezuela")."""
        actors, recipients, objects = self._noun_arguments(noun, trigger.reading.event,
                                                           carried=True)
        subject, _ = self.resolver.subject(trigger.token)
        taking_part = self.resolver.parties(subject) if subject is not None else []
        if any(p.code for p in taking_part) or not actors:
            actors = taking_part
        return actors, recipients, objects

    def _verb_arguments(self, verb: Token, reading: Reading, noun: Token | None = None
                        ) -> tuple[list[Party], list[Party], list[Token]]:
        subject, passive = self.resolver.subject(verb)
        actors: list[Party] = []
        patients: list[Token] = []
        if passive:
            agent = agent_of(verb)
            actors = self.resolver.parties(agent) if agent is not None else [
                p for place in prep_objects(verb, self.roles.place_agent_preps(reading.event))
                for p in self._coded(place) if "-" not in (p.code or "-")]
            if subject is not None:
                patients.append(subject)
        elif subject is not None:
            actors = self._climbing_actors(verb, subject)
        recipients: list[Party] = []
        named = [] if reading.event in self.roles.moved_by_owner else [
            c for c in verb.children if c.dep_ == "dobj" and self._named_here(c)]
        given = receivers(verb)  # "provided Iran with drones", "helped Pakistan build"
        for head in [*datives(verb), *given, *named,
                     *prep_objects(verb, self.words.recipient_preps)]:
            recipients += self._served_place(head) or [
                p for p in self.resolver.parties(head) if p.code]
            if recipients:
                break
        objects = []
        for head in [*patients, *object_heads(verb)]:
            if head.pos_ in _OBJECT_SKIP or (head.dep_ == "pobj" and head.head.lower_ == "of") or (
                    noun is not None and head.i == noun.i) or head in given:
                continue
            doers = self._doers_of(head) if (
                reading.event in self.roles.addressed_by_noun and not recipients) else []
            if doers:  # "condemned violations ... by the DPRK": done to the violators
                recipients = doers
                objects.append(head)
                continue
            party = self.resolver.resolve(head)
            moved = reading.event in self.roles.moved_by_owner and (party.code or "").endswith(
                "-MIL")
            if party.code and not moved and not recipients:
                recipients = [p for p in self.resolver.parties(head) if p.code]
            elif not party.code or moved:
                objects.append(head)
        return actors, recipients, objects

    def _served_place(self, head: Token) -> list[Party]:
        """The state a force or a mission serves in, where it is named with its place ("the
        UN peacekeeping force in South Sudan": South Sudan; ``serving_bodies``)."""
        if head.lemma_.lower() not in self.words.serving_bodies:
            return []
        return [p for place in prep_objects(head, ("in", "inside"))
                for p in self._coded(place) if "-" not in (p.code or "-")]

    # -- recipients the clause implies ------------------------------------------------

    def _implied_recipients(self, trigger: Trigger, objects: list[Token]) -> list[Party]:
        """Who an event is done to when no argument of the trigger names an actor: the one
        asked ("demanded that Japan drop"), the author of what is rejected, the recipient
        of an object ("measures against Iran") or of the complement ("threatened to cut
        ties with Iran"), the party a threat is conditional on, the country where a
        domestic event takes place."""
        token, event = trigger.token, trigger.reading.event
        clauses = complements(token, trigger.noun)
        if event == "PROTEST":
            clauses += purposes(token)
        if event == "RETREAT":  # withdrawn from a named place: "from the West Bank cities"
            left = [p for place in prep_objects(token, ("from",)) for p in self._coded(place)
                    if "-" not in (p.code or "-")]
            if left:
                return left
        if event == "REQUEST":
            for clause in clauses:
                subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                coded = self._coded(subject) if subject is not None else []
                if coded:
                    return coded
        engaged_in = prep_objects(token, ("in",))  # "engaged in combat with Mali"
        for head in [*objects, *prep_objects(token, self.words.recipient_preps), *engaged_in]:
            coded = self._coded(head) if head.i in self.index.by_token else []
            coded = coded or self._object_recipients(self._counted(head), event)
            if coded:
                return coded
        for clause in clauses:
            coded = self._clause_recipients(clause)
            if coded:
                return coded
        if event in self.roles.moved_by_owner:  # "sent troops to aid Russia's war effort"
            coded = self._served(token)
            if coded:
                return coded
        if event == "THREATEN":
            conditions = self._condition_parties(token)
            if conditions:
                return conditions
        place = recipient_place(token, trigger.noun, event)  # "attacked Kharkiv", "into Kursk"
        if place is not None and place.country:
            return [Party(place.country, place.text or "")]
        if event in self.roles.place_not_recipient:
            return []
        carried = [trigger.noun] if trigger.noun is not None else []
        for head in [token, *carried, *clauses, *objects,
                     *(o for c in clauses for o in object_heads(c))]:
            for place in prep_objects(head, ("in", "inside")):
                coded = [p for p in self._coded(place) if p.code and "-" not in p.code]
                if coded:
                    return coded
        return []

    def _served(self, token: Token) -> list[Party]:
        """Whom what is sent or given serves, by the clause saying what it is for: the
        owner of that clause's object ("to aid Russia's war effort", "to bolster Mali's
        army"), or the object named itself where the clause helps it (``serving_verbs``: "to
        support Syrian refugees in Jordan"; not "to fight the Taliban")."""
        for clause in [*complements(token, None), *purposes(token)]:
            if not any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
                continue
            helps = clause.lemma_.lower() in self.words.serving_verbs
            for head in object_heads(clause):
                owner = possessor(head)
                coded = self._coded(owner) if owner is not None else []
                if not coded and helps and self._named_here(head):
                    coded = self._coded(head)
                if coded:
                    return coded
        return []

    def _object_recipients(self, noun: Token, event: str | None) -> list[Party]:
        actors, recipients, _ = self._noun_arguments(noun)
        found = actors if event in self.roles.addressed_by_noun else recipients
        return [p for p in found if p.code] or [p for p in recipients if p.code]

    def _clause_recipients(self, verb: Token) -> list[Party]:
        for head in [*datives(verb), *prep_objects(verb, self.words.recipient_preps)]:
            coded = self._coded(head)
            if coded:
                return coded
        for head in object_heads(verb):
            own = self.index.by_token.get(head.i)
            if own is not None:
                return [Party(own.code, np_text(head))]
            coded = self._coded(head) if self._named_here(head) else []  # "any U.S. troops"
            coded = coded or self._object_recipients(self._counted(head), None)
            if coded:
                return coded
        return []

