"""Subscribers, follows, deliveries, audit log."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest
from outbox_rows import delivery_row

from core.subscriptions import BadTime, BadZone, Subscriptions
from storage import Archive, NewDelivery

DAY = date(2025, 3, 11)


@pytest.fixture
async def archive(tmp_path):
    async with Archive.open(tmp_path / "subs.sqlite3") as archive:
        yield archive


async def test_subscribe_lifecycle(archive):
    sub = await archive.subscribers.subscribe(100, delivery_time="07:30", tz="Asia/Almaty")
    assert (sub.active, sub.delivery_time, sub.tz, sub.blocked_at) == (
        True,
        "07:30",
        "Asia/Almaty",
        None,
    )
    assert await archive.subscribers.unsubscribe(100)
    assert not (await archive.subscribers.get(100)).active
    assert await archive.subscribers.all() == []
    # resubscribing keeps the schedule
    again = await archive.subscribers.subscribe(100, delivery_time="09:00", tz="Europe/Moscow")
    assert again.active and again.delivery_time == "07:30"
    assert await archive.subscribers.set_schedule(100, "21:05", "Europe/Kaliningrad")
    assert (await archive.subscribers.get(100)).tz == "Europe/Kaliningrad"
    assert not await archive.subscribers.unsubscribe(999)
    assert await archive.subscribers.get(999) is None


@pytest.mark.parametrize(
    ("time", "tz", "error"),
    [("25:00", "UTC", BadTime), ("7:3", "UTC", BadTime), ("07:30", "Mars/Base", BadZone)],
)
async def test_bad_schedule_rejected(archive, time, tz, error):
    subscriptions = Subscriptions(archive)
    await subscriptions.subscribe(1)
    with pytest.raises(error):
        await subscriptions.set_time(1, time, tz)
    assert (await archive.subscribers.get(1)).delivery_time == "09:00"


async def test_subscribe_with_the_configured_defaults(archive):
    subscriptions = Subscriptions(archive, default_time="06:45", default_zone="Asia/Almaty")
    sub = await subscriptions.subscribe(3)
    assert (sub.delivery_time, sub.tz) == ("06:45", "Asia/Almaty")
    assert (await subscriptions.subscribe(4, "7.05")).delivery_time == "07:05"
    kind, value = await subscriptions.follow(5, "  морской   транспорт ")
    assert (kind, value) == ("topic", "морской транспорт")  # subscribed on the way
    assert (await archive.subscribers.get(5)).tz == "Asia/Almaty"


async def test_blocked_and_reactivated(archive):
    await archive.subscribers.subscribe(1, delivery_time="09:00", tz="Europe/Moscow")
    await archive.subscribers.subscribe(2, delivery_time="09:00", tz="Europe/Moscow")
    assert await archive.subscribers.mark_blocked(1)
    first = (await archive.subscribers.get(1)).blocked_at
    await archive.subscribers.mark_blocked(1)
    assert (await archive.subscribers.get(1)).blocked_at == first
    assert [s.chat_id for s in await archive.subscribers.all()] == [2]
    assert len(await archive.subscribers.all(active_only=False)) == 2
    assert await archive.subscribers.reactivate(1)
    assert [s.chat_id for s in await archive.subscribers.all()] == [1, 2]


async def test_follows(archive):
    await archive.subscribers.subscribe(1, delivery_time="09:00", tz="Europe/Moscow")
    assert await archive.subscribers.follow(1, "person", "Сергей Лавров")
    assert not await archive.subscribers.follow(1, "person", "сергей  лавров")
    assert await archive.subscribers.follow(1, "topic", "Вакцина")
    follows = await archive.subscribers.follows(1)
    assert follows == [("person", "сергей лавров"), ("topic", "вакцина")]
    assert await archive.subscribers.unfollow(1, "topic", "ВАКЦИНА")
    assert not await archive.subscribers.unfollow(1, "topic", "вакцина")
    with pytest.raises(ValueError):
        await archive.subscribers.follow(1, "city", "Москва")  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        await archive.subscribers.follow(555, "topic", "газ")  # not a subscriber


async def test_delivery_flow(archive):
    await archive.subscribers.subscribe(1, delivery_time="09:00", tz="Europe/Moscow")
    await archive.subscribers.subscribe(2, delivery_time="09:00", tz="Europe/Moscow")
    window = (datetime(2025, 3, 10, 5, tzinfo=UTC), datetime(2025, 3, 11, 5, tzinfo=UTC))
    parts = [{"text": "Дайджест", "reply_markup": None}, {"text": "окончание"}]
    d1, d2 = await archive.outbox.create(
        [NewDelivery(chat, DAY, parts, *window) for chat in (1, 2)]
    )
    assert (d1.status, d1.attempts, d1.message_ids, d1.remaining) == ("pending", 0, [], parts)
    again = await archive.outbox.create([NewDelivery(1, DAY, [{"text": "другое"}], *window)])
    assert again[0].id == d1.id and again[0].parts == parts  # an existing row is kept

    d1 = await archive.outbox.part_sent(d1.id, 501)
    d1 = await archive.outbox.part_sent(d1.id, 502)
    assert (d1.status, d1.message_ids) == ("partial", [501, 502])
    d2 = await archive.outbox.failed(d2.id, "429 Too Many Requests")
    assert (d2.status, d2.attempts, d2.error) == ("failed", 1, "429 Too Many Requests")
    assert {d.id for d in await archive.outbox.open(DAY)} == {d1.id, d2.id}

    await archive.outbox.sent(d1.id)
    assert [d.id for d in await archive.outbox.open(DAY)] == [d2.id]
    assert await archive.outbox.open(DAY, max_attempts=1) == []
    await archive.outbox.blocked(d2.id, "403 Forbidden")
    assert await archive.outbox.open(DAY) == []
    assert (await delivery_row(archive, 1, DAY)).status == "sent"
    with pytest.raises(KeyError):
        await archive.outbox.sent(12345)


async def test_audit_log(archive):
    a = await archive.audit.record(9, "ban", detail="spam")
    b = await archive.audit.record(9, "note", article_id=3)
    log = await archive.audit.entries()
    assert [e.id for e in log] == [b, a]
    assert [e.action for e in await archive.audit.entries(article_id=3)] == ["note"]


async def test_subscriber_counts(archive):
    assert await archive.subscribers.counts() == (0, 0)
    for chat in (1, 2, 3):
        await archive.subscribers.subscribe(chat, delivery_time="09:00", tz="Europe/Moscow")
    await archive.subscribers.mark_blocked(2)
    await archive.subscribers.unsubscribe(3)
    assert await archive.subscribers.counts() == (1, 1)
