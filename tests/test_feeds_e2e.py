"""Feeds end to end: the real bot, the fake Bot API and a local web site on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bot_harness import ADMIN, READER, running_bot
from fake_telegram import utf16_len
from feeds_server import FIXTURES, FeedServer

NEW_ENTRY = """
  <entry>
    <title>Новый мост через Ангару в Иркутске откроют в декабре</title>
    <link rel="alternate" type="text/html" href="/pages/bridge.html"/>
    <id>tag:severny-vestnik.example,2026:bridge</id>
    <updated>2026-11-21T06:00:00Z</updated>
  </entry>
</feed>"""


@pytest.fixture
async def site(monkeypatch):
    monkeypatch.setenv("FETCH_ALLOW_PRIVATE", "1")  # the site is on 127.0.0.1
    async with FeedServer() as server:
        yield server


def _with_links(text: str, urls: list[str]) -> list[dict]:
    """The url entities Telegram attaches to a message that contains `urls`."""
    entities = []
    for url in urls:
        start = text.index(url)
        entities.append({"type": "url", "offset": utf16_len(text[:start]),
                         "length": utf16_len(url)})
    return entities


async def test_admin_adds_a_feed_polls_file_articles_and_a_restart_fetches_nothing_twice(
    tmp_path, analysis_pool, site
):
    page = site.url("pages/index.html")
    async with running_bot(tmp_path, analysis_pool) as h:
        looking, added, report = await h.ask(ADMIN, f"/feed add {page}", expect=3, timeout=120)
        assert looking.text.startswith("Ищу ленту")
        assert added.text.startswith("Источник #1 «Вечерний Прибайкалец» добавлен")
        assert site.url("rss2.xml") in added.text
        assert "Добавлено: 3, дубликатов: 0, отклонено: 0" in report.text

        [listing] = await h.ask(ADMIN, "/feeds")
        assert "#1 Вечерний Прибайкалец — каждые 10 мин" in listing.text
        assert "взято статей: 3" in listing.text and "ошибка" not in listing.text

        # the digest shows the feed's articles, each linked to its original
        zone = next(z for z in ("Europe/Moscow", "Asia/Tokyo", "America/New_York")
                    if 6 <= datetime.now(ZoneInfo(z)).hour < 18)
        await h.ask(READER, f"/time 00:00 {zone}")
        [digest] = await h.ask(READER, "/digest")
        assert "Паромная линия до Ольхона" in digest.text
        # the headline is the link (the digest is one message; see core.digest_text)
        assert f'<a href="{site.url("pages/ferry.html")}">Паромная линия до Ольхона' in digest.text
        assert f'href="{site.url("pages/runway-gone.html")}"' in digest.text

        # the Atom feed: added, then a new entry appears and the next poll takes only it
        _, _, first = await h.ask(ADMIN, f"/feed add {site.url('atom.xml')}", expect=3,
                                  timeout=120)
        assert "Добавлено: 2" in first.text
        site.extra["atom.xml"] = (FIXTURES / "atom.xml").read_bytes().replace(
            b"</feed>", NEW_ENTRY.encode())
        later = datetime.now(UTC) + timedelta(minutes=11)
        h.feeds.clock = lambda: later
        results = {r.source_id: r for r in await h.feeds.tick()}
        assert [n for n, _ in results[2].report.added] == [site.url("pages/bridge.html")]
        assert results[1].report.total == 0
    hits = dict(site.hits)
    assert hits["/pages/ferry.html"] == 1 and hits["/pages/harvest.html"] == 1

    async with running_bot(tmp_path, analysis_pool) as h:  # a restart on the same database
        h.feeds.clock = lambda: later + timedelta(minutes=11)
        results = await h.feeds.tick()
        assert [r.report.total for r in results] == [0, 0]
        [listing] = await h.ask(ADMIN, "/feeds")
        assert "#2 Северный вестник: экономика" in listing.text
    assert site.hits["/rss2.xml"] > hits["/rss2.xml"]  # polled again…
    for path, count in hits.items():  # …but no page fetched a second time
        if path.startswith("/pages/") and path != "/pages/index.html":
            assert site.hits[path] == count, path


async def test_feed_commands_pause_resume_delete_and_refuse_readers(tmp_path, analysis_pool, site):
    async with running_bot(tmp_path, analysis_pool) as h:
        [refused] = await h.ask(READER, f"/feed add {site.url('rss2.xml')}")
        assert "только администраторы" in refused.text
        [usage] = await h.ask(ADMIN, "/feed")
        assert "/feed add URL" in usage.text
        [empty] = await h.ask(ADMIN, "/feeds")
        assert "Источников пока нет" in empty.text
        _, failed = await h.ask(ADMIN, f"/feed add {site.url('pages/plain.html')}", expect=2)
        assert "не ссылается на ленту" in failed.text
        _, failed = await h.ask(ADMIN, f"/feed add {site.url('status/500')}", expect=2)
        assert "кодом 500" in failed.text
        await h.ask(ADMIN, f"/feed add {site.url('entities.xml')}", expect=3, timeout=120)
        [paused] = await h.ask(ADMIN, "/feed pause 1")
        assert paused.text == "Источник #1 «Тайшетская правда — новости» на паузе."
        [listing] = await h.ask(ADMIN, "/feeds")
        assert "#1 Тайшетская правда — новости — на паузе" in listing.text
        resumed, again = await h.ask(ADMIN, "/feed resume 1", expect=2)
        assert "снова опрашивается" in resumed.text and "Добавлено: 0" in again.text
        [gone] = await h.ask(ADMIN, "/feed del 1")
        assert "удалён" in gone.text
        [missing] = await h.ask(ADMIN, "/feed del 1")
        assert missing.text == "Источника #1 нет. Список: /feeds"


async def test_links_sent_by_an_admin_are_filed_with_the_upload_report(
    tmp_path, analysis_pool, site
):
    ferry, harvest, broken = (site.url("pages/ferry.html"), site.url("pages/harvest.html"),
                              site.url("status/500"))
    async with running_bot(tmp_path, analysis_pool) as h:
        text = f"Посмотрите: {ferry}"
        h.tg.send_text(ADMIN, text, entities=_with_links(text, [ferry]))
        [card] = await h.tg.wait_for_messages(ADMIN, 1, timeout=60)
        assert "Паромная линия до Ольхона" in card.text

        text = f"Ещё две: {harvest} и {broken}, и снова {ferry}"
        before = len(h.tg.sent_messages(ADMIN))
        h.tg.send_text(ADMIN, text, entities=_with_links(text, [harvest, broken, ferry]))
        sent = await h.tg.wait_for_messages(ADMIN, before + 1, timeout=60)
        report = sent[-1].text
        assert "Добавлено: 1, дубликатов: 1, отклонено: 1" in report
        assert "кодом 500" in report and "дубликат статьи #1" in report

        # a reader's message with a link is a search, never a fetch
        text = f"что там {ferry}"
        h.tg.send_text(READER, text, entities=_with_links(text, [ferry]))
        await h.tg.wait_for_messages(READER, 1, timeout=30)
    assert site.hits["/pages/ferry.html"] == 2
