"""Small helpers for Telegram-flavoured HTML shared by the bot and the CLI preview."""

from __future__ import annotations

import html
import re
from datetime import date
from urllib.parse import urlsplit

_MONTHS = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
)
_TAG = re.compile(r"<[^>]*>")


def q(text: object) -> str:
    """Escape for Telegram HTML (what aiogram's html_decoration.quote does)."""
    return html.escape(str(text), quote=False)


def safe_href(url: str | None) -> str | None:
    """An http(s) address escaped for an href="…" attribute; None for anything else
    (javascript:, data:, relative paths, spaces or control characters inside)."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return html.escape(url, quote=True)


def to_plain(text: str) -> str:
    """Telegram HTML → plain text (for the CLI)."""
    return html.unescape(_TAG.sub("", text))


def day_month(value: date) -> str:
    """"21 ноября"."""
    return f"{value.day} {_MONTHS[value.month - 1]}"


def russian_date(value: date) -> str:
    """"21 ноября 2026"."""
    return f"{day_month(value)} {value.year}"


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: 1 сюжет, 2 сюжета, 5 сюжетов."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
