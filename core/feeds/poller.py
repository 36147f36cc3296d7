"""The feed poller: due sources → new entries → pages → the shared ingest service.

One instance per bot process, driven by one APScheduler interval job (`max_instances=1`, as
the digest tick). Each source is fetched by at most one task at a time (`_running`), whether
the tick or an admin's `/feed add` started it. Analysis runs in the process pool; the loop
only fetches and writes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from core.feeds.discover import discover
from core.feeds.extract import analyze_arrival
from core.feeds.fetch import Fetcher, FetchError, backoff_seconds
from core.feeds.pages import fetch_page
from core.feeds.parse import FeedEntry, FeedError, parse_feed
from core.ingest import IngestReport, ingest_items
from digest.pool import AnalysisPool
from storage import Archive
from storage.feeds import DEFAULT_INTERVAL, FeedSource, FeedSources

log = logging.getLogger("newsdigest.feeds")
Clock = Callable[[], datetime]
MAX_ENTRIES_PER_POLL = 50
TICK_SECONDS = 30


@dataclass(frozen=True, slots=True)
class Link:
    """One article to fetch: `name` (its URL) is what the ingest report shows."""

    name: str
    title: str | None = None
    published: datetime | None = None
    source: str | None = None
    fallback_text: str = ""


@dataclass(frozen=True, slots=True)
class PollResult:
    source_id: int
    report: IngestReport | None = None  # None: not modified, or failed
    error: str | None = None
    not_modified: bool = False
    skipped: bool = False  # another fetch of this source was already running


def source_name(title: str | None, url: str) -> str:
    return (title or "").strip()[:120] or (urlsplit(url).hostname or url)


class Feeds:
    """Links and feeds → articles. Shared by the bot (poller, admin commands) and the CLI."""

    def __init__(
        self,
        archive: Archive,
        pool: AnalysisPool,
        fetcher: Fetcher,
        *,
        max_entries: int = MAX_ENTRIES_PER_POLL,
        concurrency: int = 4,
        clock: Clock = lambda: datetime.now(UTC),
    ) -> None:
        self.archive = archive
        self.sources = FeedSources(archive.db)
        self.pool = pool
        self.fetcher = fetcher
        self.max_entries = max_entries
        self.clock = clock
        self._slots = asyncio.Semaphore(concurrency)  # sources fetched at once
        self._running: dict[int, asyncio.Task[PollResult]] = {}

    # --- links ------------------------------------------------------------------------------

    async def _analyze(self, link: Link):
        arrival = await fetch_page(
            self.fetcher, link.name, title=link.title, published=link.published,
            source=link.source, fallback_text=link.fallback_text,
        )
        return await self.pool.run(analyze_arrival, arrival)

    async def ingest_links(
        self, links: list[Link], *, uploaded_by: int | None = None
    ) -> IngestReport:
        """Fetch and file each link; the report is the uploads' one (added, duplicate of #N,
        rejected with the reason)."""
        return await ingest_items(
            self.archive, self.pool, links, uploaded_by=uploaded_by, total=len(links),
            analyze=self._analyze,
        )

    # --- sources ----------------------------------------------------------------------------

    async def add_source(
        self, url: str, *, added_by: int | None = None, interval: int = DEFAULT_INTERVAL
    ) -> tuple[FeedSource, bool]:
        """Resolve `url` to a feed (autodiscovery) and store it, due at once.
        Raises FetchError / FeedError with a Russian message."""
        found = await discover(self.fetcher, url)
        return await self.sources.add(
            found.url, source_name(found.feed.title, found.url), added_by=added_by,
            interval=interval, now=self.clock(),
        )

    def poll_soon(self, source_id: int) -> asyncio.Task[PollResult]:
        """Start a poll of one source now (or return the one already running)."""
        running = self._running.get(source_id)
        if running is not None and not running.done():
            return running
        task = asyncio.create_task(self._poll_guarded(source_id))
        self._running[source_id] = task
        task.add_done_callback(lambda t: self._forget(source_id, t))
        return task

    def _forget(self, source_id: int, task: asyncio.Task) -> None:
        if self._running.get(source_id) is task:
            del self._running[source_id]

    async def start_due(self) -> list[asyncio.Task[PollResult]]:
        """Start a poll of every due source not already being polled (the bot's job)."""
        due = await self.sources.due(self.clock())
        return [self.poll_soon(s.id) for s in due if s.id not in self._running]

    async def tick(self) -> list[PollResult]:
        """Poll every due source and wait for all of them (the CLI and tests)."""
        tasks = await self.start_due()
        return list(await asyncio.gather(*tasks)) if tasks else []

    async def close(self) -> None:
        """Cancel polls in flight (entries not yet remembered are taken next time)."""
        tasks = list(self._running.values())
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _poll_guarded(self, source_id: int) -> PollResult:
        async with self._slots:
            source = await self.sources.get(source_id)
            if source is None:
                return PollResult(source_id, skipped=True)
            try:
                return await self._poll(source)
            except (FetchError, FeedError) as exc:
                return await self._failed(source, str(exc))
            except asyncio.CancelledError:
                raise
            except Exception:  # one broken source must not stop the others
                log.exception("feed %s: poll failed", source.url)
                return await self._failed(source, "внутренняя ошибка — подробности в журнале бота")

    async def _failed(self, source: FeedSource, error: str) -> PollResult:
        retry_in = backoff_seconds(source.interval, source.failures + 1)
        log.warning("feed %s failed (%d in a row, retry in %.0f s): %s", source.url,
                    source.failures + 1, retry_in, error)
        await self.sources.record_failure(source.id, error, retry_in=retry_in, now=self.clock())
        return PollResult(source.id, error=error)

    async def _poll(self, source: FeedSource) -> PollResult:
        fetched = await self.fetcher.get(
            source.url, etag=source.etag, last_modified=source.last_modified
        )
        if fetched.not_modified:
            await self.sources.record_success(
                source.id, taken=0, etag=None, last_modified=None, interval=source.interval,
                now=self.clock(), keep_validators=True,
            )
            return PollResult(source.id, not_modified=True)
        # feedparser is pure-Python CPU work: off the event loop
        feed = await asyncio.to_thread(parse_feed, fetched.body, fetched.url, fetched.charset)
        fresh = await self._new_entries(source, feed.entries)
        entries = fresh[: self.max_entries]
        # entries left for the next poll: forget the validators, or it would get a 304
        complete = len(fresh) <= self.max_entries
        links = [
            Link(e.link or e.key, e.title, e.published, source.name, e.text) for e in entries
        ]
        report = await self.ingest_links(links)
        await self.sources.remember(source.id, _outcomes(entries, report))
        await self.sources.record_success(
            source.id, taken=len(report.added), etag=fetched.etag if complete else None,
            last_modified=fetched.last_modified if complete else None,
            interval=source.interval, now=self.clock(),
        )
        log.info("feed %s: %d new entries, %s", source.url, len(entries), report.summary())
        return PollResult(source.id, report=report)

    async def _new_entries(self, source: FeedSource, entries: list[FeedEntry]) -> list[FeedEntry]:
        unseen = await self.sources.unseen(source.id, [(e.key, e.link) for e in entries])
        fresh, keys = [], set()
        for entry in entries:
            # an entry without a fetchable link is only usable through its own text
            usable = entry.link is not None or entry.text.strip()
            if entry.key in unseen and entry.key not in keys and usable:
                keys.add(entry.key)
                fresh.append(entry)
        return fresh


def _outcomes(entries: list[FeedEntry], report: IngestReport
              ) -> list[tuple[str, str | None, str, int | None]]:
    """(key, link, outcome, article id) for every entry, from the report's names (URLs)."""
    by_name: dict[str, tuple[str, int | None]] = {}
    for name, article_id in report.added:
        by_name[name] = ("added", article_id)
    for name, article_id in report.duplicates:
        by_name[name] = ("duplicate", article_id)
    for name, _reason in report.rejected:
        by_name[name] = ("rejected", None)
    out: list[tuple[str, str | None, str, int | None]] = []
    for entry in entries:
        outcome, found_id = by_name.get(entry.link or entry.key, ("rejected", None))
        out.append((entry.key, entry.link, outcome, found_id))
    return out
