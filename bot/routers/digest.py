"""/digest: this reader's digest right now, with everything the daily one left out."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.delivery import Broadcaster
from bot.digest_format import card_keyboard

# the daily digest shows 7 stories and ends "И ещё N — /digest": here the reader gets them all
PREVIEW_ITEMS = 25


async def digest_now(message: Message, broadcaster: Broadcaster) -> None:
    preview = await broadcaster.compose_for(message.chat.id, max_items=PREVIEW_ITEMS)
    last = len(preview.parts) - 1
    keyboard = card_keyboard(preview.cards)
    for i, part in enumerate(preview.parts):
        await message.answer(part, reply_markup=keyboard if i == last else None)


def make_router() -> Router:
    router = Router(name="digest")
    router.message.register(digest_now, Command("digest"))
    return router
