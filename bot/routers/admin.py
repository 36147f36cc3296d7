"""Admins: uploads (documents, /add), /stats, /delete. Everyone else is refused politely."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import PurePath

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject
from aiogram.types import Document, ForceReply, Message

from bot import render, texts
from bot.filters import IsAdmin
from bot.routers.search import parse_article_id, send_card
from bot.scheduler import DigestScheduler
from digest.pool import AnalysisPool
from digest.unpack import Record, iter_items
from newsdigest.ingest import IngestReport, ingest_items
from storage import Archive

log = logging.getLogger("newsdigest.bot.admin")

MAX_DOWNLOAD = 20 * 1024 * 1024  # the Bot API's getFile limit
EXTENSIONS = {".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".zip"}
PROGRESS_EVERY = 2.0  # seconds between edits of the progress message
ADD_PROMPT = "Пришлите текст статьи ответом на это сообщение."
MAX_REPORT_LINES = 30


def report_html(report: IngestReport) -> str:
    lines = [f"<b>{render.q(report.summary())}</b>"]
    if report.added:
        ids = ", ".join(f"#{i}" for _, i in report.added[:MAX_REPORT_LINES])
        lines.append(f"Новые статьи: {ids}")
    shown = 0
    for name, article_id in report.duplicates:
        if shown < MAX_REPORT_LINES:
            lines.append(f"• {render.q(name)}: дубликат статьи #{article_id}")
        shown += 1
    for name, reason in report.rejected:
        if shown < MAX_REPORT_LINES:
            lines.append(f"• {render.q(name)}: {render.q(reason)}")
        shown += 1
    if shown > MAX_REPORT_LINES:
        lines.append(f"… и ещё {shown - MAX_REPORT_LINES}")
    return "\n".join(lines)


async def _store(message: Message, archive: Archive, pool: AnalysisPool, items: list) -> None:
    """One article: reply with its card. A batch: a progress message, then a report."""
    uploader = message.from_user.id if message.from_user else None
    if len(items) == 1:
        report = await ingest_items(archive, pool, items, uploaded_by=uploader)
        if report.added:
            await send_card(message, archive, report.added[0][1])
        elif report.duplicates:
            name, existing = report.duplicates[0]
            await message.answer(f"Это дубликат статьи #{existing}. /article {existing}")
        else:
            await message.answer(f"Не удалось добавить: {render.q(report.rejected[0][1])}")
        return
    progress = await message.answer(f"Обрабатываю: 0 из {len(items)}…")
    last_edit = time.monotonic()

    async def on_progress(done: int, total: int | None) -> None:
        nonlocal last_edit
        if time.monotonic() - last_edit >= PROGRESS_EVERY and done < len(items):
            last_edit = time.monotonic()
            # progress is best effort: "message is not modified" and the like are harmless
            with contextlib.suppress(TelegramBadRequest):
                await progress.edit_text(f"Обрабатываю: {done} из {len(items)}…")

    report = await ingest_items(
        archive, pool, items, uploaded_by=uploader, total=len(items), on_progress=on_progress
    )
    await progress.edit_text(f"Готово: {report.total} из {len(items)}.")
    await message.answer(report_html(report))


async def upload(message: Message, bot: Bot, archive: Archive, pool: AnalysisPool) -> None:
    doc: Document = message.document  # type: ignore[assignment]
    name = doc.file_name or "upload.txt"
    if PurePath(name).suffix.lower() not in EXTENSIONS:
        await message.answer(
            f"Файл «{render.q(name)}» не подходит: принимаю .txt, .md, .html, .json, .jsonl "
            "или .zip с ними."
        )
        return
    if doc.file_size and doc.file_size > MAX_DOWNLOAD:
        await message.answer("Файл больше 20 МБ — Telegram не даёт ботам скачивать такие. "
                             "Разбейте архив на части.")
        return
    buffer = await bot.download(doc)
    data = buffer.read() if buffer else b""
    # unpacking a zip is CPU and memory work: off the event loop
    items = await asyncio.to_thread(lambda: list(iter_items(data, name)))
    if not items:
        await message.answer("В файле не нашлось статей.")
        return
    log.info("upload by %s: %s, %d bytes, %d items", message.from_user.id if message.from_user
             else "-", name, len(data), len(items))
    await _store(message, archive, pool, items)


async def upload_refused(message: Message) -> None:
    log.warning("upload refused: user %s is not an admin",
                message.from_user.id if message.from_user else "-")
    await message.answer(texts.NOT_ADMIN)


async def add(message: Message, command: CommandObject, archive: Archive,
              pool: AnalysisPool) -> None:
    if not command.args or not command.args.strip():
        await message.answer(ADD_PROMPT, reply_markup=ForceReply(input_field_placeholder="Текст"))
        return
    await _store(message, archive, pool, [Record("сообщение", {"text": command.args})])


async def add_reply(message: Message, archive: Archive, pool: AnalysisPool) -> None:
    await _store(message, archive, pool, [Record("сообщение", {"text": message.text or ""})])


async def delete(message: Message, command: CommandObject, archive: Archive) -> None:
    article_id = parse_article_id(command.args)
    if article_id is None:
        await message.answer("Укажите номер статьи. Пример: <code>/delete 12</code>")
        return
    actor = message.from_user.id if message.from_user else None
    if await archive.delete_article(article_id, actor):
        await message.answer(f"Статья #{article_id} удалена.")
    else:
        await message.answer(f"Статьи #{article_id} нет в архиве.")


async def stats(message: Message, archive: Archive, scheduler: DigestScheduler) -> None:
    week = await archive.stats(datetime.now(UTC) - timedelta(days=7))
    status = await scheduler.status()
    counts = await archive.subscriber_counts()
    await message.answer(render.stats_html(week, counts, render.run_lines(status)))


async def admin_only(message: Message) -> None:
    log.warning("admin command refused for user %s",
                message.from_user.id if message.from_user else "-")
    await message.answer(texts.NOT_ADMIN)


def make_router() -> Router:
    router = Router(name="admin")
    router.message.register(upload, F.document, IsAdmin())
    router.message.register(upload_refused, F.document)
    router.message.register(add, Command("add"), IsAdmin())
    router.message.register(add_reply, F.text, F.reply_to_message.text == ADD_PROMPT, IsAdmin())
    router.message.register(delete, Command("delete"), IsAdmin())
    router.message.register(stats, Command("stats"), IsAdmin())
    router.message.register(admin_only, Command("add", "delete", "stats"))
    return router
