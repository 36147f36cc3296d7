"""Fetch the page an entry or a hand-sent link points to (the loop side of extraction)."""

from __future__ import annotations

from datetime import datetime

from core.feeds.extract import Arrival
from core.feeds.fetch import HTML_ACCEPT, Fetcher, FetchError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})


async def fetch_page(
    fetcher: Fetcher,
    url: str,
    *,
    title: str | None = None,
    published: datetime | None = None,
    source: str | None = None,
    fallback_text: str = "",
) -> Arrival:
    """Never raises for the page: a failed fetch is recorded so the fallback can be tried."""
    page: bytes | None = None
    error: str | None = None
    try:
        fetched = await fetcher.get(url, accept=HTML_ACCEPT)
    except FetchError as exc:
        error = f"Страница не загрузилась: {exc}"
    else:
        if fetched.content_type in HTML_TYPES:
            page = fetched.body
        else:
            error = f"По ссылке не HTML-страница, а {fetched.content_type}."
    return Arrival(url=url, page=page, page_error=error, title=title, published=published,
                   source=source, fallback_text=fallback_text)
