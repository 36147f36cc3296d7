"""A composed digest as Telegram HTML parts, plus its card buttons.

Everything that comes from articles is escaped. Parts are cut by `bot.split.split_html`
(paragraph boundaries first), so each one is valid HTML within Telegram's 4096 limit.
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardCB
from bot.render import day_month, plural, q
from bot.split import split_html
from digest.compose import Digest, DigestItem
from digest.render import figure_line

EMPTY_TEXT = "Новых статей с прошлого дайджеста нет."
BUTTONS_PER_ROW = 4
_TAG = re.compile(r"<[^>]*>")


def _sources(item: DigestItem) -> str:
    names = list(dict.fromkeys(name for _, name in item.sources))
    label = "Источник" if len(names) == 1 else "Источники"
    return f"<i>{label}: {q(', '.join(names))}</i>"


def item_html(number: int, item: DigestItem) -> str:
    star = "⭐ " if item.followed else ""
    lines = [f"{star}<b>{number}. {q(item.title)}</b>"]
    if item.followed:
        lines.append(f"<i>Вы следите: {q(', '.join(item.followed))}</i>")
    if item.summary:
        lines.append(q(" ".join(s.strip() for s in item.summary[:3])))
    lines += [f"• {q(figure_line(f))}" for f in item.figures]
    if item.people:
        people = "; ".join(q(p.name) + (f" — {q(p.role)}" if p.role else "") for p in item.people)
        lines.append(f"👤 {people}")
    lines.append(_sources(item))
    lines.append(f"/article {item.lead_id}")
    return "\n".join(lines)


def digest_html(digest: Digest, *, local_date: date) -> str:
    """The whole digest as one HTML text (before splitting)."""
    stories = len(digest.items) + digest.more
    header = [f"<b>Дайджест на {day_month(local_date)}</b>"]
    header.append(
        f"{digest.articles} {plural(digest.articles, 'статья', 'статьи', 'статей')}, "
        f"{stories} {plural(stories, 'сюжет', 'сюжета', 'сюжетов')}"
    )
    blocks = ["\n".join(header)]
    blocks += [item_html(n, item) for n, item in enumerate(digest.items, 1)]
    if digest.more:
        word = plural(digest.more, "сюжет", "сюжета", "сюжетов")
        blocks.append(f"И ещё {digest.more} {word} — /digest")
    if digest.people_of_day:
        people = ", ".join(f"{q(name)} ({count})" for name, count in digest.people_of_day)
        blocks.append(f"<b>Люди дня:</b> {people}")
    return "\n\n".join(blocks)


def render_digest(
    digest: Digest, *, local_date: date, empty_text: str | None = None
) -> list[str]:
    """HTML parts ready for sendMessage. An empty digest gives [] (or [empty_text])."""
    if digest.empty:
        return [q(empty_text)] if empty_text else []
    return split_html(digest_html(digest, local_date=local_date))


def digest_keyboard(digest: Digest) -> InlineKeyboardMarkup | None:
    """"📄 1", "📄 2", … opening each item's lead card, in compact rows."""
    if digest.empty:
        return None
    builder = InlineKeyboardBuilder()
    for number, item in enumerate(digest.items, 1):
        builder.button(text=f"📄 {number}", callback_data=CardCB(article_id=item.lead_id))
    builder.adjust(BUTTONS_PER_ROW)
    return builder.as_markup()


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


def to_plain(text: str) -> str:
    """Telegram HTML → plain text (for the CLI preview)."""
    return html.unescape(_TAG.sub("", text))
