"""A fake Telegram Bot API server for end-to-end tests of the real aiogram bot.

It is an ``aiohttp.web`` application on 127.0.0.1 (a random free port) that speaks enough of
the Bot API for aiogram's ``AiohttpSession`` and a real ``Dispatcher``. Nothing leaves loopback.

Import it as ``from fake_telegram import FakeTelegram``: pytest puts ``tests/`` on sys.path
(tests/ has no ``__init__.py``, and ``tests`` is not importable as a package after
``pip install -e .``, which only maps bot/digest/storage/newsdigest).

Usage::

    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer

    async with FakeTelegram(token="123456:TEST") as tg:
        session = AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url))
        bot = Bot(tg.token, session=session)
        ...                                     # start dp.start_polling(bot, ...) in a task
        tg.send_text(42, "/start")              # a user writes to the bot (queues an update)
        [reply] = await tg.wait_for_messages(42, 1)
        assert "Привет" in reply.text           # the HTML source the bot sent
        tg.press_button(42, reply.message_id, "sub:on")
        await tg.wait_for(lambda: tg.calls_to("answerCallbackQuery"))

Served methods (``POST /bot{token}/{method}``, form, multipart or JSON; method names are
case-insensitive): getMe, getUpdates (long polling with ``offset``/``limit``/``timeout``),
deleteWebhook, setMyCommands, getMyCommands, deleteMyCommands, sendMessage, editMessageText,
editMessageReplyMarkup, answerCallbackQuery, getFile, getChatMember, sendChatAction,
deleteMessage, close, logOut, sendPhoto (multipart PNG/JPEG or a known file_id; ``photos`` keeps
the bytes), setMyDescription, setMyShortDescription (``descriptions``, ``short_descriptions``).
``getChatMember`` answers "creator"/"administrator" for users named with
``set_admins(chat_id, creator, *admins)``, "member" for anyone else.
Groups and channels the bot can be attached to: ``add_chat(chat_id, kind, title, username=None,
bot="administrator", can_post=True)`` makes ``getChat`` (by id or "@username") know the chat
and ``getChatMember`` for the bot answer its status there ("administrator" with
``can_post_messages`` in a channel, "member", "restricted" without ``can_send_messages``,
"left", "kicked"); ``remove_bot(chat_id, by=None)`` kicks the bot (sends answer 403 "bot was
kicked from the channel chat"; ``by`` queues the my_chat_member update),
``forget_chat(chat_id)`` deletes the chat (400 "chat not found").
A chat nobody added answers getChat with 400 "chat not found". In a channel the bot's
messages have ``sender_chat`` and no ``from``.
``GET /file/bot{token}/{file_path}`` downloads files users sent with ``send_document``.
A wrong token answers 401, an unknown method 404, like Telegram.

Simulated users (synchronous, they only queue updates):

* ``send_text(chat_id, text, user_id=None, ...) -> int`` (message id; commands get a
  ``bot_command`` entity), ``send_document(chat_id, filename, data, ...) -> int`` (message id;
  the file is downloadable), ``press_button(chat_id, message_id, callback_data, ...) -> str``
  (callback query id; checks that the bot's message has such a button).

Recording (every bot→server request, including rejected ones):

* ``calls``: list of ``Call(method, params)`` in order (params decoded: JSON values parsed).
  ``calls_to(method)`` filters it. ``errors``: list of ``Rejected(method, params, status,
  description)``.
* ``sent_messages(chat_id=None, include_deleted=False) -> list[SentMessage]``: what the bot
  sent successfully, in order; ``SentMessage.text`` is the current text (edits applied),
  ``history`` all its texts, ``plain`` the text after entity parsing, ``reply_markup`` a dict.
* ``delivered(chat_id) -> int``: messages successfully sent to that chat (exactly-once checks).
* ``callback_answers``: callback query id → answerCallbackQuery params.
* ``await wait_for(predicate, timeout=10)`` waits (event driven, no polling) until the
  no-argument predicate returns something truthy and returns it;
  ``await wait_for_messages(chat_id, count, timeout=10)`` waits for ``count`` sent messages.
  On timeout both raise ``WaitTimeout`` (an ``AssertionError``) describing what was sent.

Telegram's rejections: empty text → 400 "message text is empty"; text over 4096 UTF-16 code
units after entity parsing → 400 "message is too long"; HTML that Telegram would not parse
(unsupported or unclosed or mismatched tags, bare ``<`` or ``&``, unknown named entities)
→ 400 "can't parse entities: ...". ``parse_telegram_html(text) -> (plain, entities)`` is the
validator, reusable by tests (raises ``EntityParseError``).

Failure injection: ``flood_limit(per_second=30, per_chat=None, retry_after=None)`` — sliding
1 s windows over sendMessage, answering 429 with ``parameters.retry_after``;
``block(chat_id, description=...)`` / ``unblock(chat_id)`` → 403 for any method aimed at the
chat; ``migrate(chat_id, to_chat_id)`` → 400 with ``migrate_to_chat_id``;
``fail_next(method, status=500, count=1, description=None, retry_after=None)`` → the next
``count`` calls of ``method`` fail with that status (429 carries retry_after);
``fail_downloads(status=500, count=1)`` → the next ``count`` file downloads fail;
``hold_sends_after(count)`` → sendMessage calls after the next ``count`` hang unanswered and
are never carried out (``held`` counts them) until ``stop_holding()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, NamedTuple, TypeVar

from aiohttp import web

T = TypeVar("T")

MAX_TEXT_UTF16 = 4096
MAX_CAPTION_UTF16 = 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SUPPORTED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_AMP_OK = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|lt|gt|amp|quot);")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


class EntityParseError(ValueError):
    """HTML that Telegram would reject with "can't parse entities"."""


class _TelegramHTML(HTMLParser):
    """Telegram's HTML parse mode: a strict tag stack over html.parser's tokenizer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.plain: list[str] = []
        self.pos16 = 0  # UTF-16 offset in the plain text
        self.stack: list[tuple[str, dict[str, str | None], int]] = []
        self.entities: list[dict[str, Any]] = []
        self.language = ""

    def _add(self, text: str) -> None:
        self.plain.append(text)
        self.pos16 += utf16_len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in SUPPORTED_TAGS:
            raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {self._pos()}')
        attr = dict(attrs)
        if tag == "span" and attr.get("class") != "tg-spoiler":
            raise EntityParseError('Tag "span" must have class "tg-spoiler"')
        if tag == "tg-emoji" and not attr.get("emoji-id"):
            raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
        self.stack.append((tag, attr, self.pos16))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {self._pos()}')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {self._pos()}")
        open_tag, attr, start = self.stack.pop()
        if open_tag != tag:
            raise EntityParseError(
                f"Unmatched end tag at byte offset {self._pos()}, "
                f'expected "</{open_tag}>", found "</{tag}>"'
            )
        length = self.pos16 - start
        if length <= 0 or (tag == "a" and not attr.get("href")):
            return
        entity: dict[str, Any] = {"type": _ENTITY_TYPES[tag], "offset": start, "length": length}
        if tag == "a":
            entity["url"] = attr["href"]
        elif tag == "blockquote" and "expandable" in attr:
            entity["type"] = "expandable_blockquote"
        elif tag == "tg-emoji":
            entity["custom_emoji_id"] = attr.get("emoji-id")
        elif tag == "code" and self.stack and self.stack[-1][0] == "pre":
            language = (attr.get("class") or "").removeprefix("language-")
            if language:
                self.language = language
            return
        elif tag == "pre" and self.language:
            entity["language"] = self.language
            self.language = ""
        self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        if "<" in data:
            raise EntityParseError(
                f'Unsupported start tag "{data[data.index("<") + 1 :][:10]}" '
                f"at byte offset {self._pos()}"
            )
        if "&" in data:
            raise EntityParseError(f"Character '&' is reserved at byte offset {self._pos()}")
        self._add(data)

    def handle_entityref(self, name: str) -> None:
        if name not in _NAMED_ENTITIES:
            raise EntityParseError(f'Unsupported HTML entity "&{name};"')
        self._add(_NAMED_ENTITIES[name])

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            self._add(chr(code))
        except (ValueError, OverflowError) as exc:
            raise EntityParseError(f'Bad character reference "&#{name};"') from exc

    def handle_comment(self, data: str) -> None:
        raise EntityParseError(f"Unsupported comment at byte offset {self._pos()}")

    def handle_decl(self, decl: str) -> None:
        raise EntityParseError(f"Unsupported declaration at byte offset {self._pos()}")

    def handle_pi(self, data: str) -> None:
        raise EntityParseError(f"Unsupported processing instruction at byte offset {self._pos()}")

    def unknown_decl(self, data: str) -> None:
        raise EntityParseError(f"Unsupported declaration at byte offset {self._pos()}")

    def _pos(self) -> int:
        line, col = self.getpos()
        return col if line == 1 else -1


def parse_telegram_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse ``text`` the way Telegram's ``parse_mode=HTML`` does.

    Returns the plain text and its entities (UTF-16 offsets); raises ``EntityParseError``.
    """
    # html.parser treats "&amp" without ";" and "&" + junk leniently; Telegram does not.
    for match in re.finditer(r"&", text):
        if not _AMP_OK.match(text, match.start()):
            # inside a tag's attribute value the same rule applies
            raise EntityParseError(
                f"Character '&' is reserved at byte offset {len(text[: match.start()].encode())}"
            )
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.rawdata:  # an unterminated "<tag" at the end
        raise EntityParseError("Unclosed start tag at end of text")
    if parser.stack:
        raise EntityParseError(
            f'Can\'t find end tag corresponding to start tag "{parser.stack[-1][0]}"'
        )
    parser.entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(parser.plain), parser.entities


class Call(NamedTuple):
    method: str
    params: dict[str, Any]


class Rejected(NamedTuple):
    method: str
    params: dict[str, Any]
    status: int
    description: str


@dataclass
class SentMessage:
    """A message the bot sent (current state; ``history`` keeps every text it had)."""

    chat_id: int | str
    message_id: int
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    plain: str
    entities: list[dict[str, Any]]
    date: int
    reply_to_message_id: int | None = None
    history: list[str] = field(default_factory=list)
    deleted: bool = False
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def edited(self) -> bool:
        return len(self.history) > 1

    def buttons(self) -> list[dict[str, Any]]:
        """Inline keyboard buttons, flattened in reading order."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    def callback_data(self) -> list[str]:
        return [b["callback_data"] for b in self.buttons() if "callback_data" in b]


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    filename: str
    mime_type: str | None


class WaitTimeout(AssertionError):
    """``wait_for`` ran out of time."""


class ApiError(Exception):
    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def _chat_key(value: Any) -> int | str:
    if isinstance(value, int):
        return value
    text = str(value)
    try:
        return int(text)
    except ValueError:
        return text


def _decode(value: Any) -> Any:
    """Form values are strings; nested objects arrive as JSON strings."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeTelegram:
    """Fake Bot API server; see the module docstring."""

    def __init__(
        self,
        token: str = "123456:TEST",
        *,
        bot_username: str = "newsdigest_test_bot",
        bot_name: str = "NewsDigest",
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_user = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.base_url = ""
        self.calls: list[Call] = []
        self.errors: list[Rejected] = []
        self.updates: list[dict[str, Any]] = []  # every update ever queued
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.chat_actions: list[tuple[int | str, str]] = []
        self.files: dict[str, StoredFile] = {}
        self.photos: dict[str, bytes] = {}  # file_id → image bytes the bot uploaded (sendPhoto)
        self.descriptions: dict[str, str] = {}  # language code ("" default) → setMyDescription
        self.short_descriptions: dict[str, str] = {}
        self._pending: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int | str, itertools.count[int]] = {}
        self._callback_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._messages: dict[tuple[int | str, int], dict[str, Any]] = {}
        self._sent: list[SentMessage] = []
        self._sent_index: dict[tuple[int | str, int], SentMessage] = {}
        self._delivered: dict[int | str, int] = {}
        self._open_callbacks: set[str] = set()
        self._blocked: dict[int | str, str] = {}
        self._migrated: dict[int | str, int] = {}
        self._fail: dict[str, deque[tuple[int, str | None, int | None]]] = {}
        self._fail_downloads: deque[int] = deque()
        self._held: dict[str, asyncio.Event] = {}
        self._admins: dict[int | str, dict[int, str]] = {}
        self.downloads: list[tuple[str, int]] = []  # (file path, HTTP status)
        self._flood: tuple[int, int | None, int | None] | None = None
        self._flood_all: deque[float] = deque()
        self._flood_chat: dict[int | str, deque[float]] = {}
        self._changed = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._chats: dict[int, dict[str, Any]] = {}  # add_chat: groups and channels
        self._gone: set[int] = set()  # forget_chat: deleted chats
        self._send_budget: int | None = None  # hold_sends_after
        self._unheld = asyncio.Event()
        self.held = 0  # sendMessage calls left unanswered and never carried out

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> FakeTelegram:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[union-attr]
        port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        self._closing = True
        self._unheld.set()
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ waiting
    def _notify(self) -> None:
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    async def wait_for(self, predicate: Callable[[], T], timeout: float = 10) -> T:
        """Wait until ``predicate()`` is truthy (re-checked after every server event)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._changed
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise WaitTimeout(f"condition not met in {timeout} s; {self.describe()}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    async def wait_for_messages(
        self, chat_id: int | str, count: int = 1, timeout: float = 10
    ) -> list[SentMessage]:
        """Wait until the bot has sent at least ``count`` messages to ``chat_id``."""

        def enough() -> list[SentMessage]:
            sent = self.sent_messages(chat_id)
            return sent if len(sent) >= count else []

        try:
            return await self.wait_for(enough, timeout)
        except WaitTimeout:
            raise WaitTimeout(
                f"expected {count} message(s) to chat {chat_id} within {timeout} s, got "
                f"{len(self.sent_messages(chat_id))}; {self.describe()}"
            ) from None

    async def wait_for_call(self, method: str, count: int = 1, timeout: float = 10) -> list[Call]:
        """Wait until the bot called ``method`` at least ``count`` times."""
        return await self.wait_for(
            lambda: (c := self.calls_to(method)) and len(c) >= count and c, timeout
        )

    def describe(self) -> str:
        sent = [f"{m.chat_id}#{m.message_id}: {m.text[:60]!r}" for m in self._sent[-5:]]
        calls = [c.method for c in self.calls[-10:]]
        errors = [f"{e.method} {e.status} {e.description}" for e in self.errors[-3:]]
        return f"last calls {calls}, last sent {sent}, last errors {errors}"

    # ------------------------------------------------------------------ inspection
    def calls_to(self, method: str) -> list[Call]:
        name = method.lower()
        return [c for c in self.calls if c.method.lower() == name]

    def sent_messages(
        self, chat_id: int | str | None = None, *, include_deleted: bool = False
    ) -> list[SentMessage]:
        key = None if chat_id is None else _chat_key(chat_id)
        return [
            m
            for m in self._sent
            if (key is None or m.chat_id == key) and (include_deleted or not m.deleted)
        ]

    def delivered(self, chat_id: int | str) -> int:
        """How many messages were successfully sent to ``chat_id`` (deleted ones included)."""
        return self._delivered.get(_chat_key(chat_id), 0)

    @property
    def pending_updates(self) -> int:
        return len(self._pending)

    # ------------------------------------------------------------------ failure injection
    def flood_limit(
        self,
        per_second: int | None = 30,
        per_chat: int | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Answer 429 to sendMessage beyond ``per_second`` overall / ``per_chat`` per chat
        within any 1 s window. ``retry_after`` defaults to the time until a slot frees
        (rounded up, at least 1). ``flood_limit(None)`` turns it off."""
        if per_second is None and per_chat is None:
            self._flood = None
        else:
            self._flood = (per_second or 10**9, per_chat, retry_after)
        self._flood_all.clear()
        self._flood_chat.clear()

    def block(self, chat_id: int | str, description: str = "bot was blocked by the user") -> None:
        """Every method aimed at ``chat_id`` answers 403 "Forbidden: <description>"."""
        self._blocked[_chat_key(chat_id)] = description

    def unblock(self, chat_id: int | str) -> None:
        self._blocked.pop(_chat_key(chat_id), None)

    def migrate(self, chat_id: int | str, to_chat_id: int) -> None:
        """``chat_id`` became a supergroup: 400 with parameters.migrate_to_chat_id."""
        self._migrated[_chat_key(chat_id)] = to_chat_id

    def fail_next(
        self,
        method: str,
        status: int = 500,
        count: int = 1,
        description: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        """The next ``count`` calls of ``method`` fail with ``status``."""
        queue = self._fail.setdefault(method.lower(), deque())
        for _ in range(count):
            queue.append((status, description, retry_after))

    def hold(self, method: str) -> None:
        """Calls of ``method`` arrive (``calls`` shows them) but get no answer until
        ``release(method)``: a request in flight for as long as a test needs."""
        self._held.setdefault(method.lower(), asyncio.Event())

    def release(self, method: str) -> None:
        held = self._held.pop(method.lower(), None)
        if held is not None:
            held.set()

    def fail_downloads(self, status: int = 500, count: int = 1) -> None:
        """The next ``count`` downloads from ``/file/bot{token}/...`` answer ``status``."""
        self._fail_downloads.extend([status] * count)

    def set_admins(self, chat_id: int | str, creator: int, *admins: int) -> None:
        """Who administers a group or channel (getChatMember); everyone else is a member."""
        roles = {user: "administrator" for user in admins}
        roles[creator] = "creator"
        self._admins[_chat_key(chat_id)] = roles

    def add_chat(
        self,
        chat_id: int,
        kind: str,
        title: str,
        username: str | None = None,
        *,
        bot: str = "administrator",
        can_post: bool = True,
    ) -> None:
        """A group ("group", "supergroup") or a "channel" and the bot's place in it."""
        chat: dict[str, Any] = {"id": chat_id, "type": kind, "title": title}
        if username:
            chat["username"] = username
        self._chats[chat_id] = {"chat": chat, "bot": bot, "can_post": can_post}

    def remove_bot(self, chat_id: int, by: int | None = None) -> None:
        """The chat's admins removed the bot: everything aimed at the chat answers 403. With
        ``by`` (the admin's user id) the bot gets the my_chat_member update Telegram sends;
        without it the update was missed (the bot was down)."""
        known = self._chats[chat_id]
        old = self._bot_member(known)
        known["bot"] = "kicked"
        kind = "channel" if known["chat"]["type"] == "channel" else "group"
        self.block(chat_id, f"bot was kicked from the {kind} chat")
        if by is not None:
            self._queue("my_chat_member", {
                "chat": dict(known["chat"]), "from": self._user(by, "Анна", None),
                "date": int(time.time()), "old_chat_member": old,
                "new_chat_member": self._bot_member(known),
            })

    def forget_chat(self, chat_id: int) -> None:
        """The chat was deleted: every method aimed at it answers 400 "chat not found"."""
        self._gone.add(chat_id)

    def hold_sends_after(self, count: int) -> None:
        """After ``count`` more sendMessage calls, each further one arrives (``calls`` shows
        it, ``held`` counts it) and waits unanswered, never carried out: a request in flight
        when the bot dies. ``stop_holding()`` answers the held ones 500, still not sending."""
        self._send_budget = count
        self._unheld = asyncio.Event()

    def stop_holding(self) -> None:
        self._send_budget = None
        self._unheld.set()

    async def _held_send(self) -> dict[str, Any]:
        self.held += 1
        self._notify()
        await self._unheld.wait()
        raise ApiError(500, "Internal Server Error")

    def _known_chat(self, value: Any) -> dict[str, Any] | None:
        key = _chat_key(value)
        if isinstance(key, str):
            name = key.removeprefix("@").lower()
            for known in self._chats.values():
                if (known["chat"].get("username") or "").lower() == name:
                    return known
            return None
        return self._chats.get(key)

    # ------------------------------------------------------------------ simulated users
    def _user(self, user_id: int, first_name: str, username: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": "ru",
        }
        if username:
            user["username"] = username
        return user

    def _chat(
        self, chat_id: int | str, user: dict[str, Any], chat_type: str | None
    ) -> dict[str, Any]:
        key = _chat_key(chat_id)
        known = self._chats.get(key) if isinstance(key, int) else None
        if known is not None and chat_type is None:
            return dict(known["chat"])
        kind = chat_type or ("private" if isinstance(key, int) and key > 0 else "supergroup")
        chat: dict[str, Any] = {"id": key, "type": kind}
        if kind == "private":
            chat["first_name"] = user["first_name"]
            if "username" in user:
                chat["username"] = user["username"]
        else:
            chat["title"] = f"Chat {key}"
        return chat

    def _next_message_id(self, chat_id: int | str) -> int:
        counter = self._message_ids.setdefault(_chat_key(chat_id), itertools.count(1))
        return next(counter)

    def _queue(self, kind: str, payload: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        update = {"update_id": update_id, kind: payload}
        self.updates.append(update)
        self._pending.append(update)
        self._notify()
        return update_id

    def _user_message(
        self,
        chat_id: int | str,
        user_id: int | None,
        first_name: str,
        username: str | None,
        chat_type: str | None,
        reply_to_message_id: int | None,
    ) -> dict[str, Any]:
        key = _chat_key(chat_id)
        uid = user_id if user_id is not None else (key if isinstance(key, int) else 1)
        user = self._user(uid, first_name, username)
        message: dict[str, Any] = {
            "message_id": self._next_message_id(key),
            "date": int(time.time()),
            "chat": self._chat(key, user, chat_type),
            "from": user,
        }
        if reply_to_message_id is not None:
            replied = self._messages.get((key, reply_to_message_id))
            if replied is not None:
                message["reply_to_message"] = replied
        return message

    def send_text(
        self,
        chat_id: int | str,
        text: str,
        user_id: int | None = None,
        *,
        first_name: str = "Анна",
        username: str | None = "anna",
        chat_type: str | None = None,
        reply_to_message_id: int | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> int:
        """A user writes ``text``; returns the new message id. In a private chat the user id
        defaults to the chat id."""
        message = self._user_message(
            chat_id, user_id, first_name, username, chat_type, reply_to_message_id
        )
        message["text"] = text
        if entities is None and text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities = [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
        if entities:
            message["entities"] = entities
        self._messages[(_chat_key(chat_id), message["message_id"])] = message
        self._queue("message", message)
        return message["message_id"]

    def send_document(
        self,
        chat_id: int | str,
        filename: str,
        data: bytes,
        user_id: int | None = None,
        *,
        caption: str | None = None,
        mime_type: str | None = None,
        first_name: str = "Анна",
        username: str | None = "anna",
        chat_type: str | None = None,
    ) -> int:
        """A user uploads a document; returns the new message id. The file can be fetched with
        getFile + download; ``files`` maps file ids to what was stored."""
        n = next(self._file_ids)
        suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        if mime_type is None:
            mime_type = {
                "txt": "text/plain",
                "html": "text/html",
                "htm": "text/html",
                "md": "text/markdown",
                "pdf": "application/pdf",
                "zip": "application/zip",
            }.get(suffix, "application/octet-stream")
        stored = StoredFile(
            file_id=f"BQACAgIAAxkBAAI{n:06d}doc",
            file_unique_id=f"AgAD{n:06d}",
            file_path=f"documents/file_{n}.{suffix}",
            data=data,
            filename=filename,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        message = self._user_message(chat_id, user_id, first_name, username, chat_type, None)
        message["document"] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": filename,
            "mime_type": mime_type,
            "file_size": len(data),
        }
        if caption is not None:
            message["caption"] = caption
        self._messages[(_chat_key(chat_id), message["message_id"])] = message
        self._queue("message", message)
        return message["message_id"]

    def press_button(
        self,
        chat_id: int | str,
        message_id: int,
        callback_data: str,
        user_id: int | None = None,
        *,
        first_name: str = "Анна",
        username: str | None = "anna",
        check: bool = True,
    ) -> str:
        """A user presses an inline button of the bot's message; returns the callback query
        id. With ``check`` the message must exist and carry a button with that data."""
        key = _chat_key(chat_id)
        message = self._messages.get((key, message_id))
        if check:
            sent = self._sent_index.get((key, message_id))
            if message is None or sent is None or sent.deleted:
                raise ValueError(f"the bot has no message {message_id} in chat {chat_id}")
            if callback_data not in sent.callback_data():
                raise ValueError(
                    f"message {message_id} has no button {callback_data!r}: {sent.callback_data()}"
                )
        uid = user_id if user_id is not None else (key if isinstance(key, int) else 1)
        query_id = f"{next(self._callback_ids)}{uid}"
        payload: dict[str, Any] = {
            "id": query_id,
            "from": self._user(uid, first_name, username),
            "chat_instance": f"ci{key}",
            "data": callback_data,
        }
        if message is not None:
            payload["message"] = message
        self._open_callbacks.add(query_id)
        self._queue("callback_query", payload)
        return query_id

    # ------------------------------------------------------------------ HTTP
    def _answer(self, result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    def _error(self, exc: ApiError) -> web.Response:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": exc.status,
            "description": exc.description,
        }
        if exc.parameters:
            body["parameters"] = exc.parameters
        return web.json_response(body, status=exc.status)

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
        elif request.can_read_body:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    params[key] = {"filename": value.filename, "data": value.file.read()}
                else:
                    params[key] = _decode(value)
        return params

    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._error(ApiError(401, "Unauthorized"))
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append(Call(method, params))
        self._notify()
        held = self._held.get(method.lower())
        if held is not None:
            await held.wait()  # the call is in flight until release(method)
        handler = getattr(self, f"_m_{method.lower()}", None)
        try:
            if handler is None:
                raise ApiError(404, "Not Found")
            self._injected_failure(method, params)
            result = handler(params)
            if asyncio.iscoroutine(result):
                result = await result
        except ApiError as exc:
            self.errors.append(Rejected(method, params, exc.status, exc.description))
            self._notify()
            return self._error(exc)
        self._notify()
        return self._answer(result)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return self._error(ApiError(401, "Unauthorized"))
        path = request.match_info["path"]
        if self._fail_downloads:
            status = self._fail_downloads.popleft()
            self.downloads.append((path, status))
            self._notify()
            return self._error(ApiError(status, "Internal Server Error"))
        for stored in self.files.values():
            if stored.file_path == path:
                self.downloads.append((path, 200))
                self._notify()
                return web.Response(body=stored.data, content_type="application/octet-stream")
        self.downloads.append((path, 404))
        self._notify()
        return self._error(ApiError(404, "Not Found"))

    def _injected_failure(self, method: str, params: dict[str, Any]) -> None:
        queue = self._fail.get(method.lower())
        if queue:
            status, description, retry_after = queue.popleft()
            if status == 429:
                wait = retry_after or 1
                raise ApiError(
                    429,
                    description or f"Too Many Requests: retry after {wait}",
                    {"retry_after": wait},
                )
            default = {
                400: "Bad Request: injected failure",
                403: "Forbidden: injected failure",
                502: "Bad Gateway",
            }.get(status, "Internal Server Error")
            raise ApiError(status, description or default)
        if "chat_id" in params:
            key = _chat_key(params["chat_id"])
            known = self._known_chat(key)
            if isinstance(key, str) and known is not None:
                key = known["chat"]["id"]
            if key in self._gone:
                raise _bad("chat not found")
            if key in self._blocked:
                raise ApiError(403, f"Forbidden: {self._blocked[key]}")
            if key in self._migrated:
                raise ApiError(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    {"migrate_to_chat_id": self._migrated[key]},
                )

    def _check_flood(self, chat_id: int | str) -> None:
        if self._flood is None:
            return
        per_second, per_chat, fixed = self._flood
        now = time.monotonic()
        windows = [(self._flood_all, per_second)]
        if per_chat is not None:
            windows.append((self._flood_chat.setdefault(chat_id, deque()), per_chat))
        for window, limit in windows:
            while window and now - window[0] >= 1.0:
                window.popleft()
            if len(window) >= limit:
                wait = fixed or max(1, math.ceil(1.0 - (now - window[0])))
                raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
        for window, _ in windows:
            window.append(now)

    # ------------------------------------------------------------------ methods
    def _m_getme(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    async def _m_getupdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = max(1, min(100, int(params.get("limit") or 100)))
        timeout = max(0.0, float(params.get("timeout") or 0))
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]
        if not self._pending and timeout and not self._closing:
            with contextlib.suppress(WaitTimeout):
                await self.wait_for(lambda: self._pending or self._closing, timeout)
        return self._pending[:limit]

    def _m_deletewebhook(self, params: dict[str, Any]) -> bool:
        if str(params.get("drop_pending_updates", "")).lower() == "true":
            self._pending.clear()
        return True

    def _m_close(self, params: dict[str, Any]) -> bool:
        return True

    _m_logout = _m_close

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    def _m_setmycommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse BotCommand array")
        for command in commands:
            name = command.get("command", "")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._commands_key(params)] = commands
        return True

    def _m_getmycommands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.commands.get(self._commands_key(params), [])

    def _m_deletemycommands(self, params: dict[str, Any]) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    def _m_setmydescription(self, params: dict[str, Any]) -> bool:
        if len(params.get("description") or "") > 512:
            raise _bad("BOT_DESCRIPTION_INVALID")
        self.descriptions[str(params.get("language_code") or "")] = params.get("description", "")
        return True

    def _m_setmyshortdescription(self, params: dict[str, Any]) -> bool:
        if len(params.get("short_description") or "") > 120:
            raise _bad("BOT_SHORT_DESCRIPTION_INVALID")
        self.short_descriptions[str(params.get("language_code") or "")] = params.get(
            "short_description", "")
        return True

    def my_commands(self) -> list[dict[str, Any]]:
        """Commands set for the default scope and language."""
        return self.commands.get(self._commands_key({}), [])

    def _parse_text(self, params: dict[str, Any]) -> tuple[str, str, list[dict[str, Any]]]:
        text = params.get("text")
        if text is None or text == "":
            raise _bad("message text is empty")
        text = str(text)
        parse_mode = params.get("parse_mode")
        if parse_mode and str(parse_mode).lower() == "html":
            try:
                plain, entities = parse_telegram_html(text)
            except EntityParseError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
        else:
            plain = text
            entities = params.get("entities") if isinstance(params.get("entities"), list) else []
        if not plain.strip():
            raise _bad("message text is empty")
        if utf16_len(plain) > MAX_TEXT_UTF16:
            raise _bad("message is too long")
        return text, plain, entities

    def _message_dict(self, sent: SentMessage) -> dict[str, Any]:
        known = self._known_chat(sent.chat_id)
        chat = known["chat"] if known else self._chat(sent.chat_id, {"first_name": "Анна"}, None)
        message: dict[str, Any] = {
            "message_id": sent.message_id,
            "date": sent.date,
            "chat": chat,
            "from": self.bot_user,
            "text": sent.plain,
        }
        if chat["type"] == "channel":  # a channel post is signed by the channel
            del message["from"]
            message["sender_chat"] = chat
        if sent.entities:
            message["entities"] = sent.entities
        if sent.reply_markup:
            message["reply_markup"] = sent.reply_markup
        if sent.edited:
            message["edit_date"] = int(time.time())
        return message

    def _m_sendmessage(self, params: dict[str, Any]) -> Any:
        if self._send_budget is not None:
            if self._send_budget <= 0:
                return self._held_send()
            self._send_budget -= 1
        if "chat_id" not in params:
            raise _bad("chat_id is empty")
        chat_id = _chat_key(params["chat_id"])
        known = self._known_chat(chat_id)
        if known is not None:
            chat_id = known["chat"]["id"]
            if known["chat"]["type"] == "channel" and not (
                    known["bot"] == "administrator" and known["can_post"]):
                raise _bad("need administrator rights in the channel chat")
            if known["bot"] == "restricted":
                raise _bad("not enough rights to send text messages to the chat")
        text, plain, entities = self._parse_text(params)
        self._check_flood(chat_id)
        reply_to = params.get("reply_to_message_id")
        if isinstance(params.get("reply_parameters"), dict):
            reply_to = params["reply_parameters"].get("message_id")
        markup = params.get("reply_markup")
        sent = SentMessage(
            chat_id=chat_id,
            message_id=self._next_message_id(chat_id),
            text=text,
            parse_mode=params.get("parse_mode"),
            reply_markup=markup if isinstance(markup, dict) else None,
            plain=plain,
            entities=entities,
            date=int(time.time()),
            reply_to_message_id=int(reply_to) if reply_to is not None else None,
            history=[text],
            params=params,
        )
        self._sent.append(sent)
        self._sent_index[(chat_id, sent.message_id)] = sent
        self._delivered[chat_id] = self._delivered.get(chat_id, 0) + 1
        message = self._message_dict(sent)
        self._messages[(chat_id, sent.message_id)] = message
        return message

    def _m_sendphoto(self, params: dict[str, Any]) -> dict[str, Any]:
        """A photo uploaded as multipart (the file must be a PNG or JPEG, like Telegram checks
        it is an image) or re-sent by file_id; caption parsed like a text (≤ 1024 units)."""
        if "chat_id" not in params:
            raise _bad("chat_id is empty")
        chat_id = _chat_key(params["chat_id"])
        photo = params.get("photo")
        if isinstance(photo, str) and photo.startswith("attach://"):  # aiogram's multipart form
            photo = params.get(photo.removeprefix("attach://"))
        if isinstance(photo, dict):
            data = photo.get("data") or b""
            if not (data.startswith(PNG_MAGIC) or data.startswith(b"\xff\xd8")):
                raise _bad("IMAGE_PROCESS_FAILED")
            file_id = f"photo-{len(self.photos) + 1}"
            self.photos[file_id] = data
        elif isinstance(photo, str) and photo in self.photos:
            file_id = photo
        else:
            raise _bad("there is no photo in the request")
        caption = params.get("caption") or ""
        plain, entities = caption, []
        if caption and str(params.get("parse_mode") or "").lower() == "html":
            try:
                plain, entities = parse_telegram_html(str(caption))
            except EntityParseError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
        if utf16_len(plain) > MAX_CAPTION_UTF16:
            raise _bad("message caption is too long")
        self._check_flood(chat_id)
        markup = params.get("reply_markup")
        sent = SentMessage(
            chat_id=chat_id, message_id=self._next_message_id(chat_id), text=str(caption),
            parse_mode=params.get("parse_mode"),
            reply_markup=markup if isinstance(markup, dict) else None, plain=plain,
            entities=entities, date=int(time.time()), history=[str(caption)],
            params={**params, "photo": file_id, "upload": photo},
        )
        self._sent.append(sent)
        self._sent_index[(chat_id, sent.message_id)] = sent
        self._delivered[chat_id] = self._delivered.get(chat_id, 0) + 1
        message = self._message_dict(sent)
        message.pop("text", None)
        message.pop("entities", None)
        message["photo"] = [{"file_id": file_id, "file_unique_id": file_id, "width": 800,
                             "height": 400}]
        if caption:
            message["caption"] = str(caption)
        self._messages[(chat_id, sent.message_id)] = message
        return message

    def _editable(self, params: dict[str, Any]) -> SentMessage:
        if "inline_message_id" in params:
            raise _bad("inline messages are not supported by the fake server")
        if "chat_id" not in params or "message_id" not in params:
            raise _bad("message identifier is not specified")
        key = (_chat_key(params["chat_id"]), int(params["message_id"]))
        sent = self._sent_index.get(key)
        if sent is None or sent.deleted:
            if key in self._messages and not (sent and sent.deleted):
                raise _bad("message can't be edited")
            raise _bad("message to edit not found")
        return sent

    def _m_editmessagetext(self, params: dict[str, Any]) -> dict[str, Any]:
        sent = self._editable(params)
        text, plain, entities = self._parse_text(params)
        markup = params.get("reply_markup")
        markup = markup if isinstance(markup, dict) else None
        if plain == sent.plain and entities == sent.entities and markup == sent.reply_markup:
            raise _bad(
                "message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message"
            )
        sent.text, sent.plain, sent.entities = text, plain, entities
        sent.parse_mode = params.get("parse_mode")
        sent.reply_markup = markup
        sent.history.append(text)
        message = self._message_dict(sent)
        self._messages[(sent.chat_id, sent.message_id)] = message
        return message

    def _m_editmessagereplymarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        sent = self._editable(params)
        markup = params.get("reply_markup")
        markup = markup if isinstance(markup, dict) else None
        if markup == sent.reply_markup:
            raise _bad("message is not modified")
        sent.reply_markup = markup
        message = self._message_dict(sent)
        self._messages[(sent.chat_id, sent.message_id)] = message
        return message

    def _m_answercallbackquery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_callbacks:
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        self._open_callbacks.discard(query_id)
        self.callback_answers[query_id] = params
        return True

    def _m_getfile(self, params: dict[str, Any]) -> dict[str, Any]:
        stored = self.files.get(str(params.get("file_id", "")))
        if stored is None:
            raise _bad("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }

    def _m_getchatmember(self, params: dict[str, Any]) -> dict[str, Any]:
        if "chat_id" not in params or "user_id" not in params:
            raise _bad("chat_id or user_id is empty")
        chat, user_id = _chat_key(params["chat_id"]), int(params["user_id"])
        known = self._known_chat(chat)
        if known is not None:
            if user_id == self.bot_id:
                return self._bot_member(known)
            chat = known["chat"]["id"]
        elif isinstance(chat, str):
            raise _bad("chat not found")
        status = self._admins.get(chat, {}).get(user_id, "member")
        member: dict[str, Any] = {
            "status": status,
            "user": self._user(user_id, "Анна", None),
        }
        if status == "administrator":
            member.update({
                "can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
                "can_delete_messages": True, "can_manage_video_chats": False,
                "can_restrict_members": True, "can_promote_members": False,
                "can_change_info": True, "can_invite_users": True, "can_post_stories": False,
                "can_edit_stories": False, "can_delete_stories": False,
                "can_send_welcome_messages": False,
            })
        elif status == "creator":
            member["is_anonymous"] = False
        return member

    def _m_getchat(self, params: dict[str, Any]) -> dict[str, Any]:
        known = self._known_chat(params.get("chat_id", ""))
        if known is None:
            raise _bad("chat not found")
        return {**known["chat"], "accent_color_id": 0, "max_reaction_count": 11,
                "accepted_gift_types": {"unlimited_gifts": False, "limited_gifts": False,
                                        "unique_gifts": False, "premium_subscription": False,
                                        "gifts_from_channels": False}}

    def _bot_member(self, known: dict[str, Any]) -> dict[str, Any]:
        status = known["bot"]
        member: dict[str, Any] = {"status": status, "user": self.bot_user}
        if status == "administrator":
            member.update({
                "can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
                "can_delete_messages": True, "can_manage_video_chats": False,
                "can_restrict_members": False, "can_promote_members": False,
                "can_change_info": False, "can_invite_users": True, "can_post_stories": False,
                "can_edit_stories": False, "can_delete_stories": False,
                "can_send_welcome_messages": False,
            })
            if known["chat"]["type"] == "channel":
                member.update(can_post_messages=known["can_post"], can_edit_messages=False)
        elif status == "restricted":
            rights = ("can_send_messages", "can_send_audios", "can_send_documents",
                      "can_send_photos", "can_send_videos", "can_send_video_notes",
                      "can_send_voice_notes", "can_send_polls", "can_send_other_messages",
                      "can_add_web_page_previews", "can_react_to_messages", "can_edit_tag",
                      "can_change_info", "can_invite_users", "can_pin_messages",
                      "can_manage_topics")
            member.update({right: False for right in rights}, is_member=True, until_date=0)
        elif status == "kicked":
            member["until_date"] = 0
        return member

    def _m_sendchataction(self, params: dict[str, Any]) -> bool:
        if "chat_id" not in params:
            raise _bad("chat_id is empty")
        self.chat_actions.append((_chat_key(params["chat_id"]), str(params.get("action"))))
        return True

    def _m_deletemessage(self, params: dict[str, Any]) -> bool:
        key = (_chat_key(params.get("chat_id", "")), int(params.get("message_id") or 0))
        sent = self._sent_index.get(key)
        if sent is not None and not sent.deleted:
            sent.deleted = True
            return True
        if key in self._messages and sent is None:
            self._messages.pop(key)
            return True
        raise _bad("message to delete not found")


def html_ok(text: str) -> bool:
    """True when Telegram would accept ``text`` with parse_mode=HTML (tags and length)."""
    try:
        plain, _ = parse_telegram_html(text)
    except EntityParseError:
        return False
    return bool(plain.strip()) and utf16_len(plain) <= MAX_TEXT_UTF16


__all__ = [
    "MAX_TEXT_UTF16",
    "Call",
    "EntityParseError",
    "FakeTelegram",
    "Rejected",
    "SentMessage",
    "StoredFile",
    "WaitTimeout",
    "html_ok",
    "parse_telegram_html",
    "utf16_len",
]
