"""What a reader types as a time zone → an IANA zone: "Europe/Moscow" in any case, МСК and
МСК+4, UTC+3 / GMT-5 / +7, or a city ("Москва", "Алматы", "в Новосибирске").

City names and their zones are data (core/data/zones_ru.txt), not code.
"""

from __future__ import annotations

import re
import zoneinfo
from functools import cache
from importlib import resources

from digest import nlp

MOSCOW_OFFSET = 3
_OFFSET = re.compile(
    r"(?P<base>utc|gmt|мск|msk)?\s*(?P<sign>[+\-−–])\s*(?P<hours>\d{1,2})(?::?00)?", re.I
)


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


@cache
def _iana() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


@cache
def _names() -> dict[str, str]:
    text = resources.files("core").joinpath("data/zones_ru.txt").read_text("utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            zone, *aliases = (part.strip() for part in line.split("|"))
            names.update({_fold(alias): zone for alias in aliases if alias})
    return names


def _offset_zone(m: re.Match[str]) -> str | None:
    hours = int(m["hours"]) * (-1 if m["sign"] != "+" else 1)
    if (m["base"] or "").lower() in {"мск", "msk"}:
        hours += MOSCOW_OFFSET
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
