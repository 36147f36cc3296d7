"""Feed bytes → entries (feedparser: RSS 0.9x/1.0/2.0, Atom, and the broken real-world ones).

Entities: feedparser strips the DOCTYPE before parsing and keeps only entity declarations that
are a single character reference, so a "billion laughs" feed expands nothing and costs the
same as any feed of its size (tests/test_feeds_parse.py holds it to that). feedparser is
always given bytes: given a str that looks like a URL it would fetch it itself.
"""

from __future__ import annotations

import calendar
import codecs
import html
import html.entities
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from digest.card import AnalysisError
from digest.decode import decode_bytes

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DECL_ENCODING = re.compile(rb"""encoding\s*=\s*["']([\w.:-]+)["']""", re.IGNORECASE)
# Encodings a declaration may be trusted with; a Latin one on a Russian feed is usually wrong.
_TRUSTED = frozenset(
    {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1251", "koi8-r", "koi8-u",
     "cp866", "iso8859-5", "mac-cyrillic"}
)
_TAG = re.compile(r"<[^>]*>")
_NAMED_REF = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF|html)\b", re.IGNORECASE)


class FeedError(Exception):
    """Not a feed, or a feed nothing could be read from (Russian message)."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    key: str  # the entry's id, else its link: what "seen before" is remembered by
    link: str | None  # absolute
    title: str | None  # plain text
    published: datetime | None  # UTC
    text: str  # the entry's own content or summary as plain text ('' when none)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: list[FeedEntry]


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """RSS/Atom by media type or by its root element (servers often say text/html or xml)."""
    if any(kind in content_type for kind in ("rss", "atom", "rdf")):
        return True
    root = _FEED_ROOT.search(body[:8192])
    return root is not None and root.group(1).lower() != b"html"


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _declared(body: bytes, charset: str | None) -> str | None:
    decl = _XML_DECL.match(body)
    found = _DECL_ENCODING.search(decl.group()) if decl else None
    return _codec(charset) or _codec(found.group(1).decode("ascii") if found else None)


def _as_utf8(body: bytes, charset: str | None) -> bytes:
    """The feed re-encoded as UTF-8: valid UTF-8 stays, a trusted declaration is used, and
    anything else (cp1251 declared as UTF-8 or Latin-1, no declaration) is detected the way
    uploads are."""
    text: str | None = None
    if not body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError:
            declared = _declared(body, charset)
            if declared in _TRUSTED:
                try:
                    text = body.decode(declared)
                except UnicodeDecodeError:
                    text = None
    if text is None:
        try:
            text = decode_bytes(body)
        except AnalysisError as exc:
            raise FeedError(str(exc)) from None
    data = text.encode("utf-8")
    decl = _XML_DECL.match(data)
    if decl:  # the declaration must not contradict the bytes feedparser gets
        data = data[: decl.start()] + b'<?xml version="1.0" encoding="utf-8"?>' + data[decl.end():]
    return data


def plain(fragment: str | None) -> str:
    """HTML or escaped text → one line of plain text (tags dropped, entities resolved)."""
    if not fragment:
        return ""
    # a reference to an entity HTML does not know came from the DTD feedparser dropped
    # (a "billion laughs" feed): it names nothing, so it is dropped, not shown as "&lol9;"
    known = _NAMED_REF.sub(lambda m: m[0] if f"{m[1]};" in html.entities.html5 else " ",
                           _TAG.sub(" ", fragment))
    return " ".join(html.unescape(known).split())


def _paragraphs(fragment: str) -> str:
    """An entry's HTML content → paragraphs separated by blank lines, for the fallback."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(f"<body>{fragment}</body>")
    for node in tree.css("script, style"):
        node.decompose()
    blocks = [" ".join(node.text().split()) for node in tree.css("p, li, h2, h3, blockquote")]
    blocks = [b for b in blocks if b]
    if not blocks:
        body = tree.body
        text = body.text(separator="\n") if body is not None else ""
        blocks = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    return "\n\n".join(blocks)


def _when(entry: feedparser.FeedParserDict) -> datetime | None:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(field)
        if stamp:
            try:
                return datetime.fromtimestamp(calendar.timegm(stamp), UTC)
            except (OverflowError, ValueError):
                continue
    return None


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    contents = [c.get("value", "") for c in entry.get("content", [])]
    best = max(contents, key=len, default="")
    summary = entry.get("summary", "")
    return _paragraphs(best if len(plain(best)) >= len(plain(summary)) else summary)


def _http_url(link: str | None, base: str) -> str | None:
    if not link:
        return None
    absolute = urljoin(base, link.strip())
    return absolute if absolute.startswith(("http://", "https://")) else None


def parse_feed(body: bytes, url: str, charset: str | None = None) -> ParsedFeed:
    """Entries of a feed fetched from `url` (relative links resolve against it)."""
    if not looks_like_feed(body):
        raise FeedError("Это не RSS/Atom-лента.")
    parsed = feedparser.parse(
        _as_utf8(body, charset),
        response_headers={
            "content-location": url,
            "content-type": "application/xml; charset=utf-8",
        },
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("Ленту не удалось прочитать: это не RSS/Atom или файл повреждён.")
    feed = parsed.feed
    base = feed.get("link") and _http_url(feed.get("link"), url) or url
    entries = []
    for entry in parsed.entries:
        link = _http_url(entry.get("link"), url) or _http_url(entry.get("link"), base)
        key = (entry.get("id") or "").strip() or link
        if not key:
            continue  # neither id nor link: nothing to remember it by or to fetch
        entries.append(
            FeedEntry(
                key=key,
                link=link,
                title=plain(entry.get("title")) or None,
                published=_when(entry),
                text=_entry_text(entry),
            )
        )
    return ParsedFeed(plain(feed.get("title")) or None, _http_url(feed.get("link"), url), entries)
