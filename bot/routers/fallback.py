"""Last router: unknown commands and anything the others did not take."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import Message

from bot import texts


async def unknown_command(message: Message) -> None:
    await message.answer("Такой команды нет.\n\n" + texts.HELP)


async def anything_else(message: Message) -> None:
    await message.answer("Я понимаю текст и команды. Напишите имя или тему, например "
                         "<code>Лавров</code>, или откройте /help.")


def make_router() -> Router:
    router = Router(name="fallback")
    router.message.register(unknown_command, F.text.startswith("/"))
    router.message.register(anything_else)
    return router
