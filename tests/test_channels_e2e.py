"""Channels and groups through the real Dispatcher and the fake Bot API: a bot admin attaches
a channel or group (/channel), lists (/channels) and detaches them (button or /channel_off,
with a confirmation); every refusal is a clear Russian answer and attaches nothing; the digest
is posted there through the same outbox; a chat the bot lost is paused and its admin told
once; a group that became a supergroup moves to its new id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bot_harness import ADMIN, READER, running_bot

from digest.card import ArticleCard, Person
from storage import ChatKind

pytestmark = pytest.mark.e2e

CHANNEL = -1002300000001
GROUP = -1002300000002
CHAT_ADMIN = 3003  # administers the channel, but not the bot


@pytest.fixture
async def h(tmp_path, analysis_pool):
    async with running_bot(tmp_path, analysis_pool) as harness:
        harness.tg.add_chat(CHANNEL, "channel", "Вести уезда", "vesti_uezda")
        harness.tg.set_admins(CHANNEL, ADMIN)
        harness.tg.add_chat(GROUP, "supergroup", "Клуб краеведов")
        harness.tg.set_admins(GROUP, CHAT_ADMIN, ADMIN)
        yield harness


def river_card(n: int) -> ArticleCard:
    """An invented local report; each differs in its river, figures and hash."""
    return ArticleCard(
        title=f"На реке Ладе номер {n} открыли паромную переправу",
        text="",
        summary=[f"Паром номер {n} перевезёт до {100 + n} пассажиров за рейс."],
        people=[Person("Олег Пронин", "глава района", 2)],
        source=["Вести уезда", "Заречье сегодня"][n % 2],
        topics=["переправа"],
        content_hash=f"river-{n}",
    )


async def add_articles(h, count: int) -> None:
    for n in range(count):
        await h.archive.articles.add(river_card(n), index_text=("паром", "переправа"))


def now_utc() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=2)  # articles added just now are inside


async def test_attach_list_and_detach_a_channel(h):
    [reply] = await h.ask(ADMIN, "/channel @vesti_uezda 8:30 Новосибирск")
    assert "Канал @vesti_uezda подключён" in reply.plain
    assert "08:30" in reply.plain and "Новосибирск, UTC+7 (МСК+4)" in reply.plain
    sub = await h.archive.subscribers.get(CHANNEL)
    assert (sub.kind, sub.delivery_time, sub.tz, sub.attached_by) == (
        ChatKind.CHANNEL, "08:30", "Asia/Novosibirsk", ADMIN)

    [reply] = await h.ask(ADMIN, f"/channel {GROUP} 21:00")
    assert "Группа Клуб краеведов подключена" in reply.plain
    assert "21:00" in reply.plain and "Москва, UTC+3 (МСК)" in reply.plain  # the configured zone

    [listing] = await h.ask(ADMIN, "/channels")
    assert "канал @vesti_uezda — 08:30, Новосибирск, UTC+7 (МСК+4)" in listing.plain
    assert "группа Клуб краеведов — 21:00, Москва, UTC+3 (МСК)" in listing.plain
    buttons = {b["text"]: b["callback_data"] for b in listing.buttons()}
    assert set(buttons) == {"Отключить @vesti_uezda", "Отключить Клуб краеведов"}

    [confirm] = await h.press(ADMIN, listing, buttons["Отключить @vesti_uezda"], expect=1)
    assert confirm.plain == "Отключить дайджест в @vesti_uezda?"
    yes, no = confirm.callback_data()
    await h.press(ADMIN, confirm, yes)
    assert "Дайджест в @vesti_uezda отключён" in h.tg.sent_messages(ADMIN)[-1].plain
    assert {s.chat_id for s in await h.archive.subscribers.all()} == {GROUP}

    [reply] = await h.ask(ADMIN, "/channel_off Клуб")  # a title is not a chat reference
    assert "не канал и не группа" in reply.plain
    [confirm] = await h.ask(ADMIN, f"/channel_off {GROUP}")
    yes, no = confirm.callback_data()
    await h.press(ADMIN, confirm, no)
    assert h.tg.sent_messages(ADMIN)[-1].plain == "Хорошо, ничего не меняю."
    assert {s.chat_id for s in await h.archive.subscribers.all()} == {GROUP}
    [reply] = await h.ask(ADMIN, "/channel_off @vesti_uezda")
    assert "@vesti_uezda не получает дайджест" in reply.plain
    [reply] = await h.ask(ADMIN, "/channels")
    assert "@vesti_uezda" not in reply.plain and "Клуб краеведов" in reply.plain


async def test_refusals_attach_nothing(h):
    tg = h.tg
    tg.add_chat(-1002300000010, "channel", "Без бота", "bez_bota", bot="left")
    tg.set_admins(-1002300000010, ADMIN)
    tg.add_chat(-1002300000011, "channel", "Бот-участник", "bot_uchastnik", bot="member")
    tg.set_admins(-1002300000011, ADMIN)
    tg.add_chat(-1002300000012, "channel", "Без права постов", "bez_postov", can_post=False)
    tg.set_admins(-1002300000012, ADMIN)
    tg.add_chat(-1002300000013, "supergroup", "Немая группа", "nemaya", bot="restricted")
    tg.set_admins(-1002300000013, ADMIN)
    tg.add_chat(-1002300000014, "channel", "Чужой канал", "chuzhoy")
    tg.set_admins(-1002300000014, CHAT_ADMIN)  # the bot admin does not administer it
    cases = {
        "/channel": "Добавьте бота в канал администратором",  # usage help
        "/channel @bez_bota 09:00": "Бота нет в @bez_bota",
        "/channel @bot_uchastnik 09:00": "Бот не может публиковать в @bot_uchastnik",
        "/channel @bez_postov 09:00": "Бот не может публиковать в @bez_postov",
        "/channel @nemaya 09:00": "В группе @nemaya боту запрещено писать",
        "/channel @chuzhoy 09:00": "только администраторы этого чата",
        "/channel @nikto_ne_znaet 09:00": "Не нашёл чат @nikto_ne_znaet",
        f"/channel {READER} 09:00": "не канал и не группа",
        "/channel @vesti_uezda": "Укажите время публикации",
        "/channel @vesti_uezda 25:00": "Укажите время публикации",
        "/channel @vesti_uezda 09:00 Атлантида": "Не знаю часового пояса «Атлантида»",
    }
    for command, expected in cases.items():
        [reply] = await h.ask(ADMIN, command)
        assert expected in reply.plain, (command, reply.plain)
        assert "Traceback" not in reply.plain
    # someone who is not a bot admin, even the channel's own admin, is refused
    for command in ("/channel @vesti_uezda 09:00", "/channels", "/channel_off @vesti_uezda"):
        [reply] = await h.ask(CHAT_ADMIN, command)
        assert "только администраторы бота" in reply.plain
    assert await h.archive.subscribers.all() == []
    # Telegram never heard the bot asked to post anything in those chats
    assert not [m for m in tg.sent_messages() if isinstance(m.chat_id, int) and m.chat_id < 0]


async def test_the_digest_is_posted_in_the_channel_and_the_group_once(h):
    await add_articles(h, 4)
    await h.ask(ADMIN, "/channel @vesti_uezda 00:00 UTC")
    await h.ask(ADMIN, f"/channel {GROUP} 00:00 UTC")
    await h.ask(READER, "/subscribe 00:00")
    now = now_utc()
    stats = await h.scheduler.tick(now=now)
    assert stats is not None and stats.sent >= 2
    assert await h.scheduler.tick(now=now + timedelta(minutes=1)) is None  # nothing twice
    for chat in (CHANNEL, GROUP):
        assert h.tg.delivered(chat) == 1
        [post] = h.tg.sent_messages(chat)
        assert "Дайджест на" in post.plain and "паромную переправу" in post.plain
    # a group's members open cards with the buttons; in a channel a press would make the bot
    # post into the channel: there each story's button links to the bot's private chat
    group_buttons = h.tg.sent_messages(GROUP)[0].buttons()
    channel_buttons = h.tg.sent_messages(CHANNEL)[0].buttons()
    assert group_buttons[0]["callback_data"].startswith("card:")
    stories = [b for b in group_buttons if b["callback_data"].startswith("card:")]
    assert [b["text"] for b in channel_buttons] == [b["text"] for b in stories]
    assert all("callback_data" not in b for b in channel_buttons)
    first_id = int(stories[0]["callback_data"].split(":")[1])
    assert channel_buttons[0]["url"] == f"https://t.me/newsdigest_test_bot?start=a{first_id}"
    # the link opens the bot with /start a<id>: the reader gets that story's card
    [card] = await h.ask(READER, f"/start a{first_id}")
    title = (await h.archive.articles.get(first_id)).title
    assert title in card.plain


async def test_a_channel_the_bot_lost_is_paused_and_its_admin_told_once(h):
    await add_articles(h, 3)
    await h.ask(ADMIN, "/channel @vesti_uezda 00:00 UTC")
    await h.ask(ADMIN, f"/channel {GROUP} 00:00 UTC")
    h.tg.remove_bot(CHANNEL)
    h.tg.forget_chat(GROUP)
    before = len(h.tg.sent_messages(ADMIN))
    now = now_utc()
    stats = await h.scheduler.tick(now=now)
    assert stats.blocked == 2 and stats.sent == 0
    notices = h.tg.sent_messages(ADMIN)[before:]
    assert len(notices) == 2
    by_chat = {("@vesti_uezda" in n.plain): n.plain for n in notices}
    assert "Дайджест в @vesti_uezda приостановлен" in by_chat[True]
    assert "(бота удалили из чата)" in by_chat[True]
    assert "/channel @vesti_uezda 00:00 UTC" in by_chat[True]  # how to attach it again
    assert "Дайджест в Клуб краеведов приостановлен" in by_chat[False]
    assert "(чат удалён или не найден)" in by_chat[False]
    assert f"/channel {GROUP} 00:00 UTC" in by_chat[False]
    for chat in (CHANNEL, GROUP):
        assert h.tg.delivered(chat) == 0
        assert (await h.archive.subscribers.get(chat)).blocked_at is not None
    # later ticks: nothing is sent there and nobody is told again
    for minutes in (1, 2):
        await h.scheduler.tick(now=now + timedelta(minutes=minutes))
    assert len(h.tg.sent_messages(ADMIN)) == before + 2
    [listing] = await h.ask(ADMIN, "/channels")
    assert listing.plain.count("приостановлен") == 2

    h.tg.unblock(CHANNEL)
    h.tg.add_chat(CHANNEL, "channel", "Вести уезда", "vesti_uezda")
    [reply] = await h.ask(ADMIN, "/channel @vesti_uezda 00:00 UTC")
    assert "подключён" in reply.plain
    # the bot is back in the channel: attaching it again resumes today's digest it missed
    stats = await h.scheduler.tick(now=now + timedelta(minutes=3))
    assert stats.resumed == 1 and stats.sent == 1
    assert h.tg.delivered(CHANNEL) == 1
    assert h.tg.delivered(GROUP) == 0  # still paused
    assert await h.scheduler.tick(now=now + timedelta(minutes=4)) is None


async def test_a_group_that_became_a_supergroup_moves_to_its_new_id(h):
    old, new = -4005, -1004005
    h.tg.add_chat(old, "group", "Старый клуб")
    h.tg.set_admins(old, ADMIN)
    await add_articles(h, 2)
    await h.ask(ADMIN, f"/channel {old} 00:00 UTC")
    h.tg.migrate(old, new)
    stats = await h.scheduler.tick(now=now_utc())
    assert stats.sent == 1
    assert h.tg.delivered(new) == 1 and h.tg.delivered(old) == 0
    assert await h.archive.subscribers.get(old) is None
    moved = await h.archive.subscribers.get(new)
    assert (moved.kind, moved.attached_by, moved.title) == (ChatKind.GROUP, ADMIN, "Старый клуб")
    [listing] = await h.ask(ADMIN, "/channels")
    assert "Старый клуб" in listing.plain
    # the old id typed again names the supergroup it became
    h.tg.add_chat(new, "supergroup", "Новый клуб")
    h.tg.set_admins(new, ADMIN)
    [reply] = await h.ask(ADMIN, f"/channel {old} 07:00")
    assert "Группа Новый клуб подключена" in reply.plain
    assert (await h.archive.subscribers.get(new)).delivery_time == "07:00"
    assert await h.archive.subscribers.get(old) is None


async def test_removing_the_bot_pauses_the_channel_at_once(h):
    await add_articles(h, 2)
    await h.ask(ADMIN, "/channel @vesti_uezda 00:00 UTC")
    before = len(h.tg.sent_messages(ADMIN))
    h.tg.remove_bot(CHANNEL, by=CHAT_ADMIN)  # Telegram sends the bot my_chat_member
    [notice] = (await h.tg.wait_for_messages(ADMIN, before + 1, timeout=30))[before:]
    assert "Дайджест в @vesti_uezda приостановлен" in notice.plain
    assert "/channel @vesti_uezda 00:00 UTC" in notice.plain
    assert (await h.archive.subscribers.get(CHANNEL)).blocked_at is not None
    assert await h.scheduler.tick(now=now_utc()) is None  # nothing to post, nobody to tell
    assert h.tg.delivered(CHANNEL) == 0 and len(h.tg.sent_messages(ADMIN)) == before + 1
    # the same update about a chat nobody attached changes nothing
    h.tg.remove_bot(GROUP, by=CHAT_ADMIN)
    await h.tg.wait_for(lambda: not h.tg.pending_updates, timeout=30)
    [reply] = await h.ask(ADMIN, "/channels")
    assert "Клуб краеведов" not in reply.plain and "приостановлен" in reply.plain


async def test_a_long_list_fits_one_message(h):
    for n in range(70):
        await h.archive.subscribers.attach(
            -1002600000000 - n, kind=ChatKind.CHANNEL, title="Очень длинное название " * 5,
            username=None, attached_by=ADMIN, delivery_time="09:00",
            tz="America/Argentina/Rio_Gallegos")
    [listing] = await h.ask(ADMIN, "/channels")
    shown = listing.plain.count("• канал")
    assert 0 < shown == len(listing.buttons()) < 70
    assert f"…и ещё {70 - shown}: отключить" in listing.plain
