"""Replies that meet Telegram's flood limit (429) wait `retry_after` and go again.

A session request middleware, so every reply of every handler gets it. The wait is bounded:
a request gives up (the 429 propagates) once the next wait would pass `max_wait` seconds since
its first attempt. The digest broadcaster paces and retries its own sends (it pauses every
chat on a 429); it marks them with `caller_handles_429()` and this middleware stays out.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response

log = logging.getLogger("newsdigest.bot")
_caller_handles_429: ContextVar[bool] = ContextVar("caller_handles_429", default=False)


@contextlib.contextmanager
def caller_handles_429() -> Iterator[None]:
    """Requests made inside (and in tasks started inside) are not retried here."""
    token = _caller_handles_429.set(True)
    try:
        yield
    finally:
        _caller_handles_429.reset(token)


class RetryAfterMiddleware(BaseRequestMiddleware):
    def __init__(self, max_wait: float = 60.0) -> None:
        self.max_wait = max_wait

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        if _caller_handles_429.get():
            return await make_request(bot, method)
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + self.max_wait
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                wait = max(1, exc.retry_after)
                if loop.time() + wait > give_up_at:
                    raise
                log.info("429 on %s: again in %s s", type(method).__name__, wait)
                await asyncio.sleep(wait)
