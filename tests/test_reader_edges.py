"""Friendlier edges: /start for a subscriber, /follow says it subscribed (and when), followed
people shown in the nominative, capitalized."""

from __future__ import annotations

from datetime import date

import pytest
from bot_harness import READER, running_bot

from digest.card import ArticleCard, Person
from digest.identity import content_hash, signature


@pytest.fixture
async def h(tmp_path, analysis_pool):
    async with running_bot(tmp_path, analysis_pool, digest_time="07:15",
                           timezone="Asia/Almaty") as harness:
        text = "Министр иностранных дел Сергей Лавров провёл переговоры в Анкаре."
        await harness.archive.articles.add(ArticleCard(
            title="Переговоры в Анкаре", text=text, published=date.today(), source="ТАСС",
            people=[Person("Сергей Лавров", "министр иностранных дел России", 1)],
            content_hash=content_hash(text), signature=signature(text)))
        yield harness
        assert harness.tg.errors == []


async def test_follow_subscribes_says_when_and_names_the_person(h):
    [reply] = await h.ask(READER, "/follow лаврова")
    assert "Слежу за человеком «Сергей Лавров»" in reply.text
    assert "Я подписал вас на дайджест" in reply.text
    assert "07:15, часовой пояс — Алматы, UTC+5 (МСК+2)" in reply.text
    assert "/time 08:30 Алматы" in reply.text
    [again] = await h.ask(READER, "/follow вакцины")
    assert "Слежу за темой «вакцина»" in again.text and "подписал" not in again.text
    [settings] = await h.ask(READER, "/settings")
    assert "Слежу за людьми: Сергей Лавров" in settings.text


async def test_start_does_not_ask_a_subscriber_to_subscribe(h):
    [first] = await h.ask(READER, "/start")
    assert "подпишитесь" in first.text and first.buttons()
    await h.ask(READER, "/subscribe")
    [back] = await h.ask(READER, "/start")
    assert "Вы подписаны" in back.text and "07:15" in back.text
    assert "подпишитесь" not in back.text and not back.buttons()
    await h.ask(READER, "/unsubscribe")
    [twice] = await h.ask(READER, "/unsubscribe")
    assert "не были подписаны" in twice.text


async def test_person_without_hits_suggests_close_names(h):
    [reply] = await h.ask(READER, "/person Лаврв")
    assert "ничего нет" in reply.text and "<code>/person Сергей Лавров</code>" in reply.text
    [far] = await h.ask(READER, "/person Пупкин")
    assert "ничего нет" in far.text and "<code>/person Лавров</code>" in far.text  # the archive's
    assert "Сергей Лавров" not in far.text


async def test_person_without_hits_gives_an_example_from_the_archive_never_the_query(h):
    """The example is a surname the archive has: a reader who asked for Шойгу, with only
    Лавров in the archive, is shown Лавров; never told to try what they typed."""
    [reply] = await h.ask(READER, "/person Шойгу")
    assert "ничего нет" in reply.text and "<code>/person Лавров</code>" in reply.text
    assert await h.archive.articles.delete(1, actor=None)
    [empty] = await h.ask(READER, "/person Шойгу")
    assert "ничего нет" in empty.text and "/person" not in empty.text
