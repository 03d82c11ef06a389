"""Hostile feeds: entity declarations refused with no path to feedparser, other DOCTYPEs
stripped, each entry's size capped."""

from __future__ import annotations

import codecs

import pytest

from redline.errors import InputError
from redline.ingest.feeds import entry_article, feed_entries
from redline.ingest.metadata import SourceMeta

ITEM = ("<item><title>Talks resume</title><link>https://news.example.org/a</link>"
        "<description>{body}</description></item>")


def _rss(body: str = "The envoys met in Geneva on Monday.", doctype: str = "",
         items: int = 1) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0"><channel>'
            f"<title>Wire</title>{ITEM.format(body=body) * items}</channel></rss>"
            ).encode()


QUADRATIC = ('<!DOCTYPE rss [<!ENTITY a "' + "x" * 20_000 + '">'
             '<!ATTLIST rss foo CDATA "&undef;">]>')


@pytest.mark.parametrize("doctype", [
    QUADRATIC,
    '<!DOCTYPE rss [<!ATTLIST rss foo CDATA "&undef;"><!ENTITY b "bbbb">]>',
    '<!DOCTYPE rss [<!ENTITY ext SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE rss [<!ENTITY % pe "x"> ]>',
    '<!doctype rss [<!entity lower "x">]>',
])
def test_a_feed_declaring_entities_is_refused(doctype: str) -> None:
    data = _rss("&a;&a;&a;" if "ENTITY a" in doctype else "text", doctype)
    with pytest.raises(InputError, match="declares XML entities"):
        feed_entries(data, "hostile.rss")


def test_a_quadratic_blowup_body_never_reaches_feedparser() -> None:
    body = "&a;" * 10_000
    with pytest.raises(InputError, match="feed refused"):
        feed_entries(_rss(body, QUADRATIC), "big.rss")


def test_a_utf16_feed_declaring_entities_is_refused_too() -> None:
    data = codecs.BOM_UTF16_LE + _rss("&a;", QUADRATIC).decode().replace(
        'encoding="utf-8"', 'encoding="utf-16"').encode("utf-16-le")
    with pytest.raises(InputError, match="declares XML entities"):
        feed_entries(data, "wide.rss")


@pytest.mark.parametrize("doctype", [
    "",
    '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
    '"http://my.netscape.com/publish/formats/rss-0.91.dtd">',
    '<!DOCTYPE rss [<!ELEMENT rss ANY><!ATTLIST rss foo CDATA "&undef;">]>',
])
def test_a_plain_or_harmless_doctype_is_stripped_and_the_feed_read(doctype: str) -> None:
    [entry] = feed_entries(_rss("The envoys met in Geneva&nbsp;on Monday.", doctype), "ok.rss")
    article = entry_article(entry, SourceMeta(), "ok.rss")
    assert "Geneva" in article.text and "envoys met" in article.text


def test_a_utf16_feed_is_read() -> None:
    text = _rss().decode().replace('encoding="utf-8"', 'encoding="utf-16"')
    [entry] = feed_entries(codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "wide.rss")
    assert "Geneva" in entry.body


def test_an_entry_over_max_entry_chars_fails_alone() -> None:
    data = (b'<rss version="2.0"><channel><title>Wire</title>'
            + ITEM.format(body="x" * 5_000).encode() + ITEM.format(body="Short one.").encode()
            + b"</channel></rss>")
    big, small = feed_entries(data, "mixed.rss", max_entry_chars=1_000)
    with pytest.raises(InputError, match=r"5,000 characters, over the limit of 1,000 "
                                         r"\(setting max_entry_chars\)"):
        entry_article(big, SourceMeta(), "mixed.rss")
    assert entry_article(small, SourceMeta(), "mixed.rss").text.startswith("Short one")


def test_two_doctypes_are_refused() -> None:
    data = _rss(doctype='<!DOCTYPE rss><!DOCTYPE rss>')
    with pytest.raises(InputError, match="more than one DOCTYPE"):
        feed_entries(data, "two.rss")
