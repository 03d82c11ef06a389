"""Migration 0007: verdicts stored before it become live runs or look-backs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from redline.store import Store
from redline.store import lines as line_store

NOW = datetime(2024, 10, 25, 12, tzinfo=UTC)


def test_verdicts_from_before_0007_are_told_apart(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'old.db'}", migrate=False)
    store.migrate("0006")
    with store.engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO redlines (id, title, declared_by, spec, added, updated) VALUES "
            "('l', 't', 'USA', :spec, :now, :now)"),
            {"spec": '{"id": "l", "title": "t", "declared_by": "USA", "source": "s", '
                     '"consequence": "c", "trigger": {"events": ["AID"]}}', "now": NOW})
        for as_of, status in ((NOW, "crossed"), (datetime(2024, 10, 1, tzinfo=UTC),
                                                 "not_crossed")):
            connection.execute(sa.text(
                "INSERT INTO verdicts (line_id, as_of, computed, status, evidence, speculated, "
                "assessments, changed) VALUES ('l', :as_of, :now, :status, '[]', '[]', '[]', "
                "'{}')"), {"as_of": as_of, "now": NOW, "status": status})
    store.migrate()
    assert [(v.kind, v.status) for v in line_store.verdict_history(store, "l")] == \
        [("live", "crossed")]
    assert [(v.kind, v.status) for v in line_store.verdict_history(store, "l", "look-back")] \
        == [("look-back", "not_crossed")]
    assert line_store.latest_verdict(store, "l").likelihood is None  # type: ignore[union-attr]
    store.close()
