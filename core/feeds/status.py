"""A source's health in words (Russian), for `/feeds` and `newsdigest feeds list`."""

from __future__ import annotations

from core.html import plural
from storage.feeds import FeedSource


def _at(stamp: str | None) -> str:
    return f"{stamp[:16]} UTC" if stamp else "—"


def health_lines(source: FeedSource) -> list[str]:
    """Plain text lines (the bot escapes them): name and state, URL, success, error."""
    state = "на паузе" if source.paused else f"каждые {max(1, source.interval // 60)} мин"
    lines = [
        f"#{source.id} {source.name} — {state}",
        f"   {source.url}",
        f"   последний успех: {_at(source.last_success)} · взято статей: {source.items_taken}",
    ]
    if source.failures:
        lines.append(
            f"   ошибка ({source.failures} {plural(source.failures, 'раз', 'раза', 'раз')} подряд, "
            f"{_at(source.last_error_at)}): "
            f"{source.last_error} · следующая попытка {_at(source.next_at)}"
        )
    elif source.last_error:
        lines.append(f"   последняя ошибка ({_at(source.last_error_at)}): {source.last_error}")
    return lines
