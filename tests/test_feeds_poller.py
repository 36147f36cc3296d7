"""Sources → poll → archive, against a local site: dedup across restarts, 304, backoff, limits."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from feeds_server import FeedServer

from core.feeds.fetch import Fetcher, FetchLimits, make_session
from core.feeds.poller import Feeds, Link
from core.feeds.status import health_lines
from storage import Archive

START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
async def site():
    async with FeedServer() as srv, make_session(allow_private=True) as session:
        limits = FetchLimits(max_bytes=1024 * 1024, total_seconds=5)
        yield srv, Fetcher(session, allow_private=True, limits=limits)


async def test_a_page_url_becomes_its_feed_and_the_first_poll_files_every_entry(
    tmp_path, site, analysis_pool
):
    server, fetcher = site
    clock = Clock()
    async with Archive.open(tmp_path / "db.sqlite3") as archive:
        feeds = Feeds(archive, analysis_pool, fetcher, clock=clock)
        source, created = await feeds.add_source(server.url("pages/index.html"), added_by=7)
        assert created and source.url == server.url("rss2.xml")
        assert source.name == "Вечерний Прибайкалец" and source.interval == 600
        again, created = await feeds.add_source(server.url("rss2.xml"))
        assert not created and again.id == source.id

        [result] = await feeds.tick()
        assert [name for name, _ in result.report.added] == [
            server.url("pages/ferry.html"), server.url("pages/clinic.html"),
            server.url("pages/runway-gone.html"),
        ]
        ferry = await archive.articles.get_stored(result.report.added[0][1])
        assert ferry.card.source == "Вечерний Прибайкалец"
        assert ferry.card.url == server.url("pages/ferry.html")
        assert ferry.card.title == "Паромная линия до Ольхона начнёт работать на месяц раньше"
        [health] = await feeds.sources.all()
        assert health.items_taken == 3 and health.last_success == "2026-11-20 09:00:00"
        assert health.last_error is None and health.next_at == "2026-11-20 09:10:00"
        assert await feeds.tick() == []  # not due before its interval


async def test_seen_entries_are_never_fetched_again_even_after_a_restart(
    tmp_path, site, analysis_pool
):
    server, fetcher = site
    clock = Clock()
    async with Archive.open(tmp_path / "db.sqlite3") as archive:
        feeds = Feeds(archive, analysis_pool, fetcher, clock=clock)
        await feeds.add_source(server.url("atom.xml"))
        [first] = await feeds.tick()
        assert len(first.report.added) == 2
    assert server.hits["/pages/harvest.html"] == 1
    clock.advance(11)
    async with Archive.open(tmp_path / "db.sqlite3") as archive:  # a restart
        feeds = Feeds(archive, analysis_pool, fetcher, clock=clock)
        [second] = await feeds.tick()
        assert second.report.total == 0
        assert server.hits["/atom.xml"] == 3  # add (discovery), first poll, this poll
        assert server.hits["/pages/harvest.html"] == 1
        # deleted and added again: the entries stay taken
        [source] = await feeds.sources.all()
        await feeds.sources.delete(source.id)
        await feeds.add_source(server.url("atom.xml"))
        [third] = await feeds.tick()
        assert third.report.total == 0 and server.hits["/pages/harvest.html"] == 1


async def test_conditional_get_and_the_same_article_under_a_new_url(tmp_path, site, analysis_pool):
    server, fetcher = site
    clock = Clock()
    async with Archive.open(tmp_path / "db.sqlite3") as archive:
        feeds = Feeds(archive, analysis_pool, fetcher, clock=clock)
        source, _ = await feeds.add_source(server.url("cond/rss2.xml"))
        [first] = await feeds.tick()
        ferry_id = first.report.added[0][1]
        clock.advance(10)
        [second] = await feeds.tick()
        assert second.not_modified
        assert server.headers["/cond/rss2.xml"]["If-None-Match"] == '"rss2-v1"'
        [health] = await feeds.sources.all()
        assert health.last_success == "2026-11-20 09:10:00" and health.etag == '"rss2-v1"'

        moved = server.url("redirect?to=/pages/ferry.html")
        server.extra["moved.xml"] = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Зеркало</title>'
            f'<item><title>Паром</title><link>{moved.replace("&", "&amp;")}</link></item>'
            "</channel></rss>"
        ).encode()
        await feeds.add_source(server.url("moved.xml"))
        [mirror] = await feeds.tick()
        assert mirror.report.duplicates == [(moved, ferry_id)]
        mirror_source = (await feeds.sources.all())[-1]
        assert mirror_source.items_taken == 0


async def test_failing_sources_back_off_and_show_the_error(tmp_path, site, analysis_pool):
    server, fetcher = site
    clock = Clock()
    async with Archive.open(tmp_path / "db.sqlite3") as archive:
        feeds = Feeds(archive, analysis_pool, fetcher, clock=clock)
        broken, _ = await feeds.sources.add(server.url("status/500"), "Сломанная", now=clock())
        huge, _ = await feeds.sources.add(server.url("endless"), "Бездонная", now=clock())
        looping, _ = await feeds.sources.add(server.url("loop/a"), "Кольцевая", now=clock())
        laughs, _ = await feeds.sources.add(server.url("billion_laughs.xml"), "Смех", now=clock())
        results = {r.source_id: r for r in await feeds.tick()}
        assert "кодом 500" in results[broken.id].error
        assert "больше 1 МБ" in results[huge.id].error
        assert "по кругу" in results[looping.id].error
        assert results[laughs.id].report.rejected  # one entry without any article text
        state = {s.id: s for s in await feeds.sources.all()}
        assert state[broken.id].failures == 1 and state[broken.id].last_error.startswith("Сервер")
        assert state[broken.id].next_at == "2026-11-20 09:20:00"  # 2 × 10 min
        clock.advance(20)
        await feeds.tick()
        state = {s.id: s for s in await feeds.sources.all()}
        assert state[broken.id].failures == 2
        assert state[broken.id].next_at == "2026-11-20 10:00:00"  # then 4 × 10 min
        assert health_lines(state[broken.id])[-1] == (
            "   ошибка (2 раза подряд, 2026-11-20 09:20 UTC): Сервер ответил кодом 500 "
            "(ошибка на сервере). · следующая попытка 2026-11-20 10:00 UTC"
        )
        assert health_lines(state[huge.id])[2] == "   последний успех: — · взято статей: 0"
        paused = await feeds.sources.set_paused(broken.id, True)
        assert paused.paused
        clock.advance(60)
        assert broken.id not in {r.source_id for r in await feeds.tick()}
        resumed = await feeds.sources.set_paused(broken.id, False, now=clock())
        assert resumed.failures == 0 and resumed.next_at == "2026-11-20 10:20:00"


async def test_entries_per_poll_are_capped_and_one_source_is_polled_once_at_a_time(
    tmp_path, site, analysis_pool
):
    server, fetcher = site
    clock = Clock()
    async with Archive.open(tmp_path / "db.sqlite3") as archive:
        feeds = Feeds(archive, analysis_pool, fetcher, clock=clock, max_entries=2)
        source, _ = await feeds.add_source(server.url("rss2.xml"))
        first = feeds.poll_soon(source.id)
        assert feeds.poll_soon(source.id) is first
        assert await feeds.tick() == []  # due, but already being polled
        result = await first
        assert len(result.report.added) == 2 and server.hits["/rss2.xml"] == 2  # add + poll
        clock.advance(10)
        [rest] = await feeds.tick()
        assert [n for n, _ in rest.report.added] == [server.url("pages/runway-gone.html")]


async def test_a_capped_poll_does_not_keep_validators_that_would_hide_the_rest(
    tmp_path, site, analysis_pool
):
    server, fetcher = site
    clock = Clock()
    async with Archive.open(tmp_path / "db.sqlite3") as archive:
        feeds = Feeds(archive, analysis_pool, fetcher, clock=clock, max_entries=2)
        await feeds.add_source(server.url("cond/rss2.xml"))
        [first] = await feeds.tick()
        assert first.report.total == 2  # 2 of the 3 entries
        assert (await feeds.sources.all())[0].etag is None
        clock.advance(10)
        [rest] = await feeds.tick()
        assert not rest.not_modified and rest.report.total == 1
        assert (await feeds.sources.all())[0].etag == '"rss2-v1"'
        clock.advance(10)
        [third] = await feeds.tick()
        assert third.not_modified


async def test_links_sent_by_hand_get_the_upload_report(tmp_path, site, analysis_pool):
    server, fetcher = site
    async with Archive.open(tmp_path / "db.sqlite3") as archive:
        feeds = Feeds(archive, analysis_pool, fetcher)
        harvest = server.url("pages/harvest.html")
        report = await feeds.ingest_links(
            [Link(harvest), Link(server.url("status/500")), Link("ftp://example.ru/a.html")],
            uploaded_by=7,
        )
        assert [name for name, _ in report.added] == [harvest]
        reasons = dict(report.rejected)
        assert "кодом 500" in reasons[server.url("status/500")]
        assert "http:// или https://" in reasons["ftp://example.ru/a.html"]
        card = (await archive.articles.get_stored(report.added[0][1])).card
        assert card.source == "Северный вестник" and card.url == harvest  # from the page
        again = await feeds.ingest_links([Link(harvest)], uploaded_by=7)
        assert again.duplicates == [(harvest, report.added[0][1])]


async def test_the_scheduler_job_polls_due_sources_by_itself(tmp_path, site, analysis_pool):
    from bot.feed_poller import FeedPollJob

    server, fetcher = site
    async with Archive.open(tmp_path / "db.sqlite3") as archive:
        feeds = Feeds(archive, analysis_pool, fetcher)
        source, _ = await feeds.sources.add(server.url("rss091.xml"), "Усольский курьер")
        job = FeedPollJob(feeds, tick_seconds=3600)  # only the run at start is due here
        job.start()
        try:
            for _ in range(2400):  # up to 2 minutes on a busy machine
                polled = await feeds.sources.get(source.id)
                if polled.last_success:
                    break
                await asyncio.sleep(0.05)
        finally:
            await job.shutdown()
        assert polled.last_success is not None and polled.failures == 0
        assert server.hits["/rss091.xml"] == 1
        assert fetcher.session.closed  # the job owns the session's lifetime


async def test_the_same_event_from_two_outlets_joins_one_story(tmp_path, site, analysis_pool):
    server, fetcher = site
    server.extra["other.xml"] = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Северный вестник</title><link>/</link><item>"
        "<title>Переправу на Ольхон откроют 15 апреля</title>"
        "<link>/pages/ferry_other_outlet.html</link>"
        "<pubDate>Wed, 18 Nov 2026 04:00:00 GMT</pubDate></item></channel></rss>"
    ).encode()
    async with Archive.open(tmp_path / "db.sqlite3") as archive:
        feeds = Feeds(archive, analysis_pool, fetcher, max_entries=1)  # only the ferry entry
        await feeds.add_source(server.url("rss2.xml"))
        await feeds.add_source(server.url("other.xml"))
        results = await feeds.tick()
        [(_, first_id)] = results[0].report.added
        [(_, second_id)] = results[1].report.added  # a different text: not a duplicate
        first = await archive.articles.get_stored(first_id)
        second = await archive.articles.get_stored(second_id)
        assert (first.card.source, second.card.source) == (
            "Вечерний Прибайкалец", "Северный вестник")
        assert first.id != second.id and first.story_id == second.story_id  # one story
