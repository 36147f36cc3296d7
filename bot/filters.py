"""Filters shared by routers."""

from __future__ import annotations

from aiogram import Bot
from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import Message, TelegramObject, User

from core.config import AppConfig


class IsAdmin(Filter):
    """True for users listed in ADMIN_IDS (the config injected by the Dispatcher)."""

    async def __call__(
        self, event: TelegramObject, config: AppConfig, event_from_user: User | None = None
    ) -> bool:
        return event_from_user is not None and event_from_user.id in config.admin_ids


def is_private(message: Message) -> bool:
    """A reader's private chat with the bot, not a group or a channel."""
    return message.chat.type == ChatType.PRIVATE


def _mention(text: str) -> str | None:
    """The bot the first word names ("/start@otherbot" → "otherbot"), None when it names none."""
    _, at, mention = (text.split(maxsplit=1) or [""])[0].partition("@")
    return mention if at else None


async def _is_us(bot: Bot, mention: str) -> bool:
    return mention.lower() == ((await bot.me()).username or "").lower()


class ForAnotherBot(Filter):
    """A command addressed to another bot ("/start@otherbot"): in a group it is not ours to
    answer, not even with "no such command". A caption's command counts too (aiogram's
    Command reads captions)."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        text = message.text or message.caption or ""
        if not text.startswith("/"):
            return False
        mention = _mention(text)
        return mention is not None and not await _is_us(bot, mention)


class PrivateChat(Filter):
    """A reader's private chat: plain text is a question only there (a group chats)."""

    async def __call__(self, message: Message) -> bool:
        return is_private(message)


class AddressedToUs(Filter):
    """A private chat, or a group message that names this bot ("/foo@newsdigest_bot")."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        if is_private(message):
            return True
        mention = _mention(message.text or "")
        return mention is not None and await _is_us(bot, mention)
