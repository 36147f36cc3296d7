"""kill -9 in the middle of a zip upload, then a restart: no half-written article, the file
passes PRAGMA integrity_check, and the admin is told what was stored and what was not."""

from __future__ import annotations

import asyncio
import io
import re
import signal
import sqlite3
import sys
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
from bot_harness import ADMIN, TOKEN
from bot_process import bot_env
from fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e
MEMBERS = 30


def article(n: int) -> bytes:
    """An invented report; each one differs in its place, people and figures."""
    return (
        f"В районе номер {n} открыли школу на {300 + n * 7} мест\n\n"
        f"Глава района Пётр Сидоренко открыл новую школу номер {n}. Строительство обошлось "
        f"в {n + 1},{n % 10} миллиарда рублей, сообщила пресс-служба администрации. "
        f"«Школа примет {300 + n * 7} учеников уже в сентябре», — заявил Сидоренко.\n\n"
        f"В школе {20 + n} классов, спортивный зал и бассейн длиной {25 + n % 5} метров. "
        f"Работы начались {n % 28 + 1} марта и завершились на {n % 3 + 1} месяца раньше срока."
    ).encode()


def zipped() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in range(MEMBERS):
            z.writestr(f"school_{n:02d}.txt", article(n))
    return buf.getvalue()


def stored(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


async def start(tg: FakeTelegram, db: Path, log: Path) -> asyncio.subprocess.Process:
    # no pipes: after kill -9 the analysis forkserver child would hold them open for a while
    with log.open("ab") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=db.parent, env=bot_env(tg, db),
            stdout=asyncio.subprocess.DEVNULL, stderr=out,
        )


async def test_kill_9_mid_batch_then_restart_reports_what_was_stored(tmp_path):
    db, log = tmp_path / "db.sqlite3", tmp_path / "bot.log"
    async with FakeTelegram(token=TOKEN) as tg:
        first = await start(tg, db, log)
        try:
            await tg.wait_for_call("getUpdates", timeout=60)
            tg.send_document(ADMIN, "schools.zip", zipped())
            await tg.wait_for_messages(ADMIN, 1, timeout=60)  # "Обрабатываю: 0 из 30…"
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 90
            while stored(db) < 3 and loop.time() < deadline:  # the database, not a clock
                await asyncio.sleep(0.05)
        finally:
            first.kill()  # SIGKILL: no cleanup of any kind
            await first.wait()
        count = stored(db)
        assert 3 <= count < MEMBERS, log.read_text()[-2000:]
        [progress] = tg.sent_messages(ADMIN)
        assert "Готово" not in progress.text

        with closing(sqlite3.connect(db)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            # no half-written article: each has its card, text, people and full-text row
            half = conn.execute(
                "SELECT count(*) FROM articles a WHERE length(a.card) < 3 OR length(a.text) = 0"
                " OR NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.rowid = a.id)"
                " OR NOT EXISTS (SELECT 1 FROM article_people p WHERE p.article_id = a.id)"
            ).fetchone()[0]
            names = {r[0] for r in conn.execute("SELECT filename FROM articles")}
        assert half == 0

        polls = len(tg.calls_to("getUpdates"))
        second = await start(tg, db, log)
        try:
            await tg.wait_for_call("getUpdates", count=polls + 1, timeout=60)
            sent = await tg.wait_for_messages(ADMIN, 2, timeout=30)
            second.send_signal(signal.SIGTERM)
            await asyncio.wait_for(second.wait(), 60)
        finally:
            if second.returncode is None:
                second.kill()
                await second.wait()
        assert second.returncode == 0, log.read_text()[-2000:]
        # a third start reports nothing again: the batch was closed once reported
        third = await start(tg, db, log)
        try:
            await tg.wait_for_call("getUpdates", count=len(tg.calls_to("getUpdates")) + 1,
                                   timeout=60)
            third.send_signal(signal.SIGTERM)
            await asyncio.wait_for(third.wait(), 60)
        finally:
            if third.returncode is None:
                third.kill()
                await third.wait()
        assert len(tg.sent_messages(ADMIN)) == 2

    report = sent[1].plain
    assert stored(db) == count  # the restart itself stored or lost nothing
    assert "«schools.zip» прервалась" in report
    added = int(re.search(r"Сохранено: (\d+)", report)[1])
    pending = int(re.search(r"не обработано: (\d+)", report)[1])
    rejected = int(re.search(r"отклонено: (\d+)", report)[1])
    assert (added, rejected, pending) == (count, 0, MEMBERS - count)
    [edited] = [m for m in tg.sent_messages(ADMIN) if m.message_id == progress.message_id]
    assert edited.text == f"Прервано: {count} из {MEMBERS}."
    members = [f"schools.zip/school_{n:02d}.txt" for n in range(MEMBERS)]
    assert names < set(members)
    missing = [name for name in members if name not in names]
    assert len(missing) == MEMBERS - count
    [stored_line] = [line for line in report.splitlines() if line.startswith("Сохранены:")]
    [lost_line] = [line for line in report.splitlines() if line.startswith("Не обработаны:")]
    assert sorted(stored_line.removeprefix("Сохранены: ").split(", ")) == sorted(names)
    assert lost_line.removeprefix("Не обработаны: ").split(", ") == missing
