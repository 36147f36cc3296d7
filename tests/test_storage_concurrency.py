"""Readers query while a batch writes: WAL + one writer means no "database is locked"."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from test_storage_cards import make_card

from storage import Archive

NAMES = ["Сергей Лавров", "Иван Петров", "Мария Захарова", "Антон Силуанов"]


def card(i: int):
    name = NAMES[i % len(NAMES)]
    text = (
        f"{name} заявил о новых мерах поддержки номер {i}. "
        f"Вакцинация в регионе {i} продолжается, поставки вакцины составили {i * 13} доз."
    )
    return make_card(
        f"Статья {i}",
        text,
        people=[(name, "министр", 1)],
        topics=["вакцинация"],
        published=date(2025, 1, 1) + timedelta(days=i % 40),
    )


async def test_readers_during_batch_write(tmp_path):
    path = tmp_path / "busy.sqlite3"
    cards = [card(i) for i in range(120)]
    async with Archive.open(path, readers=2) as archive:
        done = asyncio.Event()
        seen: list[int] = []

        async def writer() -> None:
            for c in cards:
                result = await archive.articles.add(c)
                assert result.status == "added"
            done.set()

        async def second_writer() -> None:  # the bot subscribing users meanwhile
            for chat in range(30):
                await archive.subscribers.subscribe(chat, delivery_time="09:00", tz="Europe/Moscow")
                await asyncio.sleep(0)

        async def reader(kind: int) -> None:
            while not done.is_set():
                if kind == 0:
                    found = await archive.articles.find_person("Лаврова", limit=100)
                    seen.append(len(found.articles))
                elif kind == 1:
                    hits = await archive.articles.search_topic("вакцины", limit=100)
                    seen.append(len(hits.articles))
                else:
                    seen.append((await archive.articles.stats()).total_articles)
                await asyncio.sleep(0)

        await asyncio.gather(writer(), second_writer(), *(reader(k % 3) for k in range(6)))
        assert len(seen) > 10
        assert (await archive.articles.stats()).total_articles == 120
        assert len((await archive.articles.search_topic("вакцина", limit=100)).articles) == 100
        assert len(await archive.subscribers.all()) == 30

    # a second process-like Archive on the same file reads while this one writes
    async with Archive.open(path) as a, Archive.open(path) as b:
        extra = [card(i) for i in range(200, 230)]

        async def write_a() -> None:
            for c in extra:
                await a.articles.add(c)

        async def read_b() -> int:
            n = 0
            for _ in range(30):
                n = (await b.articles.stats()).total_articles
                await asyncio.sleep(0)
            return n

        _, n = await asyncio.gather(write_a(), read_b())
        assert 120 <= n <= 150
        assert (await b.articles.stats()).total_articles == 150


async def test_story_window_sees_other_process(tmp_path):
    path = tmp_path / "two.sqlite3"
    base = "Министр финансов Антон Силуанов представил проект бюджета на три года. "
    async with Archive.open(path) as a, Archive.open(path) as b:
        first_b = await b.articles.add(make_card("Б", "Совсем другая новость о погоде в Казани."))
        first_a = await a.articles.add(make_card("А", base + "Дефицит сократится."))
        # b cached the day before a wrote: it must still find a's article
        joined = await b.articles.add(make_card("В", base + "Дефицит сократится вдвое."))
        assert first_b.story_id == first_b.article_id
        assert joined.story_id == first_a.article_id


async def test_a_stop_during_begin_leaves_the_writer_usable(tmp_path):
    """A cancel (a graceful stop) that lands while BEGIN IMMEDIATE is still running in the
    connection's thread: the half-open transaction is rolled back, so the next write (another
    reader's subscription) is not refused with "cannot start a transaction within a
    transaction"; the stopped write left nothing."""
    async with Archive.open(tmp_path / "s.sqlite3") as archive:

        async def stopped_at_begin() -> None:
            task = asyncio.current_task()
            assert task is not None
            task.cancel()  # delivered at the first await: the one on BEGIN IMMEDIATE
            async with archive.db.write() as conn:
                await conn.execute("DELETE FROM subscribers")

        await archive.subscribers.subscribe(1, delivery_time="08:00", tz="UTC")
        stopped = asyncio.create_task(stopped_at_begin())
        with pytest.raises(asyncio.CancelledError):
            await stopped
        await archive.subscribers.subscribe(2, delivery_time="09:00", tz="UTC")
        assert [s.chat_id for s in await archive.subscribers.all()] == [1, 2]


async def test_a_stop_during_a_write_rolls_it_back(tmp_path):
    """The cancel lands on a statement inside the transaction: nothing of it is kept."""
    async with Archive.open(tmp_path / "r.sqlite3") as archive:
        await archive.subscribers.subscribe(1, delivery_time="08:00", tz="UTC")

        async def stopped_mid_write() -> None:
            async with archive.db.write() as conn:
                await conn.execute("DELETE FROM subscribers")
                task = asyncio.current_task()
                assert task is not None
                task.cancel()
                await conn.execute("DELETE FROM subscribers")

        stopped = asyncio.create_task(stopped_mid_write())
        with pytest.raises(asyncio.CancelledError):
            await stopped
        await archive.subscribers.subscribe(2, delivery_time="09:00", tz="UTC")
        assert [s.chat_id for s in await archive.subscribers.all()] == [1, 2]
