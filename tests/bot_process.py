"""`python -m bot` as a real process against the fake Bot API server (process-level tests)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from bot_harness import ADMIN, TOKEN
from fake_telegram import FakeTelegram


def bot_env(tg: FakeTelegram, db: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ, "BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": tg.base_url,
        "DATABASE_PATH": str(db), "ADMIN_IDS": str(ADMIN), "LOG_LEVEL": "INFO", **extra,
    }


async def start_bot(
    tg: FakeTelegram, db: Path, cwd: Path, *, pipes: bool = True, **env: str
) -> asyncio.subprocess.Process:
    # a bot killed with SIGKILL leaves its analysis forkserver to notice on its own; without
    # pipes, waiting for the bot does not wait for that child to let go of them
    out = asyncio.subprocess.PIPE if pipes else asyncio.subprocess.DEVNULL
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=cwd, env=bot_env(tg, db, **env), stdout=out, stderr=out,
    )
