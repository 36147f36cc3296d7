"""`python -m bot` refuses, in one line and without touching the file, what it must not run on:
a database another bot process holds, a non-SQLite file, another program's database, a newer
schema, damaged pages. Real processes: the lock is the OS's, held by a live process."""

from __future__ import annotations

import asyncio
import hashlib
import signal
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from bot_harness import READER, TOKEN
from bot_process import start_bot
from fake_telegram import FakeTelegram

from storage import SCHEMA_VERSION, Archive


async def refused_line(tg: FakeTelegram, db: Path, cwd: Path) -> str:
    """Start a bot that must refuse: exit 1, exactly one line on stderr, returned."""
    proc = await start_bot(tg, db, cwd)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    lines = err.decode().strip().splitlines()
    assert proc.returncode == 1, err.decode()[-2000:]
    assert len(lines) == 1 and "Traceback" not in lines[0], lines
    assert not out
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_a_second_bot_on_the_same_database_refuses_and_a_killed_one_frees_it(tmp_path):
    db = tmp_path / "db.sqlite3"
    async with FakeTelegram(token=TOKEN) as tg:
        first = await start_bot(tg, db, tmp_path, pipes=False)
        try:
            await tg.wait_for_call("getUpdates", timeout=60)
            line = await refused_line(tg, db, tmp_path)
            assert "уже работает другой экземпляр" in line and f"pid {first.pid}" in line
            # the first bot is untouched and still answers
            tg.send_text(READER, "/help")
            [reply] = await tg.wait_for_messages(READER, 1, timeout=30)
            assert "/person" in reply.text
            assert first.returncode is None
            first.send_signal(signal.SIGKILL)  # a crash: the OS drops the lock
            await asyncio.wait_for(first.wait(), 30)
            polls = len(tg.calls_to("getUpdates"))
            second = await start_bot(tg, db, tmp_path)
            try:
                await tg.wait_for_call("getUpdates", count=polls + 1, timeout=60)
                assert second.returncode is None
            finally:
                second.send_signal(signal.SIGTERM)
                _, err = await asyncio.wait_for(second.communicate(), 60)
            assert second.returncode == 0, err.decode()[-2000:]
        finally:
            if first.returncode is None:
                first.kill()
                await first.wait()


async def _damaged(db: Path) -> None:
    """A real archive whose middle pages were zeroed (a torn disk write, a bad sector)."""
    async with Archive.open(db) as archive:
        for chat in range(400):
            await archive.subscribers.subscribe(chat + 1, delivery_time="08:00", tz="Europe/Moscow")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    assert pages > 6
    with db.open("r+b") as f:
        f.seek(page * (pages // 2))
        f.write(b"\0" * page * 2)


async def _text_file(db: Path) -> None:
    db.write_text("Это заметки, а не база данных.\n" * 200, encoding="utf-8")


async def _foreign(db: Path) -> None:
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('чужие данные')")


async def _newer(db: Path) -> None:
    async with Archive.open(db):
        pass
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


@pytest.mark.parametrize(("make", "expected"), [
    (_text_file, "не читается как SQLite"),
    (_foreign, "другой программы"),
    (_newer, f"схема v{SCHEMA_VERSION + 1}"),
    (_damaged, "база повреждена"),
], ids=["text", "foreign", "newer", "zeroed-pages"])
async def test_a_database_the_bot_must_not_touch_is_one_line_and_left_as_it_was(
    tmp_path, make, expected
):
    db = tmp_path / "db.sqlite3"
    await make(db)
    before = digest(db)
    async with FakeTelegram(token=TOKEN) as tg:
        line = await refused_line(tg, db, tmp_path)
        assert not tg.calls_to("getUpdates")
    assert expected in line and str(db) in line
    assert digest(db) == before
    assert not (tmp_path / "db.sqlite3-wal").exists() or expected == "база повреждена"
