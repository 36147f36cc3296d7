"""Last resort for a handler that failed: the user always gets an answer, never silence.

The failure is already logged (LoggingMiddleware, with its traceback); here the reader or admin
is told in words what happened — the database busy past its timeout, the disk full — or that
the bot failed, without naming the cause's class.
"""

from __future__ import annotations

import contextlib
import logging

from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.types import ErrorEvent, Message

from bot import texts
from storage import Failure, failure_kind

log = logging.getLogger("newsdigest.bot")


def explain(exc: BaseException) -> str:
    kind = failure_kind(exc)
    if kind is Failure.LOCKED:
        return texts.DB_BUSY
    if kind is Failure.FULL:
        return texts.DISK_FULL
    return texts.FAILED


async def answer_failure(event: ErrorEvent) -> bool:
    if isinstance(event.exception, TelegramBadRequest) and event.update.message is not None:
        # Telegram refused this reply itself (too long, bad HTML): a short one still goes
        text = texts.FAILED
    elif isinstance(event.exception, TelegramAPIError):
        return True  # Telegram refused (e.g. a 429 past its wait): another reply would be too
    else:
        text = explain(event.exception)
    update = event.update
    with contextlib.suppress(TelegramAPIError):  # the answer itself may fail: nothing more
        if update.message is not None:
            await update.message.answer(text)
        elif update.callback_query is not None:
            query = update.callback_query
            try:
                await query.answer(text, show_alert=True)
            except TelegramAPIError:  # answered before the failure: say it in the chat
                if isinstance(query.message, Message):
                    await query.message.answer(text)
    return True
