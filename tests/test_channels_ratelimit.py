"""Groups and channels: at most 20 messages a minute each (Telegram's limit there), on top of
the global rate; a private chat keeps its 1 s spacing. Only lower bounds on time are asserted
(a busy machine can only make things slower)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from fake_telegram import FakeTelegram

from bot.delivery import Broadcaster
from bot.ratelimit import BroadcastLimiter
from storage import Archive, ChatKind, NewDelivery, RunStats

CHANNEL = -1002400000001


def test_a_group_or_channel_gets_twenty_messages_a_minute():
    limiter = BroadcastLimiter(25)
    assert 60 / limiter.spacing(CHANNEL) == 20
    assert limiter.spacing(-4005) == limiter.spacing(CHANNEL)  # a basic group too
    assert limiter.spacing(42) == 1.0  # a reader's private chat


async def test_group_spacing_holds_between_messages_to_one_chat():
    loop = asyncio.get_running_loop()
    limiter = BroadcastLimiter(50, per_chat=0.05, per_group=0.3)
    stamps = []
    for _ in range(3):
        await limiter.acquire(CHANNEL)
        stamps.append(loop.time())
    assert all(b - a >= 0.29 for a, b in zip(stamps, stamps[1:], strict=False))


async def test_a_channel_digest_of_several_parts_is_spaced(tmp_path):
    async with FakeTelegram(token="123456:TEST") as tg, \
            Archive.open(tmp_path / "r.sqlite3") as archive:
        bot = Bot(tg.token, session=AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url)))
        try:
            await archive.subscribers.attach(
                CHANNEL, kind=ChatKind.CHANNEL, title="Вести уезда", username="vesti_uezda",
                attached_by=1, delivery_time="00:00", tz="UTC")
            now = datetime.now(UTC)
            parts = [{"text": f"Часть {n} дайджеста", "reply_markup": None} for n in range(3)]
            [box] = await archive.outbox.create(
                [NewDelivery(CHANNEL, date.today(), parts, now - timedelta(days=1), now)])
            broadcaster = Broadcaster(archive, bot, rate=100, per_chat=0.05, per_group=0.4)
            loop = asyncio.get_running_loop()
            start = loop.time()
            await broadcaster.send([box], RunStats())
            assert loop.time() - start >= 0.79  # two gaps of 0.4 s between three parts
            assert [m.text for m in tg.sent_messages(CHANNEL)] == [p["text"] for p in parts]
        finally:
            await bot.session.close()
