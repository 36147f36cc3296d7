"""Subscribers, follows, deliveries, audit log."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from storage import Archive

DAY = date(2025, 3, 11)


@pytest.fixture
async def archive(tmp_path):
    async with Archive.open(tmp_path / "subs.sqlite3") as archive:
        yield archive


async def test_subscribe_lifecycle(archive):
    sub = await archive.subscribe(100, delivery_time="07:30", tz="Asia/Almaty")
    assert (sub.active, sub.delivery_time, sub.tz, sub.blocked_at) == (
        True,
        "07:30",
        "Asia/Almaty",
        None,
    )
    assert await archive.unsubscribe(100)
    assert not (await archive.get_subscriber(100)).active
    assert await archive.list_subscribers() == []
    again = await archive.subscribe(100)  # resubscribing keeps the schedule
    assert again.active and again.delivery_time == "07:30"
    assert await archive.set_schedule(100, "21:05", "Europe/Kaliningrad")
    assert (await archive.get_subscriber(100)).tz == "Europe/Kaliningrad"
    assert not await archive.unsubscribe(999)
    assert await archive.get_subscriber(999) is None


@pytest.mark.parametrize(
    ("time", "tz"), [("25:00", "UTC"), ("7:30", "UTC"), ("07:30", "Mars/Base")]
)
async def test_bad_schedule_rejected(archive, time, tz):
    await archive.subscribe(1)
    with pytest.raises(ValueError):
        await archive.set_schedule(1, time, tz)


async def test_blocked_and_reactivated(archive):
    await archive.subscribe(1)
    await archive.subscribe(2)
    assert await archive.mark_blocked(1)
    first = (await archive.get_subscriber(1)).blocked_at
    await archive.mark_blocked(1)
    assert (await archive.get_subscriber(1)).blocked_at == first
    assert [s.chat_id for s in await archive.list_subscribers()] == [2]
    assert len(await archive.list_subscribers(active_only=False)) == 2
    assert await archive.reactivate(1)
    assert [s.chat_id for s in await archive.list_subscribers()] == [1, 2]


async def test_follows(archive):
    await archive.subscribe(1)
    assert await archive.follow(1, "person", "Сергей Лавров")
    assert not await archive.follow(1, "person", "сергей  лавров")
    assert await archive.follow(1, "topic", "Вакцина")
    assert await archive.follows(1) == [("person", "сергей лавров"), ("topic", "вакцина")]
    assert await archive.unfollow(1, "topic", "ВАКЦИНА")
    assert not await archive.unfollow(1, "topic", "вакцина")
    with pytest.raises(ValueError):
        await archive.follow(1, "city", "Москва")  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        await archive.follow(555, "topic", "газ")  # not a subscriber


async def test_delivery_flow(archive):
    await archive.subscribe(1)
    await archive.subscribe(2)
    d1 = await archive.delivery(1, DAY)
    assert (d1.status, d1.attempts, d1.message_ids) == ("pending", 0, [])
    assert (await archive.delivery(1, DAY)).id == d1.id  # create-or-get
    d2 = await archive.delivery(2, DAY)

    d1 = await archive.delivery_part_sent(d1.id, 501)
    d1 = await archive.delivery_part_sent(d1.id, 502)
    assert (d1.status, d1.message_ids) == ("partial", [501, 502])
    d2 = await archive.delivery_failed(d2.id, "429 Too Many Requests")
    assert (d2.status, d2.attempts, d2.error) == ("failed", 1, "429 Too Many Requests")
    assert {d.id for d in await archive.open_outbox(DAY)} == {d1.id, d2.id}

    await archive.delivery_sent(d1.id)
    assert [d.id for d in await archive.open_outbox(DAY)] == [d2.id]
    assert await archive.open_outbox(DAY, max_attempts=1) == []
    await archive.delivery_blocked(d2.id, "403 Forbidden")
    assert await archive.open_outbox(DAY) == []
    assert (await archive.delivery(1, DAY)).status == "sent"
    with pytest.raises(KeyError):
        await archive.delivery_sent(12345)


async def test_audit_log(archive):
    a = await archive.audit(9, "ban", detail="spam")
    b = await archive.audit(9, "note", article_id=3)
    log = await archive.audit_log()
    assert [e.id for e in log] == [b, a]
    assert [e.action for e in await archive.audit_log(article_id=3)] == ["note"]


async def test_subscriber_counts(archive):
    assert await archive.subscriber_counts() == (0, 0)
    for chat in (1, 2, 3):
        await archive.subscribe(chat)
    await archive.mark_blocked(2)
    await archive.unsubscribe(3)
    assert await archive.subscriber_counts() == (1, 1)
