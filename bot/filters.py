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


class ForAnotherBot(Filter):
    """A command addressed to another bot ("/start@otherbot"): in a group it is not ours to
    answer, not even with "no such command"."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        text = message.text or message.caption or ""
        if not text.startswith("/"):
            return False
        _, at, mention = text.split(maxsplit=1)[0].partition("@")
        if not at:
            return False
        me = await bot.me()
        return mention.lower() != (me.username or "").lower()


class PrivateChat(Filter):
    """A reader's private chat: plain text is a question only there (a group chats)."""

    async def __call__(self, message: Message) -> bool:
        return message.chat.type == ChatType.PRIVATE


class AddressedToUs(Filter):
    """A private chat, or a group message that names this bot ("/foo@newsdigest_bot")."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        if message.chat.type == ChatType.PRIVATE:
            return True
        command = (message.text or "").split(maxsplit=1)[0] if message.text else ""
        _, at, mention = command.partition("@")
        return bool(at) and mention.lower() == ((await bot.me()).username or "").lower()
