"""Admins: uploads (documents, /add), /stats, /delete. One router, filtered by IsAdmin as a
whole; `make_refusal_router()` comes right after it and refuses the same actions politely."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import PurePath

import aiohttp
from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, ForceReply, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot import render, texts
from bot.batch_report import send_report
from bot.callbacks import DeleteAction, DeleteCB
from bot.cards import send_card
from bot.filters import IsAdmin
from bot.scheduler import DigestScheduler
from core.ingest import ingest_items
from core.search import parse_article_id
from digest.pool import AnalysisPool
from digest.unpack import Item, Record, iter_items
from storage import Archive

log = logging.getLogger("newsdigest.bot.admin")

MAX_DOWNLOAD = 20 * 1024 * 1024  # the Bot API's getFile limit
EXTENSIONS = {".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".zip"}
PROGRESS_EVERY = 2.0  # seconds between edits of the progress message
ADMIN_COMMANDS = ("add", "delete", "stats")


async def _store(message: Message, bot: Bot, archive: Archive, pool: AnalysisPool,
                 items: list[Item], source: str = "") -> None:
    """One article: reply with its card. A batch: a progress message, then a report."""
    uploader = message.from_user.id if message.from_user else None
    if len(items) == 1:
        report = await ingest_items(archive, pool, items, uploaded_by=uploader)
        if report.added:
            await send_card(message, archive, report.added[0][1])
        elif report.duplicates:
            _, existing = report.duplicates[0]
            await message.answer(texts.UPLOAD_DUPLICATE.format(
                article_id=existing, note=render.duplicate_note(report, 0)))
        else:
            await message.answer(
                texts.UPLOAD_FAILED.format(reason=render.q(report.rejected[0][1])))
        return
    total = len(items)
    progress = await message.answer(texts.PROGRESS.format(done=0, total=total))
    last_edit = time.monotonic()

    async def on_progress(done: int, _: int | None) -> None:
        nonlocal last_edit
        if time.monotonic() - last_edit >= PROGRESS_EVERY and done < total:
            last_edit = time.monotonic()
            # progress is best effort: "message is not modified" and the like are harmless
            with contextlib.suppress(TelegramBadRequest):
                await progress.edit_text(texts.PROGRESS.format(done=done, total=total))

    # each member's fate is written as it happens: a stop mid-batch is reported at restart
    batch = await archive.batches.start(message.chat.id, progress.message_id,
                                        source or "загрузка", uploader, [i.name for i in items])

    report = await ingest_items(
        archive, pool, items, uploaded_by=uploader, total=total, on_progress=on_progress,
        batch=batch,
    )
    with contextlib.suppress(TelegramBadRequest):  # the report below is what matters
        await progress.edit_text(texts.PROGRESS_DONE.format(done=report.total, total=total))
    # closes the batch once Telegram confirmed it; if not, the next start sends it
    await send_report(bot, archive, batch, message.chat.id, render.report_html(report))


async def upload(message: Message, bot: Bot, archive: Archive, pool: AnalysisPool) -> None:
    doc = message.document
    assert doc is not None  # registered with F.document
    name = doc.file_name or "upload.txt"
    if PurePath(name).suffix.lower() not in EXTENSIONS:
        await message.answer(texts.UPLOAD_WRONG_TYPE.format(name=render.q(name)))
        return
    if doc.file_size and doc.file_size > MAX_DOWNLOAD:
        await message.answer(texts.UPLOAD_TOO_BIG)
        return
    try:
        buffer = await bot.download(doc)
    except (TelegramAPIError, aiohttp.ClientError, TimeoutError) as exc:
        log.warning("download of %s failed: %s", name, exc)  # the log formatter hides the token
        await message.answer(texts.DOWNLOAD_FAILED.format(name=render.q(name)))
        return
    data = buffer.read() if buffer else b""
    # unpacking a zip is CPU and memory work: off the event loop
    items = await asyncio.to_thread(lambda: list(iter_items(data, name)))
    if not items:
        await message.answer(texts.UPLOAD_EMPTY)
        return
    log.info("upload by %s: %s, %d bytes, %d items", message.from_user.id if message.from_user
             else "-", name, len(data), len(items))
    await _store(message, bot, archive, pool, items, name)


async def add(message: Message, command: CommandObject, bot: Bot, archive: Archive,
              pool: AnalysisPool) -> None:
    if not command.args or not command.args.strip():
        await message.answer(
            texts.ADD_PROMPT,
            reply_markup=ForceReply(input_field_placeholder=texts.ADD_PLACEHOLDER))
        return
    await _store(message, bot, archive, pool, [Record("сообщение", {"text": command.args})])


async def add_reply(message: Message, bot: Bot, archive: Archive, pool: AnalysisPool) -> None:
    await _store(message, bot, archive, pool, [Record("сообщение", {"text": message.text or ""})])


def _delete_kb(article_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=texts.DELETE_YES,
              callback_data=DeleteCB(action=DeleteAction.CONFIRM, article_id=article_id))
    kb.button(text=texts.DELETE_NO,
              callback_data=DeleteCB(action=DeleteAction.CANCEL, article_id=article_id))
    return kb.as_markup()


async def delete(message: Message, command: CommandObject, archive: Archive) -> None:
    """/delete N asks first: a typo in a number must not cost an article."""
    article_id = parse_article_id(command.args)
    if article_id is None:
        await message.answer(texts.DELETE_NUMBER)
        return
    title = await archive.articles.title(article_id)
    if title is None:
        await message.answer(texts.DELETE_MISSING.format(article_id=article_id))
        return
    await message.answer(texts.DELETE_CONFIRM.format(article_id=article_id, title=render.q(title)),
                         reply_markup=_delete_kb(article_id))


async def delete_answer(query: CallbackQuery, callback_data: DeleteCB, archive: Archive) -> None:
    article_id = callback_data.article_id
    if callback_data.action is DeleteAction.CANCEL:
        gone = await archive.articles.title(article_id) is None  # another «Удалить» came first
        text = (texts.DELETE_ALREADY if gone else texts.DELETE_CANCELLED).format(
            article_id=article_id)
    elif await archive.articles.delete(article_id, query.from_user.id):
        text = texts.DELETED.format(article_id=article_id)
    else:  # deleted before or meanwhile (another prompt's «Удалить», another admin)
        text = texts.DELETE_ALREADY.format(article_id=article_id)
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):  # e.g. the message already says it
            await query.message.edit_text(text)  # the buttons go: one answer per question
    await query.answer(text, show_alert=not isinstance(query.message, Message))


async def stats(message: Message, archive: Archive, scheduler: DigestScheduler) -> None:
    now = datetime.now(UTC)
    week = await archive.articles.stats(now - timedelta(days=7))
    status = await scheduler.status()
    counts = await archive.subscribers.counts()
    await message.answer(render.stats_html(week, counts, render.run_lines(status, now)))


async def refuse(message: Message) -> None:
    log.warning("admin action refused for user %s",
                message.from_user.id if message.from_user else "-")
    await message.answer(texts.NOT_ADMIN)


async def refuse_button(query: CallbackQuery) -> None:
    log.warning("admin button refused for user %s", query.from_user.id)
    await query.answer(texts.NOT_ADMIN, show_alert=True)


def make_router() -> Router:
    router = Router(name="admin")
    router.message.filter(IsAdmin())
    router.callback_query.filter(IsAdmin())
    router.message.register(upload, F.document)
    router.message.register(add, Command("add"))
    router.message.register(add_reply, F.text, F.reply_to_message.text == texts.ADD_PROMPT)
    router.message.register(delete, Command("delete"))
    router.message.register(stats, Command("stats"))
    router.callback_query.register(delete_answer, DeleteCB.filter())
    return router


def make_refusal_router() -> Router:
    """Right after the admin router: what it would have taken from an admin, refused."""
    router = Router(name="admin-refusal")
    router.message.register(refuse, F.document)
    router.message.register(refuse, Command(*ADMIN_COMMANDS))
    router.callback_query.register(refuse_button, DeleteCB.filter())
    return router
