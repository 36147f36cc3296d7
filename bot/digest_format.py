"""A digest page for Telegram: the core's HTML page plus its keyboard — one numbered button per
story (opens its card) and "ещё N" for the next page."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardCB, DigestMoreCB, DigestPageCB
from core.digest_text import DigestPage, render_page
from core.html import q
from digest.compose import Digest

BUTTONS_PER_ROW = 5


def card_keyboard(
    stories: list[tuple[int, int]], more: DigestMoreCB | DigestPageCB | None = None,
    rest: int = 0,
) -> InlineKeyboardMarkup | None:
    """Buttons "1", "2", … (numbered as in the text) opening each story's card, then "ещё N"."""
    if not stories and more is None:
        return None
    builder = InlineKeyboardBuilder()
    for number, article_id in stories:
        builder.button(text=str(number), callback_data=CardCB(article_id=article_id))
    rows = [BUTTONS_PER_ROW] * (len(stories) // BUTTONS_PER_ROW)
    if len(stories) % BUTTONS_PER_ROW:
        rows.append(len(stories) % BUTTONS_PER_ROW)
    if more is not None:
        builder.button(text=f"ещё {rest} ›", callback_data=more)
        rows.append(1)
    builder.adjust(*rows)
    return builder.as_markup()


def followed_leads(digest: Digest) -> list[int]:
    """The lead article of each story in the digest's "Вы следите" block, in order."""
    return [item.lead_id for item in digest.items[:digest.followed]]


def more_button(
    window: tuple[datetime, datetime], start: int, followed: list[int]
) -> DigestMoreCB | DigestPageCB:
    """"ещё N": the continuation of this very digest (DigestMoreCB), or, when its ids do
    not fit Telegram's 64 bytes, the page rebuilt with the reader's follows of the moment."""
    since, until = int(window[0].timestamp()), int(window[1].timestamp())
    more = DigestMoreCB(since=since, until=until, start=start,
                        followed=".".join(map(str, followed)))
    try:
        more.pack()
    except ValueError:  # longer than 64 bytes
        return DigestPageCB(since=since, until=until, start=start)
    return more


def page_keyboard(
    page: DigestPage, window: tuple[datetime, datetime] | None, followed: list[int] | None = None
) -> InlineKeyboardMarkup | None:
    more = None
    if page.rest and window is not None:
        more = more_button(window, page.next_start, followed or [])
    return card_keyboard(page.stories, more, page.rest)


def digest_page_message(
    digest: Digest, *, local_date: date, start: int = 0,
    window: tuple[datetime, datetime] | None = None,
) -> dict[str, Any]:
    """{"text", "reply_markup"} of one page; the markup as JSON (the outbox stores it)."""
    page = render_page(digest, local_date=local_date, start=start)
    markup = page_keyboard(page, window, followed_leads(digest))
    return {
        "text": page.html,
        "reply_markup": markup.model_dump(mode="json", exclude_none=True) if markup else None,
    }


def digest_messages(
    digest: Digest, *, local_date: date, empty_text: str | None = None,
    window: tuple[datetime, datetime] | None = None,
) -> list[dict[str, Any]]:
    """Outbox parts: the digest is one message (its first page), [] or [empty_text] if empty."""
    if digest.empty:
        return [{"text": q(empty_text), "reply_markup": None}] if empty_text else []
    return [digest_page_message(digest, local_date=local_date, window=window)]
