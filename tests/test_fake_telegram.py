"""The fake Bot API server against the real aiogram 3 client and Dispatcher (loopback only)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.filters import Command, CommandStart
from aiogram.types import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from fake_telegram import (
    EntityParseError,
    FakeTelegram,
    WaitTimeout,
    parse_telegram_html,
    utf16_len,
)

TOKEN = "123456:TEST"


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TOKEN) as server:
        yield server


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url))
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    yield bot
    await bot.session.close()


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=d, callback_data=d) for d in data]]
    )


# ---------------------------------------------------------------- HTML validator


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <strong>x</strong> <em>y</em>",
        '<a href="https://example.com/?a=1&amp;b=2">link</a>',
        '<pre><code class="language-python">print(1 &lt; 2)</code></pre>',
        '<span class="tg-spoiler">x</span> <tg-spoiler>y</tg-spoiler>',
        "<blockquote expandable>quote</blockquote>",
        "5 &gt; 3 &amp;&amp; 2 &lt; 4 &quot;q&quot; &#8212; &#x2014;",
        "a > b",
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    ],
)
def test_valid_html(text: str) -> None:
    parse_telegram_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "<b>unclosed",
        "<b><i>x</b></i>",
        "stray</b>",
        "<div>x</div>",
        "<br/>",
        "a < b",
        "Tom & Jerry",
        "&amp",
        "&nbsp;",
        '<span class="x">y</span>',
        "<!-- c -->",
        "<b",
    ],
)
def test_invalid_html(text: str) -> None:
    with pytest.raises(EntityParseError):
        parse_telegram_html(text)


def test_plain_text_and_entities() -> None:
    plain, entities = parse_telegram_html('😀 <b>жир</b> &amp; <a href="https://x.ru">ссылка</a>')
    assert plain == "😀 жир & ссылка"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 3},
        {"type": "text_link", "offset": 9, "length": 6, "url": "https://x.ru"},
    ]
    assert utf16_len("😀") == 2


# ---------------------------------------------------------------- client calls


async def test_client_methods(tg: FakeTelegram, bot: Bot, tmp_path) -> None:
    me = await bot.get_me()
    assert me.id == 123456 and me.is_bot and me.username == "newsdigest_test_bot"

    msg = await bot.send_message(1, "<b>Привет</b>", reply_markup=keyboard("a", "b"))
    assert msg.message_id >= 1 and msg.text == "Привет"
    assert msg.entities and msg.entities[0].type == "bold"
    edited = await bot.edit_message_text("Пока", chat_id=1, message_id=msg.message_id)
    assert edited.text == "Пока"
    [sent] = tg.sent_messages(1)
    assert sent.text == "Пока" and sent.history == ["<b>Привет</b>", "Пока"]
    assert sent.parse_mode == "HTML" and sent.reply_markup is None
    assert tg.delivered(1) == 1

    with pytest.raises(TelegramBadRequest, match="not modified"):
        await bot.edit_message_text("Пока", chat_id=1, message_id=msg.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=1, message_id=999)

    await bot.set_my_commands([BotCommand(command="start", description="Начать")])
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    assert tg.my_commands() == [{"command": "start", "description": "Начать"}]

    await bot.send_chat_action(1, "typing")
    assert tg.chat_actions == [(1, "typing")]
    assert await bot.delete_message(1, msg.message_id)
    assert tg.sent_messages(1) == [] and tg.delivered(1) == 1
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(1, msg.message_id)

    assert await bot.delete_webhook(drop_pending_updates=True)

    tg.send_document(7, "статья.txt", "Текст статьи".encode())
    file_id = next(iter(tg.files))
    file = await bot.get_file(file_id)
    assert file.file_size == len("Текст статьи".encode())
    buffer = await bot.download(file_id)
    assert isinstance(buffer, io.BytesIO) and buffer.read().decode() == "Текст статьи"
    target = tmp_path / "a.txt"
    await bot.download_file(file.file_path, destination=target)
    assert target.read_text() == "Текст статьи"
    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await bot.get_file("nope")

    methods = [c.method for c in tg.calls]
    assert methods[:3] == ["getMe", "sendMessage", "editMessageText"]


async def test_rejections(tg: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(1, "я" * 4097)
    await bot.send_message(1, "я" * 4096)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(1, "😀" * 2049)
    await bot.send_message(1, "😀" * 2048)
    # tags do not count, entities count once
    await bot.send_message(1, "<b>" + "&amp;" * 4096 + "</b>")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(1, "<b>" + "&amp;" * 4097 + "</b>")
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(1, "<b>broken")
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(1, "R&D")
    await bot.send_message(1, "R&D <b>", parse_mode=None)
    with pytest.raises(TelegramBadRequest, match="text is empty"):
        await bot.send_message(1, "<b> </b>")
    assert tg.delivered(1) == 4
    assert [e.status for e in tg.errors] == [400] * 6

    bad = Bot("123456:WRONG", session=AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url)))
    with pytest.raises(TelegramUnauthorizedError):
        await bad.get_me()
    await bad.session.close()

    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{tg.base_url}/bot{TOKEN}/sendSticker") as resp,
    ):
        assert resp.status == 404
        assert await resp.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_failure_injection(tg: FakeTelegram, bot: Bot) -> None:
    tg.block(5)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(5, "x")
    tg.unblock(5)
    await bot.send_message(5, "x")

    tg.fail_next("sendMessage", status=500, count=2)
    for _ in range(2):
        with pytest.raises(TelegramServerError):
            await bot.send_message(5, "y")
    await bot.send_message(5, "y")

    tg.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(TelegramRetryAfter) as info:
        await bot.send_message(5, "z")
    assert info.value.retry_after == 7

    tg.migrate(-100, -1001234)
    with pytest.raises(TelegramMigrateToChat) as migrated:
        await bot.send_message(-100, "g")
    assert migrated.value.migrate_to_chat_id == -1001234

    tg.flood_limit(per_second=3)
    for chat in (10, 11, 12):
        await bot.send_message(chat, "ok")
    with pytest.raises(TelegramRetryAfter) as flood:
        await bot.send_message(13, "too many")
    assert flood.value.retry_after == 1
    tg.flood_limit(per_second=None, per_chat=1)
    await bot.send_message(20, "one")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(20, "two")
    await bot.send_message(21, "other chat is fine")
    tg.flood_limit(None)

    assert tg.delivered(5) == 2 and tg.delivered(13) == 0 and tg.delivered(20) == 1
    assert [m.text for m in tg.sent_messages(5)] == ["x", "y"]


async def test_chat_members_and_failing_downloads(tg: FakeTelegram, bot: Bot) -> None:
    tg.set_admins(-1005, 7, 8)
    roles = [(await bot.get_chat_member(-1005, user)).status for user in (7, 8, 9)]
    assert roles == ["creator", "administrator", "member"]
    assert (await bot.get_chat_member(-1006, 7)).status == "member"

    tg.send_document(5, "a.txt", b"text")
    file = await bot.get_file(next(iter(tg.files)))
    tg.fail_downloads(500)
    with pytest.raises(aiohttp.ClientResponseError):
        await bot.download_file(file.file_path)
    assert (await bot.download_file(file.file_path)).read() == b"text"
    assert [status for _, status in tg.downloads] == [500, 200]


async def test_wait_for_times_out_with_description(tg: FakeTelegram) -> None:
    with pytest.raises(WaitTimeout, match="expected 1 message"):
        await tg.wait_for_messages(1, 1, timeout=0.05)


async def test_long_polling_waits_and_honours_offset(tg: FakeTelegram, bot: Bot) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await bot.get_updates(timeout=1) == []
    assert loop.time() - started >= 0.9

    waiting = asyncio.create_task(bot.get_updates(timeout=5))
    await tg.wait_for_call("getUpdates", count=2)  # the long poll is waiting on the server
    started = loop.time()
    tg.send_text(1, "hello")
    updates = await waiting
    assert loop.time() - started < 0.5
    assert [u.message.text for u in updates] == ["hello"]

    tg.send_text(1, "second")
    again = await bot.get_updates(timeout=0)
    assert [u.message.text for u in again] == ["hello", "second"]
    confirmed = await bot.get_updates(offset=again[0].update_id + 1, timeout=0)
    assert [u.message.text for u in confirmed] == ["second"]
    assert await bot.get_updates(offset=again[1].update_id + 1, timeout=0) == []
    assert tg.pending_updates == 0


# ---------------------------------------------------------------- real Dispatcher


def make_router() -> Router:
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer(
            f"Привет, <b>{message.from_user.first_name}</b>!", reply_markup=keyboard("sub", "x")
        )

    @router.message(Command("help"))
    async def help_(message: Message) -> None:
        await message.reply("Помощь")

    @router.message(F.document)
    async def document(message: Message, bot: Bot) -> None:
        data = await bot.download(message.document.file_id)
        await message.answer(f"{message.document.file_name}: {len(data.read())} байт")

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text, parse_mode=None)

    @router.callback_query(F.data == "sub")
    async def subscribe(query: CallbackQuery) -> None:
        await query.message.edit_text("Вы подписаны")
        await query.answer("Готово")

    return router


async def test_dispatcher_end_to_end(tg: FakeTelegram, bot: Bot) -> None:
    dp = Dispatcher()
    dp.include_router(make_router())
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    try:
        tg.send_text(42, "/start", first_name="Мария")
        [greeting] = await tg.wait_for_messages(42, 1)
        assert greeting.text == "Привет, <b>Мария</b>!"
        assert greeting.callback_data() == ["sub", "x"]

        help_id = tg.send_text(42, "/help")
        tg.send_text(42, "a < b & c")
        messages = await tg.wait_for_messages(42, 3)
        # the Dispatcher handles updates concurrently: find the replies by text, not order
        replies = {m.text: m for m in messages[1:]}
        assert set(replies) == {"Помощь", "a < b & c"}
        assert replies["Помощь"].reply_to_message_id == help_id

        query_id = tg.press_button(42, greeting.message_id, "sub")
        await tg.wait_for(lambda: query_id in tg.callback_answers)
        assert tg.callback_answers[query_id]["text"] == "Готово"
        assert greeting.text == "Вы подписаны" and greeting.edited
        with pytest.raises(ValueError, match="no button"):
            tg.press_button(42, greeting.message_id, "missing")

        tg.send_document(43, "news.txt", b"x" * 1234)
        [reply] = await tg.wait_for_messages(43, 1)
        assert reply.text == "news.txt: 1234 байт"
    finally:
        await dp.stop_polling()
        await asyncio.wait_for(polling, 5)
    assert polling.done() and not tg.errors
