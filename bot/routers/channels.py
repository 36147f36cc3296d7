"""Bot admins attach groups and channels to the daily digest: `/channel @name HH:MM [zone]`,
`/channels` (the list, with a detach button each), `/channel_off @name` (asks first). When
Telegram tells the bot it was removed from an attached chat (my_chat_member), the chat is
paused and its admin told at once.

Before a chat is attached Telegram is asked (getChat, getChatMember) whether it exists, whether
the bot may post there (a channel: an administrator with can_post_messages; a group: a member
that is not restricted) and whether the admin asking administers the chat. One router filtered
by IsAdmin; `make_refusal_router()` answers the same commands from anyone else.
"""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
)
from aiogram.filters import Command, CommandObject
from aiogram.types import (
    CallbackQuery,
    ChatFullInfo,
    ChatMemberAdministrator,
    ChatMemberRestricted,
    ChatMemberUpdated,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.types.chat_member_union import ChatMemberUnion
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot import texts
from bot.callbacks import ChannelAction, ChannelCB
from bot.channel_notices import tell_paused_owners
from bot.chat_admins import ADMIN_STATUSES
from bot.filters import IsAdmin
from bot.render import q, zone_label
from core.channels import BadChatRef, Channels, ChatFacts, ChatRef, parse_chat_ref
from core.subscriptions import BadTime, BadZone
from storage import Archive, ChatKind, Subscriber

log = logging.getLogger("newsdigest.bot.channels")

COMMANDS = ("channel", "channels", "channel_off")
MAX_LISTED = 50  # detach buttons under /channels (Telegram allows 100)
LIST_CHARS = 3500  # of the 4096 a message may hold


class Refused(Exception):
    """The chat cannot be attached; ``str()`` is the Russian answer."""


def _shown(chat: ChatRef) -> str:
    return q(str(chat)[:64])


async def _look_up(bot: Bot, chat: ChatRef) -> ChatFullInfo:
    try:
        try:
            found = await bot.get_chat(chat)
        except TelegramMigrateToChat as exc:  # an old group's id: the supergroup it became
            found = await bot.get_chat(exc.migrate_to_chat_id)
    except TelegramForbiddenError as exc:  # the bot was removed or never added
        raise Refused(texts.CHANNEL_BOT_NOT_THERE.format(chat=_shown(chat))) from exc
    except TelegramBadRequest as exc:  # "chat not found": private, deleted or misspelt
        raise Refused(texts.CHANNEL_UNKNOWN.format(chat=_shown(chat))) from exc
    if found.type == ChatType.PRIVATE:
        raise Refused(texts.CHANNEL_NOT_A_GROUP.format(chat=_shown(chat)))
    return found


def _can_post(chat_type: str, member: ChatMemberUnion) -> bool:
    """A channel: an administrator with can_post_messages; a group: a member not muted."""
    if member.status in {ChatMemberStatus.LEFT, ChatMemberStatus.KICKED}:
        return False
    if chat_type == ChatType.CHANNEL:
        return isinstance(member, ChatMemberAdministrator) and bool(member.can_post_messages)
    return not (isinstance(member, ChatMemberRestricted) and not member.can_send_messages)


async def _check_bot_can_post(bot: Bot, chat: ChatFullInfo, name: str) -> None:
    me = await bot.me()
    member = await bot.get_chat_member(chat.id, me.id)
    if _can_post(chat.type, member):
        return
    if member.status in {ChatMemberStatus.LEFT, ChatMemberStatus.KICKED}:
        raise Refused(texts.CHANNEL_BOT_NOT_THERE.format(chat=name))
    if chat.type == ChatType.CHANNEL:
        raise Refused(texts.CHANNEL_BOT_NOT_ADMIN.format(chat=name))
    raise Refused(texts.GROUP_BOT_MUTED.format(chat=name))


async def _check_user_administers(bot: Bot, chat: ChatFullInfo, user_id: int,
                                  name: str) -> None:
    member = await bot.get_chat_member(chat.id, user_id)
    if member.status not in ADMIN_STATUSES:
        raise Refused(texts.CHANNEL_USER_NOT_ADMIN.format(chat=name))


def _name(chat: ChatFullInfo) -> str:
    return q(f"@{chat.username}" if chat.username else chat.title or str(chat.id))


async def attach(message: Message, command: CommandObject, bot: Bot,
                 channels: Channels) -> None:
    if not (command.args or "").strip() or message.from_user is None:
        await message.answer(texts.CHANNEL_USAGE.format(zone=q(channels.default_zone)))
        return
    try:
        request = channels.parse(command.args or "")
    except BadChatRef as exc:
        await message.answer(texts.CHANNEL_BAD_CHAT.format(chat=q(str(exc)[:64])))
        return
    except BadTime:
        await message.answer(texts.CHANNEL_BAD_TIME)
        return
    except BadZone as exc:
        await message.answer(texts.CHANNEL_BAD_ZONE.format(value=q(str(exc)[:40])))
        return
    try:
        chat = await _look_up(bot, request.chat)
        name = _name(chat)
        await _check_bot_can_post(bot, chat, name)
        await _check_user_administers(bot, chat, message.from_user.id, name)
    except Refused as exc:
        log.info("/channel %s refused: %s", request.chat, exc)
        await message.answer(str(exc))
        return
    except TelegramAPIError as exc:  # Telegram could not answer now: nothing attached
        log.warning("/channel %s: %s", request.chat, exc)
        await message.answer(texts.CHANNEL_CHECK_FAILED.format(chat=_shown(request.chat)))
        return
    kind = ChatKind.CHANNEL if chat.type == ChatType.CHANNEL else ChatKind.GROUP
    facts = ChatFacts(chat.id, kind, chat.title, chat.username)
    sub = await channels.attach(facts, request, message.from_user.id)
    log.info("chat %s attached by %s at %s %s", sub.chat_id, message.from_user.id,
             sub.delivery_time, sub.tz)
    answer = texts.CHANNEL_ATTACHED if kind == ChatKind.CHANNEL else texts.GROUP_ATTACHED
    await message.answer(answer.format(chat=q(sub.name), time=sub.delivery_time,
                                       tz=q(zone_label(sub.tz))))


def _line(sub: Subscriber) -> str:
    line = texts.CHANNELS_LINE.format(kind=texts.CHAT_KINDS[sub.kind], chat=q(sub.name[:64]),
                                      time=sub.delivery_time, tz=q(zone_label(sub.tz)))
    return line + (texts.CHANNELS_PAUSED if sub.blocked_at else "")


async def list_channels(message: Message, channels: Channels) -> None:
    attached = await channels.attached()
    if not attached:
        await message.answer(texts.CHANNELS_NONE)
        return
    kb = InlineKeyboardBuilder()
    lines = [texts.CHANNELS_TITLE]
    shown = 0
    for sub in attached:  # one message: as many as fit, the rest counted
        line = _line(sub)
        if shown == MAX_LISTED or sum(map(len, lines)) + len(line) > LIST_CHARS:
            break
        lines.append(line)
        kb.button(text=texts.CHANNEL_OFF_BUTTON.format(chat=sub.name[:40]),
                  callback_data=ChannelCB(action=ChannelAction.ASK, chat_id=sub.chat_id))
        shown += 1
    if shown < len(attached):
        lines.append(texts.CHANNELS_MORE.format(count=len(attached) - shown))
    kb.adjust(1)
    await message.answer("\n".join(lines), reply_markup=kb.as_markup())


def _confirm_kb(chat_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=texts.CHANNEL_OFF_YES,
              callback_data=ChannelCB(action=ChannelAction.DETACH, chat_id=chat_id))
    kb.button(text=texts.CHANNEL_OFF_NO,
              callback_data=ChannelCB(action=ChannelAction.KEEP, chat_id=chat_id))
    return kb.as_markup()


async def detach_command(message: Message, command: CommandObject, channels: Channels) -> None:
    """/channel_off CHAT asks first: a typo must not silence a channel."""
    args = (command.args or "").strip()
    if not args:
        await message.answer(texts.CHANNEL_OFF_USAGE)
        return
    try:
        chat = parse_chat_ref(args.split()[0])
    except BadChatRef:
        await message.answer(texts.CHANNEL_BAD_CHAT.format(chat=q(args[:64])))
        return
    sub = await channels.find(chat)
    if sub is None:
        await message.answer(texts.CHANNEL_NOT_ATTACHED.format(chat=_shown(chat)))
        return
    await message.answer(texts.CHANNEL_OFF_CONFIRM.format(chat=q(sub.name)),
                         reply_markup=_confirm_kb(sub.chat_id))


async def detach_button(query: CallbackQuery, callback_data: ChannelCB,
                        channels: Channels) -> None:
    chat_id = callback_data.chat_id
    if callback_data.action is ChannelAction.ASK:
        sub = await channels.find(chat_id)
        if sub is None or not isinstance(query.message, Message):
            await query.answer(texts.CHANNEL_ALREADY_OFF, show_alert=True)
            return
        await query.message.answer(texts.CHANNEL_OFF_CONFIRM.format(chat=q(sub.name)),
                                   reply_markup=_confirm_kb(chat_id))
        await query.answer()
        return
    if callback_data.action is ChannelAction.KEEP:
        text = texts.CHANNEL_OFF_CANCELLED
    else:
        detached = await channels.detach(chat_id)
        text = (texts.CHANNEL_DETACHED.format(chat=q(detached.name)) if detached
                else texts.CHANNEL_ALREADY_OFF)
        if detached:
            log.info("chat %s detached by %s", chat_id, query.from_user.id)
    if isinstance(query.message, Message):
        await query.message.edit_text(text)  # the buttons go: one answer per question
        await query.answer()
    else:
        await query.answer(text, show_alert=True)


async def refuse(message: Message) -> None:
    await message.answer(texts.CHANNEL_NOT_BOT_ADMIN)


async def refuse_button(query: CallbackQuery) -> None:
    await query.answer(texts.CHANNEL_NOT_BOT_ADMIN, show_alert=True)


async def membership_changed(event: ChatMemberUpdated, bot: Bot, channels: Channels,
                             archive: Archive) -> None:
    """Telegram tells the bot it was removed from a chat or lost the right to post there:
    an attached chat is paused at once and its admin told (not only at the next digest)."""
    if event.chat.type == ChatType.PRIVATE or _can_post(event.chat.type, event.new_chat_member):
        return
    if await channels.lost(event.chat.id):
        log.info("chat %s: the bot can no longer post there (%s): paused", event.chat.id,
                 event.new_chat_member.status)
        await tell_paused_owners(bot, archive)


def make_membership_router() -> Router:
    """The bot's own membership in groups and channels (my_chat_member), from anyone."""
    router = Router(name="channels-membership")
    router.my_chat_member.register(membership_changed)
    return router


def make_router() -> Router:
    router = Router(name="channels")
    router.message.filter(IsAdmin())
    router.callback_query.filter(IsAdmin())
    router.message.register(attach, Command("channel"))
    router.message.register(list_channels, Command("channels"))
    router.message.register(detach_command, Command("channel_off"))
    router.callback_query.register(detach_button, ChannelCB.filter())
    return router


def make_refusal_router() -> Router:
    router = Router(name="channels-refusal")
    router.message.register(refuse, Command(*COMMANDS))
    router.callback_query.register(refuse_button, ChannelCB.filter())
    return router
