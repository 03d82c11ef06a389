"""Reading dataset files from disk, with the same checks as article ingest."""

from __future__ import annotations

import csv
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
    if b"\x00" in raw[:4096]:
        raise InputError(str(path), "binary file; expected a text (CSV/TSV) export")
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
