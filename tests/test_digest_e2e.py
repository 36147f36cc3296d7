"""The digest as a reader gets it from the real bot and the fake Bot API: one message for 20
stories, each story one tap from its full card, "ещё N" for the rest."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot_harness import READER, running_bot
from fake_telegram import MAX_TEXT_UTF16, utf16_len

from bot.callbacks import CardCB, DigestMoreCB


async def test_twenty_stories_arrive_as_one_message_and_open_in_one_tap(twenty_bot, twenty_stories):
    [digest] = await twenty_bot.ask(READER, "/digest")
    assert utf16_len(digest.text) <= MAX_TEXT_UTF16 and utf16_len(digest.plain) <= MAX_TEXT_UTF16
    assert digest.plain.startswith("Дайджест на ")
    sources = len({c.source for c in twenty_stories})
    assert f"\n20 сюжетов из {sources} источников\n" in digest.plain
    numbered = re.findall(r"^(\d+)\. (.+)$", digest.plain, flags=re.M)
    assert [int(n) for n, _ in numbered] == list(range(1, len(numbered) + 1))
    assert 5 <= len(numbered) < 20
    titles = {c.title for c in twenty_stories}
    assert all(title in titles for _, title in numbered)
    # each headline links to its original
    assert digest.text.count('<a href="https://news.example/') == len(numbered)
    assert "(деньги)" not in digest.plain and "источник не указан" not in digest.plain

    buttons = digest.buttons()
    cards = [CardCB.unpack(b["callback_data"]) for b in buttons[:-1]]
    assert [b["text"] for b in buttons[:-1]] == [str(n) for n in range(1, len(numbered) + 1)]
    rest = 20 - len(numbered)
    assert buttons[-1]["text"] == f"ещё {rest} ›" and f"И ещё {rest} " in digest.plain

    # one tap on "3": the full card of the third story
    [card] = await twenty_bot.press(READER, digest, buttons[2]["callback_data"], expect=1)
    third = numbered[2][1]
    assert card.plain.startswith(third)
    assert f"/a{cards[2].article_id}" in digest.plain

    # the compact command beside a story is one tap too (Telegram links the whole "/a12")
    [by_command] = await twenty_bot.ask(READER, f"/a{cards[0].article_id}")
    assert by_command.plain.startswith(numbered[0][1])

    # "ещё N": the next page, numbered on, until every story was shown once
    shown = [title for _, title in numbered]
    page = digest
    while page.buttons() and page.buttons()[-1]["text"].startswith("ещё"):
        [page] = await twenty_bot.press(READER, page, page.buttons()[-1]["callback_data"], expect=1)
        assert "продолжение" in page.plain.split("\n", 1)[0]
        assert utf16_len(page.text) <= MAX_TEXT_UTF16
        more = re.findall(r"^(\d+)\. (.+)$", page.plain, flags=re.M)
        assert int(more[0][0]) == len(shown) + 1
        shown += [title for _, title in more]
    assert sorted(shown) == sorted(titles)


async def test_the_daily_digest_is_one_message_too(twenty_bot):
    await twenty_bot.ask(READER, "/subscribe 00:00")
    before = len(twenty_bot.tg.sent_messages(READER))
    stats = await twenty_bot.scheduler.tick(now=datetime.now(UTC) + timedelta(seconds=2))
    assert stats is not None and stats.sent == 1
    [daily] = twenty_bot.tg.sent_messages(READER)[before:]
    assert utf16_len(daily.text) <= MAX_TEXT_UTF16 and "20 сюжетов" in daily.plain
    more = DigestMoreCB.unpack(daily.buttons()[-1]["callback_data"])
    [page] = await twenty_bot.press(READER, daily, more.pack(), expect=1)
    assert "продолжение" in page.plain


async def test_a_fresh_bot_says_the_archive_is_empty_and_describes_itself(tmp_path, analysis_pool):
    async with running_bot(tmp_path, analysis_pool) as fresh:
        [reply] = await fresh.ask(READER, "/digest")
        assert "Архив пока пуст" in reply.text and "с прошлого дайджеста" not in reply.text
        description = fresh.tg.descriptions[""]
        assert "дайджест" in description and len(description) <= 512
        assert 0 < len(fresh.tg.short_descriptions[""]) <= 120
        assert fresh.tg.errors == []
