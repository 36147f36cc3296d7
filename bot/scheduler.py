"""The daily digest tick: one APScheduler interval job that finds who is due and broadcasts.

Subscribers' times live in the database, not in APScheduler jobs (see NOTES: job stores are
pickled and not shared between processes). Every `tick_seconds` the tick:

1. resumes unfinished deliveries dated the reader's local today (first unconfirmed part);
2. creates and sends a digest for every active subscriber whose local delivery time has
   passed today in their IANA zone and who has no delivery row for that local date.

So a bot that was down at delivery time catches up once on return the same local day, and
nobody gets two digests for one local date (the row is unique per (chat, date)). DST: a local
time that does not exist that day (02:30 on a spring-forward day) resolves with the offset in
force before the gap (fires at 03:30 new time); an ambiguous one (01:30 on a fall-back day)
fires at its first occurrence only. Run exactly ONE scheduler process per database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.channel_notices import tell_paused_owners
from bot.delivery import Broadcaster, Clock, Due, utc_now
from storage import Archive, Delivery, DeliveryStatus, RunStats, Subscriber
from storage.outbox import FINISHED

log = logging.getLogger("newsdigest.scheduler")


def start_interval_job(
    fire: Callable[[], Awaitable[None]], seconds: float, job_id: str
) -> AsyncIOScheduler:
    """A started scheduler running `fire` now and then every `seconds`, one run at a time;
    a late run still runs (the default 1 s misfire grace would silently skip it)."""
    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(
        fire, "interval", seconds=seconds, id=job_id,
        coalesce=True, max_instances=1, misfire_grace_time=3600,
        next_run_time=datetime.now(UTC),
    )
    scheduler.start()
    return scheduler


@lru_cache(maxsize=1024)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def scheduled_moment(local_date: date, hhmm: str, tz: str) -> datetime:
    """The aware UTC moment of `hhmm` on `local_date` in `tz` (fold=0: gaps resolve with the
    pre-transition offset, ambiguous times to their first occurrence)."""
    hour, minute = (int(x) for x in hhmm.split(":"))
    local = datetime.combine(local_date, time(hour, minute), tzinfo=_zone(tz))
    return local.astimezone(UTC)


def local_today(now: datetime, tz: str) -> date:
    return now.astimezone(_zone(tz)).date()


def due_subscribers(
    subscribers: list[Subscriber],
    existing: set[tuple[int, date]],
    now: datetime,
) -> list[Due]:
    """Active subscribers whose time passed today (local) and who have no row for today."""
    out = []
    for sub in subscribers:
        today = local_today(now, sub.tz)
        if (sub.chat_id, today) in existing:
            continue
        if now >= scheduled_moment(today, sub.delivery_time, sub.tz):
            out.append(Due(sub.chat_id, today))
    return out


@dataclass(frozen=True, slots=True)
class SchedulerStatus:
    last_tick: datetime | None  # the heartbeat
    running: RunStats | None  # the broadcast in progress
    last_run: RunStats | None  # the latest recorded run (may be the one in progress)
    today: dict[DeliveryStatus, int]  # today's (UTC) deliveries by status
    backlog: int  # of those, not finished yet


class DigestScheduler:
    """`start()` inside the running loop (dp.startup); `await shutdown()` before closing the
    archive and the bot session (dp.shutdown). Tests call `await tick(now=...)` directly."""

    def __init__(
        self,
        archive: Archive,
        broadcaster: Broadcaster,
        *,
        tick_seconds: float = 30,
        clock: Clock | None = None,
        heartbeat_file: Path | None = None,
    ) -> None:
        self.archive = archive
        self.broadcaster = broadcaster
        self.tick_seconds = tick_seconds
        self.heartbeat_file = heartbeat_file  # touched by every tick (Docker HEALTHCHECK)
        self.clock = clock or utc_now
        self.last_run: RunStats | None = None
        self.last_tick: datetime | None = None  # heartbeat
        self._scheduler: AsyncIOScheduler | None = None
        self._task: asyncio.Task | None = None
        self._lock = asyncio.Lock()

    # --- lifecycle --------------------------------------------------------------------

    def start(self) -> None:
        """Start the interval job in the running loop; the first tick runs right away."""
        if self._scheduler is not None:
            return
        self._scheduler = start_interval_job(self._fire, self.tick_seconds, "digest-tick")
        log.info("digest scheduler started (tick every %s s)", self.tick_seconds)

    async def _fire(self) -> None:
        # the job only launches the tick: a broadcast may outlast many intervals, and
        # APScheduler would warn about every skipped run
        if self.heartbeat_file is not None:
            try:
                self.heartbeat_file.touch()
            except OSError as exc:  # a health signal must never stop the digests
                log.warning("heartbeat file %s: %s", self.heartbeat_file, exc)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._safe_tick(), name="digest-tick")

    async def _safe_tick(self) -> None:
        try:
            await self.tick()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("digest tick failed")

    async def shutdown(self) -> None:
        """Stop the job; a broadcast in progress finishes its messages in flight and stops
        (its unfinished deliveries resume at the next start)."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        task, self._task = self._task, None
        if task is not None and not task.done():
            self.broadcaster.stop()
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout=10)
            except (TimeoutError, asyncio.CancelledError):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        log.info("digest scheduler stopped")

    # --- the tick ---------------------------------------------------------------------

    async def tick(self, now: datetime | None = None) -> RunStats | None:
        """Resume and send what is due at `now` (aware). None when nothing was to do."""
        now = now or self.clock()
        if now.tzinfo is None:
            raise ValueError("tick(now=...) needs an aware datetime")
        async with self._lock:
            self.last_tick = now
            resume, due = await self.find_work(now)
            stats = None
            if resume or due:
                stats = await self.broadcaster.run(due, resume, now)
                self.last_run = stats
            # a group or channel the bot lost (this run or before a restart): tell its admin
            await tell_paused_owners(self.broadcaster.bot, self.archive)
            return stats

    async def find_work(self, now: datetime) -> tuple[list[Delivery], list[Due]]:
        # local dates span UTC−12…UTC+14: rows from two days back cover every zone's today
        since = now.astimezone(UTC).date() - timedelta(days=2)
        subscribers = await self.archive.subscribers.all()
        existing = await self.archive.outbox.keys(since)
        attempts = self.broadcaster.max_attempts
        open_rows = await self.archive.outbox.open(since, max_attempts=attempts)
        resume = [b for b in open_rows if b.digest_date == local_today(now, b.tz or "UTC")]
        due = due_subscribers(subscribers, existing, now)
        return resume, due

    async def status(self) -> SchedulerStatus:
        """For /stats: heartbeat, the run in progress or the last one, today's backlog."""
        runs = await self.archive.outbox.runs(1)
        counts = await self.archive.outbox.counts(self.clock().astimezone(UTC).date())
        return SchedulerStatus(
            last_tick=self.last_tick,
            running=self.broadcaster.current,
            last_run=runs[0] if runs else None,
            today=counts,
            backlog=sum(v for k, v in counts.items() if k not in FINISHED),
        )
