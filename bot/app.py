"""Wiring: config → archive, analysis pool, Bot and Dispatcher → long polling.

Dependencies reach handlers through the Dispatcher's workflow data, named and typed once in
`bot.deps.BotDeps`, as aiogram's examples do.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from contextlib import AsyncExitStack

import aiohttp
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import User

from bot import texts
from bot.batch_report import report_unfinished_batches
from bot.chat_admins import ChatSettingsGuard
from bot.delivery import Broadcaster
from bot.deps import BotDeps
from bot.errors import answer_failure
from bot.feed_poller import FeedPollJob
from bot.middlewares import LoggingMiddleware, RedactingFormatter, ThrottleMiddleware
from bot.retry import RetryAfterMiddleware
from bot.routers import all_routers
from bot.scheduler import DigestScheduler
from bot.texts import bot_commands
from core.channels import Channels
from core.config import AppConfig, ConfigError, load_config
from core.feeds.fetch import Fetcher, make_session
from core.feeds.poller import Feeds
from core.person_chart import PersonCharts
from core.search import QueryTokens
from core.subscriptions import Subscriptions
from digest.pool import AnalysisPool
from storage import Archive, DatabaseUnusable, Tuning, instance_lock

log = logging.getLogger("newsdigest.bot")


def make_bot(config: AppConfig) -> Bot:
    if config.telegram_api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(config.telegram_api_url))
    else:
        session = AiohttpSession()
    session.middleware(RetryAfterMiddleware())
    return Bot(
        config.token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def make_dispatcher(*, throttle_rate: float = 1.0,
                    throttle_burst: int = 5) -> Dispatcher:
    dp = Dispatcher()
    dp.update.outer_middleware(LoggingMiddleware())
    throttle = ThrottleMiddleware(rate=throttle_rate, burst=throttle_burst)
    dp.message.outer_middleware(throttle)
    dp.callback_query.outer_middleware(throttle)
    guard = ChatSettingsGuard()  # a group's settings: its admins only
    dp.message.middleware(guard)
    dp.callback_query.middleware(guard)
    dp.include_routers(*all_routers())
    dp.errors.register(answer_failure)  # every update gets an answer, even a failed one
    background: set[asyncio.Task] = set()

    @dp.startup()
    async def on_startup(bot: Bot, scheduler: DigestScheduler, feed_job: FeedPollJob,
                         pool: AnalysisPool, archive: Archive, run_scheduler: bool) -> None:
        pool.preload()  # models load in the background; /start and searches do not wait
        await report_unfinished_batches(bot, archive)  # uploads a stop cut short
        if await archive.articles.stale_signatures():
            # signatures stored in an older format: until rebuilt, their articles join no story
            task = asyncio.create_task(_rebuild_story_signatures(archive))
            background.add(task)
            task.add_done_callback(background.discard)
        await bot.set_my_commands(bot_commands())
        # what the empty chat shows before /start (Russian, like everything readers see)
        await bot.set_my_description(texts.BOT_DESCRIPTION)
        await bot.set_my_short_description(texts.BOT_SHORT_DESCRIPTION)
        me = await bot.get_me()
        log.info("bot @%s started", me.username)
        if run_scheduler:
            scheduler.start()  # inside the running loop, as APScheduler 3 needs
            feed_job.start()

    @dp.shutdown()
    async def on_shutdown(scheduler: DigestScheduler, feed_job: FeedPollJob) -> None:
        log.info("bot stopping: finishing the messages in flight")
        for task in list(background):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await scheduler.shutdown()
        await feed_job.shutdown()

    return dp


async def _rebuild_story_signatures(archive: Archive) -> None:
    try:
        done = await archive.articles.rebuild_signatures()
    except Exception:
        log.exception("story signatures were not rebuilt (newsdigest reindex-stories retries)")
        return
    log.info("story signatures rebuilt: %d, joined their stories: %d", done.signatures,
             done.joined)


def make_deps(config: AppConfig, archive: Archive, bot: Bot, pool: AnalysisPool, *,
              run_scheduler: bool = True) -> BotDeps:
    """The services handlers get injected (start_polling(bot, **deps))."""
    broadcaster = Broadcaster(archive, bot, rate=config.broadcast_rate,
                              default_tz=config.timezone)
    session = make_session(allow_private=config.fetch_allow_private)
    feeds = Feeds(archive, pool, Fetcher(session, allow_private=config.fetch_allow_private))
    return BotDeps(
        config=config,
        archive=archive,
        searches=QueryTokens(),
        pool=pool,
        subscriptions=Subscriptions.from_config(archive, config),
        channels=Channels(archive, default_zone=config.timezone),
        charts=PersonCharts(archive),
        broadcaster=broadcaster,
        scheduler=DigestScheduler(archive, broadcaster, heartbeat_file=config.heartbeat_file),
        feeds=feeds,
        feed_job=FeedPollJob(feeds),
        run_scheduler=run_scheduler,
    )


def open_archive(config: AppConfig, *, thorough_check: bool = False
                 ) -> contextlib.AbstractAsyncContextManager[Archive]:
    tuning = Tuning(cache_mb=config.sqlite_cache_mb, mmap_mb=config.sqlite_mmap_mb)
    return Archive.open(config.database_path, tuning=tuning, thorough_check=thorough_check)


class StartupError(Exception):
    """The bot cannot start; ``str()`` is one line in Russian naming the cause."""


RETRYABLE = (TelegramNetworkError, TelegramServerError, aiohttp.ClientError, TimeoutError)


async def reach_telegram(
    bot: Bot, api_url: str | None, *, first_delay: float = 1.0, max_delay: float = 60.0
) -> User:
    """getMe until it answers: a rejected token is fatal, a network that is down is waited
    out with a growing pause (one warning line per attempt, no traceback)."""
    delay = first_delay
    while True:
        try:
            return await bot.get_me()
        except TelegramUnauthorizedError:
            raise StartupError(texts.STARTUP_TOKEN_REJECTED) from None
        except RETRYABLE as exc:
            log.warning(texts.STARTUP_UNREACHABLE.format(
                url=api_url or "api.telegram.org", cause=_cause(exc), delay=round(delay)))
        await asyncio.sleep(delay)
        delay = min(max_delay, delay * 2)


def _cause(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def run(config: AppConfig, *, handle_signals: bool = True) -> None:
    """Run until SIGTERM/SIGINT: stop taking updates, finish in-flight work, close everything."""
    async with AsyncExitStack() as stack:
        try:
            # before the file is opened: a second bot on this database must not touch it
            stack.enter_context(instance_lock(config.database_path))
            archive = await stack.enter_async_context(open_archive(config, thorough_check=True))
        except DatabaseUnusable as exc:  # another instance, a foreign or damaged file
            raise StartupError(str(exc)) from None
        except Exception as exc:  # permissions, a full disk: say which
            raise StartupError(texts.STARTUP_DATABASE.format(
                path=config.database_path, cause=_cause(exc))) from None
        bot = make_bot(config)
        stack.push_async_callback(bot.session.close)
        await reach_telegram(bot, config.telegram_api_url)
        pool = await stack.enter_async_context(
            AnalysisPool(idle_seconds=config.analysis_idle_seconds)
        )
        dp = make_dispatcher()
        deps = make_deps(config, archive, bot, pool)
        await dp.start_polling(
            bot, handle_signals=handle_signals,
            allowed_updates=dp.resolve_used_update_types(), **deps,
        )
    log.info("bot stopped cleanly")


def setup_logging(level: str, token: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter(token, "%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    logging.basicConfig(level=level, handlers=[handler])
    # LoggingMiddleware writes one line per update (aiogram.event would add a second), and
    # APScheduler's "Running job"/"executed successfully" would come every 30 s
    for noisy in ("aiogram.event", "apscheduler"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))


def main() -> int:
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"newsdigest: {exc}", file=sys.stderr)
        return 2
    setup_logging(config.log_level, config.token)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(run(config))
    except StartupError as exc:
        print(f"newsdigest: {exc}", file=sys.stderr)
        return 1
    return 0
