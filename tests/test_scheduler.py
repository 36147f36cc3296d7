"""DigestScheduler: local times in IANA zones, catch-up after downtime, DST days, never twice.
Ticks are driven with an injected clock (`tick(now=...)`), not by waiting."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from fake_telegram import FakeTelegram
from outbox_rows import delivery_row

from bot.delivery import Broadcaster
from bot.scheduler import DigestScheduler, due_subscribers, scheduled_moment
from storage import Archive

NY = "America/New_York"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
async def env(tmp_path):
    async with FakeTelegram(token="123456:TEST") as tg, \
            Archive.open(tmp_path / "s.sqlite3") as archive:
        bot = Bot(tg.token, session=AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url)))
        broadcaster = Broadcaster(archive, bot, rate=200, empty_text="Новых статей нет.")
        try:
            yield tg, archive, DigestScheduler(archive, broadcaster)
        finally:
            await bot.session.close()


async def sweep(sched: DigestScheduler, start: datetime, end: datetime, step: timedelta) -> list:
    """Tick every `step` from start to end; returns (now, chat ids sent) for ticks that sent."""
    fired = []
    now = start
    while now <= end:
        stats = await sched.tick(now=now)
        if stats is not None and stats.due:
            fired.append(now)
        now += step
    return fired


def test_scheduled_moment_dst():
    # spring forward: 02:30 does not exist on 2025-03-09 in New York → 03:30 EDT (07:30 UTC)
    assert scheduled_moment(date(2025, 3, 9), "02:30", NY) == utc(2025, 3, 9, 7, 30)
    assert scheduled_moment(date(2025, 3, 9), "01:30", NY) == utc(2025, 3, 9, 6, 30)
    # fall back: 01:30 happens twice on 2025-11-02 → the first one (EDT, 05:30 UTC)
    assert scheduled_moment(date(2025, 11, 2), "01:30", NY) == utc(2025, 11, 2, 5, 30)
    assert scheduled_moment(date(2025, 11, 2), "02:30", NY) == utc(2025, 11, 2, 7, 30)
    assert scheduled_moment(date(2025, 6, 1), "08:00", "Europe/Moscow") == utc(2025, 6, 1, 5)


async def test_each_reader_at_their_local_time(env):
    tg, archive, sched = env
    zones = {1: "Asia/Almaty", 2: "Europe/Moscow", 3: NY}
    for chat, tz in zones.items():
        await archive.subscribers.subscribe(chat, delivery_time="08:00", tz=tz)
    day = date(2025, 11, 21)
    moments = {c: scheduled_moment(day, "08:00", tz) for c, tz in zones.items()}
    assert sorted(moments, key=moments.get) == [1, 2, 3]  # Almaty, then Moscow, then NY
    fired: dict[int, list[datetime]] = {c: [] for c in zones}
    now = utc(2025, 11, 21, 0, 0)
    while now < utc(2025, 11, 22, 0, 0):
        before = {c: tg.delivered(c) for c in zones}
        await sched.tick(now=now)
        for chat in zones:
            fired[chat] += [now] * (tg.delivered(chat) - before[chat])
        now += timedelta(minutes=5)
    # Almaty and Moscow once, at their 08:00; New York first catches up its 20 November
    # (already past 08:00 there at 00:00 UTC), then its 21 November at 08:00 local
    assert fired == {1: [moments[1]], 2: [moments[2]], 3: [utc(2025, 11, 21), moments[3]]}
    assert (await delivery_row(archive, 3, date(2025, 11, 20))).status == "sent"
    # the local date is the reader's own: Moscow's delivery row is dated 2025-11-21
    local = moments[2].astimezone(ZoneInfo("Europe/Moscow")).date()
    assert local == day and (await delivery_row(archive, 2, day)).status == "sent"


async def test_missed_time_caught_up_once_same_day(env):
    tg, archive, sched = env
    await archive.subscribers.subscribe(10, delivery_time="09:00", tz="Europe/Moscow")
    # the bot was down from 08:00 to 15:00 Moscow time (06:00 UTC is 09:00 MSK)
    fired = await sweep(sched, utc(2025, 11, 21, 12), utc(2025, 11, 21, 20, 59),
                        timedelta(minutes=30))
    assert fired == [utc(2025, 11, 21, 12)] and tg.delivered(10) == 1
    # the next local day: once again, at its time
    fired = await sweep(sched, utc(2025, 11, 21, 21), utc(2025, 11, 22, 20, 59),
                        timedelta(minutes=30))
    assert fired == [utc(2025, 11, 22, 6)] and tg.delivered(10) == 2


@pytest.mark.parametrize(
    ("day", "hhmm", "expected"),
    [
        (date(2025, 3, 9), "02:30", utc(2025, 3, 9, 7, 30)),  # nonexistent → 03:30 EDT
        (date(2025, 3, 9), "01:30", utc(2025, 3, 9, 6, 30)),
        (date(2025, 11, 2), "01:30", utc(2025, 11, 2, 5, 30)),  # ambiguous → first
        (date(2025, 11, 2), "02:30", utc(2025, 11, 2, 7, 30)),
    ],
)
async def test_dst_days_fire_exactly_once(env, day, hhmm, expected):
    tg, archive, sched = env
    await archive.subscribers.subscribe(20, delivery_time=hhmm, tz=NY)
    zone = ZoneInfo(NY)
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    fired = await sweep(sched, start, end.astimezone(UTC) - timedelta(minutes=1),
                        timedelta(minutes=10))
    assert fired == [expected]
    assert tg.delivered(20) == 1
    assert (await delivery_row(archive, 20, day)).status == "sent"


async def test_never_twice_even_with_concurrent_ticks(env):
    tg, archive, sched = env
    for chat in range(30, 40):
        await archive.subscribers.subscribe(chat, delivery_time="07:00", tz="Europe/Moscow")
    now = utc(2025, 11, 21, 5)
    results = await asyncio.gather(*(sched.tick(now=now) for _ in range(3)))
    assert sum(r.due for r in results if r) == 10
    for later in range(1, 6):
        assert await sched.tick(now=now + timedelta(hours=later)) is None
    assert all(tg.delivered(c) == 1 for c in range(30, 40))
    # inactive and blocked readers are not due
    await archive.subscribers.subscribe(41, delivery_time="07:00", tz="Europe/Moscow")
    await archive.subscribers.unsubscribe(41)
    await archive.subscribers.subscribe(42, delivery_time="07:00", tz="Europe/Moscow")
    await archive.subscribers.mark_blocked(42)
    assert await sched.tick(now=now + timedelta(hours=7)) is None


async def test_due_subscribers_pure():
    from storage import Subscriber

    subs = [Subscriber(1, True, "08:00", "Asia/Almaty", "", None)]
    moment = scheduled_moment(date(2025, 1, 10), "08:00", "Asia/Almaty")
    assert due_subscribers(subs, set(), moment - timedelta(minutes=1)) == []
    [due] = due_subscribers(subs, set(), moment)
    assert due.local_date == date(2025, 1, 10)
    assert due_subscribers(subs, {(1, date(2025, 1, 10))}, moment) == []


async def test_start_and_shutdown_with_apscheduler(env):
    tg, archive, sched = env
    await archive.subscribers.subscribe(50, delivery_time="00:00", tz="UTC")
    sched.tick_seconds = 0.2
    sched.start()
    try:
        await tg.wait_for(lambda: tg.delivered(50) == 1, timeout=5)
        for _ in range(2):  # two more real ticks: nothing more is sent
            seen = sched.last_tick
            async with asyncio.timeout(5):
                while sched.last_tick == seen:
                    await asyncio.sleep(0.02)
    finally:
        await sched.shutdown()
    assert tg.delivered(50) == 1 and sched.last_tick is not None
    status = await sched.status()
    assert status.last_run is not None and status.last_run.sent == 1
    assert status.running is None
