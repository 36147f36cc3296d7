"""Reader queries: /person, /topic, /article, /people, /topics, paging and card buttons,
and plain text as a search."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot import render, texts
from bot.callbacks import CardCB, PageCB
from bot.cards import send_card
from bot.filters import PrivateChat
from core.person_chart import PersonCharts, caption_html, days_of
from core.search import (
    PAGE_SIZE,
    QueryProblem,
    QueryTokens,
    parse_article_id,
    query_kind,
    query_problem,
    search_page,
)
from storage import Archive, ArticleRef, FollowKind, PersonResult

WEEK = timedelta(days=7)


def _results_kb(refs: list[ArticleRef], kind: FollowKind, token: str, offset: int,
                has_more: bool) -> InlineKeyboardMarkup | None:
    if not refs:
        return None
    kb = InlineKeyboardBuilder()
    for i, ref in enumerate(refs, start=offset + 1):
        kb.button(text=texts.CARD_BUTTON.format(number=i), callback_data=CardCB(article_id=ref.id))
    kb.adjust(PAGE_SIZE)
    nav = InlineKeyboardBuilder()
    page = offset // PAGE_SIZE
    if page > 0:
        nav.button(text=texts.PAGE_BACK, callback_data=PageCB(kind=kind, token=token,
                                                              page=page - 1))
    if has_more:
        nav.button(text=texts.PAGE_NEXT, callback_data=PageCB(kind=kind, token=token,
                                                              page=page + 1))
    kb.attach(nav)
    return kb.as_markup()


async def _page(archive: Archive, kind: FollowKind, query: str, page: int,
                searches: QueryTokens) -> tuple[str, InlineKeyboardMarkup | None]:
    offset = max(0, page) * PAGE_SIZE
    result = await search_page(archive, kind, query, page)
    if isinstance(result, PersonResult):
        text = render.person_page(result, offset)
    else:
        text = render.topic_page(result, offset)
    kb = _results_kb(result.articles, kind, searches.token(kind, query), offset, result.has_more)
    return text, kb


async def _answer_search(message: Message, kind: FollowKind, query: str, archive: Archive,
                         searches: QueryTokens) -> None:
    text, kb = await _page(archive, kind, query.strip(), 0, searches)
    await message.answer(text, reply_markup=kb)


async def search_command(message: Message, command: CommandObject, archive: Archive,
                         searches: QueryTokens, charts: PersonCharts) -> None:
    """/person NAME and /topic WORD: the first page of results, with card and page buttons."""
    kind = FollowKind(command.command)
    example = texts.SEARCH_EXAMPLES[kind]
    problem = query_problem(command.args)
    if problem is QueryProblem.EMPTY:
        await message.answer(texts.SEARCH_EMPTY.format(command=kind, example=example))
        return
    if problem is QueryProblem.TOO_LONG:
        await message.answer(texts.SEARCH_TOO_LONG.format(command=kind, example=example))
        return
    if kind is FollowKind.PERSON:
        await _person_chart(message, (command.args or "").strip(), charts)
    await _answer_search(message, kind, command.args or "", archive, searches)


async def _person_chart(message: Message, query: str, charts: PersonCharts) -> None:
    """The mentions-per-day picture with the latest quotes, when the last 30 days have any."""
    today = datetime.now(UTC).date()
    activity = await charts.activity(query, today)
    if activity is None:
        return
    series = days_of(activity, today)
    if not any(n for _, n in series):
        return
    png = await charts.png(activity, today)  # rendered in a worker thread, cached per day
    await message.answer_photo(BufferedInputFile(png, "mentions.png"),
                               caption=caption_html(activity, series))


async def page(query: CallbackQuery, callback_data: PageCB, archive: Archive,
               searches: QueryTokens) -> None:
    found = searches.get(callback_data.token)
    # a message too old for the bot to edit arrives as InaccessibleMessage
    if found is None or not isinstance(query.message, Message):
        await query.answer(texts.RESULTS_EXPIRED, show_alert=True)
        return
    kind, text_query = found
    text, kb = await _page(archive, kind, text_query, callback_data.page, searches)
    await query.message.edit_text(text, reply_markup=kb)
    await query.answer()


async def article(message: Message, command: CommandObject, archive: Archive) -> None:
    article_id = parse_article_id(command.args)
    if article_id is None:
        await message.answer(texts.ARTICLE_NUMBER)
        return
    await send_card(message, archive, article_id)


# "/a12", "/A12", "/a 12", "/a12@bot", "/a@bot 12"
STORY_COMMAND = re.compile(r"^/a(?:@\w+)?\s*(?P<id>\d+)(?:@\w+)?\s*$", re.IGNORECASE)


async def story_command(message: Message, archive: Archive) -> None:
    """/a12: the compact one-tap command printed beside each digest story."""
    found = STORY_COMMAND.match(message.text or "")
    article_id = parse_article_id(found["id"] if found else None)
    if article_id is None:
        await message.answer(texts.ARTICLE_NUMBER)
        return
    await send_card(message, archive, article_id)


async def card_button(query: CallbackQuery, callback_data: CardCB, archive: Archive) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await send_card(query.message, archive, callback_data.article_id)


async def people(message: Message, archive: Archive) -> None:
    stats = await archive.articles.stats(datetime.now(UTC) - WEEK, top=10)
    await message.answer(render.top_list(texts.TOP_PEOPLE, stats.top_people, "person"))


async def topics(message: Message, archive: Archive) -> None:
    stats = await archive.articles.stats(datetime.now(UTC) - WEEK, top=10)
    await message.answer(render.top_list(texts.TOP_TOPICS, stats.top_topics, "topic"))


async def plain_text(message: Message, archive: Archive, searches: QueryTokens) -> None:
    """A reader's plain text: a person when the archive knows one by that name, else a topic."""
    query = (message.text or "").strip()
    if query_problem(query) is QueryProblem.TOO_LONG:
        await message.answer(texts.PLAIN_TOO_LONG)
        return
    await _answer_search(message, await query_kind(archive, query), query, archive, searches)


def make_router() -> Router:
    router = Router(name="search")
    router.message.register(search_command, Command("person", "topic"))
    router.callback_query.register(page, PageCB.filter())
    router.message.register(article, Command("article"))
    router.message.register(story_command, F.text.regexp(STORY_COMMAND))
    router.callback_query.register(card_button, CardCB.filter())
    router.message.register(people, Command("people"))
    router.message.register(topics, Command("topics"))
    router.message.register(plain_text, F.text, ~F.text.startswith("/"), PrivateChat())
    return router

