"""The admin who attached a group or channel hears, once, that the bot can no longer post
there (removed from the chat, its rights taken, the chat deleted): the delivery pauses the
chat, the scheduler's tick tells the admin. A notice is taken before it is sent and given back
if Telegram refuses it, so a restart neither repeats nor forgets it."""

from __future__ import annotations

import logging

import aiohttp
from aiogram import Bot
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError

from bot import texts
from bot.render import q, zone_arg
from storage import Archive, Subscriber

log = logging.getLogger("newsdigest.delivery")


def _reason(error: str | None) -> str:
    if error is None:  # paused by Telegram's update, before any digest failed there
        return texts.PAUSE_REASON_LOST
    text = error.lower()
    if "not found" in text:
        return texts.PAUSE_REASON_GONE
    if "kicked" in text or "not a member" in text or "blocked" in text:
        return texts.PAUSE_REASON_REMOVED
    return texts.PAUSE_REASON_RIGHTS


def _ref(sub: Subscriber) -> str:
    return f"@{sub.username}" if sub.username else str(sub.chat_id)


async def tell_paused_owners(bot: Bot, archive: Archive) -> int:
    """Send the notices that are due; returns how many went out."""
    told = 0
    for chat_id in await archive.subscribers.pause_notices_due():
        sub = await archive.subscribers.take_pause_notice(chat_id)
        if sub is None or sub.attached_by is None:
            continue
        error = await archive.outbox.last_error(chat_id)
        text = texts.CHANNEL_PAUSED_NOTICE.format(
            chat=q(sub.name), reason=_reason(error), ref=q(_ref(sub)),
            time=sub.delivery_time, zone=q(zone_arg(sub.tz)))
        try:
            await bot.send_message(sub.attached_by, text, parse_mode=ParseMode.HTML)
        except (TelegramForbiddenError, TelegramBadRequest) as exc:  # asking again won't help
            log.warning("pause notice for %s to %s refused: %s", chat_id, sub.attached_by, exc)
            continue
        except (TimeoutError, TelegramAPIError, aiohttp.ClientError) as exc:
            log.warning("pause notice for %s to %s: %s", chat_id, sub.attached_by, exc)
            await archive.subscribers.return_pause_notice(chat_id)  # the next tick retries
            continue
        told += 1
        log.info("told %s that chat %s is paused", sub.attached_by, chat_id)
    return told
