"""Times of day typed with other digits (fullwidth, Arabic-Indic) are read, not lost."""

from __future__ import annotations

import pytest
from bot_harness import READER, running_bot

from core.config import parse_hhmm


@pytest.fixture
async def h(tmp_path, analysis_pool):
    async with running_bot(tmp_path, analysis_pool) as harness:
        yield harness
        assert harness.tg.errors == []


@pytest.mark.parametrize(("typed", "expected"), [
    ("8:30", "08:30"), ("08.30", "08:30"), ("８:３０", "08:30"), ("８：３０", "08:30"),
    ("٠٨:٣٠", "08:30"), ("۰۷:۴۵", "07:45"), ("२३:५९", "23:59"),
    ("²:³⁰", None), ("２４:００", None), ("8:3", None), ("８:３", None), ("", None),
])
def test_parse_hhmm_reads_any_decimal_digits_and_answers_ascii(typed, expected):
    assert parse_hhmm(typed) == expected


async def test_subscribe_and_time_with_fullwidth_and_arabic_indic_digits(h):
    [done] = await h.ask(READER, "/subscribe ８:３０")
    assert "каждый день в 08:30" in done.text
    [done] = await h.ask(READER, "/subscribe ٠٧:٤٥")
    assert "каждый день в 07:45" in done.text
    [done] = await h.ask(READER, "/time ８:３０")
    assert "Дайджест будет приходить в 08:30, часовой пояс — Москва, UTC+3 (МСК)" in done.text
    sub = await h.archive.subscribers.get(READER)
    assert sub is not None and sub.delivery_time == "08:30"
    [refused] = await h.ask(READER, "/time ２５:００")
    assert "не похоже на ЧЧ:ММ" in refused.text and "пояс" not in refused.text.split(".")[0]
