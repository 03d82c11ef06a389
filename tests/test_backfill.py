"""Backfills on local worker processes and on a real Dask cluster: same results as
sequential analysis, failures per article."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

import redline.backfill
from redline import extract
from redline.backfill import Work, backfill, open_client
from redline.cli import app
from redline.errors import InputError
from redline.pipeline import analyze_article, ingest
from redline.records import Analysis, Event, Size, TimeRef
from redline.settings import load_settings
from redline.store import Store
from redline.store.browse import get_article
from redline.store.evidence import unanalyzed_article_ids
from tests.conftest import SAMPLE

US_GOV = SAMPLE / "us-gov"


def _sample_store(folder: Path) -> Store:
    """A store holding the public-domain sample articles, none of them analysed."""
    store = Store(f"sqlite:///{folder / 'redline.db'}")
    outcomes = list(ingest(store, [str(US_GOV)], settings=load_settings(), analyze=False))
    assert outcomes and all(o.status == "new" for o in outcomes)
    return store


def _evidence(store: Store, article_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """An article's stored events and quotes, without their row ids."""
    record = get_article(store, article_id)
    events = [{k: v for k, v in asdict(e).items() if k != "id"} for e in record.events]
    quotes = [{k: v for k, v in asdict(q).items() if k != "id"} for q in record.quotes]
    return events, quotes


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """A local cluster of two worker processes, started once for the module."""
    with open_client(workers=2) as started:
        yield started


@pytest.fixture
def sample_store(tmp_path: Path) -> Store:
    return _sample_store(tmp_path)


def test_records_survive_pickling() -> None:
    event = Event(event="AID", span=(0, 10), factuality=2.5, factuality_label="reported",
                  size=Size(10000, "soldiers", "approximate", "about 10,000 soldiers"),
                  date=TimeRef(date(2024, 10, 1), date(2024, 10, 17), "interval", "this month"))
    analysis = Analysis(text="x" * 10, events=[event], sentences=[(0, 10)])
    copy = pickle.loads(pickle.dumps(analysis))
    assert copy == analysis
    assert copy.events[0].size is not None and copy.events[0].size.unit == "soldiers"
    assert copy.events[0].date is not None and copy.events[0].date.granularity == "interval"


@pytest.mark.slow
def test_backfill_matches_sequential_analysis(client: Client, tmp_path: Path) -> None:
    parallel = _sample_store(tmp_path / "parallel")
    sequential = _sample_store(tmp_path / "sequential")
    ids = unanalyzed_article_ids(parallel)
    assert len(ids) >= 5

    report = backfill(parallel, client=client, batch_size=2)

    assert report.failed == []
    assert report.analysed == len(ids)
    assert unanalyzed_article_ids(parallel) == []
    events = quotes = 0
    for article_id in ids:
        found = analyze_article(sequential, article_id)
        events, quotes = events + found[0], quotes + found[1]
        assert _evidence(parallel, article_id) == _evidence(sequential, article_id), article_id
    assert (report.events, report.quotes) == (events, quotes)
    assert events > 0 and quotes > 0

    again = backfill(parallel, client=client)
    assert (again.analysed, again.failed) == (0, [])
    redone = backfill(parallel, client=client, redo=True, batch_size=16)
    assert (redone.analysed, redone.events, redone.quotes) == (len(ids), events, quotes)


@pytest.mark.slow
def test_cli_backfill_on_a_running_cluster(client: Client, sample_store: Store) -> None:
    total = len(unanalyzed_article_ids(sample_store))
    result = CliRunner().invoke(app, [
        "--db", sample_store.url, "backfill", "--scheduler", client.scheduler.address,
        "--batch-size", "3"])
    assert result.exit_code == 0, result.output
    assert f"{total} articles analysed" in result.output
    assert unanalyzed_article_ids(sample_store) == []


@pytest.fixture
def in_process() -> Iterator[LocalCluster]:
    """A cluster whose workers are threads of this process, so monkeypatching reaches them."""
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        yield cluster


def _failing_analyze(bad_text: str) -> Any:
    def analyze(text: str, *, published: Any = None) -> Analysis:
        if text == bad_text:
            raise ValueError("cannot parse this article")
        return Analysis(text=text, sentences=[(0, len(text))])
    return analyze


def _fake_extractor(monkeypatch: pytest.MonkeyPatch, bad_text: str) -> None:
    """``analyze`` and the batched ``analyze_many`` both fail on ``bad_text`` only."""
    analyze = _failing_analyze(bad_text)

    def analyze_many(items: Any, *, batch_size: int = 32) -> Any:
        return (analyze(text, published=published) for text, published in items)

    monkeypatch.setattr(extract, "analyze", analyze)
    monkeypatch.setattr(extract, "analyze_many", analyze_many)


def test_a_failing_article_leaves_no_rows_and_the_rest_go_on(
        in_process: LocalCluster, sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = unanalyzed_article_ids(sample_store)
    bad = ids[1]
    _fake_extractor(monkeypatch, get_article(sample_store, bad).record.text)
    with Client(in_process) as client:
        report = backfill(sample_store, client=client, batch_size=4)
    assert report.failed == [(bad, "ValueError: cannot parse this article")]
    assert report.analysed == len(ids) - 1
    assert unanalyzed_article_ids(sample_store) == [bad]
    assert _evidence(sample_store, bad) == ([], [])


_LOST: list[str] = []  # the articles of the first batch of several, which fails
_CHOOSING = threading.Lock()  # between the cluster's two worker threads


def _losing_analyse_batch(batch: list[Work]) -> Any:
    """Module-level, so in-process workers run this very function (pickled by reference)."""
    with _CHOOSING:
        fails = len(batch) > 1 and not _LOST
        if fails:
            _LOST[:] = [article_id for article_id, _, _ in batch]
    if fails:
        raise MemoryError("worker ran out of memory")
    return _ANALYSE_BATCH(batch)


def test_a_failing_batch_fails_each_of_its_articles(
        in_process: LocalCluster, sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = unanalyzed_article_ids(sample_store)
    _LOST.clear()
    _fake_extractor(monkeypatch, "")
    monkeypatch.setattr(redline.backfill, "analyse_batch", _losing_analyse_batch)
    with Client(in_process) as client:
        report = backfill(sample_store, client=client, batch_size=3)
    failed = [article_id for article_id, _ in report.failed]
    assert 1 < len(failed) <= 3 and sorted(failed) == sorted(_LOST)
    assert all("MemoryError" in reason for _, reason in report.failed)
    assert report.analysed == len(ids) - len(failed)
    assert sorted(unanalyzed_article_ids(sample_store)) == sorted(failed)


_ANALYSE_BATCH = redline.backfill.analyse_batch
_BATCH_SIZES: list[int] = []
_BATCH_TEXT: list[tuple[int, int]] = []  # (articles, characters) of each batch


def _recording_analyse_batch(batch: list[Work]) -> Any:
    """Module-level, so in-process workers run this very function (pickled by reference)."""
    _BATCH_SIZES.append(len(batch))
    _BATCH_TEXT.append((len(batch), sum(len(text) for _, text, _ in batch)))
    return _ANALYSE_BATCH(batch)


@pytest.mark.parametrize("batch_size", [1, 2, 8, 100])
def test_batches_are_small_enough_to_share_out(
        in_process: LocalCluster, sample_store: Store, monkeypatch: pytest.MonkeyPatch,
        batch_size: int) -> None:
    ids = unanalyzed_article_ids(sample_store)
    _BATCH_SIZES.clear()
    _fake_extractor(monkeypatch, "")
    monkeypatch.setattr(redline.backfill, "analyse_batch", _recording_analyse_batch)
    with Client(in_process) as client:
        report = backfill(sample_store, client=client, batch_size=batch_size)
    assert report.analysed == len(ids) == sum(_BATCH_SIZES)
    assert max(_BATCH_SIZES) <= batch_size
    assert len(_BATCH_SIZES) >= min(len(ids), 4)  # two worker threads get two batches each at least


def test_batches_hold_even_shares_of_text_longest_first(
        in_process: LocalCluster, sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = unanalyzed_article_ids(sample_store)
    lengths = {i: len(get_article(sample_store, i).record.text) for i in ids}
    ordered, size, chars = redline.backfill.balanced(sample_store, ids, 2, 16, 100_000)
    assert sorted(ordered) == sorted(ids)
    assert [lengths[i] for i in ordered] == sorted(lengths.values(), reverse=True)
    assert chars == -(-sum(lengths.values()) // 8)  # four shares for each of two workers
    assert size == min(16, -(-len(ids) // 8))
    _BATCH_SIZES.clear()
    _BATCH_TEXT.clear()
    _fake_extractor(monkeypatch, "")
    monkeypatch.setattr(redline.backfill, "analyse_batch", _recording_analyse_batch)
    with Client(in_process) as client:
        report = backfill(sample_store, client=client)
    assert report.analysed == len(ids)
    # a batch goes past the share only when it is one article longer than the share
    assert sum(count for count, _ in _BATCH_TEXT) == len(ids)
    assert all(total <= chars or count == 1 for count, total in _BATCH_TEXT)


def test_cli_exit_code_is_1_when_an_article_fails(
        in_process: LocalCluster, sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = unanalyzed_article_ids(sample_store)[0]
    _fake_extractor(monkeypatch, get_article(sample_store, bad).record.text)
    result = CliRunner().invoke(app, [
        "--db", sample_store.url, "backfill", "--scheduler", in_process.scheduler_address])
    assert result.exit_code == 1
    assert "1 failed" in result.output and bad[:12] in result.output


@pytest.mark.parametrize("options, problem", [
    (["--scheduler", "nonsense://somewhere"], "cannot connect"),
    (["--batch-size", "0"], "--batch-size"),
    (["--workers", "0"], "--workers"),
])
def test_cli_rejects_bad_options(store: Store, options: list[str], problem: str) -> None:
    result = CliRunner().invoke(app, ["--db", store.url, "backfill", *options])
    assert result.exit_code != 0
    assert problem in result.output


def test_library_rejects_a_batch_size_below_1(in_process: LocalCluster, store: Store) -> None:
    with Client(in_process) as client, pytest.raises(InputError, match="at least 1"):
        list(redline.backfill.backfill_outcomes(store, ["ab"], client=client, batch_size=0))


def test_an_article_over_max_analyze_chars_is_failed_unsent_and_recorded(
        in_process: LocalCluster, sample_store: Store) -> None:
    from redline.store.analysis_state import analysis_state

    ids = unanalyzed_article_ids(sample_store)
    lengths = {i: len(get_article(sample_store, i).record.text) for i in ids}
    limit = sorted(lengths.values())[len(lengths) // 2]
    too_long = sorted(i for i, n in lengths.items() if n > limit)
    with Client(in_process) as client:
        report = backfill(sample_store, client=client, batch_size=4, max_chars=limit)
    assert sorted(i for i, _ in report.failed) == too_long and too_long
    assert all("setting max_analyze_chars" in reason for _, reason in report.failed)
    assert {analysis_state(sample_store, i) for i in too_long} == {"failed"}
    assert report.analysed == len(ids) - len(too_long)


# -- the local pool of forked worker processes -------------------------------------------


@pytest.fixture
def fake_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers forked from a process whose extractor is fake (no pipeline to load)."""
    monkeypatch.setattr(redline.backfill, "load_pipeline", lambda: None)
    _fake_extractor(monkeypatch, "")


def test_the_local_pool_analyses_every_article_once(fake_pool: None, sample_store: Store,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    ids = unanalyzed_article_ids(sample_store)
    seen: list[int] = []
    report = backfill(sample_store, workers=2, batch_size=2,
                      on_outcome=lambda outcome, total: seen.append(total))
    assert (report.analysed, report.failed) == (len(ids), [])
    assert seen == [len(ids)] * len(ids)
    assert unanalyzed_article_ids(sample_store) == []
    assert backfill(sample_store, workers=2).analysed == 0


def _dying_analyse_batch(batch: list[Work]) -> Any:
    """Kills the worker process on the batch holding the article whose text is 'die'."""
    import os

    if any(text == "die" for _, text, _ in batch):
        os._exit(3)
    return _ANALYSE_BATCH(batch)


def test_a_dead_worker_fails_its_batches_and_the_pool_goes_on(
        fake_pool: None, sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from redline.store.analysis_state import analysis_state

    ids = unanalyzed_article_ids(sample_store)
    monkeypatch.setattr(redline.backfill, "analyse_batch", _dying_analyse_batch)
    victim = ids[-1]
    with sample_store.write() as session:  # the last article's text kills its worker
        from redline.store.models import ArticleRow

        row = session.get(ArticleRow, victim)
        assert row is not None
        row.text = "die"
    report = backfill(sample_store, workers=2, batch_size=1)
    failed = dict(report.failed)
    assert victim in failed and "worker process died" in failed[victim]
    assert report.analysed == len(ids) - len(failed) and report.analysed > 0
    assert all(analysis_state(sample_store, i) == "failed" for i in failed)
    # the next run retries every article that failed, the victim too once it is mended
    with sample_store.write() as session:
        row = session.get(ArticleRow, victim)
        assert row is not None
        row.text = "mended"
    again = backfill(sample_store, workers=2, batch_size=1)
    assert (again.analysed, again.failed) == (len(failed), [])


@pytest.mark.slow
def test_the_local_pool_matches_sequential_analysis(tmp_path: Path) -> None:
    parallel = _sample_store(tmp_path / "parallel")
    sequential = _sample_store(tmp_path / "sequential")
    ids = unanalyzed_article_ids(parallel)
    report = backfill(parallel, workers=2, batch_size=2)
    assert (report.analysed, report.failed) == (len(ids), [])
    for article_id in ids:
        analyze_article(sequential, article_id)
        assert _evidence(parallel, article_id) == _evidence(sequential, article_id), article_id


def test_cli_backfill_on_local_workers(fake_pool: None, sample_store: Store) -> None:
    total = len(unanalyzed_article_ids(sample_store))
    result = CliRunner().invoke(app, ["--db", sample_store.url, "backfill", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert f"{total} articles analysed" in result.output


def _encoder_probe(batch: list[Work]) -> Any:
    """Run in a forked worker instead of the analysis: which encoder session it uses,
    whether it loaded one, its threads, and the vectors of each text."""
    from redline.extract import encoder

    loads = encoder._loaded.cache_info().misses
    used = encoder.load_encoder()
    vectors = used.encode([text for _, text, _ in batch])
    return [(article_id, (used.session is encoder._loaded().session,
                          encoder._loaded.cache_info().misses - loads, used.threads,
                          os.getpid(), v.vectors.tolist()))
            for (article_id, _, _), v in zip(batch, vectors, strict=True)]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="workers are forked only where the platform can fork")
def test_forked_workers_use_the_encoder_session_loaded_before_the_fork(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from redline.extract.encoder import _loaded, load_encoder

    texts = ["North Korea sent troops to Russia.", "Seoul protested the deployment.",
             "The talks ended without an agreement.", "Kyiv said the strike hit Kharkiv."]
    here = [e.vectors.tolist() for e in load_encoder().encode(texts)]
    parent_session = id(_loaded().session)
    monkeypatch.setattr(redline.backfill, "analyse_batch", _encoder_probe)
    batches = [[(f"a{n}", text, None)] for n, text in enumerate(texts)]
    with redline.backfill.ProcessRunner(2) as runner:
        done = list(runner(iter(batches)))
    found = {article_id: result for _, results in done
             for article_id, result in results}  # type: ignore[union-attr]
    assert sorted(found) == ["a0", "a1", "a2", "a3"]
    for n, text in enumerate(texts):
        shared, loads, threads, pid, vectors = found[f"a{n}"]
        assert (shared, loads, threads) == (True, 0, 1), text
        assert pid != os.getpid()
        assert vectors == here[n], text  # the same vectors as in this process
    assert id(_loaded().session) == parent_session
