"""/digest: this reader's digest right now as one message; "ещё N" pages through the rest."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot import texts
from bot.callbacks import DigestPageCB
from bot.delivery import Broadcaster
from bot.digest_format import digest_page_message
from core.digests import DigestComposer
from digest.compose import Profile
from storage import Archive


async def digest_now(message: Message, broadcaster: Broadcaster, archive: Archive) -> None:
    preview = await broadcaster.compose_for(message.chat.id)
    if preview.digest.empty:
        fresh = (await archive.articles.stats(top=0)).total_articles == 0
        await message.answer(texts.ARCHIVE_EMPTY if fresh else preview.parts[0])
        return
    part = digest_page_message(preview.digest, local_date=preview.local_date,
                               window=(preview.since, preview.until))
    await message.answer(part["text"], reply_markup=part["reply_markup"],
                         disable_web_page_preview=True)


async def digest_page(
    query: CallbackQuery, callback_data: DigestPageCB, archive: Archive, broadcaster: Broadcaster
) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return
    chat_id = query.message.chat.id
    since = datetime.fromtimestamp(callback_data.since, UTC)
    until = datetime.fromtimestamp(callback_data.until, UTC)
    sub = await archive.subscribers.get(chat_id)
    profile = Profile.from_follows(await archive.subscribers.follows(chat_id) if sub else [])
    composer = DigestComposer(archive, default_tz=broadcaster.composer.default_tz)
    digest = await composer.digest(profile, since, until)
    local = until.astimezone(ZoneInfo(sub.tz if sub else composer.default_tz)).date()
    if callback_data.start >= len(digest.items):
        return
    part = digest_page_message(digest, local_date=local, start=callback_data.start,
                               window=(since, until))
    await query.message.answer(part["text"], reply_markup=part["reply_markup"],
                               disable_web_page_preview=True)


def make_router() -> Router:
    router = Router(name="digest")
    router.message.register(digest_now, Command("digest"))
    router.callback_query.register(digest_page, DigestPageCB.filter())
    return router
