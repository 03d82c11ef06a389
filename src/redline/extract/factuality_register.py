"""The register of a sentence, for the learned factuality model's convention gate.

Corpora of factuality judgements use the -3..+3 scale by conventions that follow their
register: newswire (MEANTIME, UW) rates "will be delivered" a sure commitment, web text
(UDS-IH2, from the English Web Treebank) rates a future or a hypothetical as not
happened, CommitmentBank rates a speaker's commitment to a clause embedded in dialogue
or fiction. The gate is a multinomial logistic regression over the sentence's own words
and shape (``register_features``) that predicts which corpus's convention a sentence
follows; the model mixes its corpus heads by those probabilities
(``factuality_model``). It is learned from the text alone: no corpus indicator is an
input at run time.

Features (named, hashed like ``factuality_features``): lowercased words and word pairs,
and the sentence's shape: its length, an opening lower-case letter, the final
punctuation, first- and second-person pronouns, contractions, all-capital words,
digits, quotes, brackets and web forms (addresses, emoticons, repeated punctuation).
From the parse (``clause_register``, free at run time): the main clause's tag with its
subject (a pronoun's word, another noun phrase, none: "I will", "we need", "Call
me"), each modal, how many past and present verbs the sentence holds and its share of
proper nouns: mail and web text plan, advise and ask in the present and future about
"I", "we" and "you", news reports the past about named parties.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from spacy.tokens import Span, Token

from redline.extract.factuality_features import Feature, hash_features

_WEB = re.compile(r"(https?://|www\.|\.com\b|@|:\)|:\(|;\)|!!|\?\?|\.\.\.)")
_PRONOUNS = {"i": "1s", "me": "1s", "my": "1s", "we": "1p", "us": "1p", "our": "1p",
             "you": "2", "your": "2"}
_CONTRACTIONS = frozenset({"n't", "'m", "'re", "'ve", "'ll", "'d"})
_LENGTHS = (6, 12, 20, 30, 45)
_ENDINGS = frozenset({".", "?", "!", ":", ")", "]", '"'})

Matrix = npt.NDArray[np.float64]


def register_features(words: Sequence[str]) -> list[Feature]:
    """The named register features of a sentence given as its token texts."""
    found: list[Feature] = [("gate.bias", 1.0)]
    found += _words(words)
    found += _shape(words)
    return found


def sentence_register(sent: Span) -> list[Feature]:
    """The register features of a parsed sentence: its words' and its clause's."""
    return [*register_features([t.text for t in sent]), *clause_register(sent)]


def sentence_registers(tokens: Sequence[Token]) -> list[list[Feature]]:
    """The register features of each token's sentence (each sentence described once)."""
    seen: dict[tuple[int, int], list[Feature]] = {}
    out: list[list[Feature]] = []
    for token in tokens:
        sent = token.sent
        key = (id(token.doc), sent.start)
        if key not in seen:
            seen[key] = sentence_register(sent)
        out.append(seen[key])
    return out


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PAST = frozenset({"VBD"})
_PRESENT = frozenset({"VBP", "VBZ"})
_SHARES = (0.0, 0.1, 0.2, 0.35)


def clause_register(sent: Span) -> Iterator[Feature]:
    """The sentence's main clause and tenses, from its parse."""
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    kind = ("none" if subject is None else
            subject.lower_ if subject.tag_ == "PRP" else "np")
    yield f"gate.root={root.tag_}", 1.0
    yield f"gate.root|subj={root.tag_}|{kind}", 1.0
    for token in tokens:
        if token.tag_ == "MD":
            yield f"gate.modal={token.lower_}", 1.0
    yield f"gate.past={min(sum(t.tag_ in _PAST for t in tokens), 2)}", 1.0
    yield f"gate.present={min(sum(t.tag_ in _PRESENT for t in tokens), 2)}", 1.0
    names = sum(t.tag_ in ("NNP", "NNPS") for t in tokens) / len(tokens)
    yield f"gate.names={next(i for i, b in enumerate((*_SHARES, 1.0)) if names <= b)}", 1.0


def _words(words: Sequence[str]) -> Iterator[Feature]:
    lowered = [w.lower() for w in words if not w.isspace()]
    for word in dict.fromkeys(lowered):
        yield f"gate.w={word}", 1.0
    for pair in dict.fromkeys(pairwise(lowered)):
        yield f"gate.b={pair[0]}_{pair[1]}", 1.0


def _shape(words: Sequence[str]) -> Iterator[Feature]:
    tokens = [w for w in words if not w.isspace()]
    if not tokens:
        return
    length = next((i for i, bound in enumerate(_LENGTHS) if len(tokens) <= bound), len(_LENGTHS))
    yield f"gate.len={length}", 1.0
    first = tokens[0]
    if first[:1].islower():
        yield "gate.opens_lower", 1.0
    last = tokens[-1]
    yield f"gate.ends={last if last in _ENDINGS else 'word'}", 1.0
    for word in tokens:
        lowered = word.lower()
        if lowered in _PRONOUNS:
            yield f"gate.person={_PRONOUNS[lowered]}", 1.0
        if lowered in _CONTRACTIONS:
            yield "gate.contraction", 1.0
        if len(word) > 1 and word.isupper() and word.isalpha():
            yield "gate.caps", 1.0
        if any(c.isdigit() for c in word):
            yield "gate.digit", 1.0
        if word in {'"', "``", "''"}:
            yield "gate.quote", 1.0
        if word in {"(", ")", "[", "]", "-LRB-", "-RRB-"}:
            yield "gate.bracket", 1.0
    if _WEB.search(" ".join(tokens)):
        yield "gate.web", 1.0


def gate_matrix(rows: Sequence[Sequence[Feature]], bits: int
                ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Matrix]:
    """The rows of register features in coordinate form: (row, hashed column, value)."""
    owners: list[int] = []
    indices: list[int] = []
    values: list[float] = []
    for number, row in enumerate(rows):
        found, weight = hash_features(row, bits)
        owners += [number] * len(found)
        indices += found
        values += weight
    return (np.asarray(owners, np.int64), np.asarray(indices, np.int64),
            np.asarray(values, np.float64))


def gate_probabilities(weights: Matrix, bits: int, rows: Sequence[Sequence[Feature]]
                       ) -> Matrix:
    """The gate's probability of each corpus convention (columns of ``weights``) per row."""
    if not rows:
        return np.zeros((0, weights.shape[1]))
    owners, indices, values = gate_matrix(rows, bits)
    return softmax(_spread(owners, weights[indices] * values[:, None], len(rows)))


def _spread(index: npt.NDArray[np.int64], parts: Matrix, size: int) -> Matrix:
    """``out[i, c]`` = the sum of ``parts[:, c]`` where ``index`` is ``i``."""
    return np.stack([np.bincount(index, weights=parts[:, c], minlength=size)
                     for c in range(parts.shape[1])], axis=1)


def softmax(logits: Matrix) -> Matrix:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    out: Matrix = shifted / shifted.sum(axis=1, keepdims=True)
    return out


def fit_gate(rows: Sequence[Sequence[Feature]], labels: npt.NDArray[np.int64], classes: int,
             bits: int, *, penalty: float, iterations: int,
             sample: Matrix | None = None) -> Matrix:
    """A multinomial logistic regression from register features to ``classes`` labels:
    minimise the weighted mean cross-entropy plus ``penalty/2 |W|^2`` by full-batch Adam
    steps from zero (deterministic). Returns the ``2**bits x classes`` weights."""
    owners, indices, values = gate_matrix(rows, bits)
    size = len(rows)
    sample = np.ones(size) if sample is None else sample
    sample = sample / sample.sum()
    target = np.zeros((size, classes))
    target[np.arange(size), labels] = 1.0
    weights = np.zeros((1 << bits, classes))
    moment, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, iterations + 1):
        logits = _spread(owners, weights[indices] * values[:, None], size)
        error = (softmax(logits) - target) * sample[:, None]
        grad = _spread(indices, error[owners] * values[:, None], 1 << bits)
        grad += penalty * weights
        moment = 0.9 * moment + 0.1 * grad
        second = 0.999 * second + 0.001 * grad * grad
        rate = _RATE * np.sqrt(1 - 0.999 ** step) / (1 - 0.9 ** step)
        weights -= rate * moment / (np.sqrt(second) + 1e-8)
    return weights


_RATE = 0.05
