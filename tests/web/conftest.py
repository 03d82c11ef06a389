"""Fixtures of the dashboard tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_rows import Seeded, seed

from redline.store import Store


@pytest.fixture
def seeded(tmp_path: Path) -> Seeded:
    return seed(Store(f"sqlite:///{tmp_path / 'web.db'}"))


@pytest.fixture(scope="module")
def seeded_once(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """The same rows, shared by a module's tests that only read."""
    return seed(Store(f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"))
