"""Actor codes: names, demonyms, capitals and agencies to ISO 3166 alpha-3 (+ sector).

The dictionary lives in ``actors.yaml`` next to this module; every pycountry
name is added to it. ``resolve_actor`` maps one surface text to a code;
``ActorIndex`` finds every mention in a parsed document in one pass.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from redline.extract.possessives import strip_possessive

ACTORS_FILE = Path(__file__).with_name("actors.yaml")
_WORD = re.compile(r"[\w][\w.'’\-]*")
_UNPLURAL = ("s", "sh", "ch", "ese")
_NON_STATES = frozenset({"IGO", "NGO", "IMG"})
_VERBS = frozenset({"VERB", "AUX"})
#: Dependencies of a clause's own subject.
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
#: Dependencies of a clause on the verb that reports it.
_REPORTED = frozenset({"ccomp", "parataxis"})


@dataclass(frozen=True)
class Contextual:
    """An alias valid only where one of ``when`` is already mentioned ("the North")."""

    key: str
    code: str
    when: frozenset[str]


@dataclass(frozen=True)
class Mention:
    """An actor named in a document: token range ``start:end`` and its code."""

    start: int
    end: int
    code: str
    text: str


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no possessive ending."""
    return strip_possessive(" ".join(text.replace("’", "'").split()).lower())


def _is_acronym(alias: str) -> bool:
    return not any(ch.islower() for ch in alias)


def _plural(word: str) -> str | None:
    return None if word.lower().endswith(_UNPLURAL) else word + "s"


class ActorLexicon:
    """Every alias of every actor, in a case-folded table and a table of acronyms."""

    def __init__(self, data: dict[str, Any], location: str = str(ACTORS_FILE)) -> None:
        self.folded: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}
        self.lowercase_ok: set[str] = set()  # aliases written in lower case in the file
        self.contextual: list[Contextual] = []
        self.sectors: dict[str, str] = {}
        self.state_names: set[str] = set()  # names of states, not of groups or people
        self._add_pycountry()
        for section in ("states", "organisations", "persons"):
            for code, aliases in _mapping(data, section, location).items():
                for alias in _aliases(aliases, location, f"{section}.{code}"):
                    self.add(alias, str(code), state=section == "states")
        for code, words in _mapping(data, "demonyms", location).items():
            for word in _aliases(words, location, f"demonyms.{code}"):
                self.add(word, str(code))
                plural = _plural(word)
                if plural:
                    self.add(plural, str(code))
        for entry in data.get("contextual") or []:
            try:
                self.contextual.append(Contextual(
                    normalise(entry["alias"]), entry["code"], frozenset(entry["when"])))
            except (KeyError, TypeError) as exc:
                raise ValidationError(
                    location, "contextual", f"needs alias, code, when: {exc}") from exc
        agents = data.get("agents") or []
        if not isinstance(agents, list):
            raise ValidationError(location, "agents", "must be a list of nouns")
        self.agents = frozenset(str(word).lower() for word in agents)
        for sector, words in _mapping(data, "sectors", location).items():
            for word in _aliases(words, location, f"sectors.{sector}"):
                self.sectors[word.lower()] = str(sector)
        self.pronouns = {str(kind): frozenset(str(w).lower() for w in words) for kind, words in
                         _mapping(data, "pronouns", location).items()}
        dateline = _mapping(data, "dateline", location)
        self.dateline_separators = frozenset(str(s) for s in dateline.get("separators") or ())
        self.dateline_words = int(dateline.get("max_words") or 0)
        self.attached = frozenset(str(w).lower() for w in data.get("attached_prepositions") or ())
        self.stance_prefixes = frozenset(str(w).lower() for w in data.get("stance_prefixes") or ())
        self.named_documents = frozenset(
            str(w).lower() for w in data.get("place_named_documents") or ())
        self.first_words = {key.split()[0] for key in self.folded} | {
            key.split()[0].lower() for key in self.acronyms} | {
            c.key.split()[0] for c in self.contextual}
        self.longest = max(len(k.split()) for k in [*self.folded, *self.acronyms]) + 1

    def add(self, alias: str, code: str, state: bool = False) -> None:
        alias = " ".join(alias.replace("’", "'").split())
        if state:
            self.state_names.add(normalise(alias).removeprefix("the "))
        if _is_acronym(alias):
            self.acronyms.setdefault(alias, code)
            return
        key = normalise(alias)
        if key.startswith("the "):
            key = key[4:]
        self.folded.setdefault(key, code)
        if alias[:1].islower():
            self.lowercase_ok.add(key)

    def _add_pycountry(self) -> None:
        for country in pycountry.countries:
            for attr in ("common_name", "name", "official_name"):
                name = getattr(country, attr, None)
                if name and "," not in name and "(" not in name:
                    self.add(name, country.alpha_3, state=True)

    def lookup(self, text: str, context: Iterable[str] | None = None) -> str | None:
        """The code of a whole surface text, or None."""
        stripped = strip_possessive(" ".join(text.replace("’", "'").split()).strip(" ,;:\"'()"))
        if stripped.endswith(".") and stripped not in self.acronyms:
            stripped = stripped[:-1]
        if stripped in self.acronyms:
            return self.acronyms[stripped]
        key = normalise(stripped)
        if context is not None:
            seen = context if isinstance(context, (set, frozenset)) else set(context)
            for entry in self.contextual:
                if entry.key == key and entry.when & seen:
                    return entry.code
        if key.startswith("the "):
            key, stripped = key[4:], stripped[4:]
            for acronym in (stripped, stripped + "."):  # "the DPRK", "the U.S.": after "the"
                if acronym in self.acronyms:
                    return self.acronyms[acronym]
        code = self.folded.get(key)
        if code is None or not (key in self.lowercase_ok or stripped[:1].isupper()):
            return None
        return code

    def names_state(self, text: str) -> bool:
        """Whether ``text`` is the name of a state ("Iran", "the US"), not of a group."""
        return normalise(text).removeprefix("the ") in self.state_names

    def sector_of(self, head: str) -> str | None:
        return self.sectors.get(head.lower())

    def pronoun_kind(self, word: str) -> str | None:
        """"things", "persons", "speakers" or "relatives" for a pronoun, else None."""
        lowered = word.lower()
        return next((kind for kind, words in self.pronouns.items() if lowered in words), None)


def _mapping(data: dict[str, Any], section: str, location: str) -> dict[str, Any]:
    value = data.get(section) or {}
    if not isinstance(value, dict):
        raise ValidationError(location, section, "must map codes to lists of names")
    return value


def _aliases(value: Any, location: str, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(location, field, "must be a list of names")
    return value


@functools.lru_cache(maxsize=4)
def load_lexicon(path: Path = ACTORS_FILE) -> ActorLexicon:
    """The actor dictionary from ``path`` (default: the packaged ``actors.yaml``)."""
    return ActorLexicon(load_yaml_mapping(path), str(path))


def resolve_actor(text: str, context: Iterable[str] | None = None) -> str | None:
    """Surface text -> actor code ("NIS" -> "KOR-INTEL", "Pyongyang" -> "PRK"); None if unknown.

    A whole-text match wins; otherwise the longest name inside the text, the
    rightmost one when several are equally long ("South Korea's NIS" -> KOR-INTEL),
    with a sector taken from the last word ("Russian troops" -> RUS-MIL). Names after
    an attached preposition ("the US ambassador to Berlin", "Kenyan troops in Somalia")
    count only where the words before it name no actor.
    ``context`` lists codes already seen, which enables aliases such as "the North".
    """
    lexicon = load_lexicon()
    whole = lexicon.lookup(text, context)
    if whole is not None:
        return whole
    words = _WORD.findall(text.replace("’", "'"))
    cut = next((i for i, w in enumerate(words) if i and w.lower() in lexicon.attached), None)
    if cut is not None:  # "the US ambassador to Berlin": the words before "to" name the actor
        found = _longest_name(lexicon, words[:cut], context)
        if found is not None:
            return with_sector(found, lexicon.sector_of(words[cut - 1]))
    found = _longest_name(lexicon, words, context)
    if found is None:
        return None
    return with_sector(found, lexicon.sector_of(words[-1]) if words else None)


def _longest_name(lexicon: ActorLexicon, words: list[str], context: Iterable[str] | None
                  ) -> str | None:
    """The code of the longest name among ``words``, the rightmost of equally long ones."""
    best: tuple[int, int, str] | None = None
    for i in range(len(words)):
        for n in range(min(lexicon.longest, len(words) - i), 0, -1):
            code = lexicon.lookup(" ".join(words[i : i + n]), context)
            if code is not None:
                if best is None or n >= best[0]:
                    best = (n, i, code)
                break
    return best[2] if best is not None else None


def datelines(doc: Any, lexicon: ActorLexicon) -> frozenset[int]:
    """Tokens of the datelines that open lines of ``doc`` ("PARIS (Reuters) -")."""
    found: set[int] = set()
    for sentence in doc.sents:
        start = sentence.start
        if start and "\n" not in doc[start - 1].text_with_ws:
            continue
        words = doc[start : min(sentence.end, start + lexicon.dateline_words + 1)]
        cut = next((t.i for t in words if t.i > start and t.text.lstrip(")]") in (
                    lexicon.dateline_separators) and not _joins_words(t)
                    and t.i + 1 < sentence.end), None)
        if cut is None:
            continue
        head = doc[start:cut]
        capitals = [t.text for t in head if t.is_alpha]
        named = bool(capitals) and ((capitals[0].isupper() and len(capitals[0]) > 2) or (
            capitals[-1].isupper() and len(capitals[-1]) > 1))
        agency = any(t.text == "(" for t in head)
        if (named or agency) and not any(t.pos_ in {"VERB", "AUX"} for t in head):
            found.update(range(start, cut + 1))
    return frozenset(found)


def _joins_words(token: Any) -> bool:
    """A hyphen written between two words ("US-China talks") joins them; it separates
    no dateline."""
    before = token.doc[token.i - 1]
    return token.text == "-" and not before.whitespace_ and not token.whitespace_


def signatories(doc: Any, index: ActorIndex) -> list[Mention]:
    """Who "we" is in a joint statement: the actors named in apposition to the text's
    first "we" ("We, the leaders of Japan, the Republic of Korea, and the United States,
    ..."), one mention per code; none where that "we" has no such apposition."""
    first = next((t for t in doc if t.lower_ == "we" and first_plural(t)), None)
    if first is None:
        return []
    found: dict[str, Mention] = {}
    for child in first.children:
        if child.dep_ == "appos":
            for mention in index.within(child.left_edge.i, child.right_edge.i + 1):
                found.setdefault(mention.code, mention)
    return list(found.values())


def first_plural(token: Any) -> bool:
    """"we", "us", "our": the first person plural."""
    return token.pos_ == "PRON" and "1" in token.morph.get("Person") and (
        "Plur" in token.morph.get("Number"))


def own_clause(token: Any) -> frozenset[int]:
    """The tokens of the clause ``token`` is in: the subtree of the verb it hangs on (the
    sentence's root where there is none), without the clauses inside it that have a
    subject of their own ("officials approved sanctions after Russia attacked Ukraine":
    not "Russia attacked Ukraine"; "rebels said they would free a Peruvian engineer": not
    what "they" act on, only where); a reported clause's reporting clause counts as its
    own ("the opposition boycotted the vote, Kenyan radio said")."""
    clause = _clause_head(token)
    found = _clause_tokens(clause)
    if clause.dep_ in _REPORTED and clause.head.i != clause.i:
        found |= _clause_tokens(_clause_head(clause.head))
    return frozenset(found)


def _clause_head(token: Any) -> Any:
    """The verb of the clause ``token`` is in, up to the one whose subject it shares: a
    verb with no subject of its own ("... and mobilized police") is part of the clause of
    the verb it hangs on."""
    while token.head.i != token.i and (token.pos_ not in _VERBS or not any(
            c.dep_ in _SUBJECTS for c in token.children)):
        token = token.head
    return token


def _clause_tokens(clause: Any) -> set[int]:
    """The tokens of ``clause`` but those of the clauses inside it with a subject of their
    own; of one whose subject is a personal pronoun ("the opposition warned it will
    boycott the vote in Togo"), the places where it acts are kept (arguments.yaml
    place_prepositions), not what it acts on."""
    from redline.extract.argument_words import load_arguments

    places = load_arguments().place_preps
    found: set[int] = set()
    stack = [clause]
    while stack:
        current = stack.pop()
        found.add(current.i)
        for child in current.children:
            subjects = [s for s in child.children if s.dep_ in _SUBJECTS]
            if child.pos_ not in _VERBS or not subjects:
                stack.append(child)
            elif all(s.tag_ == "PRP" for s in subjects):  # "the vote in Togo" too
                stack.extend(p for p in child.subtree if p.dep_ == "prep"
                             and p.lower_ in places)
    return found


def with_sector(code: str, sector: str | None) -> str:
    """Add a MIL/INTEL sector to a bare state code; other codes are kept as they are."""
    if sector is None or "-" in code or len(code) != 3 or code in _NON_STATES:
        return code
    return f"{code}-{sector}"


class ActorIndex:
    """All actor mentions of one parsed document, found once, looked up by token."""

    def __init__(self, doc: Any, lexicon: ActorLexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.mentions: list[Mention] = []
        self.by_token: dict[int, Mention] = {}
        self.dateline = datelines(doc, self.lexicon)
        self._scan(doc)
        self._starts = [m.start for m in self.mentions]  # in order: the scan runs left to right

    def _scan(self, doc: Any) -> None:
        # Token attributes read once: spaCy builds a new Token object on every doc[i].
        lowers = [t.lower_ for t in doc]
        texts = [t.text_with_ws for t in doc]
        punct = [t.is_punct for t in doc]
        lexicon, i, n_tokens = self.lexicon, 0, len(lowers)
        seen: set[str] = set()  # the codes found so far, for contextual aliases
        while i < n_tokens:
            if lowers[i] not in lexicon.first_words or i in self.dateline:
                i += 1
                continue
            found = self._longest_at(texts, punct, i, seen)
            if found is None or self._stance(lowers, i) or self._in_a_name(doc, found):
                i = found.end if found is not None else i + 1
                continue
            self.mentions.append(found)
            seen.add(found.code)
            for j in range(found.start, found.end):
                self.by_token[j] = found
            i = found.end

    def _stance(self, lowers: list[str], i: int) -> bool:
        """A name after "pro-" or "anti-" says whom something is for or against, not who
        does it ("pro-Palestinian rallies", "anti-American protests")."""
        before = lowers[max(0, i - 2) : i]
        return (len(before) == 2 and before[1] == "-" and before[0] in self.lexicon.stance_prefixes
                ) or (bool(before) and before[-1].rstrip("-") in self.lexicon.stance_prefixes
                      and before[-1].endswith("-"))

    def _in_a_name(self, doc: Any, found: Mention) -> bool:
        """A place below a state that names a document is part of its name, no party to it
        ("the Paris agreement", "the Minsk accords"); a state's name still is one ("the Iran
        nuclear deal", "the US-China trade deal"), and so is a party that is no place ("the
        Taliban agreement", "the NATO treaty")."""
        last = doc[found.end - 1]
        if last.dep_ != "compound" or last.head.lemma_.lower() not in self.lexicon.named_documents:
            return False
        from redline.extract.gazetteer import fold, load_gazetteer

        gazetteer = load_gazetteer()
        place = gazetteer.resolve_confidently(found.text)
        return place is not None and fold(found.text) not in gazetteer.countries

    def _longest_at(self, texts: list[str], punct: list[bool], i: int,
                    seen: set[str]) -> Mention | None:
        for n in range(min(self.lexicon.longest, len(texts) - i), 0, -1):
            if punct[i + n - 1] and n > 1:
                continue
            surface = "".join(texts[i : i + n]).rstrip()
            code = self.lexicon.lookup(surface, seen)
            if code is not None and not self._longer_name(surface, texts, i + n):
                if n > 1 and texts[i].rstrip().lower() == "the":  # the name, not its article
                    return Mention(i + 1, i + n, code, "".join(texts[i + 1 : i + n]).rstrip())
                return Mention(i, i + n, code, surface)
        return None

    def _longer_name(self, surface: str, texts: list[str], after: int) -> bool:
        """A contextual alias followed by a capitalised word begins a longer name ("the
        South China Sea", "the North Atlantic"), not the alias."""
        key = normalise(surface)
        return after < len(texts) and texts[after][:1].isupper() and any(
            c.key == key for c in self.lexicon.contextual)

    @property
    def codes(self) -> list[str]:
        return [m.code for m in self.mentions]

    def nearest_state(self, token: Any, skip: frozenset[int] = frozenset()) -> Mention | None:
        """The state mention nearest to ``token`` in its own clause, for generic agents
        ("police", "the opposition") that name no country of their own; mentions on
        tokens in ``skip`` (what the agent acts on) are passed over, and so are those in
        the clauses of other doers ("Chile sent troops to Peru, and officials condemned
        the move": Chile's clause, not the officials')."""
        sentence = token.sent
        clause = own_clause(token)
        states = [m for m in self.within(sentence.start, sentence.end)
                  if len(m.code) == 3 and m.code not in _NON_STATES and m.start not in skip
                  and m.start in clause]
        return min(states, key=lambda m: min(abs(m.start - token.i), abs(m.end - 1 - token.i)),
                   default=None)

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside tokens ``start:end``, in order: only those starting there
        are read, so the cost does not grow with the length of the document."""
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_left(self._starts, end, lo=first)
        return [m for m in self.mentions[first:last] if m.end <= end]
