"""Training the register gate that chooses among the factuality model's corpus heads.

Each corpus of judgements gets a head: the shared weights read with that corpus's
copies of the convention features, calibrated on that corpus's rows. The gate
(``factuality_register``) is a multinomial logistic regression from a sentence's
register features to the convention it follows. Its first class is news: the
sentences of the news corpora (``news_corpora``: MEANTIME and UW) and of news texts the
project reads (``news_texts`` in ``factuality_train.yaml``, unjudged), read by the
news head; every other corpus is a class of its own, read by its own head. Each class
weighs the same in total. With a ``threshold`` a predicate is read by another corpus's
head only where the gate is at least that sure of its class, by the news head
everywhere else (``factuality_model.Gate``); without one the heads are mixed by the
gate's probabilities. Inside cross-validation the gate is fitted on each fold's
training sentences only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from redline.errors import ValidationError
from redline.extract.factuality_features import Feature
from redline.extract.factuality_model import NEWS_CORPUS, Gate
from redline.extract.factuality_register import fit_gate, sentence_register

Matrix = npt.NDArray[np.float64]
_CHARS = 6000  # of each news text read for its register


@dataclass(frozen=True)
class GateSettings:
    bits: int
    penalty: float
    iterations: int
    news_texts: tuple[str, ...]  # JSONL files under the shared folder, one text a line
    news_documents: int  # about this many texts read from each file: every n-th by url
    news_corpora: tuple[str, ...] = (NEWS_CORPUS,)  # corpora pooled in the news class
    threshold: float | None = None  # least gate probability to leave the news head

    def classes(self, corpora: Sequence[str]) -> list[str]:
        """The gate's classes, each named by the head it reads: news first, then each
        corpus not pooled with it."""
        return [NEWS_CORPUS, *(c for c in corpora if c not in self.news_corpora)]


def gate_settings(raw: object, where: str) -> GateSettings | None:
    """The ``gate`` section of the training settings (None, when it is not enabled: read
    every sentence with the news head)."""
    if raw is None or (isinstance(raw, dict) and raw.get("enabled") is False):
        return None
    try:
        assert isinstance(raw, dict)
        threshold = raw.get("threshold")
        settings = GateSettings(int(raw["bits"]), float(raw["penalty"]),
                                int(raw["iterations"]),
                                tuple(str(p) for p in raw["news_texts"]),
                                int(raw["news_documents"]),
                                tuple(str(c) for c in raw.get("news_corpora", [NEWS_CORPUS])),
                                None if threshold is None else float(threshold))
    except (AssertionError, KeyError, TypeError, ValueError) as exc:
        raise ValidationError(where, f"gate: {exc}", "expected enabled, bits, penalty, "
                              "iterations, news_texts, news_documents, news_corpora and "
                              "threshold") from exc
    if (not 10 <= settings.bits <= 20 or settings.penalty < 0 or settings.iterations < 1
            or NEWS_CORPUS not in settings.news_corpora
            or not (settings.threshold is None or 0.5 <= settings.threshold < 1)):
        raise ValidationError(where, "gate", "bits 10..20, penalty >= 0, iterations >= 1, "
                              f"news_corpora with {NEWS_CORPUS}, threshold 0.5..1 or null")
    return settings


def news_registers(shared: Path, settings: GateSettings, limit: int | None = None
                   ) -> list[list[Feature]]:
    """The register features of the sentences of the news texts the gate reads as news
    (at most ``limit`` texts from each file, for a quick check)."""
    from redline.extract.nlp import load_nlp

    documents = min(settings.news_documents, limit or settings.news_documents)
    texts: list[str] = []
    for name in settings.news_texts:
        path = shared / name
        if not path.is_file():
            raise ValidationError(str(path), "news_texts", "a JSONL file of texts under the "
                                  "shared folder")
        with path.open(encoding="utf-8") as handle:
            records = sorted((json.loads(line) for line in handle if line.strip()),
                             key=lambda r: str(r.get("url", "")))
        step = max(1, len(records) // max(documents, 1))
        texts += [str(r["text"])[:_CHARS] for r in records[::step]]
    found: list[list[Feature]] = []
    for doc in load_nlp().pipe(texts, batch_size=16):
        found += [sentence_register(sent) for sent in doc.sents
                  if len(sent) > 3]
    return found


def fit_register_gate(registers: Sequence[Sequence[Feature]], corpus: Sequence[str],
                      news: Sequence[Sequence[Feature]], corpora: Sequence[str],
                      settings: GateSettings) -> Matrix:
    """The gate over ``settings.classes(corpora)``: the news texts and the sentences of
    the news corpora in the first, each class weighing the same in total. ``registers``
    holds one row per judged sentence, ``corpus`` its corpus."""
    classes = settings.classes(corpora)
    number = {name: classes.index(NEWS_CORPUS if name in settings.news_corpora else name)
              for name in corpora}
    rows = [*registers, *news]
    labels = np.asarray([*(number[c] for c in corpus), *[0] * len(news)], np.int64)
    counts = np.bincount(labels, minlength=len(classes)).astype(np.float64)
    return fit_gate(rows, labels, len(classes), settings.bits, penalty=settings.penalty,
                    iterations=settings.iterations, sample=1.0 / np.maximum(counts, 1)[labels])


def head_shares(weights: Matrix, settings: GateSettings, registers: Sequence[Sequence[Feature]],
                corpora: Sequence[str]) -> Matrix:
    """Each row's share of each corpus head (columns in the order of ``corpora``), as the
    model reads them at run time."""
    gate = Gate(weights, settings.bits, tuple(settings.classes(corpora)), settings.threshold)
    return gate.shares(registers, list(corpora))
