"""Reading input files safely: existence, size limit, binary content, text encoding."""

from __future__ import annotations

import codecs
from pathlib import Path

from redline.errors import InputError

_SNIFF = 8192
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes; ``InputError`` if missing, unreadable, empty or over ``max_bytes``."""
    source = str(path)
    if not path.exists():
        raise InputError(source, "no such file or folder")
    if not path.is_file():
        raise InputError(source, "not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(source, f"file is {size:,} bytes, over the limit of {max_bytes:,} "
                                 "bytes (setting max_bytes, env REDLINE_MAX_BYTES)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(source, "file is empty")
    return data


def check_size(data: bytes, *, max_bytes: int, source: str) -> bytes:
    if len(data) > max_bytes:
        raise InputError(source, f"input is {len(data):,} bytes, over the limit of "
                                 f"{max_bytes:,} bytes (setting max_bytes, env REDLINE_MAX_BYTES)")
    return data


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KiB (UTF-16 with a BOM is text)."""
    head = data[:_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL)
    return controls > max(8, len(head) // 100)


def decode_text(data: bytes, *, source: str) -> str:
    """Decode UTF-8 (or UTF-16 with a byte-order mark); ``InputError`` for binary or other data."""
    if looks_binary(data):
        raise InputError(source, "binary file, not text (expected a text, HTML, feed or JSONL "
                                 "file)")
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"cannot decode as {encoding.upper()}: byte "
                                 f"0x{data[exc.start]:02x} at offset {exc.start} "
                                 "(convert the file to UTF-8)") from exc
    if not text.strip():
        raise InputError(source, "file is empty")
    return text
