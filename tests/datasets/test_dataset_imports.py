"""``redline import-events`` at scale: zips, folders, URL lists and URLs, streamed and
idempotent by original id; one transaction per export."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.datasets.test_datasets import PRK_MIL, RUS, gdelt_row
from typer.testing import CliRunner

from redline.cli import app
from redline.pipeline import import_datasets
from redline.settings import Settings
from redline.store import Store
from redline.store.models import EventRow


def export(rows: range, code: str = "154") -> str:
    return "".join(gdelt_row(str(n), code, PRK_MIL, RUS) + "\n" for n in rows)


def stored(store: Store) -> list[str]:
    with store.read() as session:
        return sorted(session.scalars(sa.select(EventRow.dataset_id)), key=int)


def run(store: Store, *targets: Path | str, **settings: object) -> list[tuple[int, int, str | None]]:
    config = Settings(db=store.url, **settings)  # type: ignore[arg-type]
    return [(o.new, o.unchanged, o.error)
            for o in import_datasets(store, [str(t) for t in targets], "gdelt", config)]


def test_a_large_export_streams_in_chunks_and_reimports_as_unchanged(
        store: Store, tmp_path: Path) -> None:
    path = tmp_path / "20241018.export.CSV"
    path.write_text(export(range(1, 12_001)), encoding="utf-8")  # over two chunks of 5,000
    assert run(store, path) == [(12_000, 0, None)]
    assert run(store, path) == [(0, 12_000, None)]
    assert len(stored(store)) == 12_000


def test_rows_without_a_plover_type_are_not_counted(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mixed.export.CSV"
    path.write_text(export(range(1, 4)) + export(range(4, 6), code="010"), encoding="utf-8")
    assert run(store, path) == [(3, 0, None)]


def test_zip_folder_and_partly_known_export(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    with zipfile.ZipFile(folder / "20241018000000.export.CSV.zip", "w") as archive:
        archive.writestr("20241018000000.export.CSV", export(range(1, 6)))
    (folder / "20241018001500.export.CSV").write_text(export(range(4, 9)), encoding="utf-8")
    (folder / "notes.md").write_text("not an export", encoding="utf-8")
    assert run(store, folder) == [(5, 0, None), (3, 2, None)]
    assert stored(store) == [str(n) for n in range(1, 9)]


def test_a_malformed_row_stores_nothing_of_its_export_and_the_rest_go_on(
        store: Store, tmp_path: Path) -> None:
    good = tmp_path / "a.export.CSV"
    good.write_text(export(range(1, 3)), encoding="utf-8")
    bad = tmp_path / "b.export.CSV"
    bad.write_text(export(range(10, 7_010)) + "x\ty\n", encoding="utf-8")  # after one chunk
    (first, second) = run(store, good, bad)
    assert first == (2, 0, None)
    assert second[2] is not None and "line 7001: 2 columns" in second[2]
    assert stored(store) == ["1", "2"]


@pytest.mark.parametrize("content, problem", [
    (b"", "empty file"),
    (b"\x00\x01\x02", "binary"),
    (b"\xff\xfe\xfa\n", "not UTF-8"),
])
def test_bad_files_are_named(store: Store, tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.export.CSV"
    path.write_bytes(content)
    ((new, unchanged, error),) = run(store, path)
    assert (new, unchanged) == (0, 0)
    assert error is not None and str(path) in error and problem in error


def test_the_dataset_limit_is_its_own_setting(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "big.export.CSV"
    path.write_text(export(range(1, 50)), encoding="utf-8")
    assert run(store, path, max_bytes=100) == [(49, 0, None)]  # the article limit does not apply
    ((_, _, error),) = run(store, path, dataset_max_bytes=100)
    assert error is not None and "dataset_max_bytes" in error and "over the dataset limit" in error


def test_a_zip_whose_contents_are_over_the_limit_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bomb.export.CSV.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.export.CSV", export(range(1, 2_000)))
    assert path.stat().st_size < 20_000
    ((_, _, error),) = run(store, path, dataset_max_bytes=20_000)
    assert error is not None and "bomb.export.CSV" in error and "over the dataset limit" in error


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    folder = tmp_path / "site"
    folder.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def test_a_list_of_export_urls(store: Store, tmp_path: Path,
                               served: tuple[Path, str]) -> None:
    site, base = served
    with zipfile.ZipFile(site / "1.export.CSV.zip", "w") as archive:
        archive.writestr("1.export.CSV", export(range(1, 4)))
    (site / "2.export.CSV").write_text(export(range(3, 6)), encoding="utf-8")
    listing = tmp_path / "masterfilelist.txt"
    listing.write_text(f"123 abc {base}/1.export.CSV.zip\n\n456 def {base}/2.export.CSV\n"
                       f"789 ghi {base}/missing.export.CSV\n", encoding="utf-8")
    # The test server is on loopback, which fetches refuse unless private hosts are allowed.
    (first, second, third) = run(store, listing, allow_private_hosts=True)
    assert (first, second) == ((3, 0, None), (2, 1, None))
    assert third[2] is not None and "404" in third[2]
    assert stored(store) == ["1", "2", "3", "4", "5"]


def test_an_export_url_on_a_private_host_is_refused_by_default(
        store: Store, served: tuple[Path, str]) -> None:
    site, base = served
    (site / "1.export.CSV").write_text(export(range(1, 3)), encoding="utf-8")
    ((new, unchanged, error),) = run(store, f"{base}/1.export.CSV")
    assert (new, unchanged) == (0, 0)
    assert error is not None and "not a public address" in error
    assert "allow_private_hosts" in error
    assert stored(store) == []


def test_cli_reports_each_export_and_exits_1_on_a_failure(tmp_path: Path) -> None:
    good = tmp_path / "a.export.CSV"
    good.write_text(export(range(1, 3)), encoding="utf-8")
    env = {"REDLINE_DB": f"sqlite:///{tmp_path / 'r.db'}"}
    result = CliRunner().invoke(app, ["import-events", str(good), str(tmp_path / "none.CSV"),
                                      "--format", "gdelt"], env=env)
    assert result.exit_code == 1
    assert "2 new event(s), 0 unchanged" in result.output
    assert "file not found" in result.output
