"""Digest use cases without Telegram: article windows, one compose per (profile, window), and
a reader's digest as plain HTML parts plus the articles its card buttons open.

The bot sends these parts (bot.delivery); the CLI prints them (newsdigest digest).
"""

from __future__ import annotations

import asyncio
import time as clock_time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.config import DEFAULT_ZONE
from core.digest_text import EMPTY_TEXT, card_ids, render_all_pages, render_digest
from core.html import day_month
from digest.compose import MAX_ITEMS, Digest, DigestArticle, Profile, compose
from storage import Archive

FIRST_WINDOW = timedelta(hours=24)  # the first digest covers the last 24 hours
MAX_WINDOW = timedelta(days=3)  # never more than 3 days (a reader back after a pause)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Preview:
    """One reader's digest, not recorded anywhere (/digest, the CLI)."""

    digest: Digest
    parts: list[str]  # HTML; never empty (EMPTY_TEXT when there is nothing new)
    cards: list[int]  # the article each card button of the last part opens
    local_date: date
    since: datetime
    until: datetime
    profile: Profile = field(default_factory=Profile)


class UnknownReader(LookupError):
    """A preview was asked for a chat that is not a subscriber."""


class DigestComposer:
    """Windows, profiles and composition with caches: one compose per (profile, window)."""

    def __init__(self, archive: Archive, *, default_tz: str = DEFAULT_ZONE) -> None:
        self.archive = archive
        self.default_tz = default_tz
        self._articles: dict[tuple[datetime, datetime], list[DigestArticle]] = {}
        self._digests: dict[
            tuple[Profile, datetime, datetime, int, tuple[int, ...] | None], Digest
        ] = {}
        self.composed = 0
        self.compose_seconds = 0.0  # CPU time spent in compose()

    def clear(self) -> None:
        """Forget cached windows and digests and reset the counters (each run starts anew)."""
        self._articles.clear()
        self._digests.clear()
        self.composed = 0
        self.compose_seconds = 0.0

    @staticmethod
    def window(until: datetime, last_until: datetime | None) -> tuple[datetime, datetime]:
        until = until.astimezone(UTC).replace(microsecond=0)
        if last_until is None:
            return until - FIRST_WINDOW, until
        since = max(last_until, until - MAX_WINDOW)
        return min(since, until), until

    async def digest(self, profile: Profile, since: datetime, until: datetime,
                     max_items: int = MAX_ITEMS, *,
                     pinned: tuple[int, ...] | None = None) -> Digest:
        """compose() of the window's articles, cached; `pinned` as compose takes it."""
        key = (profile, since, until, max_items, pinned)
        found = self._digests.get(key)
        if found is None:
            articles = self._articles.get((since, until))
            if articles is None:
                articles = await self.archive.articles.between(since, until)
                self._articles[(since, until)] = articles
            started = clock_time.process_time()
            found = compose(articles, profile, max_items=max_items, pinned=pinned)
            self.compose_seconds += clock_time.process_time() - started
            self.composed += 1
            self._digests[key] = found
            await asyncio.sleep(0)  # compose is CPU work: let the loop breathe between them
        return found

    async def preview(self, chat_id: int | None, now: datetime, *, tz: str | None = None,
                      since: datetime | None = None, local_date: date | None = None,
                      max_items: int = MAX_ITEMS, with_last: bool = False) -> Preview:
        """`chat_id`'s digest as it would be sent at `now` (None: a reader who follows nothing).

        The window ends at `now` and starts at the end of their last sent digest (else 24 h
        back) unless `since` is given; `with_last` starts it at the START of their last
        digest's window instead (its stories in full, plus what came since). The header
        shows `local_date` (default: now's).
        """
        sub = await self.archive.subscribers.get(chat_id) if chat_id is not None else None
        zone = ZoneInfo(tz or (sub.tz if sub else self.default_tz))
        follows = await self.archive.subscribers.follows(sub.chat_id) if sub else []
        profile = Profile.from_follows(follows)
        window = None
        if chat_id is not None and since is None:
            window = await self.archive.outbox.last_window(chat_id)
        last = window[1] if window else None  # self.window() caps how far back it reaches
        if with_last and window is not None and window[0] >= now - MAX_WINDOW:
            since = window[0]
        if since is None:  # a preview also shows what was ingested this very second
            lo, hi = self.window(now + timedelta(seconds=1), last)
        else:
            hi = (now + timedelta(seconds=1)).astimezone(UTC).replace(microsecond=0)
            lo = since.astimezone(UTC)
        digest = await self.digest(profile, lo, hi, max_items)
        local_date = local_date or hi.astimezone(zone).date()
        parts = render_digest(digest, local_date=local_date, empty_text=EMPTY_TEXT)
        return Preview(digest, parts, card_ids(digest, local_date=local_date), local_date, lo, hi,
                       profile)


async def reader_preview(
    archive: Archive, chat_id: int, now: datetime, *, default_tz: str = DEFAULT_ZONE,
    max_items: int = MAX_ITEMS,
) -> Preview:
    """The /digest preview for one reader; records nothing (safe during a broadcast).

    It covers the window of their last digest too (so a larger `max_items` lists the stories
    it left for "И ещё N — /digest") and everything ingested since."""
    composer = DigestComposer(archive, default_tz=default_tz)
    return await composer.preview(chat_id, now, max_items=max_items, with_last=True)


async def cli_preview(
    archive: Archive, *, chat_id: int | None, day: date | None, tz: str | None,
    default_tz: str = DEFAULT_ZONE, now: datetime | None = None,
) -> Preview:
    """`newsdigest digest`: without `day`, the digest as the bot would compose it now (for a
    reader: since their last digest, else the last 24 hours); with `day`, the articles
    PUBLISHED on that day (their own date, whenever they were ingested), composed for the
    reader's follows.

    Raises UnknownReader when `chat_id` is not a subscriber."""
    sub = await archive.subscribers.get(chat_id) if chat_id is not None else None
    if chat_id is not None and sub is None:
        raise UnknownReader(chat_id)
    composer = DigestComposer(archive, default_tz=tz or default_tz)
    if day is None:
        preview = await composer.preview(chat_id, now or utc_now(), tz=tz)
    else:
        zone = ZoneInfo(tz or (sub.tz if sub else default_tz))
        start = datetime.combine(day, time(0), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        follows = await archive.subscribers.follows(sub.chat_id) if sub else []
        profile = Profile.from_follows(follows)
        digest = compose(await archive.articles.published_on(day), profile)
        empty = f"В архиве нет статей, опубликованных {day_month(day)} {day.year}."
        parts = render_digest(digest, local_date=day, empty_text=empty)
        preview = Preview(digest, parts, card_ids(digest, local_date=day), day, start, end,
                          profile)
    if not preview.digest.empty:  # a terminal has no "ещё N" button: every page, in order
        pages = render_all_pages(preview.digest, local_date=preview.local_date)
        preview.parts = [page.html for page in pages]
    return preview
