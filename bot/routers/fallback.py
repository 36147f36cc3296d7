"""Last router: unknown commands and anything the others did not take."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot import texts
from bot.filters import AddressedToUs, ForAnotherBot, PrivateChat


async def unknown_command(message: Message) -> None:
    await message.answer(texts.UNKNOWN_COMMAND)


async def anything_else(message: Message) -> None:
    await message.answer(texts.ANYTHING_ELSE)


async def not_ours(message: Message) -> None:
    """Another bot's command, or a group's chatter: silence."""


async def unknown_button(query: CallbackQuery) -> None:
    """Callback data no handler took: forged, out of range, or from an older version."""
    await query.answer(texts.BUTTON_STALE, show_alert=True)


def make_others_router() -> Router:
    """First of all: a command addressed to another bot goes no further."""
    router = Router(name="others")
    router.message.register(not_ours, ForAnotherBot())
    return router


def make_router() -> Router:
    router = Router(name="fallback")
    router.message.register(unknown_command, F.text.startswith("/"), AddressedToUs())
    router.message.register(anything_else, PrivateChat())
    router.callback_query.register(unknown_button)
    return router
