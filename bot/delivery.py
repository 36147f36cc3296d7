"""Digest delivery: compose once per reader profile, store the parts, send, record each message.

Exactly-once, as far as Telegram allows:

1. A delivery row (chat, local date) is created WITH its rendered parts (the outbox) before
   anything is sent, so a resumed delivery sends exactly the same remaining parts.
2. Each part is sent, and its message id is recorded (`delivery_part_sent`) right after
   Telegram confirms it; the delivery is marked sent after the last part.
3. On restart, unfinished deliveries resume from the first unconfirmed part.

The only message that can be sent twice is one whose sendMessage Telegram accepted right
before the process was killed (kill -9, power loss) — or whose answer was lost to a network
error or timeout — and whose id was therefore not recorded: at most one message per
subscriber, because each subscriber has at most one message in flight. A graceful stop
(task cancellation, `stop()`) waits for the message in flight to be confirmed and recorded.
Nothing is marked delivered before Telegram confirmed it, so nothing is lost.

Errors: 429 pauses the whole broadcast for retry_after and retries the same message; 403
marks the subscriber blocked (inactive) and the delivery blocked — so does a 400 saying the
bot can no longer post in the chat at all (a channel or group deleted, the bot's rights taken:
the chat is paused, and the admin who attached it is told once, by the scheduler); 5xx and
network errors are retried with bounded exponential backoff, then the delivery is `failed`
and retried by a later tick (below `max_attempts`); any other 400 is logged and the delivery
given up (retrying would fail the same way); a group that became a supergroup
(migrate_to_chat_id) gets the rest of the digest in the new chat, and its subscription,
follows and delivery history move to the new id (written to the audit log).

Groups and channels get at most 20 messages a minute (the limiter's per_group spacing).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiohttp
from aiogram import Bot
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import InlineKeyboardMarkup, LinkPreviewOptions

from bot.channel_posts import channel_markup
from bot.digest_format import digest_messages
from bot.ratelimit import BroadcastLimiter
from bot.retry import caller_handles_429
from core.config import DEFAULT_ZONE
from core.digests import MAX_WINDOW, Clock, DigestComposer, Preview, reader_preview, utc_now
from digest.compose import MAX_ITEMS, Profile
from storage import Archive, ChatKind, Delivery, DeliveryStatus, NewDelivery, RunStats
from storage.outbox import unfinished

log = logging.getLogger("newsdigest.delivery")

TRANSIENT = (TelegramServerError, TelegramNetworkError, aiohttp.ClientError, asyncio.TimeoutError)


@dataclass(frozen=True, slots=True)
class Due:
    """A reader whose digest for `local_date` should be created and sent."""

    chat_id: int
    local_date: date


# a 400 after which nothing can be posted to the chat until people fix it (lower case)
CANNOT_POST = (
    "chat not found", "need administrator rights", "not enough rights",
    "have no rights to send", "chat_write_forbidden", "chat_restricted",
)


class _ChatLost(Exception):
    """Telegram refuses every message to the chat (message: its description)."""


class _GiveUp(Exception):
    """The delivery cannot go on in this run (message: the error to record)."""

    def __init__(self, error: str, *, final: bool = False) -> None:
        super().__init__(error)
        self.final = final


class Broadcaster:
    """Sends digests. `await run(due, resume, now)` is one broadcast; see the module doc."""

    def __init__(
        self,
        archive: Archive,
        bot: Bot,
        *,
        rate: float = 25.0,
        clock: Clock | None = None,
        max_attempts: int = 5,
        concurrency: int | None = None,
        empty_text: str | None = None,
        per_chat: float = 1.0,
        per_group: float = 3.0,
        backoff: tuple[float, float] = (1.0, 8.0),
        transient_retries: int = 5,
        max_retry_after: int = 50,
        default_tz: str = DEFAULT_ZONE,
    ) -> None:
        self.archive = archive
        self.bot = bot
        self.clock = clock or utc_now
        self.max_attempts = max_attempts
        self.limiter = BroadcastLimiter(rate, per_chat=per_chat, per_group=per_group)
        # each worker has at most one message in flight and waits per_chat between a
        # reader's parts: enough workers keep the global bucket busy
        self.concurrency = concurrency or max(4, int(rate * (per_chat + 1)) + 4)
        self.empty_text = empty_text
        self.backoff = backoff
        self.transient_retries = transient_retries
        self.max_retry_after = max_retry_after
        self.composer = DigestComposer(archive, default_tz=default_tz)
        self.current: RunStats | None = None  # the run in progress (for /stats)
        self._stopping = False

    # --- previews ---------------------------------------------------------------------

    async def compose_for(
        self, chat_id: int, now: datetime | None = None, *, max_items: int = MAX_ITEMS
    ) -> Preview:
        """The /digest preview for one reader; records nothing (safe during a broadcast).

        It covers the window of their last digest too (so a larger `max_items` lists the
        stories it left for "И ещё N — /digest") and everything ingested since."""
        return await reader_preview(self.archive, chat_id, now or self.clock(),
                                    default_tz=self.composer.default_tz, max_items=max_items)

    # --- preparing --------------------------------------------------------------------

    async def prepare(self, due: list[Due], now: datetime) -> list[Delivery]:
        """Compose (cached per profile and window) and create the delivery rows with parts."""
        if not due:
            return []
        oldest = min(d.local_date for d in due) - MAX_WINDOW - timedelta(days=1)
        last = await self.archive.outbox.last_until(oldest)
        follows = await self.archive.subscribers.all_follows({d.chat_id for d in due})
        # a channel's readers cannot press callback buttons: they get links to the bot
        channels = {s.chat_id for s in await self.archive.subscribers.chats()
                    if s.kind == ChatKind.CHANNEL}
        username = ""
        if channels:
            username = (await self.bot.me()).username or ""
        rendered: dict[tuple, list[dict[str, Any]]] = {}
        new: list[NewDelivery] = []
        for item in due:
            profile = Profile.from_follows(follows.get(item.chat_id, []))
            since, until = self.composer.window(now, last.get(item.chat_id))
            key = (profile, since, until, item.local_date)
            parts = rendered.get(key)
            if parts is None:
                digest = await self.composer.digest(profile, since, until)
                parts = digest_messages(digest, local_date=item.local_date,
                                        empty_text=self.empty_text, window=(since, until))
                rendered[key] = parts
            if item.chat_id in channels:
                parts = [{**part, "reply_markup": channel_markup(part["reply_markup"], username)}
                         for part in parts]
            new.append(NewDelivery(item.chat_id, item.local_date, parts, since, until))
        boxes: list[Delivery] = []
        for start in range(0, len(new), 1000):
            boxes += await self.archive.outbox.create(new[start:start + 1000])
        return boxes

    # --- sending ----------------------------------------------------------------------

    def stop(self) -> None:
        """Finish the messages in flight, start no new ones (the rest stays pending)."""
        self._stopping = True

    async def run(
        self, due: list[Due], resume: list[Delivery] | None = None, now: datetime | None = None
    ) -> RunStats:
        """Resume `resume`, then create and send the `due` digests. Records a digest_runs row."""
        now = now or self.clock()
        self._stopping = False
        self.composer.clear()
        stats = RunStats(started_at=now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"))
        resume = resume or []
        stats.resumed = len(resume)
        self.current = stats
        await self.archive.outbox.start_run(stats)
        started = time.monotonic()
        try:
            boxes = await self.prepare(due, now)
            fresh = [b for b in boxes if b.status != DeliveryStatus.SENT]
            stats.empty = sum(1 for b in boxes if b.status == DeliveryStatus.SENT and not b.parts)
            stats.due = len(boxes)
            await self.send([*resume, *fresh], stats)
        except BaseException as exc:
            stats.error = f"{type(exc).__name__}: {exc}"[:500]
            raise
        finally:
            stats.extra.update(
                composed=self.composer.composed, compose_cpu=self.composer.compose_seconds,
                seconds=time.monotonic() - started,
            )
            stats.finished_at = self.clock().astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
            with contextlib.suppress(Exception):
                await asyncio.shield(self.archive.outbox.finish_run(stats))
            self.current = None
            log.info(
                "digest run: due=%d resumed=%d sent=%d empty=%d failed=%d blocked=%d "
                "pending=%d messages=%d 429=%d composed=%d in %.1fs",
                stats.due, stats.resumed, stats.sent, stats.empty, stats.failed, stats.blocked,
                stats.pending, stats.messages, stats.retry_after, self.composer.composed,
                stats.extra["seconds"],
            )
        return stats

    async def send(self, boxes: list[Delivery], stats: RunStats) -> None:
        """Deliver the outboxes through `concurrency` workers, resumed ones first."""
        queue: asyncio.Queue[Delivery] = asyncio.Queue()
        for box in unfinished(boxes):
            queue.put_nowait(box)

        async def worker() -> None:
            while not queue.empty():
                box = queue.get_nowait()
                if self._stopping:
                    stats.pending += 1
                    continue
                await self._deliver(box, stats)

        workers = [asyncio.create_task(worker()) for _ in range(min(self.concurrency,
                                                                    queue.qsize()))]
        try:
            await asyncio.gather(*workers)
        finally:
            for task in workers:
                if not task.done() and not task.cancelling():
                    task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)

    async def _deliver(self, box: Delivery, stats: RunStats) -> None:
        target: int = box.chat_id
        try:
            for part in box.remaining:
                if self._stopping:
                    stats.pending += 1
                    return
                target = await self._send_part(box, part, target, stats)
            await self.archive.outbox.sent(box.id)
            stats.sent += 1
        except (TelegramForbiddenError, _ChatLost) as exc:
            # both writes or neither, even if we are cancelled between them (a stop, a
            # restart): a subscriber marked blocked whose delivery stayed pending would
            # never be resumed (open deliveries skip blocked readers) nor finished
            error = exc.message if isinstance(exc, TelegramForbiddenError) else str(exc)
            await self._guarded(self._record_blocked(box, error[:300]))
            stats.blocked += 1
            log.info("chat %s cannot be written to (%s): paused", box.chat_id, error)
        except _GiveUp as exc:
            stats.failed += 1
            if exc.final:
                await self.archive.outbox.give_up(box.id, str(exc)[:300], self.max_attempts)
            else:
                failed = await self.archive.outbox.failed(box.id, str(exc)[:300])
                stats.pending += failed.attempts < self.max_attempts
            log.warning("digest to %s failed: %s", box.chat_id, exc)
        finally:
            self.limiter.forget(target)

    async def _send_part(
        self, box: Delivery, part: dict[str, Any], target: int, stats: RunStats
    ) -> int:
        """Send one part until Telegram confirms it; returns the chat it went to."""
        markup = part.get("reply_markup")
        keyboard = InlineKeyboardMarkup.model_validate(markup) if markup else None
        retry_afters = transient = 0
        while True:
            await self.limiter.acquire(target)
            try:
                with caller_handles_429():  # the limiter paces and retries digest sends
                    await self._guarded(
                        self._send_and_record(box, target, part["text"], keyboard)
                    )
                stats.messages += 1
                return target
            except TelegramRetryAfter as exc:
                stats.retry_after += 1
                retry_afters += 1
                self.limiter.pause(exc.retry_after)
                log.warning("429: pausing the broadcast for %s s", exc.retry_after)
                if retry_afters > self.max_retry_after:
                    raise _GiveUp(f"flood control: {retry_afters} × 429") from exc
            except TelegramMigrateToChat as exc:
                log.info("chat %s moved to %s", target, exc.migrate_to_chat_id)
                await self.archive.audit.record(None, "chat_migrated", None,
                                         f"{target} -> {exc.migrate_to_chat_id}")
                if await self.archive.subscribers.move(box.chat_id, exc.migrate_to_chat_id):
                    box.chat_id = exc.migrate_to_chat_id
                target = exc.migrate_to_chat_id
            except (TelegramBadRequest, TelegramNotFound) as exc:
                if any(sign in exc.message.lower() for sign in CANNOT_POST):
                    raise _ChatLost(exc.message) from exc
                raise _GiveUp(f"bad request: {exc.message}", final=True) from exc
            except TelegramForbiddenError:
                raise  # blocked: handled by _deliver
            except TelegramUnauthorizedError:
                raise  # the token is wrong: nothing can be sent, stop the whole run
            except TRANSIENT as exc:
                transient += 1
                if transient > self.transient_retries:
                    raise _GiveUp(f"{type(exc).__name__}: {exc}") from exc
                base, cap = self.backoff
                await asyncio.sleep(min(cap, base * 2 ** (transient - 1)))
            except TelegramAPIError as exc:  # anything else Telegram says: retry next tick
                raise _GiveUp(f"{type(exc).__name__}: {exc.message}") from exc

    async def _send_and_record(
        self, box: Delivery, target: int, text: str, keyboard: InlineKeyboardMarkup | None
    ) -> int:
        message = await self.bot.send_message(
            target, text, parse_mode=ParseMode.HTML, reply_markup=keyboard,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
        await self.archive.outbox.part_sent(box.id, message.message_id)
        box.message_ids.append(message.message_id)
        return message.message_id

    async def _record_blocked(self, box: Delivery, error: str) -> int:
        await self.archive.outbox.blocked(box.id, error)
        await self.archive.subscribers.mark_blocked(box.chat_id)
        return box.id

    @staticmethod
    async def _guarded(coro: Any) -> int:
        """Run send+record to the end even if we are cancelled meanwhile (graceful stop):
        a message Telegram accepted is always recorded unless the process dies."""
        task = asyncio.ensure_future(coro)
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 60
            while not task.done() and loop.time() < deadline:
                try:
                    await asyncio.wait({task}, timeout=deadline - loop.time())
                except asyncio.CancelledError:
                    continue  # cancelled again: still let the message be recorded
            # the stop wins, but what happened to the message in flight is logged: a send
            # refused or a message id not recorded (it is resent on resume) is not silent
            if not task.done():
                log.error("stop: a digest message was still in flight after 60 s")
            elif not task.cancelled() and task.exception() is not None:
                log.error("stop: the digest message in flight failed: %r", task.exception())
            raise
