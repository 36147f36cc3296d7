"""A group's or channel's digest settings belong to its administrators.

Handlers that change a chat's subscription, time or follows carry the flag `chat_settings`;
this inner middleware lets them run in private chats, and in groups only for the chat's
creator and administrators (getChatMember) or an admin posting anonymously as the group.
Everyone else gets a polite refusal and nothing changes.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.dispatcher.flags import get_flag
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject

from bot import texts

log = logging.getLogger("newsdigest.bot")
ADMIN_STATUSES = {ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR}


def _chat_and_message(event: TelegramObject) -> tuple[Chat | None, Message | None]:
    if isinstance(event, Message):
        return event.chat, event
    if isinstance(event, CallbackQuery) and isinstance(event.message, Message):
        return event.message.chat, None
    return None, None


class ChatSettingsGuard(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not get_flag(data, "chat_settings"):
            return await handler(event, data)
        chat, message = _chat_and_message(event)
        if chat is None or chat.type == ChatType.PRIVATE:
            return await handler(event, data)
        if message is not None and message.sender_chat and message.sender_chat.id == chat.id:
            return await handler(event, data)  # an anonymous admin writes as the group
        user = data.get("event_from_user")
        bot: Bot = data["bot"]
        try:
            allowed = user is not None and (
                await bot.get_chat_member(chat.id, user.id)
            ).status in ADMIN_STATUSES
            refusal = texts.GROUP_ADMINS_ONLY
        except TelegramAPIError as exc:
            log.warning("getChatMember in %s failed: %s", chat.id, exc)
            allowed, refusal = False, texts.GROUP_ADMINS_UNKNOWN
        if allowed:
            return await handler(event, data)
        log.info("chat settings refused in %s for %s", chat.id, user.id if user else "-")
        if isinstance(event, CallbackQuery):
            await event.answer(refusal, show_alert=True)
        elif message is not None:
            await message.answer(refusal)
        return None
