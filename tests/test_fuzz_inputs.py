"""Fuzzing every input format: whatever the bytes, redline answers with a result or one
of its own errors (``RedlineError``), never a traceback. The budget is small (a few
seconds per format) so that it runs in CI."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.assess.lines import parse_lines
from redline.datasets.files import read_dataset_file
from redline.errors import RedlineError
from redline.ingest import ReadOptions
from redline.ingest.metadata import read_sidecar
from redline.pipeline import ingest
from redline.settings import Settings
from redline.store import Store

BUDGET = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "100")), deadline=None,
                  derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow])
WORDS = st.sampled_from(["", "Seoul", "&amp;", "&nbsp;", "&undef;", "<", ">", "\x00", "\ufeff",
                         "]]>", "<![CDATA[", "-->", "\"", "'", "\\", "%", "\n", "\t",
                         "2024-10-20", "99999999999999999999", "-1", "1e309", "NaN"])
TEXT = st.one_of(st.text(max_size=60), st.lists(WORDS, max_size=8).map("".join))
RAW = st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8", "replace")))


def _feed(title: str, body: str, link: str, date: str, atom: bool) -> bytes:
    if atom:
        return (f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title><entry>'
                f'<title>{title}</title><link href="{link}"/><updated>{date}</updated>'
                f"<content type=\"html\">{body}</content></entry></feed>").encode()
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><item>'
            f"<title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
            f"<description>{body}</description></item></channel></rss>").encode()


FEEDS = st.builds(_feed, TEXT, TEXT, TEXT, TEXT, st.booleans())
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8)
RECORDS = st.fixed_dictionaries({}, optional={
    "url": JSON_VALUES | TEXT, "text": JSON_VALUES | TEXT, "html": TEXT,
    "published": JSON_VALUES | TEXT, "outlet": JSON_VALUES, "title": JSON_VALUES})
JSONL = st.lists(st.one_of(RECORDS.map(json.dumps), TEXT), min_size=1, max_size=4).map(
    lambda lines: "\n".join(lines).encode("utf-8", "replace"))
HTML = st.builds(lambda t, b: f"<html><head><title>{t}</title></head><body><article><p>{b}"
                              f"</p></article></body></html>".encode("utf-8", "replace"),
                 TEXT, TEXT)


def _in_temp(name: str, data: bytes, check: Callable[[Path], object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        with contextlib.suppress(RedlineError):  # a clear error is a fine answer
            check(path)


_STORE: list[Store] = []


def _store() -> Store:
    """One migrated store for every example (migrating per example would eat the budget)."""
    if not _STORE:
        folder = tempfile.mkdtemp(prefix="redline-fuzz-")
        _STORE.append(Store(f"sqlite:///{folder}/fuzz.db"))
    return _STORE[0]


def _ingest(path: Path, fmt: str = "auto") -> None:
    store = _store()
    for outcome in ingest(store, [str(path)], settings=Settings(db=store.url),
                          options=ReadOptions(fmt=fmt), analyze=False):
        assert outcome.status != "failed" or outcome.error
        assert "Traceback" not in (outcome.error or "")


@pytest.mark.parametrize("name, fmt, strategy", [
    ("page.txt", "text", RAW), ("page.html", "html", st.one_of(HTML, RAW)),
    ("feed.xml", "feed", st.one_of(FEEDS, RAW)), ("batch.jsonl", "jsonl", st.one_of(JSONL, RAW)),
    ("any.dat", "auto", st.one_of(FEEDS, HTML, JSONL, RAW)),
])
def test_ingest_formats(name: str, fmt: str, strategy: st.SearchStrategy[bytes]) -> None:
    @BUDGET
    @given(strategy)
    def run(data: bytes) -> None:
        _in_temp(name, data, lambda path: _ingest(path, fmt))

    run()


SIDECARS = st.one_of(
    st.dictionaries(st.sampled_from(["published", "outlet", "title", "url", "date", "author",
                                     "retrieved", "language"]), JSON_VALUES, max_size=4
                    ).map(json.dumps),
    TEXT)


@BUDGET
@given(SIDECARS, st.sampled_from([".meta.json", ".meta.yaml"]))
def test_sidecars(sidecar: str, suffix: str) -> None:
    def check(path: Path) -> None:
        (path.parent / f"story{suffix}").write_text(sidecar, encoding="utf-8", errors="replace")
        read_sidecar(path)
        _ingest(path)

    _in_temp("story.txt", b"The envoys met in Geneva on Monday.\n", check)


LINE_FIELDS = st.fixed_dictionaries(
    {"id": JSON_VALUES | TEXT}, optional={
        "title": JSON_VALUES, "declared_by": JSON_VALUES | st.just("KOR"),
        "declared": JSON_VALUES, "source": JSON_VALUES,
        "trigger": JSON_VALUES | st.fixed_dictionaries({}, optional={
            "actors": JSON_VALUES, "events": JSON_VALUES | st.just(["AID"]),
            "recipients": JSON_VALUES, "objects": JSON_VALUES,
            "min_factuality": JSON_VALUES}),
        "precursors": JSON_VALUES, "consequence": JSON_VALUES})
LINE_FILES = st.one_of(
    st.lists(LINE_FIELDS, max_size=2).map(lambda lines: json.dumps({"redlines": lines})),
    TEXT, st.binary(max_size=200).map(lambda b: b.decode("latin-1")))


@BUDGET
@given(LINE_FILES)
def test_red_line_files(text: str) -> None:
    with contextlib.suppress(RedlineError):
        parse_lines(text, source="fuzz.yaml")


ACLED_HEADER = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,"
                "location,source,notes,fatalities,timestamp")
CSV_FIELD = st.one_of(TEXT, st.sampled_from(["Battles", "Protests", "Armed clash",
                                             "Riots", "2024-10-18", "18 October 2024"]))
ACLED = st.lists(st.lists(CSV_FIELD, min_size=0, max_size=13).map(",".join), max_size=4).map(
    lambda rows: "\n".join([ACLED_HEADER, *rows]).encode("utf-8", "replace"))
GDELT = st.lists(st.lists(CSV_FIELD, min_size=61, max_size=61).map("\t".join), min_size=1,
                 max_size=3).map(lambda rows: "\n".join(rows).encode("utf-8", "replace"))


@pytest.mark.parametrize("dataset, strategy", [("acled", st.one_of(ACLED, RAW)),
                                               ("gdelt", st.one_of(GDELT, RAW))])
def test_import_files(dataset: str, strategy: st.SearchStrategy[bytes]) -> None:
    @BUDGET
    @given(strategy)
    def run(data: bytes) -> None:
        _in_temp("export.csv", data,
                 lambda path: read_dataset_file(path, dataset, max_bytes=1_000_000))

    run()
