"""Factuality on the public judgement sets: Pearson r and MAE of ``factuality_of`` on the
dev splits of UW, UDS-IH2 and CommitmentBank (``data/factuality/``; MEANTIME dev is
scored by ``redline.eval.meantime``).

Each sentence is parsed once (``nlp.pipe``) and its judged predicates are read together
(``factualities_of``); this is what ``factuality_of`` returns for each of them.
Metrics ``factuality.{uw,uds_ih2,cb}.pearson_r`` (higher is better), ``.mae`` (an
error: lower is better) and ``.n``.
"""

from __future__ import annotations

from pathlib import Path

from redline.errors import InputError
from redline.eval.meantime import pearson
from redline.extract.factuality import factualities_of, predicate_at
from redline.extract.factuality_corpora import Target, corpus_path, targets
from redline.extract.nlp import load_nlp

SETS = ("uw", "uds_ih2", "cb")


def predictions(path: Path) -> list[tuple[Target, float]]:
    """Each judged predicate of a split with the commitment read for it."""
    by_sentence: dict[int, list[Target]] = {}
    for target in targets(path):
        by_sentence.setdefault(target.sentence, []).append(target)
    texts = [found[0].text for found in by_sentence.values()]
    scored: list[tuple[Target, float]] = []
    for doc, found in zip(load_nlp().pipe(texts, batch_size=256), by_sentence.values(),
                          strict=True):
        readings = factualities_of([predicate_at(doc, t.start, t.end) for t in found])
        scored += [(t, r.commitment) for t, r in zip(found, readings, strict=True)]
    return scored


def score_set(shared: Path, corpus: str, split: str = "dev") -> dict[str, float]:
    scored = predictions(corpus_path(shared, corpus, split))
    if not scored:
        raise InputError(f"{corpus} {split}", "holds no judged predicates")
    gold = [t.gold for t, _ in scored]
    system = [value for _, value in scored]
    mae = sum(abs(g - s) for g, s in zip(gold, system, strict=True)) / len(scored)
    return {
        f"factuality.{corpus}.pearson_r": round(pearson(gold, system), 4),
        f"factuality.{corpus}.mae": round(mae, 4),
        f"factuality.{corpus}.n": float(len(scored)),
    }


def score(shared: Path) -> dict[str, float]:
    """Scores on the dev split of each set; ``.mae`` metrics are errors (lower is better)."""
    scores: dict[str, float] = {}
    for corpus in SETS:
        scores.update(score_set(shared, corpus))
    return scores
