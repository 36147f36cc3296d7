"""Upload batch reports are sent at least once and recorded: a report that failed or was cut
short goes out at the next start (marked as a repeat only when the earlier send may have
reached the admin), a confirmed one never again, a blocked admin closes the batch."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from fake_telegram import FakeTelegram

from bot import texts
from bot.batch_report import report_unfinished_batches
from storage import Archive

TOKEN = "123456:TEST"
ADMIN = 1001
NAMES = ["школы.zip/a.txt", "школы.zip/b.txt", "школы.zip/c.txt", "школы.zip/d.txt"]


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
    async with Archive.open(tmp_path / "report.sqlite3") as archive:
        yield archive


async def open_batch(archive: Archive, tg: FakeTelegram, *, done: int) -> int:
    """A batch whose first `done` members were processed (a rejected one among them)."""
    progress = tg.sent_messages(ADMIN)
    message_id = progress[-1].message_id if progress else None
    batch = await archive.batches.start(ADMIN, message_id, "школы.zip", ADMIN, NAMES)
    for position in range(done):
        if position == 1:
            await archive.batches.record((batch, position), "rejected", reason="пустой файл")
        else:
            await archive.batches.record((batch, position), "added", article_id=position + 1)
    return batch


def report_row(archive: Archive, batch: int) -> tuple:
    with closing(sqlite3.connect(archive.path)) as conn:
        return conn.execute(
            "SELECT finished_at IS NOT NULL, report_message_id, report_attempts, report_error"
            " FROM batches WHERE id = ?", (batch,)).fetchone()


async def test_a_report_telegram_refused_goes_out_at_the_next_start_once(tg, bot, archive):
    batch = await open_batch(archive, tg, done=2)
    tg.fail_next("sendMessage", status=502)
    assert await report_unfinished_batches(bot, archive) == 1
    assert tg.sent_messages(ADMIN) == []  # refused: not sent, not lost
    assert report_row(archive, batch) == (False, None, 0, None)

    assert await report_unfinished_batches(bot, archive) == 1  # the next start
    [report] = tg.sent_messages(ADMIN)
    assert "«школы.zip» прервалась" in report.plain and "не обработано: 2" in report.plain
    assert texts.BATCH_REPORT_REPEAT not in report.plain  # the first send never went out
    assert report_row(archive, batch) == (True, report.message_id, 1, None)
    assert await report_unfinished_batches(bot, archive) == 0  # and never again
    assert len(tg.sent_messages(ADMIN)) == 1


async def test_a_send_cut_short_after_telegram_took_it_is_resent_marked_as_a_repeat(
        tg, bot, archive):
    batch = await open_batch(archive, tg, done=4)
    await archive.batches.begin_report(batch)  # then kill -9 before the answer was recorded
    assert await report_unfinished_batches(bot, archive) == 1
    [report] = tg.sent_messages(ADMIN)
    assert report.plain.startswith(texts.BATCH_REPORT_REPEAT)
    assert "«школы.zip» обработана" in report.plain  # every member was done
    assert "Сохранено: 3, дубликатов: 0, отклонено: 1, не обработано: 0" in report.plain
    assert texts.BATCH_RESEND not in report.plain
    assert report_row(archive, batch)[:2] == (True, report.message_id)
    assert await report_unfinished_batches(bot, archive) == 0
    assert len(tg.sent_messages(ADMIN)) == 1


async def test_the_progress_message_tells_how_far_the_batch_got(tg, bot, archive):
    await bot.send_message(ADMIN, texts.PROGRESS.format(done=0, total=len(NAMES)))
    [progress] = tg.sent_messages(ADMIN)
    await open_batch(archive, tg, done=3)
    await report_unfinished_batches(bot, archive)
    assert tg.sent_messages(ADMIN)[0].text == f"Прервано: 3 из {len(NAMES)}."


async def test_an_admin_who_blocked_the_bot_closes_the_batch_with_the_reason(tg, bot, archive):
    batch = await open_batch(archive, tg, done=1)
    tg.block(ADMIN)
    assert await report_unfinished_batches(bot, archive) == 1
    closed, message_id, _, error = report_row(archive, batch)
    assert closed and message_id is None and "blocked" in error
    assert await report_unfinished_batches(bot, archive) == 0  # not retried at every start
