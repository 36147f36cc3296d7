"""Dates in Russian news text: "30 января", "21 октября 2025 года", "27.11.2024", "2025-10-21"."""

from __future__ import annotations

import re
from datetime import date, timedelta

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
ABBREV_RE = "|".join(sorted(_ABBREV, key=len, reverse=True))

ISO_RE = re.compile(
    r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
NUMERIC_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])(?:\s*г\.)?")
# Forms only a date line has, never read in running text: a two-digit year ("19.03.25 16:20")
# and a day word with a time of day ("Вчера в 18:10", "Сегодня, 08:15").
SHORT_NUMERIC_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])")
RELATIVE_STAMP_RE = re.compile(
    r"(?<!\w)(позавчера|вчера|сегодня)\s*,?\s*(?:в\s+)?(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)",
    re.IGNORECASE,
)
# "5 марта", "5-го мар.", "5 марта 2024 года", "5 марта прошлого года", without what may
# precede it: VERBAL_RE wants no letter before the day, meta's glued stamps no digit
VERBAL_BODY = (
    rf"(\d{{1,2}})(?:-?го)?\s+(?:({MONTH_RE})|({ABBREV_RE})\.?)(?!\w)"
    r"(?:,?\s+(?:(\d{4})(?!\d)(?:\s*(?:года|году|г\.|г(?!\w)))?"
    r"|(этого|текущего|нынешнего|прошлого|прошедшего|минувшего|следующего|будущего)\s+года))?"
)
VERBAL_RE = re.compile(rf"(?<![\w.]){VERBAL_BODY}", re.IGNORECASE)
_YEAR_SHIFT = {
    "этого": 0, "текущего": 0, "нынешнего": 0, "прошлого": -1, "прошедшего": -1,
    "минувшего": -1, "следующего": 1, "будущего": 1,
}
_WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3, "пятницу": 4,
    "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
}
_DAY_WORDS = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}
RELATIVE_RE = re.compile(
    r"(?<!\w)(?:(позавчера|вчера|сегодня|послезавтра|завтра)"
    r"|во?\s+(?:(прошл(?:ый|ую|ое)|следующ(?:ий|ую|ее))\s+)?"
    r"(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье))(?!\w)",
    re.IGNORECASE,
)
# the sentence speaks of what is ahead: a year-less date may then lie after the anchor
_FUTURE = re.compile(
    r"\b(?:будет|будут|состоится|состоятся|пройдет|пройдут|пройдёт|начнется|начнётся|"
    r"продлится|планиру\w*|намечен\w*|назначен\w*|запланирован\w*|ожида\w*|"
    r"откро\w*|завершится|вступит|вступят|предстоит|до\s+\d)",
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


def _sentence_at(text: str, pos: int) -> str:
    start = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1
    stops = [i for i in (text.find(".", pos), text.find("\n", pos)) if i != -1]
    return text[start : min(stops) if stops else len(text)]


def _relative(text: str, published: date) -> list[tuple[int, str, date]]:
    """"вчера", "в прошлую пятницу", "в среду" against the publication date."""
    found = []
    for m in RELATIVE_RE.finditer(text):
        if m[1]:
            value = published + timedelta(days=_DAY_WORDS[m[1].lower()])
        else:
            weekday = _WEEKDAYS[m[3].lower()]
            back = (published.weekday() - weekday) % 7
            ahead = (weekday - published.weekday()) % 7
            shift = (m[2] or "").lower()
            if shift.startswith("следующ"):
                value = published + timedelta(days=ahead or 7)
            elif shift.startswith("прошл"):
                value = published - timedelta(days=back or 7)
            elif _FUTURE.search(_sentence_at(text, m.start())):
                value = published + timedelta(days=ahead)
            else:
                value = published - timedelta(days=back)
        found.append((m.start(), m[0].strip(), value))
    return found


def _matches(
    text: str, reference: date | None, *, nearest: bool = False, published: date | None = None
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
        if m[5]:  # "этого года", "прошлого года": only a known publication date anchors them
            if published is None:
                continue
            year = published.year + _YEAR_SHIFT[m[5].lower()]
        # without a publication date a year-less date is never put in the future, unless
        # its sentence speaks of what is ahead
        ahead = published is not None or bool(_FUTURE.search(_sentence_at(text, m.start())))
        value = _resolve(int(m[1]), month, year, reference, nearest=nearest and ahead)
        if value:
            found.append((m.start(), m[0].strip(), value))
    if published is not None:
        found += _relative(text, published)
    found.sort(key=lambda item: item[0])
    return found


def parse_date(text: str, reference: date | None = None) -> date | None:
    """The first date written in `text`; a date without a year is resolved against
    `reference` (default: today) as the most recent such date not after it. A text that
    opens with a date line's own form, a two-digit year ("19.03.25") or a day word with a
    time ("Вчера в 18:10"), is read as that stamp, the day word against `reference`."""
    stamp = _stamp(text.strip(), reference or date.today())
    if stamp is not None:
        return stamp
    found = _matches(text, reference)
    return found[0][2] if found else None


def _stamp(text: str, reference: date) -> date | None:
    m = RELATIVE_STAMP_RE.match(text)
    if m:
        return reference + timedelta(days=_DAY_WORDS[m[1].lower()])
    m = SHORT_NUMERIC_RE.match(text)
    if m:
        year = 2000 + int(m[3])
        if year > reference.year + 1:  # "12.05.98"
            year -= 100
        return _resolve(int(m[1]), int(m[2]), year, reference)
    return None


def extract_dates(
    text: str, reference: date | None = None, *, published: date | None = None
) -> list[DateMention]:
    """Dates mentioned in the text, in order of appearance, one per distinct value.

    Bare years ("в 2023 году") are not dates. With a publication date, a date without a year
    is the one nearest to it, and "вчера", weekdays, "этого/прошлого года" resolve against it.
    Without one (`reference` is then only today or the upload day), a year-less date is the
    most recent one not after `reference` unless its sentence is about the future, and
    relative words are not resolved at all."""
    seen: set[str] = set()
    mentions: list[DateMention] = []
    for _, written, value in _matches(text, reference or published, nearest=True,
                                      published=published):
        iso = value.isoformat()
        if iso not in seen:
            seen.add(iso)
            mentions.append(DateMention(text=written, value=iso))
    return mentions
