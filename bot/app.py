"""Wiring: settings → archive, analysis pool, Bot and Dispatcher → long polling.

Dependencies reach handlers through the Dispatcher's workflow data (`archive`, `pool`,
`settings`, `searches`), as aiogram's examples do.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from contextlib import AsyncExitStack, suppress

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode

from bot.config import ConfigError, Settings, load_settings
from bot.delivery import Broadcaster
from bot.middlewares import LoggingMiddleware, ThrottleMiddleware, TokenFilter
from bot.routers import all_routers
from bot.scheduler import DigestScheduler
from bot.searches import SearchCache
from bot.texts import bot_commands
from digest.pool import AnalysisPool
from storage import Archive

log = logging.getLogger("newsdigest.bot")


def make_bot(settings: Settings) -> Bot:
    session = None
    if settings.telegram_api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(
        settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def make_dispatcher(settings: Settings, *, throttle_rate: float = 1.0,
                    throttle_burst: int = 5) -> Dispatcher:
    dp = Dispatcher(settings=settings, searches=SearchCache())
    dp.update.outer_middleware(LoggingMiddleware())
    throttle = ThrottleMiddleware(rate=throttle_rate, burst=throttle_burst)
    dp.message.outer_middleware(throttle)
    dp.callback_query.outer_middleware(throttle)
    dp.include_routers(*all_routers())

    @dp.startup()
    async def on_startup(bot: Bot, scheduler: DigestScheduler, run_scheduler: bool) -> None:
        await bot.set_my_commands(bot_commands())
        me = await bot.get_me()
        log.info("bot @%s started", me.username)
        if run_scheduler:
            scheduler.start()  # inside the running loop, as APScheduler 3 needs

    @dp.shutdown()
    async def on_shutdown(scheduler: DigestScheduler) -> None:
        log.info("bot stopping: finishing the messages in flight")
        await scheduler.shutdown()

    return dp


def make_delivery(settings: Settings, archive: Archive, bot: Bot
                  ) -> tuple[Broadcaster, DigestScheduler]:
    broadcaster = Broadcaster(archive, bot, rate=settings.broadcast_rate,
                              default_tz=settings.timezone)
    return broadcaster, DigestScheduler(archive, broadcaster)


async def run(settings: Settings, *, handle_signals: bool = True) -> None:
    """Run until SIGTERM/SIGINT: stop taking updates, finish in-flight work, close everything."""
    async with AsyncExitStack() as stack:
        archive = await stack.enter_async_context(Archive.open(settings.database_path))
        pool = await stack.enter_async_context(AnalysisPool())
        bot = make_bot(settings)
        stack.push_async_callback(bot.session.close)
        dp = make_dispatcher(settings)
        broadcaster, scheduler = make_delivery(settings, archive, bot)
        await dp.start_polling(
            bot, archive=archive, pool=pool, broadcaster=broadcaster, scheduler=scheduler,
            run_scheduler=True, handle_signals=handle_signals,
            allowed_updates=dp.resolve_used_update_types(),
        )
    log.info("bot stopped cleanly")


def setup_logging(level: str, token: str) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(TokenFilter(token))
    logging.basicConfig(level=level, handlers=[handler],
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def main() -> int:
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"newsdigest: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level, settings.bot_token.get_secret_value())
    with suppress(KeyboardInterrupt):
        asyncio.run(run(settings))
    return 0
