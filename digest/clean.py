"""Boilerplate removal: keep the story's paragraphs, drop page furniture, keep its metadata.

Decisions combine line features (letters, length, final punctuation, position before the first
or after the last sentence-like paragraph, runs of short lines) with phrase lists kept as data
in digest/data/boilerplate.txt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from digest.dates import ISO_RE, NUMERIC_RE, RELATIVE_STAMP_RE, SHORT_NUMERIC_RE, VERBAL_RE
from digest.document import Line
from digest.wordlists import load_lines

_SENTENCE_END = re.compile(r"[.!?…;:»\"”)]$")
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*]|\d{1,2}[.)])\s*\S*[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")
_NORMALIZE_DROP = re.compile(r"[^a-zа-я ]+")
# the domain endings a site's address or an outlet's name ends in: "sibnews.ru", "МК.ру"
_TLDS = "ru|рф|com|kz|by|uz|ua|kg|net|org|info|su|media|news|io|tv|me|today|online"
_URL = re.compile(
    rf"(?:https?://|www\.)\S+|(?:[\w-]+\.)+(?:{_TLDS})(?:/\S*)?",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(
    r"^[^\s>»›/|→]+(?: [^\s>»›/|→]+){0,2}(?:\s*[>»›/|→]\s*[^\s>»›/|→]+(?: [^\s>»›/|→]+){0,2}){2,}$"
)
_SOURCE_LINE = re.compile(r"^(?:источник|по материалам|source)\s*:\s*(.{2,60}?)\.?$", re.IGNORECASE)
DATE_LABEL = re.compile(
    r"^(?:date|дата(?: публикации)?|опубликовано|публикация|published|updated|обновлено|"
    r"изменено|posted)\s*:?\s*",
    re.IGNORECASE,
)
TIME_RE = re.compile(r"^[,|/–—-]?\s*(?:в\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:мск|msk|utc))?", re.I)


@dataclass(slots=True)
class Cleaned:
    paragraphs: list[str]  # the story's paragraphs in order, headline and deck removed
    dates: list[str] = field(default_factory=list)  # dates from removed metadata lines
    sources: list[str] = field(default_factory=list)  # "Источник: …" lines
    sites: list[str] = field(default_factory=list)  # domains standing alone on a line
    outlets: list[str] = field(default_factory=list)  # outlets named in date lines
    title: str | None = None  # the line that reads as the headline in context
    deck: str | None = None  # the line under it that reads as a subtitle
    lines: list[Line] = field(default_factory=list)  # every line with its role


@dataclass(frozen=True, slots=True)
class _Lists:
    lines: frozenset[str]
    tail: frozenset[str]
    patterns: re.Pattern[str]  # all of them as one alternation: a line is searched once
    closing: tuple[re.Pattern[str], ...]
    signature: tuple[re.Pattern[str], ...]
    captions: re.Pattern[str]
    share: frozenset[str]  # single words of share rows


@cache
def _lists() -> _Lists:
    sections: dict[str, list[str]] = {
        "lines": [], "tail": [], "patterns": [], "closing": [], "signature": [], "captions": [],
        "share": [],
    }  # fmt: skip
    current = "lines"
    raw = resources.files("digest").joinpath("data/boilerplate.txt").read_text("utf-8")
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]") and line[1:-1] in sections:
            current = line[1:-1]
            continue
        sections[current].append(line)
    return _Lists(
        frozenset(sections["lines"]),
        frozenset(sections["tail"]),
        _any_of(sections["patterns"]),
        tuple(re.compile(p, re.IGNORECASE) for p in sections["closing"]),
        tuple(re.compile(p) for p in sections["signature"]),
        _any_of(sections["captions"]),
        frozenset(w for line in sections["share"] for w in key(line).split()),
    )


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    for p in patterns:
        re.compile(p)  # a broken line is reported as itself, not as the whole alternation
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def normalize_text(text: str) -> str:
    """Unify line breaks and invisible characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\t", " ")
    text = re.sub(r"[\u00ad\u200b-\u200d\u2060\ufeff]", "", text)
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """One paragraph per line; hard-wrapped lines (a line without final punctuation followed
    by one starting in lower case) are joined back."""
    out: list[str] = []
    glue = False
    for line in normalize_text(text).split("\n"):
        if not line:
            glue = False
            continue
        if glue and out and line[0].islower() and not _site_date_line(line):
            prev = out[-1]
            hyphenated = prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha()
            joined = prev[:-1] + line if hyphenated else f"{prev} {line}"
            out[-1] = joined
        else:
            out.append(line)
        glue = not _SENTENCE_END.search(line)
    return out


def _site_date_line(line: str) -> bool:
    """ "sibnews.ru, 6 декабря 2026 года": a line of its own, though it starts in lower case."""
    return bool(_URL.match(line)) and byline_parts(line) is not None


def key(line: str) -> str:
    """Lower-case letters only: the form the [lines] and [tail] lists are written in."""
    return " ".join(_NORMALIZE_DROP.sub(" ", line.lower().replace("ё", "е")).split())


def words(line: str) -> int:
    return len(_WORD.findall(line))


def is_sentence(line: str) -> bool:
    """A paragraph that reads like prose, not a label or a headline."""
    n = words(line)
    return (n >= 8 and bool(_SENTENCE_END.search(line))) or n >= 25


# Reading time in any wording: "Время чтения: 3 минуты", "5 мин на чтение", "⏱ 2 мин"
_READING_TIME = (
    r"(?:время\s+(?:чтения|на\s+(?:про)?чтение)|читать|чтение)\s*[:—–-]?\s*"
    r"(?:~|≈|около|меньше|менее|до)?\s*\d+(?:[.,]\d+)?\s*(?:мин(?:ут[аы]?)?\.?|min)(?!\w)"
    r"|(?:~|≈|около)?\s*\d+(?:[.,]\d+)?\s*(?:мин(?:ут[аы]?)?\.?|min)\s*"
    r"(?:чтения|на\s+(?:про)?чтение|read)(?!\w)"
    r"|[\u23f1\u231a\u23f0\U0001F550-\U0001F567]\ufe0f?\s*\d+\s*(?:мин(?:ут[аы]?)?\.?|min)(?!\w)"
)
# View, comment and like counters next to a stamp or in a row of their own: "Просмотров: 1532",
# "👁 8 412", "12 комментариев" (the one list of counter words: counters_only reads it too)
_COUNTER = re.compile(
    rf"{_READING_TIME}|"
    r"(?:[\U0001F441\U0001F440\U0001F4AC\U0001F5E8\u2764\u2665\U0001F44D\U0001F525]\ufe0f?\s*"
    r"|\b(?:просмотр\w*|комментари\w*|репост\w*|лайк\w*|views|shares|likes)\s*:?\s*)"
    r"\(?\d[\d\s.,]*[kкmм]?\)?"
    r"|\b\d[\d\s.,]*[kкmм]?\s*(?:просмотр\w*|комментари\w*|репост\w*|лайк\w*|views|shares|likes)",
    re.IGNORECASE,
)


def leading_date(line: str) -> tuple[str, str] | None:
    """(date stamp, the rest) of a line that starts with a date, after any "Дата:" label and
    with a time of day and counters dropped from the rest: "27.11.2024 14:25 Политика" →
    (…, "Политика"), "03.04.2025 12:40 Просмотров: 1532" → (…, "")."""
    rest = DATE_LABEL.sub("", line, count=1)
    for regex in _LEADING_STAMPS:
        m = regex.match(rest)
        if m:
            tail = TIME_RE.sub("", rest[m.end() :].strip(" ,|")).strip(" ,|·•—–-")
            if regex is RELATIVE_STAMP_RE and tail[:1].islower():
                return None  # "Сегодня в 19:00 в Казани откроется…" is a sentence
            return m[0], _COUNTER.sub("", tail).strip(" ,|·•—–/-")
    return None


# A date line may also say "19.03.25 16:20" or "Вчера в 18:10": forms read only at its start.
_LEADING_STAMPS = (ISO_RE, NUMERIC_RE, VERBAL_RE, SHORT_NUMERIC_RE, RELATIVE_STAMP_RE)


def counters_only(line: str) -> bool:
    """A row of counters and nothing else: "Время чтения: 4 минуты", "Просмотров: 1532 · 3 мин
    чтения"."""
    return len(line) <= 100 and not _COUNTER.sub("", line).strip(" ,.;|·•/—–-")


def time_only(line: str) -> bool:
    """A date label with a time of day and no date: "Обновлено в 20:05", "Изменено: 10:15"."""
    rest = DATE_LABEL.sub("", line, count=1)
    return rest != line and bool(TIME_RE.fullmatch(rest.strip()))


def metadata_date(line: str) -> str | None:
    """The date of a line that is only a date stamp: "27.11.2024 14:25 Политика",
    "date 2025-10-21", "Опубликовано: 21 октября 2025, 10:00"."""
    found = leading_date(line)
    if found is None:
        return None
    stamp, tail = found
    if not tail or (words(tail) <= 3 and not _SENTENCE_END.search(tail)):
        return stamp
    return None


# --- line shapes ---------------------------------------------------------------------------

_IMAGE_MARKUP = re.compile(
    r"</?(?:image|img)\b|data:image/|!\[[^\]]*\]\(|^\S+\.(?:jpe?g|png|gif|webp|svg)(?:\?\S*)?$"
    r"|^\[(?:image|img|photo|фото|изображение|картинка)\s*:[^\]]*\]$",
    re.IGNORECASE,
)
# A short line whose number carries a unit of a widget: weather, wind, rates, traffic, scores.
_WIDGET_UNIT = re.compile(
    r"[°₽$€£¥]|\bм/с\b|\b(?:USD|EUR|CNY|KZT|RUB|GBP)\b|\bбалл\w*\b"
    r"|(?<![\d:])\d{1,2}:\d(?![\d:])",  # a score 4:2, not a time 10:15
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![\w.,:])\d+(?:[.,:]\d+)*(?![\w])")
_ENDS_WITH_PERIOD = re.compile(r"[.!?…][»\"”)]?$")
_SHORT_SENTENCE = re.compile(r"\.[»\"”)]?$")
_CAPS_WORD = re.compile(r"[A-ZА-ЯЁ«\"][\w«»\".-]*:?$")
_STAMP = re.compile(
    "|".join(regex.pattern for regex in _LEADING_STAMPS), re.IGNORECASE
)
_STAMP_TIME = re.compile(r"(?:,?\s*(?:в\s+)?\d{1,2}:\d{2}(?::\d{2})?)")


def _letter_share(line: str) -> float:
    visible = [c for c in line if not c.isspace()]
    return sum(c.isalpha() for c in visible) / (len(visible) or 1)


def is_widget(line: str) -> bool:
    """ "Самара +3°", "2 м/с, южн", "USD 91,84", "Пробки 6 баллов", "Сибирь 4:2 Металлург"."""
    return (
        words(line) <= 8
        and len(line) <= 60
        and bool(_NUMBER.search(line))
        and bool(_WIDGET_UNIT.search(line))
        and not _ENDS_WITH_PERIOD.search(line)
        and not _STAMP.search(line)
    )


def is_table_row(line: str) -> bool:
    """A results or standings row: an ordinal and more numbers, few words, no sentence."""
    numbers = _NUMBER.findall(line)
    return (
        bool(re.match(r"^\d{1,3}[.)]\s", line))
        and (len(numbers) >= 3 or (len(numbers) >= 2 and bool(re.search(r"\d:\d\d", line))))
        and words(line) <= 9
        and not _ENDS_WITH_PERIOD.search(line)
    )


def byline_date(line: str) -> str | None:
    """The stamp of a byline: a short line that is a date (and time) with only names, an
    agency or a site around it: "Ильдар Гарипов, 04.12.2024, 12:30 — Деловой Татарстан"."""
    found = byline_parts(line)
    return found[0] if found else None


# Between the parts of a date line: "МК.ру • 10 октября", "В мире / 14 ноября", "Газета, 2 мая"
_SEGMENT = re.compile(r"\s*(?:[,|/•·]|(?:^|\s)[—–-](?=\s|$))\s*")
_QUOTED = re.compile(r"«[^»]{1,40}»|\"[^\"]{1,40}\"")
_YEAR_ABBREV_END = re.compile(r"\d{4}\s*г\.$")


def byline_parts(line: str) -> tuple[str, str | None] | None:
    """(stamp, outlet or None) of a byline: a date with a time or a year and around it only
    names, a rubric, an outlet or counters: "МК.ру • 10 октября 2024 • 👁 8 412" →
    ("10 октября 2024", "МК.ру"); "В мире / 14 ноября 2024 г., 23:05" → (…, None)."""
    if len(line) > 140 or (_SHORT_SENTENCE.search(line) and not _YEAR_ABBREV_END.search(line)):
        return None
    m = _STAMP.search(line)
    if not m:
        return None
    has_year = bool(re.search(r"\d{4}", m[0]))
    timed = bool(re.search(r"\d:\d\d", m[0])) or bool(
        re.match(r"\s*,?\s*(?:в\s+)?\d{1,2}:\d{2}", line[m.end() :])
    )  # "Вчера в 18:10", "5 марта, 14:20"
    if not (has_year or timed):
        return None  # "Сибирь, 5 марта" could be anything; a year or a time makes it a stamp
    after = _STAMP_TIME.sub("", line[m.end() :], count=1)
    rest = _COUNTER.sub(" ", DATE_LABEL.sub("", line[: m.start()]) + " | " + after)
    segments = [seg.strip(" .—–-") for seg in _SEGMENT.split(rest) if seg.strip(" .—–-")]
    outlet = None
    named = 0
    credit = bool(_lists().captions.match(line))  # "Фото: ТАСС, 12 мая": the photo's source
    for seg in segments:
        if is_rubric(seg):
            continue
        found = outlet_name(seg)
        outlet = outlet or (None if credit else found)
        seg_words = [w for w in re.split(r"[\s-]+", _QUOTED.sub("Имя", seg)) if w]
        named += len(seg_words)
        if not found and not all(_CAPS_WORD.match(w) for w in seg_words):
            return None
    return (m[0], outlet) if named <= 6 else None


_DOMAIN = re.compile(rf"(?:[\w-]+\.)+(?:{_TLDS}|ру)", re.IGNORECASE)  # only fullmatch
_COMPOUND = re.compile(r"-|(?<=[а-яёa-z])(?=[А-ЯЁA-Z])")


@cache
def _outlet_words() -> frozenset[str]:
    return frozenset(key(line) for line in load_lines("outlet_words"))


def outlet_name(part: str) -> str | None:
    """An outlet's name in a part of a date line: a domain ("МК.ру", "sibnews.ru"), or a
    capitalised name with an outlet word ("Российская газета", "Вести-Кубань", "ОмскИнформ").
    A person's name, a city, a credit ("Фото: ТАСС") or a word that merely starts with an
    outlet word ("Экспресс-опрос") gives None; byline_parts, its caller, has set rubrics aside."""
    part = part.strip(" .")
    if _DOMAIN.fullmatch(part):
        return part
    tokens = part.split()
    if not tokens or len(tokens) > 4 or not tokens[0][:1].isupper():
        return None
    if _lists().captions.match(part):
        return None
    for i, token in enumerate(tokens):
        pieces = [p for p in _COMPOUND.split(token.strip('«»"')) if p]
        if not any(key(p) in _outlet_words() for p in pieces):
            continue
        if len(pieces) > 1:  # "АПК-Информ Агробизнес": the compound, if all of it is a name
            return token if all(_name_piece(p) for p in pieces) else None
        # "Вести Омск", "РИА Новости"; in "Сибирский курьер Ивана Петрова" a person follows
        return part if len(tokens) - i <= 2 else None
    return None


def _name_piece(piece: str) -> bool:
    return piece[:1].isupper() or key(piece) in _outlet_words()


@cache
def _rubrics() -> frozenset[str]:
    return frozenset(key(line) for line in load_lines("rubrics"))


_RUBRIC_PARTS = re.compile(r"\s*(?:[|/•·>»›→]|\.(?=\s))\s*")


def _rubric_name(part: str) -> bool:
    k = key(part)
    first, _, rest = k.partition(" ")
    rest_words = rest.split()
    genitive = len(rest_words) <= 2 or (len(rest_words) == 3 and rest_words[1] == "и")
    return k in _rubrics() or (first == "новости" and bool(rest_words) and genitive)


def is_rubric(line: str) -> bool:
    """A site's section label, not a headline: "ЭКОНОМИКА", "В мире", "Новости Омска",
    "Москва. Новости культуры", "Культура | Общество"; a city name may stand beside it."""
    if words(line) > 6 or _letter_share(line) < 0.6:
        return False
    parts = [p.strip() for p in _RUBRIC_PARTS.split(line.strip(" .")) if p.strip()]
    named = [p for p in parts if _rubric_name(p)]
    return bool(named) and all(p in named or _place_like(p) for p in parts)


def _place_like(part: str) -> bool:
    """One or two capitalised words: a city or a site's name beside a rubric."""
    tokens = part.split()
    return 0 < len(tokens) <= 2 and all(t[:1].isupper() for t in tokens)


def share_row(line: str) -> bool:
    """ "Поделиться ВКонтакте 12 Одноклассники 3 Telegram 27", "VK · OK · TG · Дзен": two or
    more share words and nothing else but counters and separators."""
    if len(line) > 160 or re.search(r"[^\W\d_][.!?]\s+[^\W\d_]", line):
        return False
    tokens = key(line).split()
    return len(tokens) >= 2 and all(t in _lists().share for t in tokens)


def is_signature(line: str) -> bool:
    """A closing line with a name and an office, or an office alone: kept as story."""
    return words(line) <= 16 and any(p.search(line) for p in _lists().signature)


def line_kind(line: str) -> str | None:
    """Why a line is furniture ("junk", "tail", "date", "source", "site", "image", "caption",
    "widget", "table"), or None. Only the line itself is looked at; `clean` adds the context."""
    lists = _lists()
    if _IMAGE_MARKUP.search(line):
        return "image"
    if not _LETTERS.search(line):
        return "date" if metadata_date(line) else "junk"  # counters, bullets, separators
    if len(line) < 300 and (metadata_date(line) or byline_date(line)):
        return "date"  # before the lists: "03.04.2025 12:40 Просмотров: 1532" is a stamp
    if time_only(line):
        return "date"
    if counters_only(line):
        return "junk"
    k = key(line)
    if k in lists.tail and len(line) <= 60:
        return "tail"
    if k in lists.lines or share_row(line):
        return "junk"
    if len(line) < 300:
        if _SOURCE_LINE.match(line):
            return "source"
        if _URL.fullmatch(line.strip(" .,;")) or _URL.match(line) and words(line) <= 4:
            return "site"
        if _BREADCRUMB.match(line):
            return "junk"
        if is_widget(line):
            return "widget"
        if is_table_row(line):
            return "table"
        if lists.captions.search(line):
            return "caption"
        if lists.patterns.search(line):
            return "junk"
    return None


def _short_label(line: str, limit: int) -> bool:
    return words(line) <= limit and not _SENTENCE_END.search(line) and not _LIST_ITEM.match(line)


def headline_shape(line: str) -> bool:
    """Reads like a headline by itself: 3–25 words, mostly letters, no final period or comma,
    not all capitals, not a bare name."""
    n = words(line)
    if not 3 <= n <= 25 or len(line) > 250:
        return False
    if re.search(r"[.,;:]$", line) or re.match(r"^\s*[-–—•*]", line):
        return False
    if _letter_share(line) < 0.6 or line.upper() == line:
        return False
    return any(ch.islower() for ch in line)


def reads_as_prose(line: str) -> bool:
    """Prose, stricter than `is_sentence`: a headline may end with a «name» but not with a
    full stop."""
    n = words(line)
    if n < 15 and re.search(r"\?[»\"”)]?$", line):
        return False  # a short question is a headline ("Почему подорожает уборка снега?")
    return (n >= 8 and bool(_ENDS_WITH_PERIOD.search(line))) or n >= 25


# "Михаил Альбертович, сколько врачей не хватает?": a name in the vocative, a comma, a
# lower-case word, a question mark. "Путин, Си и Моди: что решили?" is a headline.
_ADDRESSED_QUESTION = re.compile(
    r"^[-–—]?\s*(?P<name>[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+){0,2}),\s+[а-яё][^?]*\?[»\"”)]?$"
)
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|инична)$")
_YOU = re.compile(r"\b(?:вы|вас|вам|вами|ваш\w*|ты|тебя|тебе|твой|твоя|твои\w*)\b", re.I)


def addressed_question(line: str) -> bool:
    """An interviewer's question to the interviewee: story, not a subtitle. The address is
    a name with a patronymic, or the question says "вы"/"ты" ("Анна, почему вы ушли?");
    "Москва, когда закончится ремонт?" is a headline."""
    m = _ADDRESSED_QUESTION.match(line)
    if not m or words(line) > 40:
        return False
    return bool(_PATRONYMIC.search(m["name"]) or _YOU.search(line[m.end("name") :]))


_ATTRIBUTION = re.compile(
    r"\b(?:сообща\w*|переда[её]т|передали|пишет|заявил\w*|сказал\w*|отметил\w*)\b", re.I
)


def _caps_headline(line: str, lead: set[str]) -> bool:
    """A headline set in capitals: four words or more that share a word with the lead (a row
    of menu items in capitals shares none)."""
    return (
        words(line) >= 4
        and line.upper() == line
        and _letter_share(line) >= 0.6
        and not re.search(r"[.,;:]$", line)
        and bool(_stems(line) & lead)
    )


def _starts_story(line: str) -> bool:
    """Where the story begins: a prose paragraph, a short sentence ending with a period, or a
    lead without its full stop that names its source ("…, сообщает Kazpravda.kz")."""
    return (
        reads_as_prose(line)
        or (words(line) >= 4 and bool(_SHORT_SENTENCE.search(line)))
        or (words(line) >= 10 and bool(_ATTRIBUTION.search(line)))
    )


def _same(a: str, b: str) -> bool:
    return bool(key(a)) and key(a) == key(b)


def _repeats(line: str, headline: str | None) -> bool:
    """A caption or a second copy that repeats the headline."""
    if not headline:
        return False
    k, h = key(line), key(headline)
    return bool(h) and (k == h or (k.startswith(h) and not is_sentence(line[len(headline) :])))


def _looks_like_furniture(following: list[str]) -> bool:
    """What follows a cut-here phrase ("Комментарии", "Читайте также"): furniture unless the
    next line reads as story prose."""
    for line in following[:3]:
        if line_kind(line) in {"junk", "date", "image", "caption", "widget", "table", "site"}:
            continue
        return not (reads_as_prose(line) and not _closing(line))
    return True


def _closing(line: str) -> bool:
    return any(p.search(line) for p in _lists().closing)


_STEM = re.compile(r"[^\W\d_]{4,}")


def _stems(line: str) -> set[str]:
    """Crude stems (first five letters of longer words): enough to see two lines share a topic."""
    return {w[:5] for w in _STEM.findall(line.lower().replace("ё", "е"))}


def _top(
    lines: list[str], known_title: str | None, story: str = ""
) -> tuple[str | None, str | None, set[int]]:
    """Headline and deck among the lines above the story, chosen in context: the run of
    headline-shaped lines nearest the lead, past dates and bylines; within the run the
    headline is the first line that shares a word with the lead (a related headline or a
    teaser above it shares none) and the deck the line after it. Returns their indices."""
    lead = _stems(story)
    candidates = [
        i for i, line in enumerate(lines)
        if (headline_shape(line) or _caps_headline(line, lead))
        and not (known_title and _same(line, known_title))
        and not is_rubric(line)
        and not addressed_question(line)
    ]  # fmt: skip
    if not candidates:
        return None, None, set()
    run = [candidates[-1]]
    for i in reversed(candidates[:-1]):
        between = lines[i + 1 : run[0]]
        if any(_short_label(b, 3) and line_kind(b) is None for b in between):
            break  # a menu label between them: the earlier line belongs to the furniture
        run.insert(0, i)
    if known_title:
        deck_index = run[0]
        return None, lines[deck_index], {deck_index}
    if len(run) >= 2 and lead:
        overlap = [len(_stems(lines[i]) & lead) for i in run]
        first = next((k for k, shared in enumerate(overlap) if shared), 0)
        run = run[first : first + 2]
    title_index = run[0]
    deck = lines[run[1]] if len(run) >= 2 else None
    if deck is not None and _repeats(deck, lines[title_index]) and len(deck) <= len(
        lines[title_index]
    ):
        deck = None
    used = {title_index} | ({run[1]} if len(run) >= 2 else set())
    return lines[title_index], deck, used


def clean(text: str, known_title: str | None = None) -> Cleaned:
    """Split text into paragraphs and decide each line's role once: headline, deck, dateline,
    byline, caption, body, signature or furniture. Dates and sources of removed lines are kept."""
    paragraphs = split_paragraphs(text)
    result = Cleaned([])
    kinds = [line_kind(p) for p in paragraphs]
    _mark_adverts(paragraphs, kinds)
    _mark_polls(paragraphs, kinds)
    roles: list[str] = ["furniture"] * len(paragraphs)
    whys: list[str] = [k or "" for k in kinds]
    for i, (par, kind) in enumerate(zip(paragraphs, kinds, strict=True)):
        if kind == "date":
            parts = byline_parts(par)
            stamp = metadata_date(par) or (parts[0] if parts else None)
            if stamp:  # "Обновлено в 20:05" is a stamp line without a date
                result.dates.append(stamp)
            if parts and parts[1]:
                result.outlets.append(parts[1])
            roles[i] = "byline"
        elif kind == "source":
            m = _SOURCE_LINE.match(par)
            result.sources.append(m[1].strip() if m else par)
        elif kind == "site":
            result.sites.append(par.strip(" .,;"))
        elif kind in {"image", "caption"}:
            roles[i] = "caption"

    # The story starts at the first line that reads as prose.
    start = next(
        (i for i, p in enumerate(paragraphs) if kinds[i] is None and _starts_story(p)),
        None,
    )
    if start is None:
        start = 0  # no prose at all: nothing to choose a headline against; meta decides
    top = [i for i in range(start) if kinds[i] is None]
    story = " ".join(paragraphs[start : start + 2])
    title, deck, used = _top([paragraphs[i] for i in top], known_title, story)
    headline = known_title or title
    for j, i in enumerate(top):
        line = paragraphs[i]
        if j in used:
            roles[i] = "headline" if line == title else "deck"
        elif (
            words(line) >= 4 and _SHORT_SENTENCE.search(line) or addressed_question(line)
        ) and not _repeats(line, headline):
            roles[i] = "body"  # a short sentence or a question above the lead is story
        else:
            whys[i] = "above the story"
    result.title, result.deck = title, deck

    # The story: from the lead on, up to a cut-here phrase that is followed by furniture.
    end = len(paragraphs)
    for i in range(start, len(paragraphs)):
        if kinds[i] == "tail":
            if _looks_like_furniture(paragraphs[i + 1 :]):
                end = i
                whys[i] = "cut here"
                break
            whys[i] = "heading"
            continue
        if kinds[i] is not None:
            continue
        line = paragraphs[i]
        if _repeats(line, headline):
            whys[i] = "repeats the headline"
        elif is_signature(line):
            roles[i] = "signature"
        elif any(p.search(line) for p in _lists().closing) and not is_sentence(line):
            whys[i] = "closing"
        else:
            roles[i] = "body"
    for i in range(end, len(paragraphs)):
        if roles[i] != "byline":
            roles[i], whys[i] = "furniture", whys[i] or "after the cut"

    _trim_closing(paragraphs, roles, whys, start, end)
    _drop_short_runs(paragraphs, roles, whys)
    result.lines = [Line(p, r, w) for p, r, w in zip(paragraphs, roles, whys, strict=True)]
    result.paragraphs = [p for p, r in zip(paragraphs, roles, strict=True) if r in _STORY]
    return result


_STORY = {"body", "signature"}

# An advertisement set into the page: a label alone on its line, the ad's copy, then the legal
# marking with the advertiser's token (erid) or tax number (ИНН).
_AD_LABEL = re.compile(
    r"^(?:реклама|на правах рекламы|партн[её]рский (?:материал|проект)|спецпроект|промо)"
    r"[\s.:]*(?:\d{1,2}\+)?\s*$",
    re.IGNORECASE,
)
_AD_MARKING = re.compile(
    r"\berid\s*:?\s*[a-z0-9]{6,}"
    r"|^(?:реклама\b|рекламодатель\b|ооо\b|ао\b|пао\b|зао\b|ип\b).{0,120}\bинн\s*:?\s*\d{10}",
    re.IGNORECASE,
)
AD_COPY_LINES = 3

# A reader poll: a label or the question, answer options each with its share, a vote count.
_POLL_OPTION = re.compile(r"(?:\s[—–-]|:|\()\s*\d{1,3}(?:[.,]\d{1,2})?\s*%\)?$")
_POLL_LABEL = re.compile(
    r"^(?:опрос|голосование|результаты (?:опроса|голосования)|ваше мнение|мнение читателей)"
    r"(?:\s+(?:читателей|дня|недели))?[\s.:!]*$",
    re.IGNORECASE,
)
_POLL_VOTES = re.compile(
    r"^(?:всего\s+)?(?:проголосовал[аио]?|голосов|голосовали|ответили|участник\w*)\s*:?\s*"
    r"\d[\d\s]*(?:человек\w*|читател\w*|голос\w*)?[.!]?$"
    r"|^\d[\d\s]*\s+(?:голос\w*|проголосовавш\w*)[.!]?$",
    re.IGNORECASE,
)


def _poll_option(line: str) -> bool:
    """ "Да, другого выхода нет — 18%", "Против (64%)": a short answer and its share."""
    return words(line) <= 14 and bool(_POLL_OPTION.search(line)) and len(line) <= 120


def _mark_polls(pars: list[str], kinds: list[str | None]) -> None:
    """Two or more answer options in a row make a poll widget when a poll label stands above
    them (before the question, if any) or a vote count follows ("Проголосовали 412 человек").
    The label, the question, the options and the count are furniture; a survey's figures
    listed in the story have neither."""
    i = 0
    while i < len(pars):
        j = i
        while j < len(pars) and _poll_option(pars[j]):
            j += 1
        if j - i < 2:
            i += 1
            continue
        first = i
        question = pars[i - 1].rstrip(" »\"”") if i > 0 else ""
        if question.endswith("?") and words(question) <= 25:
            first -= 1
        labelled = first > 0 and bool(_POLL_LABEL.match(pars[first - 1]))
        counted = j < len(pars) and bool(_POLL_VOTES.match(pars[j]))
        if labelled or counted:
            for k in range(first - labelled, j + counted):
                kinds[k] = "poll"
        i = j


def _mark_adverts(pars: list[str], kinds: list[str | None]) -> None:
    """Between an ad label and the ad's marking, at most three short lines apart, every line
    is the ad's copy ("Квартиры у моря от 6,9 млн рублей. Ипотека от 4,5%")."""
    for i, line in enumerate(pars):
        if not _AD_LABEL.match(line):
            continue
        for j in range(i + 1, min(i + AD_COPY_LINES + 2, len(pars))):
            if len(pars[j]) >= 300:
                break
            if _AD_MARKING.search(pars[j]):
                for k in range(i, j + 1):
                    kinds[k] = "advert"
                break


def _trim_closing(
    pars: list[str], roles: list[str], whys: list[str], start: int, end: int
) -> None:
    """After the last prose paragraph: related headlines, teasers, "Ранее … писал" references
    and short labels are furniture; a closing signature, list items and short sentences stay."""
    story = [i for i in range(start, end) if roles[i] == "body"]
    # closing cross-references and teasers at the very end, read from the bottom up
    for i in reversed(story):
        if _closing(pars[i]) and len(pars[i]) < 300:
            roles[i], whys[i] = "furniture", "closing reference"
            continue
        break
    prose = [i for i in range(start, end) if roles[i] == "body" and reads_as_prose(pars[i])]
    if not prose:
        return
    for i in range(prose[-1] + 1, end):
        line = pars[i]
        if roles[i] == "body" and not _LIST_ITEM.match(line) and not _SHORT_SENTENCE.search(line):
            roles[i], whys[i] = "furniture", "after the story"  # teasers and labels, no period


def _drop_short_runs(pars: list[str], roles: list[str], whys: list[str]) -> None:
    """Three or more consecutive 1–3-word labels in the story are a menu or a tag cloud."""
    i = 0
    while i < len(pars):
        j = i
        while j < len(pars) and roles[j] == "body" and _short_label(pars[j], 3):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                roles[k], whys[k] = "furniture", "run of labels"
        i = max(j, i + 1)
