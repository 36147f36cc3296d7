"""Dates in Russian news text: "30 января", "21 октября 2025 года", "27.11.2024", "2025-10-21"."""

from __future__ import annotations

import re
from datetime import date

from digest.card import DateMention

_MONTH_STEMS = {
    1: "январ", 2: "феврал", 3: "март", 4: "апрел", 5: "ма", 6: "июн",
    7: "июл", 8: "август", 9: "сентябр", 10: "октябр", 11: "ноябр", 12: "декабр",
}  # fmt: skip
_ABBREV = {
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}  # fmt: skip


def _month_forms() -> dict[str, int]:
    forms: dict[str, int] = {}
    endings: tuple[str, ...]
    for num, stem in _MONTH_STEMS.items():
        if num == 5:
            endings = ("й", "я", "е", "ю", "ем")
        elif num in (3, 8):
            endings = ("", "а", "е", "у", "ом")
        else:
            endings = ("ь", "я", "е", "ю", "ем", "ём")
        for ending in endings:
            forms[stem + ending] = num
    return forms


MONTHS: dict[str, int] = _month_forms()
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ABBREV_RE = "|".join(sorted(_ABBREV, key=len, reverse=True))

ISO_RE = re.compile(
    r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
NUMERIC_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])(?:\s*г\.)?")
VERBAL_RE = re.compile(
    rf"(?<![\w.])(\d{{1,2}})(?:-?го)?\s+(?:({MONTH_RE})|({_ABBREV_RE})\.?)(?!\w)"
    r"(?:,?\s+(\d{4})(?!\d)(?:\s*(?:года|году|г\.|г(?!\w)))?)?",
    re.IGNORECASE,
)


def _resolve(
    day: int, month: int, year: int | None, reference: date | None, *, nearest: bool = False
) -> date | None:
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    ref = reference or date.today()
    # Without a year. A publication date is the most recent such date not after the reference;
    # a date mentioned in a story may lie ahead ("кампания продлится до 15 ноября"), so there
    # it is the one nearest the reference. 29 февраля may need several years back.
    candidates = []
    for y in range(ref.year + 1, ref.year - 9, -1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:
            continue
    if nearest:
        return min(candidates, key=lambda d: abs((d - ref).days), default=None)
    return next((d for d in candidates if d <= ref), None)


def _matches(
    text: str, reference: date | None, *, nearest: bool = False
) -> list[tuple[int, str, date]]:
    found: list[tuple[int, str, date]] = []
    for m in ISO_RE.finditer(text):
        value = _resolve(int(m[3]), int(m[2]), int(m[1]), reference)
        if value:
            found.append((m.start(), m[0], value))
    for m in NUMERIC_RE.finditer(text):
        value = _resolve(int(m[1]), int(m[2]), int(m[3]), reference)
        if value:
            found.append((m.start(), m[0], value))
    for m in VERBAL_RE.finditer(text):
        month = MONTHS[m[2].lower()] if m[2] else _ABBREV[m[3].lower()]
        year = int(m[4]) if m[4] else None
        value = _resolve(int(m[1]), month, year, reference, nearest=nearest)
        if value:
            found.append((m.start(), m[0].strip(), value))
    found.sort(key=lambda item: item[0])
    return found


def parse_date(text: str, reference: date | None = None) -> date | None:
    """The first date written in `text`; a date without a year is resolved against
    `reference` (default: today) as the most recent such date not after it."""
    found = _matches(text, reference)
    return found[0][2] if found else None


def extract_dates(text: str, reference: date | None = None) -> list[DateMention]:
    """Dates mentioned in the text, in order of appearance, one per distinct value.
    Bare years ("в 2023 году") are not dates; a date without a year is the one nearest to
    `reference` (the publication date, when known)."""
    seen: set[str] = set()
    mentions: list[DateMention] = []
    for _, written, value in _matches(text, reference, nearest=True):
        iso = value.isoformat()
        if iso not in seen:
            seen.add(iso)
            mentions.append(DateMention(text=written, value=iso))
    return mentions
