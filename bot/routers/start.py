"""/start, /help, /id, subscription and schedule: /subscribe, /unsubscribe, /time, /settings."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, User
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot import texts
from bot.callbacks import CommonZone, SubscribeAction, SubscribeCB, ZoneCB
from bot.cards import send_card
from bot.channel_posts import START_CARD
from bot.filters import is_private
from bot.render import q, zone_arg, zone_label
from core.config import AppConfig, parse_hhmm
from core.subscriptions import BadTime, BadZone, Subscriptions
from core.zones import resolve_zone
from storage import Archive, Subscriber


def _subscribe_kb(subscribed: bool) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    if subscribed:
        kb.button(text=texts.UNSUBSCRIBE_BUTTON,
                  callback_data=SubscribeCB(action=SubscribeAction.OFF))
    else:
        kb.button(text=texts.SUBSCRIBE_BUTTON, callback_data=SubscribeCB(action=SubscribeAction.ON))
    return kb.as_markup()


def _time_set(sub: Subscriber) -> str:
    return texts.TIME_SET.format(time=sub.delivery_time, tz=q(zone_label(sub.tz)))


def _subscribed(sub: Subscriber) -> str:
    return texts.SUBSCRIBED.format(time=sub.delivery_time, tz=q(zone_label(sub.tz)),
                                   zone=q(zone_arg(sub.tz)))


async def start(message: Message, subscriptions: Subscriptions) -> None:
    sub, time_, tz = await subscriptions.welcome(message.chat.id)
    ask = texts.ASK_PRIVATE if is_private(message) else texts.ASK_GROUP
    if sub is not None and sub.active:  # a subscriber is not asked to subscribe again
        await message.answer(texts.WELCOME_BACK.format(time=time_, tz=q(zone_label(tz)),
                                                       ask=ask))
        return
    await message.answer(texts.WELCOME.format(time=time_, tz=q(zone_label(tz)), ask=ask),
                         reply_markup=_subscribe_kb(False))


async def start_card(message: Message, command: CommandObject, archive: Archive) -> None:
    """/start a12: a story's link under a channel's digest opens its card here."""
    await send_card(message, archive, int((command.args or "")[len(START_CARD):]))


async def help_(message: Message, config: AppConfig) -> None:
    is_admin = message.from_user is not None and message.from_user.id in config.admin_ids
    await message.answer(texts.HELP + (texts.HELP_PLAIN_TEXT if is_private(message) else "")
                         + (texts.ADMIN_HELP if is_admin else ""))


async def ids(message: Message, event_from_user: User | None = None) -> None:
    """/id: what ADMIN_IDS needs (the sender's id), and the chat's id."""
    if event_from_user is None:
        await message.answer(texts.IDS_NO_USER.format(chat_id=message.chat.id))
        return
    await message.answer(texts.IDS.format(user_id=event_from_user.id, chat_id=message.chat.id))


async def subscribe(
    message: Message, command: CommandObject, subscriptions: Subscriptions
) -> None:
    """/subscribe [HH:MM [zone]]: the zone as /time takes it (a city, МСК+N, UTC±N)."""
    chat_id = message.chat.id
    first, _, zone = (command.args or "").strip().partition(" ")
    try:
        if zone.strip():
            sub = await subscriptions.set_time(chat_id, first, zone.strip())
        else:
            sub = await subscriptions.subscribe(chat_id, first or None)
    except BadTime:
        await message.answer(texts.SUBSCRIBE_BAD_TIME)
        return
    except BadZone as exc:
        await message.answer(texts.ZONE_BAD.format(value=q(str(exc)[:40])),
                             reply_markup=_zone_kb())
        return
    await message.answer(_subscribed(sub))


async def unsubscribe(message: Message, subscriptions: Subscriptions) -> None:
    if await subscriptions.unsubscribe(message.chat.id):
        await message.answer(texts.UNSUBSCRIBED)
    else:
        await message.answer(texts.NOT_SUBSCRIBED)


async def subscribe_button(query: CallbackQuery, subscriptions: Subscriptions) -> None:
    if not isinstance(query.message, Message):  # too old to act on
        await query.answer(texts.BUTTON_TOO_OLD_SUBSCRIBE, show_alert=True)
        return
    # the chat the button is in: a group subscribes the group, not whoever pressed
    sub = await subscriptions.subscribe(query.message.chat.id)
    await query.answer(texts.SUBSCRIBED_ALERT)
    await query.message.answer(_subscribed(sub), reply_markup=_subscribe_kb(True))


async def unsubscribe_button(query: CallbackQuery, subscriptions: Subscriptions) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.BUTTON_TOO_OLD_UNSUBSCRIBE, show_alert=True)
        return
    await subscriptions.unsubscribe(query.message.chat.id)
    await query.answer(texts.UNSUBSCRIBED_ALERT)
    await query.message.answer(texts.SUBSCRIPTION_OFF, reply_markup=_subscribe_kb(False))


def _zone_kb() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for zone in CommonZone:
        kb.button(text=texts.ZONE_BUTTONS.get(zone.value, zone.value),
                  callback_data=ZoneCB(zone=zone))
    kb.adjust(3)
    return kb.as_markup()


async def set_time(
    message: Message, command: CommandObject, subscriptions: Subscriptions
) -> None:
    """/time HH:MM [zone], /time zone; the zone as a city, МСК+N, UTC±N or Region/City."""
    args = (command.args or "").strip()
    if not args:
        await message.answer(texts.TIME_MISSING + "\n" + texts.ZONE_PICK, reply_markup=_zone_kb())
        return
    first, _, rest = args.partition(" ")
    try:
        if parse_hhmm(first) is None and resolve_zone(args) is not None:
            sub = await subscriptions.set_zone(message.chat.id, args)  # "/time Новосибирск"
        else:
            sub = await subscriptions.set_time(message.chat.id, first, rest.strip() or None)
    except BadTime:
        await message.answer(texts.TIME_BAD.format(value=q(first[:20])))
        return
    except BadZone as exc:
        await message.answer(texts.ZONE_BAD.format(value=q(str(exc)[:40])),
                             reply_markup=_zone_kb())
        return
    await message.answer(_time_set(sub))


async def zone_button(query: CallbackQuery, callback_data: ZoneCB,
                      subscriptions: Subscriptions) -> None:
    if not isinstance(query.message, Message):
        await query.answer()
        return
    sub = await subscriptions.set_zone(query.message.chat.id, callback_data.zone.value)
    await query.answer()
    await query.message.answer(_time_set(sub))


async def show_settings(message: Message, subscriptions: Subscriptions) -> None:
    reader = await subscriptions.settings(message.chat.id)
    if reader.subscriber is not None and reader.subscribed:
        sub = reader.subscriber
        lines = [texts.SETTINGS_SUBSCRIBED.format(time=sub.delivery_time,
                                                tz=q(zone_label(sub.tz)))]
    else:
        lines = [texts.SETTINGS_NOT_SUBSCRIBED]
    lines.append(texts.SETTINGS_PEOPLE.format(
        people=q(", ".join(reader.people)) if reader.people else texts.SETTINGS_NONE))
    lines.append(texts.SETTINGS_TOPICS.format(
        topics=q(", ".join(reader.topics)) if reader.topics else texts.SETTINGS_NONE))
    lines.append(texts.SETTINGS_FOOTER)
    await message.answer("\n".join(lines), reply_markup=_subscribe_kb(reader.subscribed))


# handlers that change the chat's digest: in groups, for the group's admins (bot.chat_admins)
CHAT_SETTINGS = {"chat_settings": True}


def make_router() -> Router:
    router = Router(name="start")
    router.message.register(
        start_card, CommandStart(deep_link=True, magic=F.args.regexp(rf"^{START_CARD}\d{{1,18}}$")))
    router.message.register(start, CommandStart())
    router.message.register(help_, Command("help"))
    router.message.register(ids, Command("id"))
    router.message.register(subscribe, Command("subscribe"), flags=CHAT_SETTINGS)
    router.message.register(unsubscribe, Command("unsubscribe"), flags=CHAT_SETTINGS)
    router.callback_query.register(
        subscribe_button, SubscribeCB.filter(F.action == SubscribeAction.ON),
        flags=CHAT_SETTINGS)
    router.callback_query.register(
        unsubscribe_button, SubscribeCB.filter(F.action == SubscribeAction.OFF),
        flags=CHAT_SETTINGS)
    router.message.register(set_time, Command("time"), flags=CHAT_SETTINGS)
    router.callback_query.register(zone_button, ZoneCB.filter(), flags=CHAT_SETTINGS)
    router.message.register(show_settings, Command("settings"))
    return router
