"""Entry → card through the upload HTML path in a real worker, or the entry's own text."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from feeds_server import FeedServer

from core.feeds.discover import discover
from core.feeds.extract import analyze_arrival
from core.feeds.fetch import Fetcher, FetchLimits, make_session
from core.feeds.pages import fetch_page
from digest.card import AnalysisError


@pytest.fixture
async def site():
    async with FeedServer() as srv, make_session(allow_private=True) as session:
        yield srv, Fetcher(session, allow_private=True, limits=FetchLimits(total_seconds=5))


async def test_page_is_read_like_an_upload_and_keeps_the_feeds_metadata(site, analysis_pool):
    server, fetcher = site
    url = server.url("pages/ferry.html")
    arrival = await fetch_page(
        fetcher, url, title="Паром до Ольхона пустят раньше", source="Лента Прибайкалья",
        published=datetime(2026, 11, 17, 23, 0, tzinfo=UTC), fallback_text="",
    )
    card, (title_index, body_index) = await analysis_pool.run(analyze_arrival, arrival)
    assert card.url == url and card.source == "Лента Прибайкалья"
    assert card.title == "Паром до Ольхона пустят раньше"
    assert card.published == date(2026, 11, 17)
    assert "Ольхонские Ворота" in card.text and "Главная" not in card.text
    assert any(p.name == "Андрей Костромин" for p in card.people)
    assert "паром" in title_index and "переправа" in body_index


async def test_missing_or_empty_page_falls_back_to_the_entry_text(site, analysis_pool):
    server, fetcher = site
    feed = (await discover(fetcher, server.url("rss2.xml"))).feed
    runway = feed.entries[2]
    arrival = await fetch_page(fetcher, runway.link, title=runway.title, source=feed.title,
                               published=runway.published, fallback_text=runway.text)
    assert arrival.page is None and "404" in (arrival.page_error or "")
    card, _ = await analysis_pool.run(analyze_arrival, arrival)
    assert card.title == "Аэропорт Иркутска продлил взлётную полосу"
    assert card.source == "Вечерний Прибайкалец" and card.url == runway.link
    assert card.published == date(2026, 11, 20)
    assert card.text.startswith("Международный аэропорт Иркутска")

    atom = (await discover(fetcher, server.url("atom.xml"))).feed
    arena = atom.entries[1]  # its link is a short "about us" page: not an article
    arrival = await fetch_page(fetcher, arena.link, title=arena.title, source=atom.title,
                               published=arena.published, fallback_text=arena.text)
    assert arrival.page is not None
    card, _ = await analysis_pool.run(analyze_arrival, arrival)
    assert card.text.startswith("В Братске открылась ледовая арена")


async def test_nothing_to_read_is_rejected_with_the_reason(site, analysis_pool):
    server, fetcher = site
    arrival = await fetch_page(fetcher, server.url("status/500"), title="Без текста")
    with pytest.raises(AnalysisError, match="кодом 500"):
        await analysis_pool.run(analyze_arrival, arrival)


async def test_a_page_is_followed_to_its_feed(site):
    server, fetcher = site
    found = await discover(fetcher, server.url("pages/index.html"))
    assert found.url == server.url("rss2.xml")
    assert found.feed.title == "Вечерний Прибайкалец" and len(found.feed.entries) == 3


async def test_a_page_without_a_feed_link_is_a_clear_error(site):
    from core.feeds.parse import FeedError

    server, fetcher = site
    with pytest.raises(FeedError, match="не ссылается на ленту"):
        await discover(fetcher, server.url("pages/plain.html"))
