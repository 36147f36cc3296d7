"""A digest posted in a channel: its readers cannot write to the bot there, and a callback
button pressed in a channel would make the bot answer into the channel for everyone. So each
story's button becomes a link that opens the bot's private chat with the story's card
(t.me/<bot>?start=a12, answered by /start a12); "ещё N" is dropped (the channel reader's next
page is their own /digest)."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CardCB

START_CARD = "a"  # /start a12 opens article 12


def card_link(bot_username: str, article_id: int) -> str:
    return f"https://t.me/{bot_username}?start={START_CARD}{article_id}"


def channel_markup(markup: dict[str, Any] | None, bot_username: str) -> dict[str, Any] | None:
    """The stored keyboard of a digest part, as a channel post carries it (JSON, or None)."""
    if not markup:
        return None
    keyboard = InlineKeyboardMarkup.model_validate(markup)
    rows: list[list[InlineKeyboardButton]] = []
    for row in keyboard.inline_keyboard:
        links = []
        for button in row:
            data = button.callback_data or ""
            if data.startswith(f"{CardCB.__prefix__}:"):
                article_id = CardCB.unpack(data).article_id
                links.append(InlineKeyboardButton(text=button.text,
                                                  url=card_link(bot_username, article_id)))
        if links:
            rows.append(links)
    if not rows:
        return None
    return InlineKeyboardMarkup(inline_keyboard=rows).model_dump(mode="json", exclude_none=True)
