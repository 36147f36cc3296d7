"""Admins: feed sources (/feeds, /feed add|del|pause|resume) and links sent by hand.

One router filtered by IsAdmin as a whole; `make_refusal_router()` answers the same commands
from anyone else. A message from an admin that holds links (and is not a command) files each
linked article, with the uploads' report.
"""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message, MessageEntity

from bot import render, texts
from bot.cards import send_card
from bot.filters import IsAdmin
from core.feeds.fetch import FetchError
from core.feeds.parse import FeedError
from core.feeds.poller import Feeds, Link, PollResult
from core.feeds.status import health_lines
from core.split import split_html
from storage import Archive

log = logging.getLogger("newsdigest.bot.feeds")

MAX_LINKS = 20  # per message
LINK_TYPES = frozenset({"url", "text_link"})
COMMANDS = ("feeds", "feed")


async def list_feeds(message: Message, feeds: Feeds) -> None:
    sources = await feeds.sources.all()
    if not sources:
        await message.answer(texts.FEEDS_NONE)
        return
    blocks = ["\n".join(render.q(line) for line in health_lines(s)) for s in sources]
    for part in split_html(texts.FEEDS_TITLE + "\n\n" + "\n\n".join(blocks)):
        await message.answer(part)


def _source_id(value: str | None) -> int | None:
    value = (value or "").strip().lstrip("#")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


async def feed(message: Message, command: CommandObject, feeds: Feeds) -> None:
    action, _, rest = (command.args or "").strip().partition(" ")
    action, rest = action.lower(), rest.strip()
    if action == "add" and rest:
        await _add(message, feeds, rest.split()[0])
        return
    source_id = _source_id(rest)
    if action not in {"del", "pause", "resume"} or source_id is None:
        await message.answer(texts.FEEDS_USAGE)
        return
    actor = message.from_user.id if message.from_user else None
    if action == "del":
        source = await feeds.sources.delete(source_id, actor=actor)
    else:
        source = await feeds.sources.set_paused(source_id, action == "pause", now=feeds.clock())
    if source is None:
        await message.answer(texts.FEED_MISSING.format(id=source_id))
        return
    done = {"del": texts.FEED_DELETED, "pause": texts.FEED_PAUSED,
            "resume": texts.FEED_RESUMED}[action]
    await message.answer(done.format(id=source.id, name=render.q(source.name)))
    if action == "resume":
        await _report_poll(message, feeds, source.id, source.name)


async def _add(message: Message, feeds: Feeds, url: str) -> None:
    await message.answer(texts.FEED_LOOKING.format(url=render.q(render.clip(url))))
    try:
        source, created = await feeds.add_source(
            url, added_by=message.from_user.id if message.from_user else None
        )
    except (FetchError, FeedError) as exc:
        await message.answer(texts.FEED_ADD_FAILED.format(
            reason=render.q(render.clip(str(exc), 400))))
        return
    if not created:
        await message.answer(texts.FEED_EXISTS.format(id=source.id, name=render.q(source.name)))
        return
    await message.answer(texts.FEED_ADDED.format(id=source.id, name=render.q(source.name),
                                      url=render.q(source.url)))
    await _report_poll(message, feeds, source.id, source.name)  # a new source is due at once


async def _report_poll(message: Message, feeds: Feeds, source_id: int, name: str) -> None:
    result: PollResult = await feeds.poll_soon(source_id)
    if result.error:
        await message.answer(
            texts.FEED_POLL_FAILED.format(id=source_id, error=render.q(result.error)))
    elif result.report is None:
        await message.answer(texts.FEED_NOT_MODIFIED.format(id=source_id))
    else:
        for part in split_html(texts.FEED_POLLED.format(id=source_id, name=render.q(name),
                                                report=render.report_html(result.report))):
            await message.answer(part)


def _links(message: Message) -> list[str]:
    """The message's links in order: plain URLs and text links, each once."""
    text = message.text or message.caption or ""
    entities: list[MessageEntity] = message.entities or message.caption_entities or []
    found: list[str] = []
    for entity in entities:
        url = entity.url if entity.type == "text_link" else (
            entity.extract_from(text) if entity.type == "url" else None
        )
        if url and url not in found:
            found.append(url if "://" in url else f"http://{url}")
    return found


async def links(message: Message, feeds: Feeds, archive: Archive) -> None:
    urls = _links(message)
    if len(urls) > MAX_LINKS:
        await message.answer(texts.TOO_MANY_LINKS.format(max=MAX_LINKS, count=len(urls)))
        urls = urls[:MAX_LINKS]
    uploader = message.from_user.id if message.from_user else None
    report = await feeds.ingest_links([Link(u) for u in urls], uploaded_by=uploader)
    if len(urls) == 1 and report.added:
        await send_card(message, archive, report.added[0][1])
    elif len(urls) == 1 and report.duplicates:
        await message.answer(texts.UPLOAD_DUPLICATE.format(
            article_id=report.duplicates[0][1], note=render.duplicate_note(report, 0)))
    elif len(urls) == 1:
        await message.answer(texts.UPLOAD_FAILED.format(reason=render.q(report.rejected[0][1])))
    else:
        for part in split_html(render.report_html(report)):
            await message.answer(part)


async def refuse(message: Message) -> None:
    await message.answer(texts.NOT_ADMIN)


def make_router() -> Router:
    router = Router(name="feeds")
    router.message.filter(IsAdmin())
    router.message.register(list_feeds, Command("feeds"))
    router.message.register(feed, Command("feed"))
    has_link = F.entities.func(lambda found: any(e.type in LINK_TYPES for e in found))
    router.message.register(links, F.text, ~F.text.startswith("/"), has_link)
    return router


def make_refusal_router() -> Router:
    router = Router(name="feeds-refusal")
    router.message.register(refuse, Command(*COMMANDS))
    return router
