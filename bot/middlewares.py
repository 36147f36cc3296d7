"""Outer middlewares: per-user throttling and logging of what the bot does (never bodies)."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject, Update

from bot import texts

log = logging.getLogger("newsdigest.bot")


class ThrottleMiddleware(BaseMiddleware):
    """A token bucket per user: bursts of `burst`, then `rate` events/s.

    A flooding reader is slowed down (one polite notice, then silence) while every other
    reader's bucket is untouched.
    """

    def __init__(self, rate: float = 1.0, burst: int = 5, max_users: int = 100_000):
        self.rate, self.burst, self.max_users = rate, burst, max_users
        self._buckets: OrderedDict[int, tuple[float, float, bool]] = OrderedDict()

    def _allow(self, user_id: int) -> tuple[bool, bool]:
        now = time.monotonic()
        tokens, stamp, warned = self._buckets.pop(user_id, (float(self.burst), now, False))
        tokens = min(self.burst, tokens + (now - stamp) * self.rate)
        allowed = tokens >= 1
        if allowed:
            tokens -= 1
        notify = not allowed and not warned
        self._buckets[user_id] = (tokens, now, not allowed)  # warned until allowed again
        if len(self._buckets) > self.max_users:
            self._buckets.popitem(last=False)
        return allowed, notify

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = data.get("event_from_user")
        if user is None:
            return await handler(event, data)
        allowed, notify = self._allow(user.id)
        if allowed:
            return await handler(event, data)
        log.info("throttled user %s", user.id)
        if notify and isinstance(event, Message):
            await event.answer(texts.THROTTLED)
        elif isinstance(event, CallbackQuery):
            await event.answer(texts.THROTTLED_BUTTON, show_alert=False)
        return None


class LoggingMiddleware(BaseMiddleware):
    """One line per update: its kind, the user id, the outcome and the time taken."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, Update)
        user = data.get("event_from_user")
        started = time.perf_counter()
        try:
            result = await handler(event, data)
        except Exception:
            # logged once, here; re-raised to bot.errors.answer_failure, which tells the user
            # and marks it handled (aiogram then logs nothing more)
            log.exception("update %s (%s) from %s failed", event.update_id, event.event_type,
                          user.id if user else "-")
            raise
        log.info("update %s (%s) from %s handled in %.0f ms", event.update_id, event.event_type,
                 user.id if user else "-", (time.perf_counter() - started) * 1000)
        return result


class RedactingFormatter(logging.Formatter):
    """Formats records with the bot token's secret part replaced by <token> everywhere: the
    message, exception text and stack (library errors carry request URLs with the token)."""

    def __init__(self, token: str, fmt: str | None = None) -> None:
        super().__init__(fmt)
        self.token = token
        # the part after ":" is the secret, and it survives URL-quoting of the ":" too
        self.secret = token.partition(":")[2] or token

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if not self.secret:
            return text
        return text.replace(self.token, "<token>").replace(self.secret, "<token>")
