"""kill -9 while the real bot process posts the daily digest to several channels, then a
restart: every channel gets its digest exactly once, counted in the fake Bot API.

The kill lands while digest messages are in flight: the fake server holds every sendMessage
after the first ones unanswered and never carries them out, the test waits until the bot has
recorded what Telegram confirmed, then SIGKILLs it. (The one case no bot can make exactly-once
is a message Telegram carried out whose answer the dying process never read: the Bot API has
no idempotency key. bot/delivery.py says so.)"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from bot_harness import ADMIN, TOKEN
from bot_process import bot_env
from fake_telegram import FakeTelegram

from digest.card import ArticleCard, Person
from storage import Archive, ChatKind

pytestmark = pytest.mark.e2e

CHANNELS = [-1002500000000 - n for n in range(1, 7)]
CONFIRMED_BEFORE_KILL = 2


def harbour_card(n: int) -> ArticleCard:
    """An invented harbour report; each differs in its pier, tonnage and hash."""
    return ArticleCard(
        title=f"В порту Северограда открыли причал номер {n}",
        text="",
        summary=[f"Причал номер {n} примет суда дедвейтом до {20 + n} тысяч тонн."],
        people=[Person("Ирина Котова", "директор порта", 2)],
        source=["Портовые вести", "Северный берег"][n % 2],
        topics=["порт"],
        content_hash=f"harbour-{n}",
    )


async def prepare(db: Path) -> None:
    async with Archive.open(db) as archive:
        for n in range(5):
            await archive.articles.add(harbour_card(n), index_text=("причал", "порт"))
        for n, chat in enumerate(CHANNELS):
            await archive.subscribers.attach(
                chat, kind=ChatKind.CHANNEL, title=f"Порт {n}", username=f"port_news_{n}",
                attached_by=ADMIN, delivery_time="00:00", tz="UTC")  # due at once


def recorded(db: Path) -> dict[int, list[int]]:
    """chat → the message ids the bot recorded as confirmed by Telegram."""
    with closing(sqlite3.connect(db)) as conn:
        found = conn.execute("SELECT chat_id, message_ids FROM deliveries").fetchall()
    return {chat: json.loads(ids) for chat, ids in found}


def runs_finished(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute(
            "SELECT count(*) FROM digest_runs WHERE finished_at IS NOT NULL").fetchone()[0])


async def start(tg: FakeTelegram, db: Path, log: Path) -> asyncio.subprocess.Process:
    # its own process group: the kill takes the bot with its analysis workers, as a crash of
    # the machine or container would (killed alone, the bot would leave them running)
    with log.open("ab") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=db.parent, env=bot_env(tg, db),
            stdout=asyncio.subprocess.DEVNULL, stderr=out, start_new_session=True,
        )


async def kill_9(proc: asyncio.subprocess.Process) -> None:
    """SIGKILL to the bot's whole process group: no cleanup of any kind."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    await proc.wait()


async def wait_until(predicate, timeout: float, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, what
        await asyncio.sleep(0.05)


async def test_kill_9_mid_channel_broadcast_then_restart_posts_each_digest_once(tmp_path):
    db, log = tmp_path / "db.sqlite3", tmp_path / "bot.log"
    await prepare(db)
    async with FakeTelegram(token=TOKEN) as tg:
        for n, chat in enumerate(CHANNELS):
            tg.add_chat(chat, "channel", f"Порт {n}", f"port_news_{n}")
            tg.set_admins(chat, ADMIN)
        tg.hold_sends_after(CONFIRMED_BEFORE_KILL)
        first = await start(tg, db, log)
        try:
            await tg.wait_for(lambda: tg.held >= 1, timeout=120)  # messages in flight
            # everything Telegram confirmed is recorded (the rest is held, so this settles)
            await wait_until(
                lambda: sum(map(len, recorded(db).values())) == CONFIRMED_BEFORE_KILL, 30,
                f"recorded {recorded(db)}; {log.read_text()[-2000:]}")
        finally:
            await kill_9(first)
        tg.stop_holding()  # the held requests die with the process, never carried out
        posted_before = {chat: tg.delivered(chat) for chat in CHANNELS}
        assert sum(posted_before.values()) == CONFIRMED_BEFORE_KILL
        assert len(recorded(db)) == len(CHANNELS)  # every delivery was in the outbox first

        second = await start(tg, db, log)
        try:
            await tg.wait_for(lambda: all(tg.delivered(c) >= 1 for c in CHANNELS), timeout=120)
            # the run is over once it recorded its statistics
            await wait_until(lambda: runs_finished(db) == 1, 30,
                             f"recorded {recorded(db)}; {log.read_text()[-2000:]}")
        finally:
            await kill_9(second)  # a clean stop is tested elsewhere; here it would only wait

    ids = recorded(db)
    for chat in CHANNELS:
        assert tg.delivered(chat) == 1, (chat, tg.sent_messages(chat))  # exactly once
        [post] = tg.sent_messages(chat)
        assert "Дайджест на" in post.plain and "причал" in post.plain
        assert ids[chat] == [post.message_id]
    with closing(sqlite3.connect(db)) as conn:
        statuses = [r[0] for r in conn.execute("SELECT status FROM deliveries")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        runs = conn.execute("SELECT due, resumed, sent, messages, finished_at FROM digest_runs"
                            " ORDER BY id").fetchall()
    assert statuses == ["sent"] * len(CHANNELS)
    # the killed run never finished; the restart resumed the rest (a digest whose message was
    # recorded but not yet marked sent is resumed too, with nothing left to send) and created
    # nothing new
    [(*_, killed_end), (due, resumed, sent, messages, _)] = runs
    assert killed_end is None
    left = len(CHANNELS) - CONFIRMED_BEFORE_KILL
    assert due == 0 and left <= resumed == sent <= len(CHANNELS) and messages == left
    assert tg.sent_messages(ADMIN) == []  # nobody was told a channel was lost
