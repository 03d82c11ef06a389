"""What makes two ingested articles the same: normalised text and canonical URL."""

from __future__ import annotations

import hashlib
import unicodedata
from urllib.parse import urldefrag, urlsplit

import courlan

from redline.errors import InputError

_ASCII_PUNCTUATION = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "′": "'",
    "“": '"', "”": '"', "„": '"', "″": '"',
    "–": "-", "—": "-", "‒": "-", "−": "-",
    "…": "...",
})


def normalised_text(text: str) -> str:
    """The text as compared for identity: NFKC, plain quotes and dashes, one space, casefolded."""
    folded = unicodedata.normalize("NFKC", text).translate(_ASCII_PUNCTUATION)
    return " ".join(folded.split()).casefold()


def article_id(text: str) -> str:
    """``Article.id``: the sha256 hex digest of the normalised text."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


def canonical_url(url: str | None, *, source: str) -> str | None:
    """The URL with tracking parameters (utm_*, fbclid, ...) and fragment removed, the host
    lowercased and default ports dropped (courlan)."""
    if url is None:
        return None
    url = url.strip()
    checked = courlan.check_url(url, strict=False)
    if checked is not None:
        url = checked[0]
    else:
        # courlan refuses hosts that are not public domains; an intranet or loopback
        # server (http://10.0.0.5/..., http://localhost:8080/...) is still a web address.
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(source, f"url {url!r} is not a web address (expected http(s)://...)")
    return urldefrag(str(courlan.normalize_url(url, strict=False))).url
