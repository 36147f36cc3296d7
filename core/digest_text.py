"""A composed digest as Telegram HTML parts: the same text for the bot and the CLI preview.

Everything that comes from articles is escaped. Parts are cut by `core.split.split_html`
(paragraph boundaries first), so each one is valid HTML within Telegram's 4096 limit.
"""

from __future__ import annotations

from datetime import date

from core.html import day_month, plural, q
from core.split import split_html
from digest.compose import Digest, DigestItem
from digest.render import figure_line

EMPTY_TEXT = "Новых статей с прошлого дайджеста нет."


def _sources(item: DigestItem) -> str:
    """Source names, each linked to its first article's original when that has a web URL."""
    links: dict[str, str | None] = {}
    for article_id, name in item.sources:
        url = item.links.get(article_id)
        if links.get(name) is None:
            links[name] = url if url and url.startswith(("http://", "https://")) else None
    label = "Источник" if len(links) == 1 else "Источники"
    shown = [f'<a href="{q(url)}">{q(name)}</a>' if url else q(name) for name, url in links.items()]
    return f"<i>{label}: {', '.join(shown)}</i>"


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


def card_ids(digest: Digest) -> list[int]:
    """The article each item's card button opens, in item order."""
    return [] if digest.empty else [item.lead_id for item in digest.items]
