"""Shared fixtures. Gold sets and the copyrighted seed article are read from ../shared."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from redline.store import Store
from tests.store.postgres_server import postgres_server

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "corpus" / "koreatimes-lethal-weapons-dilemma.txt"
SEED_GOLD = SHARED / "corpus" / "koreatimes-lethal-weapons-dilemma.gold.yaml"
SAMPLE = ROOT / "sample"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (it is read from ../shared, never copied)")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return _need(SHARED)


@pytest.fixture(scope="session")
def seed_article() -> Path:
    return _need(SEED_ARTICLE)


@pytest.fixture(scope="session")
def seed_gold() -> Path:
    return _need(SEED_GOLD)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty, migrated SQLite store in a temporary folder."""
    return Store(f"sqlite:///{tmp_path / 'redline.db'}")


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A throw-away PostgreSQL server per test module; skipped where none is installed."""
    with postgres_server() as url:
        if url is None:
            pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
        yield url
