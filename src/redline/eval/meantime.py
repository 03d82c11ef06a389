"""MEANTIME event factuality (-3..+3): Pearson r and mean absolute error of ``factuality_of``.

MEANTIME grades certainty x polarity and keeps time apart ("will be compensated"
is +3), so it scores the commitment ``factuality_of`` returns, not the value an
event is stored with (where a future has not yet happened: 0).

Reads ``data/meantime/{split}.jsonl`` under the shared gold folder: one sentence a
line, tokenised with single spaces, with target predicates given as token index
ranges (``span1``) and a gold ``label``. ``meantime.mae`` is an error: lower is
better.
"""

from __future__ import annotations

import math
from pathlib import Path

from redline.errors import InputError
from redline.extract.factuality import factuality_of
from redline.extract.factuality_corpora import Target, detokenize, targets

__all__ = ["Target", "detokenize", "pearson", "predictions", "score", "score_split", "targets"]


def predictions(path: Path) -> list[tuple[Target, float]]:
    return [(t, factuality_of(t.text, t.start, t.end)) for t in targets(path)]


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return 0.0
    return cov / math.sqrt(var_x * var_y)


def score_split(shared: Path, split: str = "dev") -> dict[str, float]:
    """``meantime.pearson_r`` (higher is better), ``meantime.mae`` (lower is better), ``.n``."""
    scored = predictions(shared / "data" / "meantime" / f"{split}.jsonl")
    if not scored:
        raise InputError(f"meantime/{split}.jsonl", "holds no targets")
    gold = [target.gold for target, _ in scored]
    system = [value for _, value in scored]
    mae = sum(abs(g - s) for g, s in zip(gold, system, strict=True)) / len(scored)
    return {
        "meantime.pearson_r": round(pearson(gold, system), 4),
        "meantime.mae": round(mae, 4),
        "meantime.n": float(len(scored)),
    }


def score(shared: Path) -> dict[str, float]:
    """Scores on the dev split; ``meantime.mae`` is an error metric (lower is better)."""
    return score_split(shared, "dev")
