"""The real bot end to end against the fake Bot API server: what readers and admins see."""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from bot_harness import ADMIN, READER, running_bot

from bot.callbacks import CardCB, DeleteCB, PageCB, SubscribeCB

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[1] / "digest" / "samples"


@pytest.fixture
async def h(tmp_path, analysis_pool):
    async with running_bot(tmp_path, analysis_pool) as harness:
        yield harness
        # Telegram would have rejected nothing the bot sent (length, HTML)
        assert harness.tg.errors == []


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


async def test_start_registers_menu_and_subscribe_button_works(h):
    [welcome] = await h.ask(READER, "/start")
    assert "дайджест" in welcome.text.lower()
    commands = {c["command"] for c in h.tg.my_commands()}
    assert {"digest", "person", "topic", "subscribe", "time", "help"} <= commands
    assert await h.archive.subscribers.get(READER) is None
    [done] = await h.press(READER, welcome, SubscribeCB(action="on").pack(), expect=1)
    assert "каждый день в 09:00" in done.text
    sub = await h.archive.subscribers.get(READER)
    assert sub is not None and sub.active and sub.tz == "Europe/Moscow"


async def test_admin_uploads_txt_and_gets_the_card(h):
    data = (FIXTURES / "card_bridge.txt").read_bytes()
    sent = await h.upload(ADMIN, "bridge.txt", data)
    card = sent[0].text
    assert "Власти Северной области и Минтранс договорились" in card
    assert "Павел Дорохов — губернатор Северной области" in card
    assert "48,5 миллиарда рублей" in card
    assert "Игорь Ветров" in card
    # the same file again: a duplicate, not stored twice
    [again] = await h.upload(ADMIN, "bridge-copy.txt", data)
    assert "дубликат статьи #1" in again.text


async def test_a_duplicate_that_disagrees_says_where(h):
    """The same article from another outlet's export: stored once, and the admin is told
    that the copy names another source, not just «дубликат»."""
    record = {"title": "Мост через Северку", "source": "Северный вестник",
              "text": (FIXTURES / "card_bridge.txt").read_text(encoding="utf-8")}
    first = json.dumps(record, ensure_ascii=False).encode()
    await h.upload(ADMIN, "first.json", first)
    other = json.dumps({**record, "source": "Вести Северки"}, ensure_ascii=False).encode()
    [again] = await h.upload(ADMIN, "other.json", other)
    assert "дубликат статьи #1" in again.text
    assert "другой источник «Вести Северки» (в архиве «Северный вестник»)" in again.text


async def test_admin_zip_batch_reports_added_duplicates_rejected(h):
    bridge = (FIXTURES / "card_bridge.txt").read_bytes()
    archive = _zip({
        "a/bridge.txt": bridge,
        "a/bridge-again.txt": bridge,
        "vaccine.txt": (FIXTURES / "card_vaccine.txt").read_bytes(),
        "empty.txt": b"",
        "photo.png": b"\x89PNG\r\n",
    })
    sent = await h.upload(ADMIN, "batch.zip", archive, expect=2)
    progress, report = sent
    assert progress.text.startswith("Готово: 5 из 5") and progress.history[0].startswith(
        "Обрабатываю: 0 из 5")
    assert "Добавлено: 2, дубликатов: 1, отклонено: 2" in report.text
    assert "a/bridge-again.txt: дубликат статьи #" in report.text
    assert "empty.txt: " in report.text and "photo.png: " in report.text
    stats = await h.archive.articles.stats()
    assert stats.total_articles == 2


async def test_non_admin_upload_is_refused_and_nothing_stored(h):
    [reply] = await h.upload(READER, "bridge.txt", (FIXTURES / "card_bridge.txt").read_bytes())
    assert "только администраторы" in reply.text
    assert (await h.archive.articles.stats()).total_articles == 0
    [reply] = await h.ask(READER, "/delete 1")
    assert "только администраторы" in reply.text


async def test_cp1251_binary_and_zip_bomb_uploads(h):
    [card] = await h.upload(ADMIN, "econ.txt", (SAMPLES / "economy_second_cp1251.txt").read_bytes())
    assert "Правительство ждёт ускорения экономики в 2026 году" in card.text
    [binary] = await h.upload(ADMIN, "data.txt", bytes(range(256)) * 50)
    assert "Не удалось добавить" in binary.text and "двоичн" in binary.text
    bomb = _zip({"bomb.txt": b"\0" * (60 * 1024 * 1024)})
    sent = await h.upload(ADMIN, "bomb.zip", bomb)
    assert "Не удалось добавить" in sent[0].text
    assert (await h.archive.articles.stats()).total_articles == 1


async def test_person_in_any_form_topic_and_card_button(h):
    await h.upload(ADMIN, "bridge.txt", (FIXTURES / "card_bridge.txt").read_bytes())
    card = (await h.archive.articles.get_stored(1)).card
    # with mentions in the last 30 days /person sends the chart first (tests/test_person_chart)
    recent = card.published is None or (date.today() - card.published).days < 30
    for query in ("Дорохов", "Дорохова", "дороховым", "ДОРОХОВ", "Павла Дорохова"):
        *_, reply = await h.ask(READER, f"/person {query}", expect=2 if recent else 1)
        assert "Павел Дорохов" in reply.text, query
        assert "губернатор Северной области" in reply.text
        assert "Власти Северной области" in reply.text
    [reply] = await h.ask(READER, "/topic мостом")
    assert "Власти Северной области" in reply.text
    [plain] = await h.ask(READER, "Ветрова")  # plain text: a search, here a person
    assert "Игорь Ветров" in plain.text
    [card] = await h.press(READER, reply, CardCB(article_id=1).pack(), expect=1)
    assert "<b>Цитаты</b>" in card.text


async def test_paging_through_results_by_button(h):
    data = (FIXTURES / "card_bridge.txt").read_text("utf-8")
    body = data.split("\n\n", 1)[1]
    records = "\n".join(
        json.dumps({"text": body + f" Обновление номер {i}.", "title": f"Мост, сообщение {i}"},
                   ensure_ascii=False)
        for i in range(7)
    )
    await h.upload(ADMIN, "many.jsonl", records.encode(), expect=2)
    [first] = await h.ask(READER, "/topic мост")
    assert first.text.count("/article") == 5
    token = next(d for d in first.callback_data() if d.startswith("page:"))
    page = PageCB.unpack(token)
    assert page.page == 1
    await h.press(READER, first, token)
    edited = h.tg.sent_messages(READER)[-1]
    assert edited.message_id == first.message_id and edited.edited
    assert edited.text.count("/article") == 2
    assert "6. " in edited.text and "7. " in edited.text


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/time 25:99", "не похоже на ЧЧ:ММ"),
        ("/time 08:00 Mars/Olympus", "Не знаю часового пояса"),
        ("/article abc", "Укажите номер статьи цифрами"),
        ("/person", "Пример: <code>/person Лавров</code>"),
        ("/person " + "Лавров" * 834, "Слишком длинный запрос"),
        ("/topic", "Пример: <code>/topic вакцина</code>"),
        ("/article 999", "Статьи #999 нет в архиве"),
        ("/nosuchcommand", "Такой команды нет"),
    ],
)
async def test_bad_arguments_get_a_short_explanation(h, command, expected):
    [reply] = await h.ask(READER, command)
    assert expected in reply.text
    assert len(reply.text) < 1500


async def test_time_and_settings(h):
    [reply] = await h.ask(READER, "/time 7:30 Asia/Almaty")
    assert "07:30" in reply.text and "Алматы, UTC+5 (МСК+2)" in reply.text
    sub = await h.archive.subscribers.get(READER)
    assert (sub.delivery_time, sub.tz) == ("07:30", "Asia/Almaty")
    await h.ask(READER, "/follow вакцина")
    [settings] = await h.ask(READER, "/settings")
    assert "07:30, часовой пояс — Алматы, UTC+5 (МСК+2)" in settings.text
    assert "вакцина" in settings.text
    [reply] = await h.ask(READER, "/unsubscribe")
    assert "отписались" in reply.text
    assert not (await h.archive.subscribers.get(READER)).active


async def test_a_flooding_reader_is_slowed_without_starving_others(tmp_path, analysis_pool):
    # the production throttle: bursts of 5 commands, then 1 a second per user
    async with running_bot(tmp_path, analysis_pool, throttle=(1.0, 5)) as h:
        flooder, other = 3003, 4004
        for _ in range(12):
            h.tg.send_text(flooder, "/help")
        [answer] = await h.ask(other, "/help")
        assert "/person" in answer.text
        await h.tg.wait_for(lambda: len(h.tg.sent_messages(flooder)) >= 6, 10)
        await asyncio.sleep(0.5)  # nothing more may arrive for the flood
        texts = [m.text for m in h.tg.sent_messages(flooder)]
        assert sum("/person" in t for t in texts) == 5  # the burst is answered…
        assert sum("Слишком много запросов" in t for t in texts) == 1  # …then one notice
        assert len(texts) == 6


async def test_digest_groups_one_story_from_two_sources_and_stats_show_the_run(h):
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    await h.upload(ADMIN, "econ.html", (SAMPLES / "economy_forecast.html").read_bytes())
    await h.upload(ADMIN, "econ2.txt", (SAMPLES / "economy_second_cp1251.txt").read_bytes())
    await h.upload(ADMIN, "harvest.txt", (SAMPLES / "harvest_record.txt").read_bytes())
    # a zone where it is midday now: the local day cannot roll over during the test
    zone = next(z for z in ("Europe/Moscow", "Asia/Tokyo", "America/New_York", "Asia/Kolkata")
                if 6 <= datetime.now(ZoneInfo(z)).hour < 18)
    await h.ask(READER, f"/time 00:00 {zone}")
    [digest] = await h.ask(READER, "/digest")
    text = digest.text
    # two reports of one event are one item naming both sources
    assert text.count("Минэкономразвития повысило прогноз") + text.count(
        "Правительство ждёт ускорения экономики") == 1
    assert "Экономический вестник" in text and "finkurier.ru" in text
    assert "подсолнечника" in text
    assert "Люди дня" in text
    assert len(digest.callback_data()) == 2  # a card button per item

    [before] = await h.ask(ADMIN, "/stats")
    assert "Статей в архиве: 3" in before.text and "Рассылок ещё не было" in before.text
    # windows end on whole seconds, exclusive: tick a little later than the last upload
    later = datetime.now(UTC) + timedelta(seconds=2)
    stats = await h.scheduler.tick(now=later)
    assert stats is not None and (stats.sent, stats.empty) == (1, 0)
    daily = h.tg.sent_messages(READER)[-1]
    assert daily.text.startswith("<b>Дайджест на ")
    assert await h.scheduler.tick(now=later + timedelta(minutes=5)) is None  # never twice a day
    [after] = await h.ask(ADMIN, "/stats")
    assert "отправлено 1" in after.text and "Подписчиков: 1 активных" in after.text


async def test_unicode_digits_are_not_article_numbers(h):
    # "²".isdigit() is true in Python, int("²") is not
    [reply] = await h.ask(READER, "/article ²")
    assert "Укажите номер статьи цифрами" in reply.text
    [reply] = await h.ask(ADMIN, "/delete " + "9" * 25)
    assert "Укажите номер статьи" in reply.text


async def test_subscribe_button_in_a_group_subscribes_the_group(h):
    group = -100500
    h.tg.set_admins(group, READER)  # the group's settings are its admins' (bot.chat_admins)
    before = len(h.tg.sent_messages(group))
    h.tg.send_text(group, "/start", user_id=READER, chat_type="group")
    [welcome] = (await h.tg.wait_for_messages(group, before + 1))[before:]
    query = h.tg.press_button(group, welcome.message_id, SubscribeCB(action="on").pack(),
                              user_id=READER)
    await h.tg.wait_for(lambda: query in h.tg.callback_answers)
    await h.tg.wait_for_messages(group, before + 2)
    assert (await h.archive.subscribers.get(group)).active
    assert await h.archive.subscribers.get(READER) is None


async def test_id_answers_the_senders_and_the_chats_id(h):
    [reply] = await h.ask(READER, "/id")
    assert f"Ваш id: <code>{READER}</code>" in reply.text
    group = -100777
    before = len(h.tg.sent_messages(group))
    h.tg.send_text(group, "/id", user_id=ADMIN, chat_type="group")
    [reply] = (await h.tg.wait_for_messages(group, before + 1))[before:]
    assert f"Ваш id: <code>{ADMIN}</code>" in reply.text
    assert f"Id этого чата: <code>{group}</code>" in reply.text


async def test_delete_asks_for_confirmation_by_button(h):
    await h.upload(ADMIN, "bridge.txt", (FIXTURES / "card_bridge.txt").read_bytes())
    [question] = await h.ask(ADMIN, "/delete 1")
    assert "Удалить статью #1 «Власти Северной области" in question.text
    yes, no = question.callback_data()
    assert DeleteCB.unpack(yes).action == "yes" and DeleteCB.unpack(no).action == "no"
    await h.press(ADMIN, question, no)
    assert "не удалена" in h.tg.sent_messages(ADMIN)[-1].text
    assert await h.archive.articles.get(1) is not None
    # a reader pressing the button of an admin's message (a group, say) is refused
    query = h.tg.press_button(ADMIN, question.message_id, yes, user_id=READER, check=False)
    await h.tg.wait_for(lambda: query in h.tg.callback_answers)
    assert "только администраторы" in h.tg.callback_answers[query]["text"]
    assert await h.archive.articles.get(1) is not None
    [question] = await h.ask(ADMIN, "/delete #1")
    await h.press(ADMIN, question, question.callback_data()[0])
    done = h.tg.sent_messages(ADMIN)[-1]
    assert done.message_id == question.message_id and done.text == "Статья #1 удалена."
    assert done.callback_data() == []  # the question cannot be answered twice
    assert await h.archive.articles.get(1) is None
    [reply] = await h.ask(ADMIN, "/delete 1")
    assert "Статьи #1 нет в архиве" in reply.text
