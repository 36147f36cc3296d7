"""A composed digest as one Telegram HTML message per page: the same text for the bot and the
CLI preview.

A page is one message of at most TELEGRAM_LIMIT UTF-16 units, counted on the HTML itself
(tags and attributes included, so it holds whatever Telegram's own count after entity parsing
is). Per story: the headline (linked to the original when it is an http(s) URL), one sentence,
the key figure with a few words of context, the outlets, and `/a<id>` — one tap opens the full
card (the numbered buttons under the message do the same). Stories that do not fit go to the
next page ("ещё N" button). Everything that comes from articles is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from core.html import day_month, plural, q, russian_date
from core.split import TELEGRAM_LIMIT, utf16_len
from digest.compose import Digest, DigestItem

EMPTY_TEXT = "Новых статей с прошлого дайджеста нет."
MAX_SOURCES = 3  # "ТАСС, РБК, Интерфакс и ещё 2"
MAX_URL = 500  # a longer link would eat the page; the card still has it
_HTTP = re.compile(r"https?://\S+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DigestPage:
    html: str
    stories: list[tuple[int, int]]  # (number as printed, lead article id) of each story shown
    start: int  # index in digest.items of the first story shown
    rest: int  # stories after this page

    @property
    def next_start(self) -> int:
        return self.start + len(self.stories)


def story_command(article_id: int) -> str:
    """The one-token command that opens a story's card ("/a12": Telegram links all of it)."""
    return f"/a{article_id}"


def _headline(item: DigestItem) -> str:
    title = q(item.title or "Без заголовка")
    url = (item.url or "").strip()
    if _HTTP.match(url) and len(url) <= MAX_URL:
        return f'<a href="{html.escape(url, quote=True)}">{title}</a>'
    return f"<b>{title}</b>"


def _sources(item: DigestItem) -> str:
    """Up to MAX_SOURCES outlets, each linked to its first report's http(s) original (the
    lead's is the headline's own link)."""
    links: dict[str, str | None] = {}
    for article_id, name in item.sources:
        if name and links.get(name) is None:
            url = (item.links.get(article_id) or "").strip()
            links[name] = url if _HTTP.match(url) and len(url) <= MAX_URL else None
    shown = [
        f'<a href="{html.escape(url, quote=True)}">{q(name)}</a>'
        if url and url != (item.url or "").strip() else q(name)
        for name, url in list(links.items())[:MAX_SOURCES]
    ]
    more = f" и ещё {len(links) - MAX_SOURCES}" if len(links) > MAX_SOURCES else ""
    return ", ".join(shown) + more


STALE_DAYS = 2  # a story published this many days before the digest's day shows its date


def _dated(item: DigestItem, local_date: date | None) -> str:
    """The story's own date when it is older than the digest's day (an archive uploaded
    today is not today's news): "14 октября", with the year when it differs; else ""."""
    day = item.published
    if day is None or local_date is None or (local_date - day).days < STALE_DAYS:
        return ""
    return day_month(day) if day.year == local_date.year else russian_date(day)


def story_html(number: int, item: DigestItem, local_date: date | None = None) -> str:
    lines = [f"<b>{number}.</b> {_headline(item)}"]
    if item.sentence:
        lines.append(q(item.sentence))
    if item.key_figure:
        lines.append(f"▪ {q(item.key_figure)}")
    tail = [f"<i>{src}</i>"] if (src := _sources(item)) else []
    if dated := _dated(item, local_date):
        tail.append(dated)
    tail.append(story_command(item.lead_id))
    lines.append(" · ".join(tail))
    return "\n".join(lines)


def _header(digest: Digest, local_date: date, start: int) -> str:
    if start:
        return f"<b>Дайджест на {day_month(local_date)}</b> · продолжение"
    n = digest.stories
    line = f"{n} {plural(n, 'сюжет', 'сюжета', 'сюжетов')}"
    if digest.sources:
        m = digest.sources
        line += f" из {m} {plural(m, 'источника', 'источников', 'источников')}"
    return f"<b>Дайджест на {day_month(local_date)}</b>\n{line}"


def _people_of_day(digest: Digest) -> str:
    if not digest.people_of_day:
        return ""
    people = ", ".join(f"{q(name)} ({count})" for name, count in digest.people_of_day)
    return f"<b>Люди дня:</b> {people}"


def render_page(
    digest: Digest, *, local_date: date, start: int = 0, limit: int = TELEGRAM_LIMIT
) -> DigestPage:
    """The page of `digest` that begins with story `start` (0: the first page, with the
    "Вы следите" block and "Люди дня"). At least one story per page."""
    blocks = [_header(digest, local_date, start)]
    footer = _people_of_day(digest) if start == 0 else ""
    more_line = 0  # room for the "ещё N" hint line, added below when stories are left
    shown: list[tuple[int, int]] = []
    for index in range(start, len(digest.items)):
        item = digest.items[index]
        number = index + 1
        story = story_html(number, item, local_date)
        if index < digest.followed and index == start:
            story = f"<b>Вы следите</b>\n\n{story}"
        elif index == digest.followed and digest.followed and index > start:
            story = f"<b>Главное за день</b>\n\n{story}"
        candidate = "\n\n".join([*blocks, story, *([footer] if footer else [])])
        more_line = len(_more_hint(len(digest.items) - index - 1)) + 2
        if shown and utf16_len(candidate) + more_line > limit:
            break
        blocks.append(story)
        shown.append((number, item.lead_id))
    rest = len(digest.items) - start - len(shown)
    if rest:
        blocks.append(_more_hint(rest))
    if footer:
        blocks.append(footer)
    return DigestPage("\n\n".join(blocks), shown, start, rest)


def _more_hint(rest: int) -> str:
    word = plural(rest, "сюжет", "сюжета", "сюжетов")
    return f"<i>И ещё {rest} {word} — кнопка «ещё {rest}» под сообщением.</i>" if rest else ""


def render_digest(
    digest: Digest, *, local_date: date, empty_text: str | None = None
) -> list[str]:
    """The first page as the one message of the digest ([] or [empty_text] when empty)."""
    if digest.empty:
        return [q(empty_text)] if empty_text else []
    return [render_page(digest, local_date=local_date).html]


def render_all_pages(digest: Digest, *, local_date: date) -> list[DigestPage]:
    """Every page, for the CLI preview (it has no buttons to page with)."""
    pages: list[DigestPage] = []
    start = 0
    while start < len(digest.items):
        page = render_page(digest, local_date=local_date, start=start)
        pages.append(page)
        start = page.next_start
    return pages


def card_ids(digest: Digest, *, local_date: date) -> list[int]:
    """The article each numbered button of the first page opens, in order."""
    if digest.empty:
        return []
    return [article_id for _, article_id in render_page(digest, local_date=local_date).stories]
