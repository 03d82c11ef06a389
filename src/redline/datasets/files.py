"""Reading dataset files from disk, with the same checks as article ingest."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from redline.datasets import DatasetEvent
from redline.datasets.acled import parse_acled
from redline.datasets.gdelt import parse_gdelt
from redline.errors import InputError

PARSERS = {"gdelt": parse_gdelt, "acled": parse_acled}


def read_dataset_file(path: Path, dataset: str, *, max_bytes: int) -> list[DatasetEvent]:
    """Parse a whole export; any malformed row rejects the file (nothing is stored)."""
    if dataset not in PARSERS:
        raise InputError(str(path), f"unknown dataset {dataset!r}; valid: {', '.join(PARSERS)}")
    if not path.is_file():
        raise InputError(str(path), "file not found")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(str(path), f"{size} bytes is over the limit of {max_bytes} bytes "
                                    "(setting max_bytes / REDLINE_MAX_BYTES)")
    raw = path.read_bytes()
    if raw.startswith(_ZIP_MAGICS):
        raw = _unzip(path, raw, max_bytes=max_bytes)
    if b"\x00" in raw[:4096]:
        raise InputError(str(path), "binary file; expected a text (CSV/TSV) export, or a "
                                    "zip of one as GDELT publishes it")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from exc
    if not text.strip():
        raise InputError(str(path), "empty file")
    try:
        return list(PARSERS[dataset](text, source=str(path)))
    except csv.Error as exc:
        problem = str(exc)
        if "field larger than field limit" in problem:
            problem = (f"a field is over {csv.field_size_limit():,} characters, longer than "
                       "any field of a real export (an unclosed quote?)")
        raise InputError(str(path), f"malformed CSV: {problem}") from exc



_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with files; an empty zip


def _unzip(path: Path, raw: bytes, *, max_bytes: int) -> bytes:
    """The one export inside a zip (``20241018120000.export.CSV.zip`` holds
    ``20241018120000.export.CSV``), read no further than ``max_bytes``."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                names = ", ".join(m.filename for m in members) or "nothing"
                raise InputError(str(path), f"a zip export holds one CSV file; this one holds "
                                            f"{names}")
            with archive.open(members[0]) as member:
                data = member.read(max_bytes + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
        raise InputError(str(path), f"not a readable zip file ({exc})") from exc
    if len(data) > max_bytes:
        raise InputError(str(path), f"{members[0].filename} unpacks to more than the limit of "
                                    f"{max_bytes} bytes (setting max_bytes / REDLINE_MAX_BYTES)")
    return data
