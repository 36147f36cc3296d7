"""A URL an admin gives → the feed it means (the feed itself, or the one a page links to)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urljoin

from core.feeds.fetch import Fetched, Fetcher
from core.feeds.parse import FeedError, ParsedFeed, looks_like_feed, parse_feed

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def feed_links(page: bytes, page_url: str) -> list[str]:
    """Absolute URLs of `<link rel="alternate" type="application/rss+xml|atom+xml">`, in page
    order, relative hrefs resolved against `<base href>` or the page's URL."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page.decode("utf-8", errors="replace"))
    base_node = tree.css_first("base[href]")
    base = urljoin(page_url, base_node.attributes.get("href") or "") if base_node else page_url
    found: list[str] = []
    for node in tree.css("link[rel][href][type]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        kind = (node.attributes.get("type") or "").lower().split(";")[0].strip()
        href = (node.attributes.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            url = urljoin(base, href)
            if url.startswith(("http://", "https://")) and url not in found:
                found.append(url)
    return found


@dataclass(frozen=True, slots=True)
class Discovered:
    url: str  # the feed's own URL
    fetched: Fetched
    feed: ParsedFeed


async def discover(fetcher: Fetcher, url: str) -> Discovered:
    """Fetch `url`; a feed is taken as is, an HTML page is followed to its first feed link.
    Raises FetchError or FeedError (Russian messages)."""
    fetched = await fetcher.get(url)
    if not looks_like_feed(fetched.body, fetched.content_type):
        links = await asyncio.to_thread(feed_links, fetched.body, fetched.url)
        if not links:
            raise FeedError(
                "По этому адресу нет RSS/Atom-ленты, и страница не ссылается на ленту."
            )
        fetched = await fetcher.get(links[0])
    feed = await asyncio.to_thread(parse_feed, fetched.body, fetched.url, fetched.charset)
    return Discovered(fetched.url, fetched, feed)
