"""`python -m bot` as an operator runs it: starts, answers, stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot_harness import READER, TOKEN
from fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parents[1]


async def test_sigterm_stops_the_bot_cleanly_and_the_token_never_reaches_the_log(tmp_path):
    async with FakeTelegram(token=TOKEN) as tg:
        env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": tg.base_url,
            "DATABASE_PATH": str(tmp_path / "db.sqlite3"),
            "ADMIN_IDS": "1001",
            "LOG_LEVEL": "DEBUG",
        }
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        try:
            await tg.wait_for_call("getUpdates", timeout=60)
            tg.send_text(READER, "/help")
            [reply] = await tg.wait_for_messages(READER, 1, timeout=30)
            assert "/person" in reply.text
            proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), 60)
        finally:
            if proc.returncode is None:
                proc.kill()
        log = err.decode()
        assert proc.returncode == 0, log[-2000:]
        assert "bot stopped cleanly" in log
        assert "handled in" in log  # the update was logged…
        assert "/help" not in log  # …but not what the user wrote
        assert TOKEN not in log and TOKEN.split(":")[1] not in log
        assert (tmp_path / "db.sqlite3").exists()


async def test_missing_token_is_one_clear_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and "BOT_TOKEN" in lines[0] and "Traceback" not in lines[0]
