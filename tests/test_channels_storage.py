"""Channels and groups as subscribers: the v7 migration, attaching, the list, detaching,
a group's move to a supergroup id, the paused notice taken once; parsing `/channel`."""

from __future__ import annotations

from datetime import date, timedelta

import aiosqlite
import pytest
from outbox_rows import bare_delivery, delivery_row

from core.channels import BadChatRef, Channels, ChatFacts, parse_chat_ref
from core.subscriptions import BadTime, BadZone
from storage import Archive, ChatKind
from storage.db import connect
from storage.schema import migrate

CHANNEL = -1001500000001
GROUP = -1001500000002
ADMIN = 77
DAY = date(2026, 3, 2)


@pytest.fixture
async def archive(tmp_path):
    async with Archive.open(tmp_path / "channels.sqlite3") as archive:
        yield archive


def news_channel(chat_id: int = CHANNEL, username: str | None = "vesti_uezda") -> ChatFacts:
    return ChatFacts(chat_id, ChatKind.CHANNEL, "Вести уезда", username)


async def test_v6_group_subscribers_become_groups_and_readers_stay_private(tmp_path):
    path = tmp_path / "v6.sqlite3"
    conn = await connect(path)
    try:
        await migrate(conn, target=6)
    finally:
        await conn.close()
    async with aiosqlite.connect(path) as raw:
        await raw.execute("INSERT INTO subscribers(chat_id, created_at) VALUES (-4005, 'x')")
        await raw.execute("INSERT INTO subscribers(chat_id, created_at) VALUES (4005, 'x')")
        await raw.commit()
    async with Archive.open(path) as archive:
        assert (await archive.subscribers.get(-4005)).kind == ChatKind.GROUP
        assert (await archive.subscribers.get(4005)).kind == ChatKind.PRIVATE
        # a group that subscribes itself from now on is a group too
        assert (await archive.subscribers.subscribe(
            -4006, delivery_time="09:00", tz="UTC")).kind == ChatKind.GROUP


async def test_attach_list_detach_and_attach_again(archive):
    channels = Channels(archive, default_zone="Europe/Moscow")
    request = channels.parse("@vesti_uezda 7:30 Новосибирск")
    assert (request.chat, request.delivery_time, request.tz) == (
        "@vesti_uezda", "07:30", "Asia/Novosibirsk")
    sub = await channels.attach(news_channel(), request, ADMIN)
    assert (sub.kind, sub.delivery_time, sub.tz, sub.attached_by, sub.name) == (
        ChatKind.CHANNEL, "07:30", "Asia/Novosibirsk", ADMIN, "@vesti_uezda")
    group = ChatFacts(GROUP, ChatKind.GROUP, "Клуб краеведов", None)
    await channels.attach(group, channels.parse(f"{GROUP} 21:00"), ADMIN)
    await archive.subscribers.subscribe(5, delivery_time="09:00", tz="UTC")  # a reader

    assert [s.name for s in await channels.attached()] == ["@vesti_uezda", "Клуб краеведов"]
    assert (await channels.find("@VESTI_UEZDA")).chat_id == CHANNEL
    assert (await channels.find(GROUP)).tz == "Europe/Moscow"
    assert await channels.find(5) is None  # a reader's chat is not an attached chat
    # the scheduler sees them as subscribers with their own time and zone
    assert {s.chat_id for s in await archive.subscribers.all()} == {CHANNEL, GROUP, 5}

    assert (await channels.detach(CHANNEL)).name == "@vesti_uezda"
    assert await channels.detach(CHANNEL) is None  # already detached
    assert await channels.find("@vesti_uezda") is None
    assert [s.chat_id for s in await channels.attached()] == [GROUP]
    assert {s.chat_id for s in await archive.subscribers.all()} == {GROUP, 5}

    # a paused channel attached again is active and unpaused, with the new schedule
    await channels.attach(news_channel(), channels.parse("@vesti_uezda 06:00 UTC+5"), ADMIN)
    await archive.subscribers.mark_blocked(CHANNEL)
    assert (await channels.find(CHANNEL)).blocked_at is not None  # listed as paused
    again = await channels.attach(news_channel(), channels.parse("@vesti_uezda 08:15"), 78)
    assert (again.active, again.blocked_at, again.delivery_time, again.tz, again.attached_by) == (
        True, None, "08:15", "Europe/Moscow", 78)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ("", BadChatRef),
        ("12345 09:00", BadChatRef),  # a person's id, not a group's
        ("@ab 09:00", BadChatRef),  # too short for a public name
        ("@vesti_uezda", BadTime),
        ("@vesti_uezda 9", BadTime),
        ("@vesti_uezda 24:10", BadTime),
        ("@vesti_uezda 09:00 Марс", BadZone),
        ("@vesti_uezda 09:00 " + "Я" * 300, BadZone),
    ],
)
def test_bad_channel_commands(archive, args, error):
    with pytest.raises(error):
        Channels(archive).parse(args)


def test_chat_references():
    assert parse_chat_ref("https://t.me/vesti_uezda") == "@vesti_uezda"
    assert parse_chat_ref("t.me/vesti_uezda/") == "@vesti_uezda"
    assert parse_chat_ref(str(CHANNEL)) == CHANNEL
    with pytest.raises(BadChatRef):
        parse_chat_ref("t.me/+AbCdEfGh")  # an invite link names no chat the bot can look up


async def test_pause_notice_is_taken_once_and_returned_if_unsent(archive):
    await archive.subscribers.attach(CHANNEL, kind=ChatKind.CHANNEL, title="Вести уезда",
                                     username=None, attached_by=ADMIN, delivery_time="09:00",
                                     tz="UTC")
    assert await archive.subscribers.take_pause_notice(CHANNEL) is None  # not paused
    await archive.subscribers.mark_blocked(CHANNEL)
    taken = await archive.subscribers.take_pause_notice(CHANNEL)
    assert (taken.attached_by, taken.title) == (ADMIN, "Вести уезда")
    assert await archive.subscribers.take_pause_notice(CHANNEL) is None
    await archive.subscribers.return_pause_notice(CHANNEL)
    assert (await archive.subscribers.take_pause_notice(CHANNEL)).chat_id == CHANNEL
    # a group that subscribed itself has nobody to tell
    await archive.subscribers.subscribe(-77, delivery_time="09:00", tz="UTC")
    await archive.subscribers.mark_blocked(-77)
    assert await archive.subscribers.take_pause_notice(-77) is None


async def test_group_moves_to_its_supergroup_id_with_follows_and_history(archive):
    old, new = -4001, -1004001
    await archive.subscribers.attach(old, kind=ChatKind.GROUP, title="Клуб краеведов",
                                     username=None, attached_by=ADMIN, delivery_time="10:00",
                                     tz="Asia/Omsk")
    await archive.subscribers.follow(old, "topic", "мосты")
    await bare_delivery(archive, old, DAY)
    assert await archive.subscribers.move(old, new)
    assert await archive.subscribers.get(old) is None
    moved = await archive.subscribers.get(new)
    assert (moved.delivery_time, moved.tz, moved.attached_by, moved.title) == (
        "10:00", "Asia/Omsk", ADMIN, "Клуб краеведов")
    assert [v for _, v in await archive.subscribers.follows(new)] == ["мосты"]
    assert (await delivery_row(archive, new, DAY)) is not None  # today's row: no second digest
    assert not await archive.subscribers.move(old, new)  # nothing left to move

    # the supergroup subscribed by itself already: it keeps its settings, the old id stops
    await archive.subscribers.subscribe(-4002, delivery_time="07:00", tz="UTC")
    await archive.subscribers.subscribe(-1004002, delivery_time="08:00", tz="UTC")
    assert await archive.subscribers.move(-4002, -1004002)
    assert not (await archive.subscribers.get(-4002)).active
    assert (await archive.subscribers.get(-1004002)).delivery_time == "08:00"


async def test_blocked_deliveries_reopen_from_their_first_unsent_part(archive):
    await archive.subscribers.attach(CHANNEL, kind=ChatKind.CHANNEL, title="Вести уезда",
                                     username=None, attached_by=ADMIN, delivery_time="09:00",
                                     tz="UTC")
    old_day, today = DAY - timedelta(days=5), DAY
    for day in (old_day, today):
        box = await bare_delivery(archive, CHANNEL, day)
        if day == today:
            await archive.outbox.part_sent(box.id, 41)  # one part went out before the 403
        await archive.outbox.blocked(box.id, "Forbidden: bot was kicked from the channel chat")
    assert await archive.outbox.reopen_blocked(CHANNEL, today - timedelta(days=2)) == 1
    reopened = await delivery_row(archive, CHANNEL, today)
    assert (reopened.status, reopened.message_ids, reopened.error) == ("partial", [41], None)
    assert (await delivery_row(archive, CHANNEL, old_day)).status == "blocked"  # long past
