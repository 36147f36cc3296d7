"""/start, /help, subscription and schedule: /subscribe, /unsubscribe, /time, /settings."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot import texts
from bot.callbacks import SubscribeCB
from bot.config import Settings, parse_hhmm
from bot.render import q
from storage import Archive
from storage.subscribers import validate_schedule


def _subscribe_kb(subscribed: bool):
    kb = InlineKeyboardBuilder()
    if subscribed:
        kb.button(text="Отписаться", callback_data=SubscribeCB(action="off"))
    else:
        kb.button(text="📬 Подписаться на дайджест", callback_data=SubscribeCB(action="on"))
    return kb.as_markup()


async def start(message: Message, archive: Archive, settings: Settings) -> None:
    sub = await archive.get_subscriber(message.chat.id)
    if sub is not None and not sub.active and sub.blocked_at:
        await archive.reactivate(message.chat.id)  # came back after blocking the bot
        sub = await archive.get_subscriber(message.chat.id)
    time_, tz = (sub.delivery_time, sub.tz) if sub else (settings.digest_hhmm, settings.timezone)
    await message.answer(
        texts.WELCOME.format(time=time_, tz=q(tz)),
        reply_markup=_subscribe_kb(bool(sub and sub.active)),
    )


async def help_(message: Message, settings: Settings) -> None:
    is_admin = message.from_user is not None and message.from_user.id in settings.admin_ids
    await message.answer(texts.HELP + (texts.ADMIN_HELP if is_admin else ""))


async def _subscribe(chat_id: int, archive: Archive, settings: Settings, time_: str | None) -> str:
    sub = await archive.subscribe(
        chat_id, delivery_time=time_ or settings.digest_hhmm, tz=settings.timezone
    )
    if time_ and sub.delivery_time != time_:
        await archive.set_schedule(chat_id, time_, sub.tz)
        sub = await archive.get_subscriber(chat_id)
        assert sub is not None
    return (
        f"Готово: дайджест будет приходить каждый день в {sub.delivery_time} ({q(sub.tz)}).\n"
        "Изменить время: <code>/time 08:30 Europe/Moscow</code>"
    )


async def subscribe(
    message: Message, command: CommandObject, archive: Archive, settings: Settings
) -> None:
    time_ = None
    if command.args:
        time_ = parse_hhmm(command.args)
        if time_ is None:
            await message.answer("Не понял время. Пример: <code>/subscribe 08:30</code>")
            return
    await message.answer(await _subscribe(message.chat.id, archive, settings, time_))


async def unsubscribe(message: Message, archive: Archive) -> None:
    if await archive.unsubscribe(message.chat.id):
        await message.answer("Вы отписались. Вернуться можно командой /subscribe.")
    else:
        await message.answer("Вы и не были подписаны. Подписаться: /subscribe")


async def subscribe_button(query: CallbackQuery, archive: Archive, settings: Settings) -> None:
    if query.message is None:  # a message too old to act on
        await query.answer("Напишите /subscribe", show_alert=True)
        return
    # the chat the button is in: a group subscribes the group, not whoever pressed
    text = await _subscribe(query.message.chat.id, archive, settings, None)
    await query.answer("Подписка оформлена")
    await query.message.answer(text, reply_markup=_subscribe_kb(True))


async def unsubscribe_button(query: CallbackQuery, archive: Archive) -> None:
    if query.message is None:
        await query.answer("Напишите /unsubscribe", show_alert=True)
        return
    await archive.unsubscribe(query.message.chat.id)
    await query.answer("Вы отписались")
    await query.message.answer("Подписка отключена.", reply_markup=_subscribe_kb(False))


async def set_time(
    message: Message, command: CommandObject, archive: Archive, settings: Settings
) -> None:
    example = "Пример: <code>/time 08:30</code> или <code>/time 07:00 Asia/Almaty</code>"
    parts = (command.args or "").split()
    if not parts or len(parts) > 2:
        await message.answer(f"Укажите время дайджеста. {example}")
        return
    time_ = parse_hhmm(parts[0])
    if time_ is None:
        await message.answer(f"Время «{q(parts[0][:20])}» не похоже на ЧЧ:ММ. {example}")
        return
    sub = await archive.get_subscriber(message.chat.id)
    tz = parts[1] if len(parts) == 2 else (sub.tz if sub else settings.timezone)
    try:
        validate_schedule(time_, tz)
    except ValueError:
        await message.answer(
            f"Не знаю часового пояса «{q(tz[:40])}». Нужен пояс вида Регион/Город, "
            f"например Europe/Moscow или Asia/Almaty. {example}"
        )
        return
    if sub is None or not sub.active:
        await archive.subscribe(message.chat.id, delivery_time=time_, tz=tz)
    await archive.set_schedule(message.chat.id, time_, tz)
    await message.answer(f"Дайджест будет приходить в {time_} по поясу {q(tz)}.")


async def show_settings(message: Message, archive: Archive) -> None:
    sub = await archive.get_subscriber(message.chat.id)
    follows = await archive.follows(message.chat.id)
    if sub is None or not sub.active:
        lines = ["Подписка: нет (/subscribe)"]
    else:
        lines = [f"Подписка: каждый день в {sub.delivery_time} ({q(sub.tz)})"]
    people = [v for k, v in follows if k == "person"]
    topics = [v for k, v in follows if k == "topic"]
    lines.append("Слежу за людьми: " + (q(", ".join(people)) if people else "—"))
    lines.append("Слежу за темами: " + (q(", ".join(topics)) if topics else "—"))
    lines.append("\n/follow ИМЯ или ТЕМА · /unfollow · /time ЧЧ:ММ")
    await message.answer("\n".join(lines), reply_markup=_subscribe_kb(bool(sub and sub.active)))


def make_router() -> Router:
    router = Router(name="start")
    router.message.register(start, CommandStart())
    router.message.register(help_, Command("help"))
    router.message.register(subscribe, Command("subscribe"))
    router.message.register(unsubscribe, Command("unsubscribe"))
    router.callback_query.register(subscribe_button, SubscribeCB.filter(F.action == "on"))
    router.callback_query.register(unsubscribe_button, SubscribeCB.filter(F.action == "off"))
    router.message.register(set_time, Command("time"))
    router.message.register(show_settings, Command("settings"))
    return router
