"""A graceful stop (task cancellation) while a digest message is in flight at the Bot API:
the message Telegram accepts is recorded and never sent again; a failure of that last send or
record is logged, not swallowed."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from fake_telegram import FakeTelegram
from outbox_rows import delivery_row

from bot.delivery import Broadcaster
from bot.scheduler import DigestScheduler
from digest.card import ArticleCard, Person
from storage import Archive

TOKEN = "123456:TEST"
READER = 4242


@pytest.fixture
async def tg():
    async with FakeTelegram(token=TOKEN) as server:
        yield server


@pytest.fixture
async def bot(tg):
    bot = Bot(tg.token, session=AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url)))
    yield bot
    await bot.session.close()


@pytest.fixture
async def archive(tmp_path):
    async with Archive.open(tmp_path / "stop.sqlite3") as archive:
        card = ArticleCard(
            title="Мэрия Северограда открыла мост через Ладу", text="",
            summary=["Глава Северограда Олег Пронин открыл движение по новому мосту."],
            people=[Person("Олег Пронин", "глава Северограда", 2)], source="Вестник Лады",
            topics=["мост"], content_hash="bridge-1",
        )
        await archive.articles.add(card, index_text=("мост", "мост открыть"))
        await archive.subscribers.subscribe(READER, delivery_time="00:00", tz="UTC")
        yield archive


def soon() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=2)


async def stop_while_sending(tg: FakeTelegram, sched: DigestScheduler, now: datetime) -> None:
    """Start the tick, stop it while its sendMessage waits at the server, then let the
    server answer; the stop itself must come out as a cancel."""
    tg.hold("sendMessage")
    tick = asyncio.create_task(sched.tick(now=now))
    await tg.wait_for_call("sendMessage")
    tick.cancel()
    await asyncio.sleep(0.05)  # the cancel is delivered while the request is still held
    assert not tick.done()  # the stop waits for the message in flight
    tg.release("sendMessage")
    with pytest.raises(asyncio.CancelledError):
        await tick


async def test_a_stop_with_a_message_in_flight_records_it_and_never_resends(tg, bot, archive):
    now = soon()
    sched = DigestScheduler(archive, Broadcaster(archive, bot, rate=100))
    await stop_while_sending(tg, sched, now)
    [sent] = tg.sent_messages(READER)
    box = await delivery_row(archive, READER, now.date())
    assert box is not None and box.message_ids == [sent.message_id]  # confirmed, recorded
    resumed = await DigestScheduler(archive, Broadcaster(archive, bot, rate=100)).tick(
        now=now + timedelta(seconds=30))
    assert resumed is not None and resumed.resumed == 1 and resumed.messages == 0
    assert tg.delivered(READER) == 1  # not sent twice
    done = await delivery_row(archive, READER, now.date())
    assert done is not None and done.status == "sent"


async def test_a_record_failing_during_the_stop_is_logged(tg, bot, archive, caplog):
    async def disk_full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    archive.outbox.part_sent = disk_full  # type: ignore[method-assign]
    now = soon()
    sched = DigestScheduler(archive, Broadcaster(archive, bot, rate=100))
    with caplog.at_level(logging.ERROR, logger="newsdigest.delivery"):
        await stop_while_sending(tg, sched, now)
    assert tg.delivered(READER) == 1
    errors = [r.getMessage() for r in caplog.records if r.name == "newsdigest.delivery"]
    assert any("in flight failed" in e and "disk is full" in e for e in errors), errors
    box = await delivery_row(archive, READER, now.date())
    assert box is not None and box.message_ids == []  # not recorded: resent on resume


async def test_a_send_refused_during_the_stop_is_logged(tg, bot, archive, caplog):
    tg.fail_next("sendMessage", status=500)
    now = soon()
    sched = DigestScheduler(archive, Broadcaster(archive, bot, rate=100))
    with caplog.at_level(logging.ERROR, logger="newsdigest.delivery"):
        await stop_while_sending(tg, sched, now)
    assert tg.delivered(READER) == 0
    errors = [r.getMessage() for r in caplog.records if r.name == "newsdigest.delivery"]
    assert any("in flight failed" in e for e in errors), errors
    box = await delivery_row(archive, READER, now.date())
    assert box is not None and box.status == "pending"  # resumed by the next start
