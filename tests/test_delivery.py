"""Digest broadcast against the fake Bot API with the real aiogram Bot: flood limits (429),
blocked readers (403), 5xx, multi-part digests, a restart in the middle — every active
subscriber gets exactly one digest, all parts once each."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from fake_telegram import FakeTelegram, parse_telegram_html
from outbox_rows import delivery_by_id, delivery_row

from bot.delivery import Broadcaster, Due
from bot.scheduler import DigestScheduler
from digest.card import ArticleCard, Figure, Person
from storage import Archive
from storage.outbox import NewDelivery

TOKEN = "123456:TEST"
SOURCES = ["ТАСС", "РБК", "Интерфакс", "Коммерсантъ"]


def make_card(i: int, *, words: int = 60, person: str = "Сергей Лавров") -> ArticleCard:
    sentence = " ".join(f"слово{i}_{k}" for k in range(words // 3)) + "."
    return ArticleCard(
        title=f"Новость номер {i} о переговорах & <тегах>",
        text="",
        summary=[sentence, sentence, sentence],
        people=[Person(person, "министр иностранных дел России", 3)],
        figures=[Figure(f"{i},5 млрд рублей", i * 1.5e9, "RUB", "money", "")],
        source=SOURCES[i % len(SOURCES)],
        topics=["переговоры"],
        content_hash=f"hash-{i}",
    )


async def add_articles(archive: Archive, count: int, **kw) -> None:
    for i in range(count):
        await archive.articles.add(make_card(i, **kw), index_text=("t", "b"))


def make_bot(tg: FakeTelegram) -> Bot:
    return Bot(tg.token, session=AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url)))


@pytest.fixture
async def tg():
    async with FakeTelegram(token=TOKEN) as server:
        yield server


@pytest.fixture
async def bot(tg):
    bot = make_bot(tg)
    yield bot
    await bot.session.close()


def now_utc() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=2)  # articles added just now are inside


async def subscribe_all(archive: Archive, chats: list[int]) -> None:
    for chat in chats:
        await archive.subscribers.subscribe(chat, delivery_time="00:00", tz="UTC")


async def test_broadcast_faults_and_restart_exactly_once(tg, bot, tmp_path):
    path = tmp_path / "d.sqlite3"
    chats = list(range(1000, 1040))
    blocked = set(chats[::7])  # 6 readers blocked the bot
    async with Archive.open(path) as archive:
        await add_articles(archive, 9, words=120)
        await subscribe_all(archive, chats)
        await archive.subscribers.follow(chats[1], "person", "Лаврова")
    for chat in blocked:
        tg.block(chat)
    tg.fail_next("sendMessage", status=500, count=3)
    tg.fail_next("sendMessage", status=502, count=1)
    now = now_utc()

    async with Archive.open(path) as archive:
        sched = DigestScheduler(archive, Broadcaster(archive, bot, rate=100, backoff=(0.05, 0.2)))
        task = asyncio.create_task(sched.tick(now=now))
        await tg.wait_for(lambda: len(tg.sent_messages()) >= 25, timeout=15)
        task.cancel()  # the process is stopped in the middle of the broadcast
        with pytest.raises(asyncio.CancelledError):
            await task
        counts = await archive.outbox.counts()
        assert counts.get("sent", 0) < len(chats) - len(blocked)  # really interrupted

    async with Archive.open(path) as archive:  # a new process: same file, new objects
        sched = DigestScheduler(archive, Broadcaster(archive, bot, rate=100, backoff=(0.05, 0.2)))
        stats = await sched.tick(now=now + timedelta(seconds=30))
        assert stats is not None and stats.resumed > 0 and stats.due == 0
        assert await sched.tick(now=now + timedelta(seconds=60)) is None  # nothing left
        counts = await archive.outbox.counts()
        assert counts == {"sent": len(chats) - len(blocked), "blocked": len(blocked)}
        rows = await archive.outbox.open(now.date() - timedelta(days=1), max_attempts=99)
        assert rows == []
        for chat in chats:
            sub = await archive.subscribers.get(chat)
            box = await delivery_row(archive, chat, now.date())
            if chat in blocked:
                assert tg.delivered(chat) == 0 and sub.blocked_at is not None
                assert box.status == "blocked"
                continue
            assert len(box.parts) == 1  # the digest is one message
            assert tg.delivered(chat) == len(box.parts), chat  # every part, once
            sent = tg.sent_messages(chat)
            assert [m.message_id for m in sent] == box.message_ids
            assert [m.text for m in sent] == [p["text"] for p in box.parts]  # in order
            assert "Дайджест на" in sent[0].text and "Люди дня" in sent[-1].plain
            assert sent[-1].callback_data()[0].startswith("card:")
            assert sub.blocked_at is None
        assert len(await archive.subscribers.all()) == len(chats) - len(blocked)
        # the follower of Лавров sees why the story ranks first
        assert "Вы следите" in tg.sent_messages(chats[1])[0].plain
        runs = await archive.outbox.runs()
        assert len(runs) == 2 and runs[0].finished_at and runs[0].error is None
        assert runs[1].error and "CancelledError" in runs[1].error


async def test_flood_429_pauses_and_retries(tg, bot, tmp_path):
    tg.flood_limit(per_second=8, retry_after=1)
    chats = list(range(2000, 2016))
    async with Archive.open(tmp_path / "f.sqlite3") as archive:
        await add_articles(archive, 2)
        await subscribe_all(archive, chats)
        broadcaster = Broadcaster(archive, bot, rate=30)  # faster than the server allows
        stats = await broadcaster.run([Due(c, now_utc().date()) for c in chats], now=now_utc())
        assert stats.retry_after > 0 and stats.sent == len(chats)
        assert all(tg.delivered(c) == 1 for c in chats)
        assert (await archive.outbox.counts()) == {"sent": len(chats)}
        # after a 429 the whole broadcast waited: nothing succeeded within the pause
        rejected = [e for e in tg.errors if e.status == 429]
        assert rejected and len(tg.calls_to("sendMessage")) == len(chats) + len(rejected)


async def test_a_stop_while_a_block_is_recorded_leaves_nothing_stuck(tg, bot, tmp_path):
    """The stop lands between "subscriber blocked" and "delivery blocked": both are written
    (a blocked reader's pending delivery would never be resumed nor finished)."""
    async with Archive.open(tmp_path / "c.sqlite3") as archive:
        await add_articles(archive, 1)
        await subscribe_all(archive, [1])
        tg.block(1)
        sched = DigestScheduler(archive, Broadcaster(archive, bot, rate=100))
        record = archive.outbox.blocked
        tick: asyncio.Task | None = None

        async def stopped_while_recording(*args, **kwargs):
            assert tick is not None
            tick.cancel()
            return await record(*args, **kwargs)

        archive.outbox.blocked = stopped_while_recording  # type: ignore[method-assign]
        tick = asyncio.create_task(sched.tick(now=now_utc()))
        with pytest.raises(asyncio.CancelledError):
            await tick
        assert (await archive.subscribers.get(1)).blocked_at is not None
        assert (await delivery_row(archive, 1, now_utc().date())).status == "blocked"


async def test_bad_request_is_given_up_and_migration_followed(tg, bot, tmp_path):
    async with Archive.open(tmp_path / "b.sqlite3") as archive:
        await add_articles(archive, 1)
        await subscribe_all(archive, [1, 2])
        tg.migrate(2, -1002)
        # ("chat not found" is not given up but pauses the chat: tests/test_channels_e2e.py)
        tg.fail_next("sendMessage", status=400,
                     description="Bad Request: can't parse entities: unsupported start tag")
        sched = DigestScheduler(archive, Broadcaster(archive, bot, rate=100))
        stats = await sched.tick(now=now_utc())
        assert (stats.sent, stats.failed, stats.pending) == (1, 1, 0)
        box1 = await delivery_row(archive, 1, now_utc().date())
        assert box1.status == "failed" and "can't parse entities" in box1.error
        assert await sched.tick(now=now_utc()) is None  # not retried in a loop
        assert tg.delivered(-1002) == 1 and tg.delivered(2) == 0
        audit = await archive.audit.entries()
        assert audit[0].action == "chat_migrated" and audit[0].detail == "2 -> -1002"
        # the subscription follows the group to its new id: no migration at every digest
        assert await archive.subscribers.get(2) is None
        assert (await archive.subscribers.get(-1002)).active


async def test_transient_failure_retried_next_tick(tg, bot, tmp_path):
    async with Archive.open(tmp_path / "t.sqlite3") as archive:
        await add_articles(archive, 1)
        await subscribe_all(archive, [5])
        tg.fail_next("sendMessage", status=500, count=3)
        b = Broadcaster(archive, bot, rate=100, backoff=(0.01, 0.01), transient_retries=1)
        sched = DigestScheduler(archive, b)
        first = await sched.tick(now=now_utc())
        assert (first.failed, first.pending, tg.delivered(5)) == (1, 1, 0)
        second = await sched.tick(now=now_utc())
        assert second.resumed == 1 and second.sent == 1 and tg.delivered(5) == 1
        assert await sched.tick(now=now_utc()) is None


async def test_resume_sends_only_unconfirmed_parts(tg, bot, tmp_path):
    async with Archive.open(tmp_path / "r.sqlite3") as archive:
        await add_articles(archive, 9, words=120)
        await subscribe_all(archive, [7])
        b = Broadcaster(archive, bot, rate=100)
        now = now_utc()
        # a digest is one message; the outbox still resumes any multi-part message list
        parts = [{"text": f"Часть {n}", "reply_markup": None} for n in (1, 2, 3)]
        [box] = await archive.outbox.create(
            [NewDelivery(7, now.date(), parts, now - timedelta(days=1), now)])
        await archive.outbox.part_sent(box.id, 777)  # part 1 went out before a crash
        stats = await DigestScheduler(archive, b).tick(now=now)
        assert stats.resumed == 1 and stats.due == 0
        sent = tg.sent_messages(7)
        assert [m.text for m in sent] == [p["text"] for p in box.parts[1:]]
        done = await delivery_by_id(archive, box.id)
        assert done.status == "sent" and done.message_ids[0] == 777
        assert len(done.message_ids) == len(box.parts)


async def test_empty_digest_recorded_not_sent(tg, bot, tmp_path):
    async with Archive.open(tmp_path / "e.sqlite3") as archive:
        await subscribe_all(archive, [8, 9])
        stats = await DigestScheduler(archive, Broadcaster(archive, bot)).tick(now=now_utc())
        assert (stats.due, stats.empty, stats.messages) == (2, 2, 0)
        assert tg.calls_to("sendMessage") == []
        assert await archive.outbox.counts() == {"sent": 2}


async def test_compose_once_per_profile_and_preview(tg, bot, tmp_path):
    async with Archive.open(tmp_path / "p.sqlite3") as archive:
        await add_articles(archive, 3)
        chats = list(range(300, 330))
        await subscribe_all(archive, chats)
        for chat in chats[:10]:
            await archive.subscribers.follow(chat, "topic", "переговоры")
        for chat in chats[10:15]:
            await archive.subscribers.follow(chat, "person", "Сергея Лаврова")
        b = Broadcaster(archive, bot, rate=200)
        preview = await b.compose_for(chats[0], now_utc())
        assert preview.parts and "Вы следите" in parse_telegram_html(preview.parts[0])[0]
        assert preview.cards and tg.calls_to("sendMessage") == []
        stats = await b.run([Due(c, now_utc().date()) for c in chats], now=now_utc())
        assert stats.sent == len(chats) and stats.extra["composed"] == 3
        # /digest after the digest: its stories again (the tail included), plus new ones
        after = await b.compose_for(chats[0], now_utc() + timedelta(seconds=5), max_items=1)
        assert len(after.digest.items) == 1 and after.digest.more == 2
        # while what the next broadcast would send is empty: nothing new since
        nothing = await b.composer.preview(chats[0], now_utc() + timedelta(seconds=5))
        assert nothing.digest.empty and "Новых статей" in nothing.parts[0]


async def test_limiter_rate_pause_and_per_chat_spacing():
    from bot.ratelimit import BroadcastLimiter

    loop = asyncio.get_running_loop()
    limiter = BroadcastLimiter(50, per_chat=0.3)
    start = loop.time()
    await limiter.acquire(0)
    first = loop.time()
    await asyncio.gather(*(limiter.acquire(chat) for chat in range(1, 12)))
    assert 0.15 <= loop.time() - start < 0.6  # 12 sends at 50/s, no burst beyond 2
    await limiter.acquire(0)  # the same chat again: 0.3 s after its previous message
    assert loop.time() - first >= 0.29
    limiter.pause(0.4)  # a 429: everyone waits, chats never seen before too
    limiter.pause(0.4)  # the other requests in flight answer 429 too: one slow-down
    assert limiter.rate == 40
    start = loop.time()
    await asyncio.gather(limiter.acquire(100), limiter.acquire(101))
    assert loop.time() - start >= 0.39 and limiter.pauses == 2
    limiter.recover_after = 0.0  # calm again: the rate climbs back to the target
    for chat in range(200, 210):
        await limiter.acquire(chat)
    assert limiter.rate == 50


async def test_other_api_error_fails_delivery_for_a_later_tick(tg, bot, tmp_path):
    async with Archive.open(tmp_path / "o.sqlite3") as archive:
        await add_articles(archive, 1)
        await subscribe_all(archive, [6])
        tg.fail_next("sendMessage", status=409, description="Conflict: whatever")
        sched = DigestScheduler(archive, Broadcaster(archive, bot, rate=100))
        first = await sched.tick(now=now_utc())
        assert (first.failed, first.pending, tg.delivered(6)) == (1, 1, 0)
        second = await sched.tick(now=now_utc())
        assert second.sent == 1 and tg.delivered(6) == 1
        preview = await sched.broadcaster.composer.preview(6, now_utc())
        assert preview.digest.empty  # everything went out with the digest


async def test_limiter_no_burst_after_a_stalled_loop():
    import time as _time

    from bot.ratelimit import BroadcastLimiter

    loop = asyncio.get_running_loop()
    limiter = BroadcastLimiter(50, per_chat=0)
    granted: list[float] = []

    async def sender(chat: int) -> None:
        await limiter.acquire(chat)
        granted.append(loop.time())

    tasks = [asyncio.create_task(sender(c)) for c in range(30)]
    await asyncio.sleep(0.1)
    _time.sleep(0.3)  # the event loop stalls (CPU work, GC, a slow callback)
    resumed = loop.time()
    await asyncio.gather(*tasks)
    after = [t - resumed for t in granted if t >= resumed]
    assert len([t for t in after if t < 0.01]) <= 2  # one slot of catch-up, no burst
    assert len(granted) == 30
