"""`python -m bot` as an operator runs it: starts, answers, stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import sys
from pathlib import Path

import pytest
from bot_harness import ADMIN, READER, TOKEN
from bot_process import start_bot
from fake_telegram import FakeTelegram

from bot.middlewares import RedactingFormatter

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.e2e  # real processes: `pytest -m "not e2e"` skips them


async def test_sigterm_stops_the_bot_cleanly_and_the_token_never_reaches_the_log(tmp_path):
    async with FakeTelegram(token=TOKEN) as tg:
        proc = await start_bot(tg, tmp_path / "db.sqlite3", tmp_path, LOG_LEVEL="DEBUG")
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
        assert log.count("handled in") == 1  # the update was logged once…
        assert "is handled" not in log  # (aiogram.event's own line would be a second)
        assert "Running job" not in log  # no APScheduler INFO on every tick
        assert "/help" not in log  # …but not what the user wrote
        assert TOKEN not in log and TOKEN.split(":")[1] not in log
        assert (tmp_path / "db.sqlite3").exists()


async def test_a_failed_download_is_answered_and_its_traceback_keeps_the_token_out(tmp_path):
    async with FakeTelegram(token=TOKEN) as tg:
        proc = await start_bot(tg, tmp_path / "db.sqlite3", tmp_path, LOG_LEVEL="DEBUG")
        try:
            await tg.wait_for_call("getUpdates", timeout=60)
            tg.fail_downloads(500)
            tg.send_document(ADMIN, "новости.txt", "Заголовок\n\nТекст статьи.".encode())
            [reply] = await tg.wait_for_messages(ADMIN, 1, timeout=30)
            assert "Не удалось скачать файл «новости.txt»" in reply.text
            assert [status for _, status in tg.downloads] == [500]
            proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), 60)
        finally:
            if proc.returncode is None:
                proc.kill()
        log = err.decode()
        assert proc.returncode == 0, log[-2000:]
        assert "/file/bot<token>/documents/" in log  # the failing URL was logged, redacted
        assert TOKEN.split(":")[1] not in log


def test_the_log_formatter_redacts_exception_and_stack_text():
    formatter = RedactingFormatter(TOKEN, "%(message)s")
    url = f"http://127.0.0.1/file/bot{TOKEN}/documents/file_1.txt"
    try:
        raise OSError(f"500, url={url.replace(':', '%3A')}")
    except OSError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "download %s failed",
                                   (url,), sys.exc_info(), sinfo=f"stack with {TOKEN}")
    text = formatter.format(record)
    assert "Traceback" in text and "stack with" in text and text.count("<token>") == 3
    assert TOKEN.split(":")[1] not in text


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


def bot_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "TELEGRAM_API_URL")}
    return {**env, "DATABASE_PATH": str(tmp_path / "db.sqlite3"), **extra}


async def test_rejected_token_is_one_russian_line(tmp_path):
    other = "654321:ANOTHER-token-the-server-does-not-know"
    async with FakeTelegram(token=TOKEN) as tg:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=tmp_path,
            env=bot_env(tmp_path, BOT_TOKEN=other, TELEGRAM_API_URL=tg.base_url),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        _, err = await asyncio.wait_for(proc.communicate(), 120)
    log = err.decode()
    assert proc.returncode == 1, log[-2000:]
    assert "Traceback" not in log and other not in log and other.split(":")[1] not in log
    last = log.strip().splitlines()[-1]
    assert last.startswith("newsdigest: Telegram отклонил BOT_TOKEN")


async def test_unreachable_api_is_retried_with_one_line_per_attempt(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path,
        env=bot_env(tmp_path, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=f"http://127.0.0.1:{port}"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stderr is not None
        attempts: list[str] = []
        async with asyncio.timeout(120):
            while len(attempts) < 2:  # the first attempt and its retry
                line = (await proc.stderr.readline()).decode()
                assert line, "the bot exited instead of retrying"
                if "Нет связи с Telegram" in line:
                    attempts.append(line)
        assert f"127.0.0.1:{port}" in attempts[0] and "Повтор через 1 с" in attempts[0]
        assert "Повтор через 2 с" in attempts[1]
        proc.send_signal(signal.SIGTERM)
        _, rest = await asyncio.wait_for(proc.communicate(), 60)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert "Traceback" not in rest.decode()
