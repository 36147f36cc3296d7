"""Reader-facing defects QA found, each driven through the real bot and the fake Bot API."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from datetime import date

import pytest
from bot_harness import ADMIN, READER, running_bot

from digest.card import ArticleCard, Person
from digest.identity import content_hash, signature


def _numbered(plain: str) -> list[tuple[int, str]]:
    return [(int(n), t) for n, t in re.findall(r"^(\d+)\. (.+)$", plain, flags=re.M)]


def _person_only_in(cards, titles: set[str]) -> str:
    """A full name whose surname only the stories outside `titles` mention."""
    surnames = Counter(p.name.split()[-1] for c in cards for p in c.people)
    for card in cards:
        if card.title in titles:
            continue
        for person in card.people:
            if len(person.name.split()) >= 2 and surnames[person.name.split()[-1]] == 1:
                return person.name
    raise AssertionError("no person named only in a later story")


async def test_next_page_continues_the_digest_after_a_new_follow(twenty_bot, twenty_stories):
    [digest] = await twenty_bot.ask(READER, "/digest")
    first_page = _numbered(digest.plain)
    assert digest.buttons()[-1]["text"].startswith("ещё")
    name = _person_only_in(twenty_stories, {t for _, t in first_page})
    [followed] = await twenty_bot.ask(READER, f"/follow {name}")
    assert "Слежу за человеком" in followed.text
    shown = list(first_page)
    page = digest
    while page.buttons() and page.buttons()[-1]["text"].startswith("ещё"):
        [page] = await twenty_bot.press(READER, page, page.buttons()[-1]["callback_data"], expect=1)
        shown += _numbered(page.plain)
    assert [n for n, _ in shown] == list(range(1, 21))
    titles = [t for _, t in shown]
    assert len(set(titles)) == 20, Counter(titles).most_common(2)
    assert set(titles) == {c.title for c in twenty_stories}


def _card(title: str, text: str, *people: tuple[str, str], topics: tuple[str, ...] = ()):
    return ArticleCard(
        title=title, text=text, published=date.today(), source="Вестник округа",
        people=[Person(name, role, 1) for name, role in people], topics=list(topics),
        content_hash=content_hash(text), signature=signature(text))


READER_CARDS = [
    _card("Центробанк округа оставил ставку без изменений",
          "Председатель окружного банка Алевтина Скворцова объявила, что ставка остаётся прежней.",
          ("Алевтина Скворцова", "председатель окружного банка")),
    _card("Снегопады парализовали движение в Заречье",
          "Снегопады второй день мешают движению автобусов в Заречье.",
          topics=("снегопад",)),
    _card("Братья Гавриловы открыли пекарню",
          "Иван Гаврилов и Пётр Гаврилов открыли в посёлке семейную пекарню.",
          ("Иван Гаврилов", "пекарь"), ("Пётр Гаврилов", "пекарь")),
]


@pytest.fixture
async def h(tmp_path, analysis_pool):
    async with running_bot(tmp_path, analysis_pool) as harness:
        for card in READER_CARDS:
            assert (await harness.archive.articles.add(card)).status == "added"
        yield harness
        assert harness.tg.errors == []


async def _says(h, text: str, chat: int = READER) -> str:
    [reply] = await h.ask(chat, text)
    return reply.plain


async def test_a_person_is_followed_once_by_name_and_unfollowed_in_any_form(h):
    assert "Слежу за человеком «Алевтина Скворцова»" in await _says(h, "/follow Скворцовой")
    assert "«Алевтина Скворцова»" in await _says(h, "/follow скворцова")
    settings = await _says(h, "/settings")
    assert "Слежу за людьми: Алевтина Скворцова\n" in settings
    assert "/unfollow Алевтина Скворцова" in await _says(h, "/unfollow")
    assert "Больше не слежу за «Алевтина Скворцова»" in await _says(h, "/unfollow Скворцову")
    assert "Слежу за людьми: —" in await _says(h, "/settings")
    await h.ask(READER, "/follow Скворцову")
    digest = await _says(h, "/digest")
    assert digest.index("Вы следите") < digest.index("Центробанк округа")
    assert "Больше не слежу" in await _says(h, "/unfollow Алевтина Скворцова")


async def test_a_topic_is_followed_by_lemma_and_unfollowed_in_any_form(h):
    assert "Слежу за темой «снегопад»" in await _says(h, "/follow снегопады")
    await h.ask(READER, "/follow Снегопадом")
    assert "Слежу за темами: снегопад\n" in await _says(h, "/settings")
    assert "Больше не слежу за «снегопад»" in await _says(h, "/unfollow снегопадов")
    assert "Слежу за темами: —" in await _says(h, "/settings")


async def test_a_shared_surname_asks_which_person(h):
    reply = await _says(h, "/follow Гаврилова")
    assert "нашлось несколько человек" in reply
    assert "/follow Иван Гаврилов" in reply and "/follow Пётр Гаврилов" in reply
    assert "Слежу за людьми: —" in await _says(h, "/settings")
    assert "«Пётр Гаврилов»" in await _says(h, "/follow Петра Гаврилова")


async def test_follows_stored_as_typed_by_older_versions_still_work(h):
    await h.archive.subscribers.subscribe(READER, delivery_time="09:00", tz="Europe/Moscow")
    for kind, value in [("person", "Скворцовой"), ("person", "скворцова"),
                        ("topic", "снегопадов")]:
        await h.archive.subscribers.follow(READER, kind, value)
    settings = await _says(h, "/settings")
    assert "Слежу за людьми: Алевтина Скворцова\n" in settings
    assert "Слежу за темами: снегопад\n" in settings
    assert "Больше не слежу" in await _says(h, "/unfollow Алевтина Скворцова")
    assert "Больше не слежу" in await _says(h, "/unfollow снегопады")
    assert await h.archive.subscribers.follows(READER) == []


async def test_an_inflected_old_follow_is_not_pinned_to_a_namesake(h):
    """An older version stored "Скворцовой" as typed; it may mean a namesake the archive
    does not know yet, so /settings does not rewrite it into the one Скворцова it knows:
    the stored follow keeps matching every form, and /unfollow by the name still finds it."""
    await h.archive.subscribers.subscribe(READER, delivery_time="09:00", tz="Europe/Moscow")
    await h.archive.subscribers.follow(READER, "person", "скворцовой")
    assert "Слежу за людьми: Алевтина Скворцова\n" in await _says(h, "/settings")
    assert await h.archive.subscribers.follows(READER) == [("person", "скворцовой")]
    assert "Больше не слежу" in await _says(h, "/unfollow Алевтина Скворцова")
    assert await h.archive.subscribers.follows(READER) == []


async def test_topics_keep_their_digits(h):
    for topic in ("5G", "G20", "Су-57"):
        assert "Слежу за темой" in await _says(h, f"/follow {topic}")
    assert "Слежу за темами: 5g, g20, су-57\n" in await _says(h, "/settings")


async def test_a_follow_without_words_is_refused(h):
    reply = await _says(h, "/follow 😀")
    assert "Следить можно за человеком или темой" in reply
    assert "Слежу за темами: —" in await _says(h, "/settings")


async def test_zones_are_shown_as_utc_and_moscow_offsets_and_russian_cities(h):
    reply = await _says(h, "/time 07:00 МСК+4")
    assert "в 07:00, часовой пояс — UTC+7 (МСК+4)." in reply and "Etc/" not in reply
    assert (await h.archive.subscribers.get(READER)).tz == "Etc/GMT-7"  # delivery unchanged
    reply = await _says(h, "/time 08:00 UTC+3")
    assert "часовой пояс — UTC+3 (МСК)." in reply and "GMT" not in reply
    reply = await _says(h, "/time 08:00 UTC-5")
    assert "часовой пояс — UTC−5 (МСК−8)." in reply
    reply = await _says(h, "/time 08:00 Екатеринбург")
    assert "часовой пояс — Екатеринбург, UTC+5 (МСК+2)." in reply and "Asia/" not in reply
    settings = await _says(h, "/settings")
    assert "каждый день в 08:00, часовой пояс — Екатеринбург, UTC+5 (МСК+2)" in settings
    subscribed = await _says(h, "/subscribe")
    assert "Екатеринбург, UTC+5 (МСК+2)" in subscribed and "/time 08:30 Екатеринбург" in subscribed
    await h.ask(READER, "/time 09:00 UTC+7")
    hint = await _says(h, "/subscribe")
    assert "/time 08:30 UTC+7" in hint and "Etc/" not in hint
    [button] = await h.ask(READER, "/start")
    assert "UTC+7 (МСК+4)" in button.plain


async def test_a_long_unfollow_is_refused_like_a_long_follow(h):
    long = "снегопад " * 454  # 4086 characters
    assert "Слишком длинный запрос" in await _says(h, f"/unfollow {long}")
    assert "Слишком длинный запрос" in await _says(h, f"/follow {long}")


async def test_a_reply_telegram_refuses_is_followed_by_a_short_one(h):
    h.tg.fail_next("sendMessage", status=400, description="Bad Request: message is too long")
    [reply] = await h.ask(READER, "/settings")
    assert "Не получилось выполнить запрос" in reply.plain
    h.tg.errors.clear()  # the refusal above was the test's own


GROUP = -100_555_777


async def test_a_group_is_not_answered_for_chatter_or_other_bots_commands(h):
    for text in ("привет всем", "Скворцова", "/start@otherbot", "/help@otherbot",
                 "/a1@otherbot", "/frobnicate", "/weather@otherbot Москва"):
        h.tg.send_text(GROUP, text, user_id=READER, chat_type="supergroup")
    h.tg.send_text(READER, "/start@otherbot")
    # our own command, addressed to us, is answered (and comes after the others)
    [help_] = await h.ask(GROUP, "/help@newsdigest_test_bot", user_id=READER)
    assert "Что я умею" in help_.plain and "просто напишите" not in help_.plain
    [unknown] = await h.ask(GROUP, "/frobnicate@newsdigest_test_bot", user_id=READER)
    assert "Такой команды нет" in unknown.plain
    [mine] = await h.ask(READER, "/help")
    assert "Что я умею" in mine.plain and "просто напишите имя или слово" in mine.plain
    # the group's welcome asks by command: plain text there is not read
    [welcome] = await h.ask(GROUP, "/start@newsdigest_test_bot", user_id=READER)
    assert "/person Лавров" in welcome.plain and "напишите фамилию" not in welcome.plain
    await asyncio.sleep(0.5)
    assert len(h.tg.sent_messages(GROUP)) == 3 and len(h.tg.sent_messages(READER)) == 1
    # in a private chat plain text is still a search
    assert "Алевтина Скворцова" in await _says(h, "Скворцова")


async def test_subscribe_takes_a_zone_and_says_which_part_it_did_not_understand(h):
    reply = await _says(h, "/subscribe 08:00 Новосибирск")
    assert "каждый день в 08:00, часовой пояс — Новосибирск, UTC+7 (МСК+4)" in reply
    sub = await h.archive.subscribers.get(READER)
    assert (sub.active, sub.delivery_time, sub.tz) == (True, "08:00", "Asia/Novosibirsk")
    [bad] = await h.ask(READER, "/subscribe 07:30 Атлантида")
    assert "Не знаю часового пояса «Атлантида»" in bad.plain and "Не понял время" not in bad.plain
    assert bad.buttons()
    assert (await h.archive.subscribers.get(READER)).delivery_time == "08:00"
    assert "Не понял время" in await _says(h, "/subscribe 25:00 Москва")


async def test_story_command_in_any_case_and_with_a_space(h):
    article_id = (await h.archive.articles.find_person("Скворцова")).articles[0].id
    for typed in (f"/a {article_id}", f"/A{article_id}", f"/a{article_id}",
                  f"/a@newsdigest_test_bot {article_id}"):
        assert (await _says(h, typed)).startswith("Центробанк округа"), typed


async def test_a_second_delete_prompt_knows_the_article_is_gone(h):
    [first] = await h.ask(ADMIN, "/delete 1")
    [second] = await h.ask(ADMIN, "/delete 1")
    await h.press(ADMIN, first, first.buttons()[0]["callback_data"])
    assert h.tg.sent_messages(ADMIN)[0].plain == "Статья #1 удалена."
    await h.press(ADMIN, second, second.buttons()[1]["callback_data"])  # «Отмена»
    assert h.tg.sent_messages(ADMIN)[1].plain == "Статья #1 уже удалена."
    [third] = await h.ask(ADMIN, "/delete 2")
    [fourth] = await h.ask(ADMIN, "/delete 2")
    await h.press(ADMIN, third, third.buttons()[0]["callback_data"])
    await h.press(ADMIN, fourth, fourth.buttons()[0]["callback_data"])  # «Удалить» again
    assert h.tg.sent_messages(ADMIN)[3].plain == "Статья #2 уже удалена."
    assert list(h.tg.callback_answers.values())[-1].get("text") == "Статья #2 уже удалена."
