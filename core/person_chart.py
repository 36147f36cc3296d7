"""/person as a picture: mentions per day over the last 30 days (PNG), plus the caption with
the person's latest quotes ("who said what", with date and source).

matplotlib's object API with the Agg canvas (no pyplot, no global state: safe in a worker
thread); its bundled DejaVu Sans draws Cyrillic and nothing is downloaded. Rendering takes
tens of milliseconds of CPU, so callers run `render_png` off the event loop
(`PersonCharts.png` does) and images are cached per person and day.
"""

from __future__ import annotations

import asyncio
import io
from collections import OrderedDict
from datetime import date, timedelta

from core.html import day_month, q
from core.split import utf16_len
from storage import Archive, PersonActivity

DAYS = 30
MAX_QUOTES = 5
CAPTION_LIMIT = 1024  # Telegram's caption limit, in UTF-16 units after entity parsing
MAX_QUOTE_CHARS = 160


def days_of(activity: PersonActivity, today: date, days: int = DAYS) -> list[tuple[date, int]]:
    start = today - timedelta(days=days - 1)
    return [(d, activity.per_day.get(d, 0)) for d in (start + timedelta(n) for n in range(days))]


def render_png(name: str, series: list[tuple[date, int]]) -> bytes:
    """A small bar chart of mentions per day, titled with the person's name."""
    # imported on first use: matplotlib costs the bot's start time and memory until then
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(8, 3.6), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    counts = [n for _, n in series]
    ax.bar(range(len(series)), counts, color="#3b6ea8", width=0.8)
    ax.set_title(f"{name}: упоминания за {len(series)} дней", fontsize=13)
    ax.set_ylabel("статей в день")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ticks = list(range(0, len(series), max(1, len(series) // 6)))
    ax.set_xticks(ticks, [f"{series[i][0].day:02d}.{series[i][0].month:02d}" for i in ticks])
    ax.set_ylim(0, max(counts + [1]) * 1.15)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def caption_html(activity: PersonActivity, series: list[tuple[date, int]]) -> str:
    """The photo's caption: totals, then the latest quotes with date and source (≤ 1024)."""
    total = sum(n for _, n in series)
    name = ", ".join(activity.names)
    lines = [f"<b>{q(name)}</b> — {total} за {len(series)} дней"]
    if activity.quotes:
        lines.append("")
        lines.append("<b>Последние цитаты</b>")
    else:
        lines.append("Цитат в архиве нет.")
    for quote in activity.quotes[:MAX_QUOTES]:
        text = quote.text if len(quote.text) <= MAX_QUOTE_CHARS else (
            quote.text[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0] + "…")
        where = day_month(quote.day) + (f", {quote.source}" if quote.source else "")
        line = f"«{q(text)}» — <i>{q(where)}</i>, /a{quote.article_id}"
        if utf16_len("\n".join([*lines, line])) > CAPTION_LIMIT:  # tags count: conservative
            break
        lines.append(line)
    return "\n".join(lines)


class PersonCharts:
    """PNG per (person, day), rendered in a worker thread, a bounded LRU cache."""

    def __init__(self, archive: Archive, size: int = 256) -> None:
        self.archive = archive
        self.size = size
        self._cache: OrderedDict[tuple[tuple[str, ...], date], bytes] = OrderedDict()
        self.rendered = 0

    async def activity(self, query: str, today: date) -> PersonActivity | None:
        since = today - timedelta(days=DAYS - 1)
        return await self.archive.articles.person_activity(query, since, MAX_QUOTES)

    async def png(self, activity: PersonActivity, today: date) -> bytes:
        key = (tuple(activity.names), today)
        found = self._cache.get(key)
        if found is None:
            series = days_of(activity, today)
            found = await asyncio.to_thread(render_png, ", ".join(activity.names), series)
            self.rendered += 1
            self._cache[key] = found
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        self._cache.move_to_end(key)
        return found
