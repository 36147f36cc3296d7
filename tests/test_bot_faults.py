"""Faults while the bot runs: a write lock held past the busy timeout, a full disk, group
members who are not admins. Every update is answered; nothing half-written."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from bot_harness import ADMIN, READER, running_bot

from bot import texts

ARTICLE = (
    "Мэрия Северограда открыла новый мост через реку Ладу\n\n"
    "Глава Северограда Олег Пронин открыл движение по новому мосту через реку Ладу. "
    "Строительство обошлось в 4,2 миллиарда рублей, сообщила пресс-служба мэрии. "
    "«Мост сократит путь из Заречья в центр вдвое», — заявил Пронин журналистам.\n\n"
    "По новому мосту ежедневно смогут проезжать до 40 тысяч автомобилей. "
    "Работы начались в марте прошлого года и завершились на два месяца раньше срока."
) + "".join(  # long enough to need new database pages
    f"\n\nНа участке {n} строители уложили {n * 12} метров полотна и установили {n + 3} опор."
    for n in range(1, 120)
)


def db_dump(path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


@pytest.fixture
async def h(tmp_path, analysis_pool, monkeypatch):
    monkeypatch.setattr("storage.db.BUSY_TIMEOUT_MS", 300)  # a held lock fails fast
    async with running_bot(tmp_path, analysis_pool) as harness:
        yield harness


async def test_a_held_write_lock_is_answered_and_the_next_try_works(h):
    holder = sqlite3.connect(h.archive.path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another process writes and does not let go
        [busy] = await h.ask(READER, "/subscribe 08:30")
        assert busy.text == texts.DB_BUSY
        [helped] = await h.ask(READER, "/help")  # readers' reads still work
        assert "/person" in helped.text
    finally:
        holder.rollback()
        holder.close()
    [done] = await h.ask(READER, "/subscribe 08:30")
    assert "каждый день в 08:30" in done.text


async def test_a_full_disk_says_so_stores_nothing_keeps_reading_and_recovers(h):
    with closing(sqlite3.connect(h.archive.path, isolation_level=None)) as conn:
        conn.execute("VACUUM")  # no free pages left inside the file (v5 dropped tables)
    async with h.archive.db.write() as conn:
        pages = (await conn.execute_fetchall("PRAGMA page_count"))[0][0]
        # SQLite's own size cap on the bot's writer: the disk is full now
        await conn.execute(f"PRAGMA max_page_count = {pages}")
    before = db_dump(h.archive.path)
    [full] = await h.upload(ADMIN, "мост.txt", ARTICLE.encode())
    assert "диск" in full.text.lower() and "Error" not in full.text
    [helped] = await h.ask(READER, "/person Пронин")
    assert "ничего нет" in helped.text
    assert db_dump(h.archive.path) == before
    with closing(sqlite3.connect(h.archive.path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    async with h.archive.db.write() as conn:
        await conn.execute("PRAGMA max_page_count = 1073741823")  # space is back
    [card] = await h.upload(ADMIN, "мост.txt", ARTICLE.encode())
    assert "Олег Пронин" in card.text


GROUP, CREATOR, GROUP_ADMIN, MEMBER = -1009001, 501, 502, 503


async def test_group_settings_belong_to_the_group_admins(h):
    h.tg.set_admins(GROUP, CREATOR, GROUP_ADMIN)

    async def say(user: int, text: str) -> str:
        [reply] = await h.ask(GROUP, text, user_id=user)
        return reply.text

    assert await say(MEMBER, "/subscribe 07:00") == texts.GROUP_ADMINS_ONLY
    assert await h.archive.subscribers.get(GROUP) is None
    assert "каждый день в 07:00" in await say(GROUP_ADMIN, "/subscribe 07:00")
    for command in ("/time 06:00", "/unsubscribe", "/follow Пронин", "/unfollow Пронин"):
        assert await say(MEMBER, command) == texts.GROUP_ADMINS_ONLY
    sub = await h.archive.subscribers.get(GROUP)
    assert sub is not None and sub.active and sub.delivery_time == "07:00"
    assert await h.archive.subscribers.follows(GROUP) == []
    # a member pressing the group's "unsubscribe" button is refused too
    [settings] = await h.ask(GROUP, "/settings", user_id=MEMBER)  # reading is for everyone
    query = h.tg.press_button(GROUP, settings.message_id, settings.callback_data()[0],
                              user_id=MEMBER)
    await h.tg.wait_for(lambda: query in h.tg.callback_answers)
    assert h.tg.callback_answers[query]["text"] == texts.GROUP_ADMINS_ONLY
    assert (await h.archive.subscribers.get(GROUP)).active
    assert "отписались" in (await say(CREATOR, "/unsubscribe")).lower()
    assert not (await h.archive.subscribers.get(GROUP)).active
    assert [int(c.params["user_id"]) for c in h.tg.calls_to("getChatMember")].count(MEMBER) == 6
