"""HTML for Telegram: cards, search results, lists. Everything from articles or users escaped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot import texts
from core.digest_text import story_command
from core.html import day_month, plural, q, russian_date, safe_href
from core.ingest import IngestReport
from core.zones import zone_arg as _zone_arg
from core.zones import zone_label as _zone_label
from digest.card import ArticleCard
from digest.compose import figure_lines
from digest.render import short_quote
from storage import ArticleRef, PersonResult, Stats, TopicResult

if TYPE_CHECKING:
    from bot.scheduler import SchedulerStatus

MAX_CARD_QUOTES = 3
MAX_CARD_FIGURES = 8
MAX_CARD_SOURCES = 8
MAX_REPORT_LINES = 30

def clip(text: str, limit: int = 200) -> str:
    """User input shown back, never longer than `limit` characters (a reply must fit 4096)."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def zone_label(tz: str) -> str:
    """The zone as readers read it: "UTC+7 (МСК+4)", "Екатеринбург, UTC+5 (МСК+2)"."""
    return _zone_label(tz, texts.ZONE_BUTTONS.get(tz))


def zone_arg(tz: str) -> str:
    """The zone as /time takes it back: "Екатеринбург", "UTC+7"."""
    return _zone_arg(tz, texts.ZONE_BUTTONS.get(tz))


def _meta(published, source) -> str:
    parts = [russian_date(published) if published else None, source]
    return " · ".join(q(p) for p in parts if p)


def card_html(article_id: int, card: ArticleCard, others: Sequence[ArticleRef] = ()) -> str:
    """The full card; `others` are the other reports of its story (their outlets, linked to
    their originals, and the /aN that opens each)."""
    lines = [f"<b>{q(card.title)}</b>"]
    if card.subtitle:
        lines.append(f"<i>{q(card.subtitle)}</i>")
    meta = _meta(card.published, card.source)
    lines.append(f"#{article_id}" + (f" · {meta}" if meta else ""))
    if card.summary:
        lines += ["", texts.CARD_SUMMARY, *(q(s) for s in card.summary)]
    if card.people:
        lines += ["", texts.CARD_PEOPLE]
        lines += [
            f"• {q(p.name)}" + (f" — {q(p.role)}" if p.role else "") for p in card.people[:8]
        ]
    if card.figures:
        lines += ["", texts.CARD_FIGURES]
        lines += [f"• {q(line)}" for line in figure_lines(card.figures, MAX_CARD_FIGURES)]
    if card.quotes:
        lines += ["", texts.CARD_QUOTES]
        for quote in card.quotes[:MAX_CARD_QUOTES]:
            who = f" — <i>{q(quote.speaker)}</i>" if quote.speaker else ""
            lines.append(f"«{q(short_quote(quote.text))}»{who}")
    places = [e.name for e in card.locations[:5]] + [e.name for e in card.organizations[:5]]
    if places:
        lines += ["", texts.CARD_PLACES + q(", ".join(places))]
    if card.topics:
        lines.append(texts.CARD_TOPICS + q(", ".join(card.topics)))
    href = safe_href(card.url)
    if href:
        lines.append(texts.CARD_SOURCE_LINK.format(url=href))
    if others:
        lines.append(texts.CARD_OTHER_SOURCES + _other_sources(others))
    return "\n".join(lines)


def _other_sources(others: Sequence[ArticleRef]) -> str:
    """"Коммерсантъ /a13, РИА Новости /a14": each outlet linked to its report's original."""
    shown = []
    for ref in others[:MAX_CARD_SOURCES]:
        name = q((ref.source or "").strip() or texts.CARD_UNNAMED_SOURCE)
        href = safe_href(ref.url)
        link = f'<a href="{href}">{name}</a>' if href else name
        shown.append(f"{link} {story_command(ref.id)}")
    more = len(others) - MAX_CARD_SOURCES
    return ", ".join(shown) + (texts.CARD_MORE_SOURCES.format(count=more) if more > 0 else "")


def _ref_lines(number: int, ref: ArticleRef, with_role: bool) -> list[str]:
    meta = _meta(ref.published, ref.source)
    lines = [f"{number}. <b>{q(ref.title)}</b>" + (f"\n{meta}" if meta else "")]
    if with_role and ref.role:
        lines.append(f"<i>{q(ref.role)}</i>")
    if ref.snippet:
        lines.append(q(ref.snippet))
    lines.append(f"/article {ref.id}")
    return lines


def person_page(result: PersonResult, offset: int) -> str:
    if result.ambiguous:
        lines = [texts.PERSON_AMBIGUOUS.format(query=q(result.query))]
        for c in result.candidates:
            role = f" — {q(c.role)}" if c.role else ""
            lines.append(f"• <code>/person {q(c.name)}</code>{role} ({c.articles})")
        return "\n".join(lines)
    if not result.articles:
        if result.suggestions:
            lines = [texts.PERSON_SUGGEST.format(query=q(result.query))]
            lines += [f"• <code>/person {q(name)}</code>" for name in result.suggestions]
            return "\n".join(lines)
        nothing = texts.PERSON_NOTHING.format(query=q(result.query))
        if result.example:
            nothing += "\n" + texts.PERSON_EXAMPLE.format(surname=q(result.example))
        return nothing
    name = ", ".join(result.names) or result.query
    blocks = [texts.PERSON_TITLE.format(name=q(name))]
    for i, ref in enumerate(result.articles, start=offset + 1):
        blocks.append("\n".join(_ref_lines(i, ref, with_role=True)))
    return "\n\n".join(blocks)


def topic_page(result: TopicResult, offset: int) -> str:
    if not result.articles:
        return texts.TOPIC_NOTHING.format(query=q(result.query))
    blocks = [texts.TOPIC_TITLE.format(query=q(result.query))]
    for i, ref in enumerate(result.articles, start=offset + 1):
        blocks.append("\n".join(_ref_lines(i, ref, with_role=False)))
    return "\n\n".join(blocks)


def top_list(title: str, items: list[tuple[str, int]], command: str) -> str:
    if not items:
        return texts.TOP_EMPTY.format(title=title)
    lines = [f"<b>{q(title)}</b>"]
    lines += [
        f"{i}. {q(name)} — {n} <code>/{command} {q(name)}</code>"
        for i, (name, n) in enumerate(items, 1)
    ]
    return "\n".join(lines)


def stats_html(stats: Stats, subscribers: tuple[int, int], run_lines: list[str]) -> str:
    active, blocked = subscribers
    week = (
        f"{stats.articles} {plural(stats.articles, 'статья', 'статьи', 'статей')}, "
        f"{stats.stories} {plural(stats.stories, 'сюжет', 'сюжета', 'сюжетов')}, "
        f"{stats.sources} {plural(stats.sources, 'источник', 'источника', 'источников')}"
    )
    lines = [
        texts.STATS_TITLE,
        texts.STATS_TOTAL.format(total=stats.total_articles),
        texts.STATS_WEEK.format(week=week),
        texts.STATS_SUBSCRIBERS.format(active=active, blocked=blocked),
    ]
    if stats.top_people:
        top = q(", ".join(f"{n} ({c})" for n, c in stats.top_people[:5]))
        lines.append(texts.STATS_TOP_PEOPLE.format(people=top))
    lines += run_lines
    return "\n".join(lines)


def ago(moment: datetime | None, now: datetime) -> str:
    """"12 с назад", "3 мин назад", "2 ч назад", else "21 ноября, 14:03 UTC"."""
    if moment is None:
        return texts.NEVER
    seconds = int((now - moment).total_seconds())
    if seconds < 5:
        return texts.JUST_NOW
    if seconds < 60:
        return texts.SECONDS_AGO.format(n=seconds)
    if seconds < 3600:
        return texts.MINUTES_AGO.format(n=seconds // 60)
    if seconds < 6 * 3600:
        return texts.HOURS_AGO.format(n=seconds // 3600)
    utc = moment.astimezone(UTC)
    return f"{day_month(utc.date())}, {utc:%H:%M} UTC"


def _stamp(value: str) -> datetime:
    """A stored UTC stamp ("2025-11-21 14:03:00") as an aware datetime."""
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def run_lines(status: SchedulerStatus, now: datetime) -> list[str]:
    """/stats: the digest heartbeat, the last (or current) run and today's backlog."""
    lines = ["", texts.STATS_DELIVERY]
    lines.append(texts.STATS_LAST_TICK.format(when=ago(status.last_tick, now)))
    run = status.running or status.last_run
    if run is not None:
        state = texts.RUN_RUNNING if status.running else texts.RUN_LAST
        lines.append(texts.STATS_RUN.format(
            state=state, when=ago(_stamp(run.started_at), now), due=run.due,
            resumed=run.resumed, sent=run.sent, failed=run.failed, blocked=run.blocked,
            pending=run.pending, retry_after=run.retry_after,
        ))
    else:
        lines.append(texts.STATS_NO_RUNS)
    done = ", ".join(
        f"{texts.DELIVERY_STATUS[k]}: {v}" for k, v in sorted(status.today.items())
    ) or texts.STATS_NONE
    lines.append(texts.STATS_TODAY.format(done=done, backlog=status.backlog))
    return lines


def duplicate_note(report: IngestReport, index: int) -> str:
    """What the `index`-th duplicate filled in or where it differs, as a suffix; or ""."""
    note = report.duplicate_notes.get(index)
    return texts.DUPLICATE_NOTE.format(note=q(note)) if note else ""


def report_html(report: IngestReport) -> str:
    """An ingest report (uploads, links): counts, new ids, then duplicates and rejections."""
    lines = [f"<b>{q(report.summary())}</b>"]
    if report.added:
        ids = ", ".join(f"#{i}" for _, i in report.added[:MAX_REPORT_LINES])
        lines.append(texts.REPORT_ADDED.format(ids=ids))
    shown = 0
    for i, (name, article_id) in enumerate(report.duplicates):
        if shown < MAX_REPORT_LINES:
            lines.append(texts.REPORT_DUPLICATE.format(name=q(name), article_id=article_id)
                         + duplicate_note(report, i))
        shown += 1
    for name, reason in report.rejected:
        if shown < MAX_REPORT_LINES:
            lines.append(texts.REPORT_REJECTED.format(name=q(name),
                                                      reason=q(reason)))
        shown += 1
    if shown > MAX_REPORT_LINES:
        lines.append(texts.REPORT_MORE.format(count=shown - MAX_REPORT_LINES))
    return "\n".join(lines)
