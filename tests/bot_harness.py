"""The real bot (Dispatcher, aiogram session, routers, archive, analysis pool) against the
fake Bot API server. Used by the end-to-end tests."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher
from fake_telegram import FakeTelegram, SentMessage

from bot.app import make_bot, make_deps, make_dispatcher
from bot.scheduler import DigestScheduler
from core.config import AppConfig
from core.feeds.poller import Feeds
from digest.pool import AnalysisPool
from storage import Archive

TOKEN = "123456:TEST-token-for-the-fake-server"
ADMIN = 1001
READER = 2002


@dataclass
class Harness:
    tg: FakeTelegram
    archive: Archive
    bot: Bot
    dp: Dispatcher
    config: AppConfig
    scheduler: DigestScheduler
    feeds: Feeds
    deps: dict[str, Any] = field(default_factory=dict)  # what handlers get injected

    async def ask(self, chat_id: int, text: str, *, expect: int = 1, timeout: float = 30,
                  user_id: int | None = None) -> list[SentMessage]:
        """A user writes `text`; returns the `expect` new messages the bot sent in reply."""
        before = len(self.tg.sent_messages(chat_id))
        self.tg.send_text(chat_id, text, user_id=user_id)
        sent = await self.tg.wait_for_messages(chat_id, before + expect, timeout=timeout)
        return sent[before:]

    async def upload(self, chat_id: int, name: str, data: bytes, *, expect: int = 1,
                     timeout: float = 60) -> list[SentMessage]:
        before = len(self.tg.sent_messages(chat_id))
        self.tg.send_document(chat_id, name, data)
        sent = await self.tg.wait_for_messages(chat_id, before + expect, timeout=timeout)
        return sent[before:]

    async def press(self, chat_id: int, message: SentMessage, data: str, *,
                    expect: int = 0, timeout: float = 30) -> list[SentMessage]:
        before = len(self.tg.sent_messages(chat_id))
        query_id = self.tg.press_button(chat_id, message.message_id, data)
        await self.tg.wait_for(lambda: query_id in self.tg.callback_answers, timeout)
        sent = await self.tg.wait_for_messages(chat_id, before + expect, timeout=timeout)
        return sent[before:]


@asynccontextmanager
async def running_bot(
    tmp_path: Path, pool: AnalysisPool, *, throttle: tuple[float, int] = (50.0, 50),
    **config_overrides,
):
    async with FakeTelegram(token=TOKEN) as tg, Archive.open(tmp_path / "bot.sqlite3") as archive:
        config = AppConfig(
            bot_token=TOKEN, telegram_api_url=tg.base_url, database_path=tmp_path / "bot.sqlite3",
            admin_ids={ADMIN}, _env_file=None, **config_overrides,
        )
        bot = make_bot(config)
        dp = make_dispatcher(throttle_rate=throttle[0], throttle_burst=throttle[1])
        # the scheduler is driven by tests through tick(now=...), never by the clock
        deps = make_deps(config, archive, bot, pool, run_scheduler=False)
        task = asyncio.create_task(dp.start_polling(
            bot, handle_signals=False, polling_timeout=1, **deps,
        ))
        try:
            await tg.wait_for_call("getUpdates")
            yield Harness(tg, archive, bot, dp, config, deps["scheduler"], deps["feeds"],
                          dict(deps))
        finally:
            await dp.stop_polling()
            await asyncio.wait_for(task, 10)
            await bot.session.close()
