"""A digest's parts for Telegram: the core's HTML parts plus the card buttons as a keyboard."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardCB
from core.digest_text import card_ids, render_digest
from digest.compose import Digest

BUTTONS_PER_ROW = 4


def card_keyboard(article_ids: list[int]) -> InlineKeyboardMarkup | None:
    """"📄 1", "📄 2", … opening each item's lead card, in compact rows."""
    if not article_ids:
        return None
    builder = InlineKeyboardBuilder()
    for number, article_id in enumerate(article_ids, 1):
        builder.button(text=f"📄 {number}", callback_data=CardCB(article_id=article_id))
    builder.adjust(BUTTONS_PER_ROW)
    return builder.as_markup()


def digest_keyboard(digest: Digest) -> InlineKeyboardMarkup | None:
    return card_keyboard(card_ids(digest))


def digest_messages(
    digest: Digest, *, local_date: date, empty_text: str | None = None
) -> list[dict[str, Any]]:
    """Outbox parts: [{"text", "reply_markup"}]; the card buttons ride on the last part."""
    texts = render_digest(digest, local_date=local_date, empty_text=empty_text)
    markup = digest_keyboard(digest)
    out: list[dict[str, Any]] = [{"text": t, "reply_markup": None} for t in texts]
    if out and markup is not None:
        out[-1]["reply_markup"] = markup.model_dump(mode="json", exclude_none=True)
    return out
