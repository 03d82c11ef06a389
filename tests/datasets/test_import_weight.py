"""A dataset import needs no parse: its modules load without spaCy (about a second of CPU
per import process), which the parsing components still bring in."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _loads_spacy(module: str) -> bool:
    code = f"import sys, {module}; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return result.stdout.strip() == "True"


@pytest.mark.parametrize("module, loads_spacy", [
    ("redline.datasets.gdelt", False),
    ("redline.datasets.acled", False),
    ("redline.extract.gazetteer", False),
    ("redline.pipeline", False),
    ("redline.extract.components", True),
])
def test_spacy_is_imported_only_by_what_parses(module: str, loads_spacy: bool) -> None:
    assert _loads_spacy(module) is loads_spacy


def test_the_package_still_offers_credit_speakers() -> None:
    from redline.extract import credit_speakers
    from redline.extract.components import credit_speakers as defined

    assert credit_speakers is defined
