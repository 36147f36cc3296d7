"""Sending an article's card: used by /article, the card buttons and admin uploads."""

from __future__ import annotations

from aiogram.types import Message

from bot import render, texts
from core.split import split_html
from storage import Archive


async def send_card(message: Message, archive: Archive, article_id: int) -> None:
    card = await archive.articles.get(article_id)
    if card is None:
        await message.answer(texts.ARTICLE_MISSING.format(article_id=article_id))
        return
    others = await archive.articles.story_reports(article_id)
    for part in split_html(render.card_html(article_id, card, others)):
        await message.answer(part, disable_web_page_preview=True)
