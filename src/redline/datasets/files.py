"""Reading dataset exports from disk or from downloaded bytes, streamed line by line.

An export is a CSV/TSV file, a ``.zip`` holding one (GDELT publishes
``*.export.CSV.zip``), a folder of such files, or a ``.txt`` list of their URLs (one a
line; GDELT's ``masterfilelist.txt`` layout ``size md5 url`` is read too). Files are read
as they are parsed, so memory does not grow with their size; the size limit is the
setting ``dataset_max_bytes``, separate from ``max_bytes`` for articles.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from redline.datasets import DatasetEvent, FlatRows
from redline.datasets.acled import acled_event, acled_flat_rows, acled_rows
from redline.datasets.gdelt import gdelt_event, gdelt_flat_rows, gdelt_rows
from redline.errors import InputError


@dataclass(frozen=True)
class DatasetReader:
    """How a dataset's rows are read: ``rows`` yields (original id, row) for each row with
    a PLOVER counterpart; ``event`` turns a row into its event, and ``flat_rows`` (given
    the source, for error messages) says how rows are stored in bulk, with no event built.
    An import reads ids first and turns into values only the rows of ids not yet stored."""

    rows: Callable[..., Iterator[tuple[str, Any]]]
    event: Callable[[Any, str], DatasetEvent]
    flat_rows: Callable[[str], FlatRows]

    def events(self, lines: Iterable[str], *, source: str) -> Iterator[DatasetEvent]:
        for _id, row in self.rows(lines, source=source):
            yield self.event(row, source)


READERS = {"gdelt": DatasetReader(gdelt_rows, gdelt_event, gdelt_flat_rows),
           "acled": DatasetReader(acled_rows, acled_event, acled_flat_rows)}
EXPORT_SUFFIXES = (".csv", ".tsv", ".zip")
LIMIT_HINT = "setting dataset_max_bytes, env REDLINE_DATASET_MAX_BYTES"


def reader_for(dataset: str, source: str) -> DatasetReader:
    if dataset not in READERS:
        raise InputError(source, f"unknown dataset {dataset!r}; valid: {', '.join(READERS)}")
    return READERS[dataset]


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def export_targets(target: str) -> list[str]:
    """The exports a target names: itself, a folder's export files, or a URL list's URLs."""
    if is_url(target):
        return [target]
    path = Path(target)
    if path.is_dir():
        found = sorted(str(p) for p in path.iterdir()
                       if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES)
        if not found:
            raise InputError(target, "folder holds no export files "
                                     f"(expected {', '.join(EXPORT_SUFFIXES)})")
        return found
    if path.suffix.lower() == ".txt" and path.is_file():
        return url_list(path)
    return [target]


def url_list(path: Path) -> list[str]:
    """URLs of a list file: the last field of each line that ends in one; others are ignored."""
    urls = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if fields and is_url(fields[-1]):
            urls.append(fields[-1])
    if not urls:
        raise InputError(str(path), "a .txt target is read as a list of export URLs, "
                                    "and this one holds none (one http(s) URL a line)")
    return urls


def _check_size(size: int, source: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(source, f"{size:,} bytes is over the dataset limit of {max_bytes:,} "
                                 f"bytes ({LIMIT_HINT})")


@contextmanager
def _text_lines(raw: IO[bytes], source: str) -> Iterator[Iterator[str]]:
    """Lines of a binary stream, decoded as UTF-8; binary or empty input is refused."""
    head = raw.read(4096)
    if b"\x00" in head:
        raise InputError(source, "binary file; expected a text (CSV/TSV) export")
    if not head.strip():
        raise InputError(source, "empty file")
    stream = io.BufferedReader(_Prefixed(head, raw), buffer_size=1 << 20)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield iter(text)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text ({exc.reason} in a byte near the "
                                 "part being read)") from exc
    except csv.Error as exc:
        problem = str(exc)
        if "field larger than field limit" in problem:
            problem = (f"a field is over {csv.field_size_limit():,} characters, longer than "
                       "any field of a real export (an unclosed quote?)")
        raise InputError(source, f"malformed CSV: {problem}") from exc


class _Prefixed(io.RawIOBase):
    """A stream that replays bytes already read from it, then reads on."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


@contextmanager
def open_export(raw: IO[bytes], name: str, *, source: str, max_bytes: int,
                size: int) -> Iterator[Iterator[str]]:
    """The lines of an export given as a binary stream; a ``.zip`` is read from its one member."""
    _check_size(size, source, max_bytes)
    if not (name.lower().endswith(".zip") or _zip_magic(raw)):
        with _text_lines(raw, source) as lines:
            yield lines
        return
    try:
        archive = zipfile.ZipFile(raw)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as exc:
        raise InputError(source, f"not a readable zip file ({exc})") from exc
    with archive, _zip_errors(source):
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) != 1:
            names = ", ".join(m.filename for m in members) or "nothing"
            raise InputError(source, f"a zip export holds one CSV file; this one holds {names}")
        if members[0].file_size > max_bytes:
            raise InputError(f"{source}!{members[0].filename}",
                             f"unpacks to more than the limit of {max_bytes} bytes, "
                             f"over the dataset limit ({LIMIT_HINT})")
        with archive.open(members[0]) as member, _text_lines(member, source) as lines:
            yield lines


_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with files; an empty zip


def _zip_magic(raw: IO[bytes]) -> bool:
    """Whether a seekable stream starts as a zip does, whatever its name."""
    if not raw.seekable():
        return False
    start = raw.tell()
    head = raw.read(4)
    raw.seek(start)
    return head in _ZIP_MAGICS


@contextmanager
def _zip_errors(source: str) -> Iterator[None]:
    """A member that cannot be unpacked (bad CRC, unknown compression) names its archive."""
    try:
        yield
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as exc:
        raise InputError(source, f"not a readable zip file ({exc})") from exc


@contextmanager
def open_export_file(path: Path, *, max_bytes: int) -> Iterator[Iterator[str]]:
    """The lines of an export on disk, checked like article files are."""
    if not path.is_file():
        raise InputError(str(path), "file not found")
    with path.open("rb") as raw, open_export(raw, path.name, source=str(path),
                                             max_bytes=max_bytes,
                                             size=path.stat().st_size) as lines:
        yield lines


def read_dataset_file(path: Path, dataset: str, *, max_bytes: int) -> list[DatasetEvent]:
    """Parse a whole export into a list (small files and tests; imports stream instead);
    any malformed row rejects the file (nothing is stored)."""
    reader = reader_for(dataset, str(path))
    with open_export_file(path, max_bytes=max_bytes) as lines:
        return list(reader.events(lines, source=str(path)))
