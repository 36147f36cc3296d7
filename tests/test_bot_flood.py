"""Replies under Telegram's flood limit: a 429 is waited out (retry_after) and sent again."""

from __future__ import annotations

import pytest
from bot_harness import running_bot


@pytest.fixture
async def h(tmp_path, analysis_pool):
    async with running_bot(tmp_path, analysis_pool) as harness:
        yield harness


async def test_forty_readers_asking_at_once_under_a_tight_flood_limit_all_get_help(h):
    h.tg.flood_limit(per_second=5)
    readers = range(3001, 3041)
    for reader in readers:
        h.tg.send_text(reader, "/help")
    await h.tg.wait_for(lambda: all(h.tg.sent_messages(r) for r in readers), timeout=90)
    assert all("/person" in h.tg.sent_messages(r)[0].text for r in readers)
    assert all(len(h.tg.sent_messages(r)) == 1 for r in readers)  # each answered once
    assert sum(e.status == 429 for e in h.tg.errors) >= 30  # the limit really bit


async def test_a_reply_gives_up_when_telegram_asks_to_wait_too_long(h):
    h.tg.fail_next("sendMessage", status=429, retry_after=3600)
    h.tg.send_text(3100, "/help")
    await h.tg.wait_for(lambda: h.tg.errors, timeout=30)
    [reply] = await h.ask(3100, "/help")  # the bot is alive and answers the next one
    assert "/person" in reply.text
    assert len(h.tg.calls_to("sendMessage")) == 2  # the hour-long wait was not attempted
