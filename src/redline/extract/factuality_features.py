"""Features of an event predicate in context, for the learned factuality model.

Each predicate is described by named features (a name and a value, 1.0 unless the
feature is a number), hashed into a fixed-size vector (``hash_features``) so the
model needs no vocabulary file. The features are:

- the cue-and-scope reading (``Reader``): its value and commitment (as numbers and
  binned), its label, its time and every cue that set it;
- the predicate itself: lemma, part of speech, tag, relation, its auxiliaries
  (tense, aspect, mood, modals), negation, adverbs and subordinator;
- its environment: the dependency path to the root and, for each governor up the
  path (the embedding verb "think" in "I don't think that ..."), its lemma with its
  own negation, modals, subject person and whether the sentence is a question;
- its clause (``_clause_features``, words in ``factuality_features.yaml``): the clause
  type (imperative, question, declarative), the kind of its subject (a pronoun's
  person, a generic "people" or "everyone", a bare plural, a name, another noun
  phrase, none) with the predicate's tag, a simple present with its subject kind (a
  habit or a generic truth), a habitual adverb, the part of speech with the relation,
  a predicate noun or adjective after "be", and a sentence with no finite verb (a
  fragment or a heading);
- hashed lemma n-grams in a window around the predicate.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from redline.extract.factuality_scale import Factuality

Feature = tuple[str, float]

_WINDOW = 3
_GOVERNORS = 3
_PATH_DEPTH = 4
_AUX_DEPS = ("aux", "auxpass")
_NEG_WORDS = frozenset({"not", "n't", "never", "no", "nothing", "nobody", "none", "neither",
                        "nor", "without"})
_PERSONS = {"i": "1", "we": "1", "you": "2", "me": "1", "us": "1"}


def features_of(token: Token, reading: Factuality, committed: Factuality) -> list[Feature]:
    """The named features of the predicate ``token`` with its rule readings."""
    found: list[Feature] = [("bias", 1.0)]
    found += _reading_features(reading, committed)
    found += _own_features(token, "p")
    found += _environment(token)
    found += _clause_features(token)
    found += _window(token)
    return found


CLAUSE_FILE = Path(__file__).with_name("factuality_features.yaml")


@dataclass(frozen=True)
class ClauseWords:
    persons: dict[str, str]  # pronoun subject -> person
    generic: frozenset[str]  # subjects naming no one in particular
    habitual: frozenset[str]  # adverbs of frequency


@functools.lru_cache(maxsize=2)
def load_clause_words(path: Path = CLAUSE_FILE) -> ClauseWords:
    raw = load_yaml_mapping(path)
    try:
        return ClauseWords({str(k).lower(): str(v) for k, v in raw["subject_persons"].items()},
                           frozenset(str(w).lower() for w in raw["generic_subjects"]),
                           frozenset(str(w).lower() for w in raw["habitual_adverbs"]))
    except (KeyError, AttributeError, TypeError) as exc:
        raise ValidationError(str(path), str(exc), "expected subject_persons (a mapping), "
                              "generic_subjects and habitual_adverbs (lists)") from exc


_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def subject_kind(token: Token, words: ClauseWords) -> str:
    """What the predicate's subject is: pron1/pron2/pron3, generic, bareplural, proper,
    np, or none."""
    subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
    if subject is None:
        return "none"
    word = subject.lower_
    if word in words.persons:
        return f"pron{words.persons[word]}"
    if word in words.generic:
        return "generic"
    if subject.pos_ == "PROPN":
        return "proper"
    if subject.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod")
                                         for c in subject.children):
        return "bareplural"
    return "np"


def clause_type(token: Token) -> str:
    """imperative (a bare verb with no subject or subordinator at the root, or joined to
    one: "call me", "don't leave"), question (the sentence ends in "?"), or declarative."""
    deps = {c.dep_ for c in token.children}
    auxes = [c.lower_ for c in token.children if c.dep_ in _AUX_DEPS]
    at_root = token.dep_ == "ROOT" or (token.dep_ == "conj" and token.head.dep_ == "ROOT"
                                       and token.head.tag_ == "VB")
    if (token.tag_ == "VB" and at_root and not deps & {*_SUBJECTS, "mark"}
            and all(a == "do" for a in auxes)):
        return "imperative"
    return "question" if token.sent.text.rstrip().endswith("?") else "declarative"


def _clause_features(token: Token) -> Iterator[Feature]:
    """The predicate's clause: its type, its subject, habit and fragments."""
    words = load_clause_words()
    kind = subject_kind(token, words)
    yield f"c.clause={clause_type(token)}", 1.0
    yield f"c.subj={kind}", 1.0
    yield f"c.tag|subj={token.tag_}|{kind}", 1.0
    yield f"c.pos|dep={token.pos_}|{token.dep_}", 1.0
    if token.dep_ in ("acomp", "attr") and token.head.lemma_ == "be":
        yield "c.copula", 1.0
    if not any(t.tag_ in _FINITE for t in token.sent):
        yield "c.nofinite", 1.0
    if token.tag_ in ("VBZ", "VBP") and not any(c.dep_ in _AUX_DEPS for c in token.children):
        yield f"c.simple_present|subj={kind}", 1.0
    if any(c.dep_ == "advmod" and c.lower_ in words.habitual for c in token.children):
        yield "c.habitual_adv", 1.0


def _reading_features(reading: Factuality, committed: Factuality) -> Iterator[Feature]:
    yield "rule.value", reading.value / 3.0
    yield "rule.commitment", committed.commitment / 3.0
    yield f"rule.value={_bin(reading.value)}", 1.0
    yield f"rule.commitment={_bin(committed.commitment)}", 1.0
    yield f"rule.label={reading.label}", 1.0
    yield f"rule.time={committed.time}", 1.0
    yield f"rule.source={reading.source is not None}", 1.0
    yield f"rule.ncues={min(len(committed.cues), 3)}", 1.0
    for cue in dict.fromkeys(c.lower() for c in (*reading.cues, *committed.cues)):
        yield f"rule.cue={cue}", 1.0
        yield f"rule.cue={cue}|{_bin(committed.commitment)}", 1.0


def _bin(value: float) -> str:
    return f"{round(value * 2) / 2:+.1f}"


def _own_features(token: Token, role: str) -> Iterator[Feature]:
    """The predicate's (or a governor's) own word, morphology and clause modifiers."""
    lemma = token.lemma_.lower()
    yield f"{role}.lemma={lemma}", 1.0
    yield f"{role}.pos={token.pos_}", 1.0
    yield f"{role}.tag={token.tag_}", 1.0
    yield f"{role}.dep={token.dep_}", 1.0
    yield f"{role}.lemma|tag={lemma}|{token.tag_}", 1.0
    auxes = [c for c in token.children if c.dep_ in _AUX_DEPS]
    chain = "+".join(a.lower_ for a in auxes)
    yield f"{role}.aux={chain}|{token.tag_}", 1.0
    for aux in auxes:
        yield f"{role}.auxword={aux.lower_}", 1.0
    negated = False
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (word in _NEG_WORDS and child.dep_ in ("det", "advmod")):
            negated = True
        elif child.dep_ in ("advmod", "npadvmod"):
            yield f"{role}.adv={word}", 1.0
        elif child.dep_ == "mark":
            yield f"{role}.mark={word}", 1.0
        elif child.dep_ in ("nsubj", "nsubjpass") and word in _PERSONS:
            yield f"{role}.person={_PERSONS[word]}", 1.0
        elif child.dep_ in ("amod", "compound") and token.pos_ == "NOUN":
            yield f"{role}.mod={child.lemma_.lower()}", 1.0
    if negated:
        yield f"{role}.neg", 1.0
        yield f"{role}.neg|lemma={lemma}", 1.0
        yield f"{role}.neg|aux={chain}", 1.0
    if token.sent.text.rstrip().endswith("?"):
        yield f"{role}.question", 1.0


def _environment(token: Token) -> Iterator[Feature]:
    """The path up to the root and each governor's own environment."""
    deps: list[str] = []
    node = token
    for depth in range(1, _PATH_DEPTH + 1):
        if node.head.i == node.i:
            break
        deps.append(node.dep_)
        node = node.head
        yield f"path{depth}={'/'.join(deps)}", 1.0
        if depth <= _GOVERNORS:
            yield f"gov{depth}.lemma|dep={node.lemma_.lower()}|{deps[-1]}", 1.0
            for name, value in _own_features(node, "g"):
                yield name, value
                yield f"{name}|{node.lemma_.lower()}", value
    if token.head.i == token.i:
        yield "root", 1.0
    first = token.sent[0].text
    if first in ("Q", "Q:"):
        yield "turn=question", 1.0


def _window(token: Token) -> Iterator[Feature]:
    sent = token.sent
    lemmas = [t.lemma_.lower() for t in sent]
    at = token.i - sent.start
    for offset in range(-_WINDOW, _WINDOW + 1):
        i = at + offset
        if offset == 0 or not 0 <= i < len(lemmas):
            continue
        yield f"w{offset:+d}={lemmas[i]}", 1.0
        side = "L" if offset < 0 else "R"
        yield f"bag{side}={lemmas[i]}", 1.0
    for offset in (-2, -1, 1):
        i, j = at + offset, at + offset + 1
        if i >= 0 and j < len(lemmas):
            yield f"bi{offset:+d}={lemmas[i]}_{lemmas[j]}", 1.0


#: Features each corpus may weigh its own way: the rule reading (its value, commitment,
#: label, time and cues: how a corpus reads futures, hypotheticals, hedges and negation)
#: and the auxiliaries (tense, aspect, modals). Everything else (the predicate's word and
#: relation, its governors, its window, the contextual vectors) is read alike by all
#: corpora, so what one learns about a construction serves the others.
CORPUS_PREFIXES = ("bias", "rule.value", "rule.commitment", "rule.label", "rule.time",
                   "rule.cue", "p.aux")


def corpus_features(features: Iterable[Feature], corpus: str) -> list[Feature]:
    """``features`` with a copy, for ``corpus``, of those named in ``CORPUS_PREFIXES``:
    training fits a shared weight and one per corpus; run time reads as the news corpus."""
    out = list(features)
    out += [(f"{corpus}|{name}", value) for name, value in out
            if name.startswith(CORPUS_PREFIXES)]
    return out


def hash_features(features: Iterable[Feature], bits: int) -> tuple[list[int], list[float]]:
    """The hashed indices (CRC-32, stable across runs and platforms) and values."""
    mask = (1 << bits) - 1
    indices: list[int] = []
    values: list[float] = []
    for name, value in features:
        indices.append(zlib.crc32(name.encode("utf-8")) & mask)
        values.append(value)
    return indices, values
