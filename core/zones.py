"""What a reader types as a time zone → an IANA zone: "Europe/Moscow" in any case, МСК and
МСК+4, UTC+3 / GMT-5 / +7, or a city ("Москва", "Алматы", "в Новосибирске"); and back: a
zone as a reader reads it ("UTC+7 (МСК+4)", "Екатеринбург, UTC+5 (МСК+2)"), never as
"Etc/GMT-7", whose sign POSIX inverts.

City names and their zones are data (core/data/zones_ru.txt), not code.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources

from digest import nlp

MOSCOW_OFFSET = 3
_NOT_CITIES = frozenset({"мск", "msk", "московское"})  # names of the zone, not of a city
_OFFSET = re.compile(
    r"(?P<base>utc|gmt|мск|msk)?\s*(?P<sign>[+\-−–])\s*(?P<hours>\d{1,2})"
    r"(?::?(?P<minutes>[0-5]\d))?", re.I
)
# Etc/GMT zones are whole hours; an offset with minutes is a place that keeps it all year
_PART_HOUR_ZONES = {
    (3, 30): "Asia/Tehran", (4, 30): "Asia/Kabul", (5, 30): "Asia/Kolkata",
    (5, 45): "Asia/Kathmandu", (6, 30): "Asia/Yangon", (8, 45): "Australia/Eucla",
    (9, 30): "Australia/Darwin", (-9, 30): "Pacific/Marquesas",
}


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


@cache
def _iana() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


@cache
def _zone_lines() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(IANA zone, its names) per line of data/zones_ru.txt, in file order."""
    text = resources.files("core").joinpath("data/zones_ru.txt").read_text("utf-8")
    lines = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            zone, *aliases = (part.strip() for part in line.split("|"))
            lines.append((zone, tuple(a for a in aliases if a)))
    return tuple(lines)


@cache
def _names() -> dict[str, str]:
    return {_fold(alias): zone for zone, aliases in _zone_lines() for alias in aliases}


def _offset_zone(m: re.Match[str]) -> str | None:
    sign = -1 if m["sign"] != "+" else 1
    minutes = sign * (int(m["hours"]) * 60 + int(m["minutes"] or 0))
    if (m["base"] or "").lower() in {"мск", "msk"}:
        minutes += MOSCOW_OFFSET * 60
    hours, rest = divmod(abs(minutes), 60)
    if rest:
        return _PART_HOUR_ZONES.get((hours if minutes > 0 else -hours, rest))
    hours = hours if minutes >= 0 else -hours
    if not -12 <= hours <= 14:
        return None
    # POSIX sign convention: Etc/GMT-3 is three hours AHEAD of UTC
    return "Etc/UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def resolve_zone(text: str) -> str | None:
    """The IANA zone the reader meant, or None."""
    raw = text.strip()
    if not raw or len(raw) > 64:
        return None
    if found := _iana().get(raw.lower()):
        return found
    folded = _fold(raw)
    if m := _OFFSET.fullmatch(folded):
        return _offset_zone(m)
    if folded in {"utc", "gmt"}:
        return "Etc/UTC"
    names = _names()
    words = folded.split()
    if words and words[0] in {"в", "во"}:  # "в Новосибирске"
        words = words[1:]
    phrase = " ".join(words)
    if phrase in names:
        return names[phrase]
    return names.get(" ".join(nlp.lemma(w) for w in words)) if words else None


def capitalized(name: str) -> str:
    """Each word and each hyphenated part of it capitalized: "эльвира набиуллина" →
    "Эльвира Набиуллина", "касым-жомарт" → "Касым-Жомарт", "южно-сахалинск" →
    "Южно-Сахалинск"."""
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in name.split())


@cache
def _cities() -> dict[str, str]:
    """IANA zone → the first city zones_ru.txt names for it, capitalized ("Екатеринбург")."""
    cities: dict[str, str] = {}
    for zone, aliases in _zone_lines():
        city = next((a for a in aliases if a not in _NOT_CITIES), None)
        if city and zone not in cities:
            cities[zone] = capitalized(city).replace("-На-", "-на-")
    return cities


def zone_city(tz: str) -> str | None:
    """A city in the zone, in Russian ("Asia/Yekaterinburg" → "Екатеринбург"), or None."""
    return _cities().get(tz)


def _signed(offset: timedelta, minus: str) -> str:
    """"+7", "+5:30", "−3" ("" for zero)."""
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return ""
    hours, rest = divmod(abs(minutes), 60)
    return ("+" if minutes > 0 else minus) + str(hours) + (f":{rest:02d}" if rest else "")


def utc_offset(tz: str, now: datetime | None = None) -> timedelta:
    offset = zoneinfo.ZoneInfo(tz).utcoffset(now or datetime.now(UTC))
    return offset or timedelta(0)


def zone_label(tz: str, city: str | None = None, now: datetime | None = None) -> str:
    """How a reader reads the zone: "UTC+7 (МСК+4)" for a bare offset, "Екатеринбург, UTC+5
    (МСК+2)" for a city's zone (`city` or the data's), "America/Chicago, UTC−6 (МСК−9)" else."""
    offset = utc_offset(tz, now)
    utc = "UTC" + _signed(offset, "−")
    msk = "МСК" + _signed(offset - timedelta(hours=MOSCOW_OFFSET), "−")
    name = city or zone_city(tz)
    if tz.startswith("Etc/") or tz in {"UTC", "GMT"}:
        return f"{utc} ({msk})"
    return f"{name or tz}, {utc} ({msk})"


def zone_arg(tz: str, city: str | None = None) -> str:
    """What to type after /time for this zone: its city, "UTC+7", or the IANA name."""
    for arg in (city, zone_city(tz)):
        if arg and resolve_zone(arg) == tz:
            return arg
    if tz.startswith("Etc/") or tz in {"UTC", "GMT"}:
        arg = "UTC" + _signed(utc_offset(tz), "-")
        if (found := resolve_zone(arg)) and utc_offset(found) == utc_offset(tz):
            return arg
    return tz
