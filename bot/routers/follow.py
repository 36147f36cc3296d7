"""/follow and /unfollow: people and topics that come first in this reader's digest."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot import texts
from bot.render import q, zone_arg, zone_label
from bot.routers.start import CHAT_SETTINGS
from core.search import QueryProblem, query_problem
from core.subscriptions import NothingToFollow, SeveralPeople, Subscriptions
from storage import FollowKind


def _pick_one(query: str, names: list[str], command: str) -> str:
    lines = [texts.PERSON_AMBIGUOUS.format(query=q(query))]
    lines += [texts.PICK_LINE.format(command=command, value=q(name)) for name in names]
    return "\n".join(lines)


async def _query_refused(message: Message, args: str | None, command: str) -> bool:
    """Answer an empty or too long query; True when it was one."""
    problem = query_problem(args)
    if problem is QueryProblem.EMPTY:
        await message.answer(texts.FOLLOW_EMPTY.format(command=command))
    elif problem is QueryProblem.TOO_LONG:
        await message.answer(texts.QUERY_TOO_LONG)
    return problem is not None


async def follow(message: Message, command: CommandObject, subscriptions: Subscriptions) -> None:
    if await _query_refused(message, command.args, "follow"):
        return
    query = " ".join((command.args or "").split())
    was_subscribed = (await subscriptions.settings(message.chat.id)).subscribed
    try:
        kind, value = await subscriptions.follow(message.chat.id, query)
    except SeveralPeople as several:
        await message.answer(_pick_one(query, several.names, "follow"))
        return
    except NothingToFollow:
        await message.answer(texts.FOLLOW_NO_WORDS)
        return
    if kind is FollowKind.PERSON:
        text = texts.FOLLOWING_PERSON.format(value=q(value))
    else:
        text = texts.FOLLOWING_TOPIC.format(value=q(value))
    now = await subscriptions.settings(message.chat.id)
    if now.subscribed and not was_subscribed and now.subscriber is not None:
        # following subscribed them: say so, and when the digest comes
        sub = now.subscriber
        text += "\n" + texts.FOLLOW_SUBSCRIBED.format(
            time=sub.delivery_time, tz=q(zone_label(sub.tz)), zone=q(zone_arg(sub.tz)))
    await message.answer(text)


async def unfollow(message: Message, command: CommandObject,
                   subscriptions: Subscriptions) -> None:
    if not command.args or not command.args.strip():
        follows = await subscriptions.follows(message.chat.id)
        if not follows:
            await message.answer(texts.FOLLOWS_NONE)
        else:
            listed = "\n".join(texts.UNFOLLOW_LINE.format(value=q(v)) for v in follows)
            await message.answer(texts.UNFOLLOW_WHICH + "\n" + listed)
        return
    if await _query_refused(message, command.args, "unfollow"):
        return
    query = " ".join(command.args.split())
    try:
        removed = await subscriptions.unfollow(message.chat.id, query)
    except SeveralPeople as several:
        await message.answer(_pick_one(query, several.names, "unfollow"))
        return
    if removed:
        await message.answer(texts.UNFOLLOWED.format(value=q(", ".join(removed))))
    else:
        await message.answer(texts.NOT_FOLLOWED.format(value=q(query)))


def make_router() -> Router:
    router = Router(name="follow")
    router.message.register(follow, Command("follow"), flags=CHAT_SETTINGS)
    router.message.register(unfollow, Command("unfollow"), flags=CHAT_SETTINGS)
    return router
