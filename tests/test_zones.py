"""/time zones as readers type them: МСК, cities, UTC±N, IANA names in any case; buttons."""

from __future__ import annotations

import pytest
from bot_harness import READER, running_bot

from bot.callbacks import CommonZone, ZoneCB
from core.zones import resolve_zone


@pytest.mark.parametrize(("typed", "zone"), [
    ("МСК", "Europe/Moscow"), ("msk", "Europe/Moscow"), ("МСК+4", "Etc/GMT-7"),
    ("UTC+3", "Etc/GMT-3"), ("utc -5", "Etc/GMT+5"), ("+7", "Etc/GMT-7"), ("UTC", "UTC"),
    ("europe/moscow", "Europe/Moscow"), ("ASIA/ALMATY", "Asia/Almaty"),
    ("Москва", "Europe/Moscow"), ("алматы", "Asia/Almaty"), ("Алма-Ата", "Asia/Almaty"),
    ("Новосибирск", "Asia/Novosibirsk"), ("в Новосибирске", "Asia/Novosibirsk"),
    ("Нижний Новгород", "Europe/Moscow"), ("петропавловск-камчатский", "Asia/Kamchatka"),
    ("UTC+5:30", "Asia/Kolkata"), ("МСК+2:30", "Asia/Kolkata"), ("UTC+5:45", "Asia/Kathmandu"),
    ("utc-9:30", "Pacific/Marquesas"), ("UTC+3:00", "Etc/GMT-3"), ("Дели", "Asia/Kolkata"),
])
def test_known_ways_to_name_a_zone(typed, zone):
    assert resolve_zone(typed) == zone


@pytest.mark.parametrize("typed", ["Марс", "UTC+15", "UTC+5:15", "UTC+5:70", "", "../etc/passwd",
                                   "Х" * 80])
def test_unknown_zones(typed):
    assert resolve_zone(typed) is None


def test_every_common_zone_button_is_a_real_zone():
    assert all(resolve_zone(z.value) == z.value for z in CommonZone)


@pytest.fixture
async def h(tmp_path, analysis_pool):
    async with running_bot(tmp_path, analysis_pool) as harness:
        yield harness
        assert harness.tg.errors == []


async def test_time_accepts_cities_msk_offsets_and_buttons(h):
    [reply] = await h.ask(READER, "/time 07:30 Новосибирск")
    assert "07:30" in reply.text and "Новосибирск, UTC+7 (МСК+4)" in reply.text
    [reply] = await h.ask(READER, "/time 08:00 МСК")
    assert "08:00" in reply.text and "Москва, UTC+3 (МСК)" in reply.text
    [reply] = await h.ask(READER, "/time 09:15 utc+5")
    assert "09:15" in reply.text and "UTC+5 (МСК+2)" in reply.text
    [reply] = await h.ask(READER, "/time 06:45 asia/almaty")
    assert "Алматы, UTC+5 (МСК+2)" in reply.text
    [reply] = await h.ask(READER, "/time в Красноярске")  # the zone alone keeps the time
    assert "06:45" in reply.text and "Красноярск, UTC+7 (МСК+4)" in reply.text
    sub = await h.archive.subscribers.get(READER)
    assert (sub.delivery_time, sub.tz) == ("06:45", "Asia/Krasnoyarsk")

    [bad] = await h.ask(READER, "/time 08:00 Атлантида")
    assert "Не знаю часового пояса «Атлантида»" in bad.text
    labels = [b["text"] for b in bad.buttons()]
    assert "Москва" in labels and "Владивосток" in labels
    vladivostok = ZoneCB(zone=CommonZone.VLADIVOSTOK).pack()
    [done] = await h.press(READER, bad, vladivostok, expect=1)
    assert "06:45" in done.text and "Владивосток, UTC+10 (МСК+7)" in done.text
    assert (await h.archive.subscribers.get(READER)).tz == "Asia/Vladivostok"

    [hint] = await h.ask(READER, "/time")
    assert hint.buttons() and "Укажите время" in hint.text
    [subscribed] = await h.ask(READER, "/subscribe")
    assert "/time 08:30 Владивосток" in subscribed.plain  # the hint in the reader's zone


def test_a_part_hour_offset_is_a_place_that_keeps_it_and_reads_back():
    """UTC+5:30 is India's all year; the reader sees the city and the offsets, and what the
    label suggests typing resolves to the same zone."""
    from core.zones import zone_arg, zone_label

    zone = resolve_zone("UTC+5:30")
    assert zone_label(zone) == "Дели, UTC+5:30 (МСК+2:30)"
    assert resolve_zone(zone_arg(zone)) == zone
