"""/follow and /unfollow: people and topics that come first in this reader's digest."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot import texts
from bot.config import Settings
from bot.render import q
from bot.searches import query_kind
from storage import Archive


def _problem(args: str | None, command: str) -> str | None:
    if not args or not args.strip():
        return (f"Кого или что? Пример: <code>/{command} Лавров</code> или "
                f"<code>/{command} вакцина</code>")
    if len(args) > texts.MAX_QUERY_CHARS:
        return texts.QUERY_TOO_LONG
    return None


async def follow(message: Message, command: CommandObject, archive: Archive,
                 settings: Settings) -> None:
    problem = _problem(command.args, "follow")
    if problem:
        await message.answer(problem)
        return
    value = " ".join((command.args or "").split())
    sub = await archive.get_subscriber(message.chat.id)
    if sub is None:  # following only makes sense with a digest: subscribe on the way
        await archive.subscribe(message.chat.id, delivery_time=settings.digest_hhmm,
                                tz=settings.timezone)
    kind = await query_kind(archive, value)
    await archive.follow(message.chat.id, kind, value)
    what = "человеком" if kind == "person" else "темой"
    await message.answer(f"Слежу за {what} «{q(value)}»: в вашем дайджесте это будет первым.")


async def unfollow(message: Message, command: CommandObject, archive: Archive) -> None:
    follows = await archive.follows(message.chat.id)
    if not command.args or not command.args.strip():
        if not follows:
            await message.answer("Вы ни за кем не следите. Пример: <code>/follow Лавров</code>")
        else:
            listed = "\n".join(f"• <code>/unfollow {q(v)}</code>" for _, v in follows)
            await message.answer("За чем перестать следить?\n" + listed)
        return
    value = " ".join(command.args.split())
    removed = False
    for kind in ("person", "topic"):
        removed |= await archive.unfollow(message.chat.id, kind, value)
    if removed:
        await message.answer(f"Больше не слежу за «{q(value)}».")
    else:
        await message.answer(f"Я не следил за «{q(value)}». Список: /settings")


def make_router() -> Router:
    router = Router(name="follow")
    router.message.register(follow, Command("follow"))
    router.message.register(unfollow, Command("unfollow"))
    return router
