"""Reader queries: /person, /topic, /article, /people, /topics, paging and card buttons,
and plain text as a search."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot import render, texts
from bot.callbacks import CardCB, PageCB
from bot.searches import SearchCache, query_kind
from bot.split import split_html
from storage import Archive, ArticleRef

PAGE_SIZE = 5
WEEK = timedelta(days=7)


def _results_kb(refs: list[ArticleRef], kind: str, token: str, offset: int, has_more: bool):
    kb = InlineKeyboardBuilder()
    for i, ref in enumerate(refs, start=offset + 1):
        kb.button(text=f"📄 {i}", callback_data=CardCB(article_id=ref.id))
    kb.adjust(PAGE_SIZE)
    nav = InlineKeyboardBuilder()
    page = offset // PAGE_SIZE
    if page > 0:
        nav.button(text="◀ Назад", callback_data=PageCB(kind=kind, token=token, page=page - 1))
    if has_more:
        nav.button(text="Дальше ▶", callback_data=PageCB(kind=kind, token=token, page=page + 1))
    kb.attach(nav)
    return kb.as_markup() if refs else None


async def _page(archive: Archive, kind: str, query: str, page: int, searches: SearchCache):
    offset = page * PAGE_SIZE
    if kind == "person":
        result = await archive.find_person(query, limit=PAGE_SIZE, offset=offset)
        text = render.person_page(result, offset)
    else:
        result = await archive.search_topic(query, limit=PAGE_SIZE, offset=offset)
        text = render.topic_page(result, offset)
    kb = _results_kb(result.articles, kind, searches.token(kind, query), offset, result.has_more)
    return text, kb


def _check_query(args: str | None, command: str, example: str) -> str | None:
    """None when fine, else the explanation to send."""
    if not args or not args.strip():
        return f"Напишите, что искать. Пример: <code>/{command} {example}</code>"
    if len(args) > texts.MAX_QUERY_CHARS:
        return texts.QUERY_TOO_LONG + f" Пример: <code>/{command} {example}</code>"
    return None


async def _answer_search(message: Message, kind: str, query: str, archive, searches) -> None:
    text, kb = await _page(archive, kind, query.strip(), 0, searches)
    await message.answer(text, reply_markup=kb)


_EXAMPLES = {"person": "Лавров", "topic": "вакцина"}


async def search_command(message: Message, command: CommandObject, archive: Archive,
                         searches: SearchCache) -> None:
    """/person NAME and /topic WORD: the first page of results, with card and page buttons."""
    kind = command.command
    problem = _check_query(command.args, kind, _EXAMPLES[kind])
    if problem:
        await message.answer(problem)
        return
    await _answer_search(message, kind, command.args or "", archive, searches)


async def page(query: CallbackQuery, callback_data: PageCB, archive: Archive,
               searches: SearchCache) -> None:
    found = searches.get(callback_data.token)
    if found is None or query.message is None:
        await query.answer("Результаты устарели — повторите запрос.", show_alert=True)
        return
    kind, text_query = found
    text, kb = await _page(archive, kind, text_query, max(0, callback_data.page), searches)
    await query.message.edit_text(text, reply_markup=kb)
    await query.answer()


def parse_article_id(arg: str | None) -> int | None:
    """"12" or "#12" → 12. ASCII digits only ("²".isdigit() is true), at most 12 of them."""
    text = (arg or "").strip().lstrip("#")
    return int(text) if re.fullmatch(r"[0-9]{1,12}", text) else None


async def send_card(message: Message, archive: Archive, article_id: int) -> None:
    card = await archive.get_article(article_id)
    if card is None:
        await message.answer(f"Статьи #{article_id} нет в архиве. Номера есть в /digest и поиске.")
        return
    for part in split_html(render.card_html(article_id, card)):
        await message.answer(part, disable_web_page_preview=True)


async def article(message: Message, command: CommandObject, archive: Archive) -> None:
    article_id = parse_article_id(command.args)
    if article_id is None:
        await message.answer("Укажите номер статьи цифрами. Пример: <code>/article 12</code>")
        return
    await send_card(message, archive, article_id)


async def card_button(query: CallbackQuery, callback_data: CardCB, archive: Archive) -> None:
    await query.answer()
    if query.message is not None:
        await send_card(query.message, archive, callback_data.article_id)


async def people(message: Message, archive: Archive) -> None:
    stats = await archive.stats(datetime.now(UTC) - WEEK, top=10)
    await message.answer(render.top_list("Чаще всех за неделю", stats.top_people, "person"))


async def topics(message: Message, archive: Archive) -> None:
    stats = await archive.stats(datetime.now(UTC) - WEEK, top=10)
    await message.answer(render.top_list("Темы недели", stats.top_topics, "topic"))


async def plain_text(message: Message, archive: Archive, searches: SearchCache) -> None:
    """A reader's plain text: a person when the archive knows one by that name, else a topic."""
    query = (message.text or "").strip()
    if len(query) > texts.MAX_QUERY_CHARS:
        await message.answer(texts.QUERY_TOO_LONG + " Напишите имя или одно-два слова.")
        return
    await _answer_search(message, await query_kind(archive, query), query, archive, searches)


def make_router() -> Router:
    router = Router(name="search")
    router.message.register(search_command, Command("person", "topic"))
    router.callback_query.register(page, PageCB.filter())
    router.message.register(article, Command("article"))
    router.callback_query.register(card_button, CardCB.filter())
    router.message.register(people, Command("people"))
    router.message.register(topics, Command("topics"))
    router.message.register(plain_text, F.text, ~F.text.startswith("/"))
    return router
