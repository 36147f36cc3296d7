"""/person as a picture: mentions per day over 30 days (a real PNG sent with sendPhoto), the
latest quotes with date and source in the caption, cached per person and day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from bot_harness import READER, running_bot
from fake_telegram import PNG_MAGIC

import bot.routers.search as search_router
from core.person_chart import DAYS, caption_html, days_of, render_png
from digest.card import ArticleCard, Person, Quote
from digest.identity import content_hash, signature
from storage import PersonActivity, PersonQuote


def card(n: int, day: date, quote: str | None, speaker: str = "Сергей Лавров") -> ArticleCard:
    title = f"Переговоры номер {n} о поставках зерна и удобрений"
    text = f"{title}. Министр иностранных дел Сергей Лавров провёл встречу номер {n}."
    return ArticleCard(
        title=title, text=text, published=day, source=f"Издание {n % 3}",
        url=f"https://news.example/{n}", summary=[text],
        people=[Person("Сергей Лавров", "министр иностранных дел России", 2)],
        quotes=[Quote(speaker, quote)] if quote else [],
        content_hash=content_hash(text), signature=signature(text),
    )


@pytest.fixture
def today(monkeypatch) -> date:
    """Today as the bot reads it (UTC), and the bot's clock held on that day, so a run that
    crosses midnight UTC cannot move the window's edge between the articles and the ask."""
    day = datetime.now(UTC).date()

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.combine(day, time(12), tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(search_router, "datetime", Clock)
    return day


@pytest.fixture
async def h(tmp_path, analysis_pool, today):
    async with running_bot(tmp_path, analysis_pool) as harness:
        # 29 days ago: the chart's first day (today − 29, DAYS = 30); 45: outside it
        days = [0, 0, 1, 3, 3, 3, 10, 29, 45]
        for n, back in enumerate(days, 1):
            said = f"Мы готовы к диалогу, это заявление номер {n}" if n % 2 else None
            await harness.archive.articles.add(card(n, today - timedelta(days=back), said))
        await harness.archive.articles.add(
            card(50, today, "Чужая цитата о погоде", speaker="Мария Захарова"))
        yield harness
        assert harness.tg.errors == []


async def test_person_answers_with_a_chart_photo_and_latest_quotes(h, today):
    photo, listing = await h.ask(READER, "/person Лаврова", expect=2)
    assert len(h.tg.calls_to("sendPhoto")) == 1
    assert photo.params["upload"]["filename"].endswith(".png")  # uploaded as multipart
    png = h.tg.photos[photo.params["photo"]]
    assert png.startswith(PNG_MAGIC) and len(png) > 2000
    caption = photo.plain
    assert caption.startswith("Сергей Лавров — 9 за 30 дней")  # 10 articles, one 45 days old
    quotes = [line for line in caption.splitlines() if line.startswith("«")]
    # newest first, each with date and source, only his own words
    assert len(quotes) == 5 and "заявление номер 1»" in quotes[0]
    assert f"{today.day} " in quotes[0] and "Издание 1" in quotes[0] and "/a1" in quotes[0]
    assert "погоде" not in caption
    assert "Сергей Лавров" in listing.text  # then the usual list of articles

    # the same person the same day: the cached picture, not a new rendering
    charts = h.deps["charts"]
    assert charts.rendered == 1
    await h.ask(READER, "/person Сергей Лавров", expect=2)
    assert charts.rendered == 1 and len(h.tg.photos) == 2


async def test_unknown_person_gets_no_picture(h):
    [reply] = await h.ask(READER, "/person Пупкин")
    assert h.tg.calls_to("sendPhoto") == []
    assert reply.text


def test_series_covers_thirty_days_and_caption_fits(today):
    activity = PersonActivity(
        names=["Сергей Лавров"],
        per_day={today: 2, today - timedelta(days=29): 1, today - timedelta(days=30): 7},
        quotes=[PersonQuote(i, today, "ТАСС <b>", None, "Сергей Лавров", "«Слово» " * 80)
                for i in range(9)],
    )
    series = days_of(activity, today)
    assert len(series) == DAYS and series[0] == (today - timedelta(days=29), 1)
    assert series[-1] == (today, 2) and sum(n for _, n in series) == 3
    html = caption_html(activity, series)
    assert len(html) <= 1024 and "ТАСС &lt;b&gt;" in html and html.count("«") >= 2
    assert render_png("Сергей Лавров", series).startswith(PNG_MAGIC)
