"""The feed poll job: one APScheduler interval job per bot process, like the digest tick.

Each run only starts polls of the sources that are due (at most one poll per source at a
time, see core.feeds.poller.Feeds) and returns, so the job itself never overlaps
(`max_instances=1`) and a slow source never delays the others' schedule.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.scheduler import start_interval_job
from core.feeds.poller import TICK_SECONDS, Feeds

log = logging.getLogger("newsdigest.feeds")


class FeedPollJob:
    """`start()` inside the running loop (dp.startup); `await shutdown()` in dp.shutdown."""

    def __init__(self, feeds: Feeds, *, tick_seconds: float = TICK_SECONDS) -> None:
        self.feeds = feeds
        self.tick_seconds = tick_seconds
        self._scheduler: AsyncIOScheduler | None = None

    def start(self) -> None:
        if self._scheduler is not None:
            return
        self._scheduler = start_interval_job(self._fire, self.tick_seconds, "feed-poll")
        log.info("feed poller started (checks due sources every %s s)", self.tick_seconds)

    async def _fire(self) -> None:
        try:
            await self.feeds.start_due()
        except Exception:
            log.exception("feed poll job failed")

    async def shutdown(self) -> None:
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        await self.feeds.close()
        await self.feeds.fetcher.session.close()
