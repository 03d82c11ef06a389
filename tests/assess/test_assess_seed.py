"""The seed case end to end: ingest and analyse the Korea Times article (read from ../shared),
declare the June 2024 red line, assess it as of the day of publication.

Skipped only while ``redline.extract.analyze`` does not exist.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from redline.assess import Verdict, assess
from redline.assess import lines as red_lines
from redline.assess.explain import explain_text
from redline.assess.lines import load_lines
from redline.store import Store
from redline.store import lines as line_store

from .conftest import sample_path

SEED_DAY = datetime(2024, 10, 20, 23, 59, tzinfo=UTC)


def _extractor() -> None:
    extract = pytest.importorskip("redline.extract")
    if not hasattr(extract, "analyze"):
        pytest.skip("redline.extract.analyze does not exist yet")


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Verdict]:
    _extractor()
    from redline.ingest import ReadOptions, SourceMeta
    from redline.pipeline import ingest
    from redline.settings import load_settings

    from ..conftest import SEED_ARTICLE, SEED_GOLD

    if not SEED_ARTICLE.exists() or not SEED_GOLD.exists():
        pytest.skip(f"{SEED_ARTICLE} is not here (it is read from ../shared, never copied)")
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('seed') / 'redline.db'}")
    meta = SourceMeta(outlet="The Korea Times", published=datetime(2024, 10, 20, tzinfo=UTC))
    outcomes = list(ingest(store, [str(SEED_ARTICLE)], settings=load_settings(db=store.url),
                           options=ReadOptions(meta=meta), analyze=True))
    assert [o.ok for o in outcomes] == [True], outcomes
    line_store.add_lines(store, load_lines(sample_path("redlines.yaml")))
    verdicts = {v.line_id: v for v in assess(store, as_of=SEED_DAY)}
    return store, verdicts["rok-lethal-aid"]


def _by_indicator(items: list[dict[str, Any]], indicator: str) -> list[dict[str, Any]]:
    return [item for item in items if item["indicator"] == indicator]


def test_the_seed_line_has_precursors_but_is_not_crossed(seed: tuple[Store, Verdict]) -> None:
    _, verdict = seed
    assert verdict.status == "precursors_seen"
    assert not _by_indicator(verdict.evidence, "trigger")


def test_the_troop_deployment_is_confirmed_by_the_nis(seed: tuple[Store, Verdict]) -> None:
    _, verdict = seed
    troops = _by_indicator(verdict.evidence, "troop-deployment")
    assert troops, verdict.evidence
    confirmed = [t for t in troops if t["factuality_label"] == "confirmed"
                 and t["attributed_to"] == "KOR-INTEL"]
    assert confirmed, troops
    item = confirmed[0]
    assert item["date"] == "2024-10-18"
    assert item["outlet"] == "The Korea Times" and item["reliability"] == "B"
    start, end = item["span"]
    assert end > start and item["sentence"]


def test_the_june_partnership_is_a_precursor(seed: tuple[Store, Verdict]) -> None:
    _, verdict = seed
    partnership = _by_indicator(verdict.evidence, "defence-partnership")
    assert partnership, verdict.evidence
    assert any((p.get("date") or "").startswith("2024-06") for p in partnership)


def test_the_technology_transfer_is_only_speculated(seed: tuple[Store, Verdict]) -> None:
    _, verdict = seed
    transfer = _by_indicator(verdict.speculated, "trigger")
    assert transfer, verdict.speculated
    assert all(t["factuality_label"] not in ("confirmed", "reported") for t in transfer)
    assert all(t["speculated_by"] for t in transfer)


def test_the_expert_assesses_the_line_not_crossed(seed: tuple[Store, Verdict]) -> None:
    _, verdict = seed
    park = [a for a in verdict.assessments if "Park Won-gon" in (a["speaker"] or "")]
    assert park, verdict.assessments
    assert {a["says"] for a in park} == {"not_crossed"}
    assert any("Ewha" in (a["role"] or "") for a in park)


def test_explain_lists_the_options_under_discussion(seed: tuple[Store, Verdict]) -> None:
    store, verdict = seed
    text = explain_text(red_lines.get_line(store, "rok-lethal-aid"), verdict)
    options = text.split("Options under discussion:", 1)[1].lower()
    assert "lethal weapons" in options and "sanctions" in options


def test_before_the_article_nothing_is_known(seed: tuple[Store, Verdict]) -> None:
    store, _ = seed
    (before,) = assess(store, as_of=datetime(2024, 10, 19, tzinfo=UTC),
                       line_ids=["rok-lethal-aid"])
    assert (before.status, before.evidence, before.assessments) == ("not_crossed", [], [])


def test_the_seed_article_is_not_copied(seed: tuple[Store, Verdict]) -> None:
    """The copyrighted article is read from ../shared only."""
    root = Path(__file__).resolve().parents[2]
    from ..conftest import SEED_ARTICLE

    needle = SEED_ARTICLE.read_text(encoding="utf-8").split("\n")[0]
    for path in (root / "sample").rglob("*"):
        if path.is_file() and path.suffix in (".txt", ".yaml", ".json"):
            assert needle not in path.read_text(encoding="utf-8", errors="ignore"), path


def test_the_seed_verdict_states_its_likelihood_and_confidence(
        seed: tuple[Store, Verdict]) -> None:
    """Not crossed, precursors seen: the transfer is speculated and Park Won-gon says the line
    has not been crossed, so a crossing is very unlikely; the precursors rest on sources
    graded B (the NIS, the presidential office), so the judgement is held with confidence."""
    store, verdict = seed
    assert verdict.kind == "look-back"
    assert verdict.likelihood in ("almost no chance", "very unlikely")
    assert verdict.confidence in ("moderate", "high")
    text = explain_text(red_lines.get_line(store, "rok-lethal-aid"), verdict)
    assert f"Likelihood that the line has been crossed: {verdict.likelihood}" in text
    assert "Look-back: articles published by 2024-10-20 23:59 UTC" in text
