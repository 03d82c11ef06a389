"""Training the register gate that mixes the factuality model's corpus heads.

Each corpus of judgements gets a head: the shared weights read with that corpus's
copies of the convention features, calibrated on that corpus's rows. The gate
(``factuality_register``) is a multinomial logistic regression from a sentence's
register features to the corpus it came from, with one more class: sentences of news
texts the project reads (``news_texts`` in ``factuality_train.yaml``, unjudged), read
by the news head. Each class weighs the same in total, so the three news classes
(MEANTIME, UW and the news texts) hold three fifths of the prior. Inside cross-
validation the gate is fitted on each fold's training sentences only.
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
from redline.extract.factuality_register import fit_gate, gate_probabilities, register_features

Matrix = npt.NDArray[np.float64]
_CHARS = 6000  # of each news text read for its register


@dataclass(frozen=True)
class GateSettings:
    bits: int
    penalty: float
    iterations: int
    news_texts: tuple[str, ...]  # JSONL files under the shared folder, one text a line
    news_documents: int  # about this many texts read from each file: every n-th by url


def gate_settings(raw: object, where: str) -> GateSettings | None:
    """The ``gate`` section of the training settings (None, when it is not enabled: read
    every sentence with the news head)."""
    if raw is None or (isinstance(raw, dict) and raw.get("enabled") is False):
        return None
    try:
        assert isinstance(raw, dict)
        settings = GateSettings(int(raw["bits"]), float(raw["penalty"]),
                                int(raw["iterations"]),
                                tuple(str(p) for p in raw["news_texts"]),
                                int(raw["news_documents"]))
    except (AssertionError, KeyError, TypeError, ValueError) as exc:
        raise ValidationError(where, f"gate: {exc}", "expected enabled, bits, penalty, "
                              "iterations, news_texts and news_documents") from exc
    if not 10 <= settings.bits <= 20 or settings.penalty < 0 or settings.iterations < 1:
        raise ValidationError(where, "gate", "bits 10..20, penalty >= 0, iterations >= 1")
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
        found += [register_features([t.text for t in sent]) for sent in doc.sents
                  if len(sent) > 3]
    return found


def fit_register_gate(registers: Sequence[Sequence[Feature]], corpus: npt.NDArray[np.int64],
                      news: Sequence[Sequence[Feature]], classes: int,
                      settings: GateSettings) -> Matrix:
    """The gate over ``classes`` corpora and the news texts (the last class), each class
    weighing the same in total. ``registers`` holds one row per judged sentence."""
    rows = [*registers, *news]
    labels = np.concatenate([corpus, np.full(len(news), classes)]).astype(np.int64)
    counts = np.bincount(labels, minlength=classes + 1).astype(np.float64)
    return fit_gate(rows, labels, classes + 1, settings.bits, penalty=settings.penalty,
                    iterations=settings.iterations, sample=1.0 / counts[labels])


def head_shares(weights: Matrix, bits: int, registers: Sequence[Sequence[Feature]],
                heads: int, news_head: int) -> Matrix:
    """Each row's probability of each corpus head; the news texts' class reads the news
    head."""
    classes = gate_probabilities(weights, bits, registers)
    shares = classes[:, :heads].copy()
    shares[:, news_head] += classes[:, heads]
    return shares
