"""/digest: this reader's digest right now as one message; "ещё N" pages through the rest."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot import texts
from bot.callbacks import DigestMoreCB, DigestPageCB
from bot.delivery import Broadcaster
from bot.digest_format import digest_page_message
from core.digests import DigestComposer
from digest.compose import Digest, Profile
from storage import Archive, Subscriber


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


def _window(callback_data: DigestMoreCB | DigestPageCB) -> tuple[datetime, datetime]:
    return (datetime.fromtimestamp(callback_data.since, UTC),
            datetime.fromtimestamp(callback_data.until, UTC))


async def _send_page(message: Message, sub: Subscriber | None, composer: DigestComposer,
                     digest: Digest, callback_data: DigestMoreCB | DigestPageCB) -> None:
    """The page of `digest` the button asks for, dated in `sub`'s zone (the default one when
    the chat is not a subscriber)."""
    if callback_data.start >= len(digest.items):
        return
    since, until = _window(callback_data)
    local = until.astimezone(ZoneInfo(sub.tz if sub else composer.default_tz)).date()
    part = digest_page_message(digest, local_date=local, start=callback_data.start,
                               window=(since, until))
    await message.answer(part["text"], reply_markup=part["reply_markup"],
                         disable_web_page_preview=True)


async def digest_more(
    query: CallbackQuery, callback_data: DigestMoreCB, archive: Archive, broadcaster: Broadcaster
) -> None:
    """"ещё N": the next page of the digest the button is under, whatever was followed since."""
    await query.answer()
    if not isinstance(query.message, Message):
        return
    composer = DigestComposer(archive, default_tz=broadcaster.composer.default_tz)
    # the digest as it was made: its "Вы следите" stories (by lead article) first, then the
    # others ranked as compose ranks them for nobody's follows; stories deleted since drop out
    followed = tuple(int(lead) for lead in callback_data.followed.split(".") if lead)
    digest = await composer.digest(Profile(), *_window(callback_data), pinned=followed)
    sub = await archive.subscribers.get(query.message.chat.id)
    await _send_page(query.message, sub, composer, digest, callback_data)


async def digest_page(
    query: CallbackQuery, callback_data: DigestPageCB, archive: Archive, broadcaster: Broadcaster
) -> None:
    """An older "ещё N" button: the page of the digest rebuilt with today's follows."""
    await query.answer()
    if not isinstance(query.message, Message):
        return
    chat_id = query.message.chat.id
    sub = await archive.subscribers.get(chat_id)
    profile = Profile.from_follows(await archive.subscribers.follows(chat_id) if sub else [])
    composer = DigestComposer(archive, default_tz=broadcaster.composer.default_tz)
    digest = await composer.digest(profile, *_window(callback_data))
    await _send_page(query.message, sub, composer, digest, callback_data)


def make_router() -> Router:
    router = Router(name="digest")
    router.message.register(digest_now, Command("digest"))
    router.callback_query.register(digest_more, DigestMoreCB.filter())
    router.callback_query.register(digest_page, DigestPageCB.filter())
    return router
