"""Headline, subtitle, dateline, publication date and source from the top of an article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from razdel import sentenize

from digest.clean import addressed_question, is_sentence, key, leading_date, metadata_date, words
from digest.dates import ABBREV_RE, ISO_RE, MONTH_RE, NUMERIC_RE, VERBAL_BODY, VERBAL_RE

AGENCIES = (
    "РИА Новости", "ТАСС", "Интерфакс", "INTERFAX.RU", "ПРАЙМ", "РБК", "Sputnik", "Reuters",
    "Bloomberg", "AFP", "Associated Press", "БелТА", "Казинформ", "Kazinform", "Кабар",
    "Регнум", "REGNUM", "Известия", "Коммерсантъ", "Ведомости", "Интерфакс-Казахстан",
    "Анадолу", "Синьхуа", "Тренд", "Report", "АПА", "УзА", "Арменпресс", "Белта",
)  # fmt: skip
_AGENCY_RE = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
_DOMAIN_RE = r"[\w-]+(?:\.[\w-]+)*\.(?:ru|рф|com|kz|by|uz|ua|kg|net|org|info|su|media|news|tv)"
_HEAD_DATELINE = re.compile(
    r"^(?P<city>[А-ЯЁ][А-ЯЁа-яё-]+(?:[ -][А-ЯЁ][А-ЯЁа-яё-]+){0,2})\s*[,.]\s*"
    # RIA Novosti abbreviates the month: "МОСКВА, 2 дек — РИА Новости."
    rf"(?P<date>\d{{1,2}}\s+(?:(?:{MONTH_RE})|(?:{ABBREV_RE})(?!\w)\.?)"
    r"(?:\s+\d{4}(?:\s*(?:года|г\.?))?)?)",
    re.IGNORECASE,
)
_SEP = re.compile(r"^\s*[.,]?\s*(?:[—–-]\s*)?")
_DATELINE_SOURCE = re.compile(
    rf"^(?:/(?P<slash>[^/\n]{{2,60}})/|[«\"](?P<quoted>[^»\"\n]{{2,40}})[»\"]|(?P<named>{_AGENCY_RE})"
    rf"|\((?P<paren>[^)\n]{{2,40}})\))"
)
_REPORTED_BY = re.compile(
    r"\b(?:сообща[ею]т|сообщил[аио]?|переда[её]т|передали|пишет|информирует|по данным|"
    r"со ссылкой на)\s+(?:агентство|издание|газета|портал|сайт|телеканал)?\s*"
    rf"(?P<src>{_AGENCY_RE}|{_DOMAIN_RE}|«[^»]{{2,40}}»)",
)
_STAMPS = f"{ISO_RE.pattern}|{NUMERIC_RE.pattern}|{VERBAL_RE.pattern}"
# a stamp glued to the last word is still a stamp: "…Свердловской области22 апреля 2024"
_GLUED_STAMPS = rf"{ISO_RE.pattern}|{NUMERIC_RE.pattern}|(?<![\d.]){VERBAL_BODY}"
_TRAILING_DATE = re.compile(
    rf"(?:\s+(?:{_STAMPS})|(?<=[а-яёa-z])(?:{_GLUED_STAMPS}))"
    r"(?:,?\s*(?:в\s+)?\d{1,2}:\d{2}(?::\d{2})?)?\s*$",
    re.IGNORECASE,
)
# a time glued to the last word, with or without the date after it: a template that glues its
# date span to the <h1> ("…Московского шоссе12:40, 5 июня 2025", "…в Ангару09:15")
_GLUED_TIME = re.compile(
    r"(?:(?<=[^\W\d_])|(?<=[»\"”)]))(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)"
    rf"(?:\s*[,|·•—–-]?\s*(?:{_STAMPS}))?\s*$",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        "в во на с со к ко о об обо и а но или по за из у от до для что как при "
        "без над под через между же ли не ни the of",
    )
)
_STORY_START = re.compile(r"^\s*[-–—•*«\"]")
_ATTRIBUTION = re.compile(r"\b(сообща|переда[её]т|пишет|заявил|сказал|отметил)", re.IGNORECASE)
TITLE_WORDS = 12
# "KAZAKHSTAN TODAY - Текст", "АСТАНА. Текст": an agency or city in capitals opening the lead
_AGENCY_PREFIX = re.compile(
    r"^(?:[A-Z][A-Z.]+(?: [A-Z][A-Z.]+){0,3}\s+[-–—]\s+|[А-ЯЁ]{3,}(?:-[А-ЯЁ]+)?\.\s+(?=[А-ЯЁ]))"
)


@dataclass(slots=True)
class Meta:
    body: list[str]
    title: str | None = None
    subtitle: str | None = None
    dates: list[str] = field(default_factory=list)  # as written, best first
    sources: list[str] = field(default_factory=list)  # best first
    dateline: str | None = None  # "ЯРОСЛАВЛЬ, 28 июля." as split off the lead


def split_dateline(par: str) -> tuple[str, str | None, str | None]:
    """ "МОСКВА, 22 октября. /ТАСС/. Текст" → ("Текст", "22 октября", "ТАСС")."""
    m = _HEAD_DATELINE.match(par)
    if not m:
        return par, None, None
    rest = par[m.end() :]
    sep = _SEP.match(rest)
    separated = bool(sep and sep.group().strip())
    rest = rest[sep.end() :] if sep else rest
    source = None
    s = _DATELINE_SOURCE.match(rest)
    if s:
        raw = s["slash"] or s["quoted"] or s["named"] or s["paren"]
        known = re.search(_AGENCY_RE, raw)
        source = known[0] if known else re.sub(r"^(?:корр\.|корреспондент)\s*", "", raw.strip())
        rest = rest[s.end() :]
        rest = rest[_SEP.match(rest).end() :]  # type: ignore[union-attr]
    city_caps = m["city"].upper() == m["city"]
    if not (source or (city_caps and separated)):
        return par, None, None
    if rest and not (rest[0].isupper() or rest[0].isdigit() or _STORY_START.match(rest)):
        return par, None, None
    return rest.strip(), m["date"], source


def split_title_date(line: str) -> tuple[str, str | None]:
    """A headline with a date stamp glued to either end: "date 2025-10-21 Заголовок",
    "Заголовок 12.03.2025 10:15" → ("Заголовок", "…")."""
    found = leading_date(line)
    if found is not None and words(found[1]) >= 2:
        return found[1], found[0]
    return _split_trailing_stamp(line, spaced=True)


def split_glued_stamp(line: str) -> tuple[str, str | None]:
    """A stamp glued to a headline's last word, as a template glues its date span to the
    <h1>: a time ("…шоссе12:40", "…шоссе12:40, 5 июня 2025") or a date with a year
    ("…области22 апреля 2024"). Safe on a page's own <title>: a headline's number is never
    glued to a word."""
    return _split_trailing_stamp(line, spaced=False)


def _split_trailing_stamp(line: str, *, spaced: bool) -> tuple[str, str | None]:
    """(headline, stamp) of a line ending in a stamp after at least two words: a time glued
    to the last word, else a date glued to it, else (if `spaced`) a date after a space."""
    m = _TRAILING_DATE.search(line)
    glued_date = spaced_date = None
    if m and m.group()[:1].isspace():
        spaced_date = m if spaced else None
    elif m and re.search(r"\d{4}", m.group()):
        glued_date = m  # glued "Выпуск номер15 мая": only a year makes a glued number a stamp
    for m in (_GLUED_TIME.search(line) or glued_date, spaced_date):
        if m and words(line[: m.start()]) >= 2:
            return line[: m.start()].rstrip(" ,|·•—–-"), m.group().strip()
    return line, None


def _headline_like(line: str, max_words: int) -> bool:
    return (
        0 < words(line) <= max_words
        and len(line) <= 250
        and not re.search(r"[.,;:]$", line)
        and not _STORY_START.match(line)
    )


def title_from_lead(lead: str) -> str:
    """A short title from the lead's first sentence, cut at a word boundary with "…"."""
    sentence = next(iter(sentenize(lead)), None)
    text = sentence.text if sentence else lead
    tokens = text.split()
    if len(tokens) <= TITLE_WORDS + 2:
        return text.rstrip(" .;:,")
    tokens = tokens[:TITLE_WORDS]
    while len(tokens) > 3 and tokens[-1].lower().strip(",;:—–-") in _FUNCTION_WORDS:
        tokens.pop()
    title = " ".join(tokens).rstrip(" ,;:—–-")
    if title.count("«") > title.count("»"):
        title = title.replace("«", "", title.count("«") - title.count("»"))
    return title + "…"


def reported_by(paragraphs: list[str]) -> str | None:
    """ "…, сообщает Kazpravda.kz со ссылкой на Акорду" → "Kazpravda.kz"."""
    for par in paragraphs:
        m = _REPORTED_BY.search(par)
        if m:
            return m["src"].strip("«»")
    return None


def extract_meta(
    paragraphs: list[str],
    known_title: str | None = None,
    *,
    headline: str | None = None,
    deck: str | None = None,
) -> Meta:
    """Headline, subtitle and dateline of the cleaned paragraphs. `headline` and `deck` are the
    cleaner's choice in context; without them the first paragraphs are looked at."""
    pars = list(paragraphs)
    meta = Meta(body=pars)
    decided = bool(known_title or headline)
    if known_title:
        meta.title = known_title
        while pars and key(pars[0]) == key(known_title):
            pars.pop(0)
    elif headline:
        meta.title, stamp = split_title_date(headline)
        if stamp:
            meta.dates.append(stamp)
    elif len(pars) >= 2 and _headline_like(split_title_date(pars[0])[0], 20):
        meta.title, stamp = split_title_date(pars.pop(0))
        if stamp:
            meta.dates.append(stamp)
    if decided:
        meta.subtitle = deck
    elif (
        meta.title
        and len(pars) >= 2
        and _headline_like(pars[0], 14)
        and not _ATTRIBUTION.search(pars[0])
        and not is_sentence(pars[0])
        and not addressed_question(pars[0])
    ):
        meta.subtitle = pars.pop(0)
    # Date stamps that clean.py left because they follow the headline directly.
    while pars and (stamp := metadata_date(pars[0])):
        meta.dates.append(stamp)
        pars.pop(0)
    for i in range(min(2, len(pars))):
        rest, stamp, source = split_dateline(pars[i])
        if stamp:
            meta.dateline = pars[i][: len(pars[i]) - len(rest)].strip()
            meta.dates.append(stamp)
            if source:
                meta.sources.append(source)
            if rest:
                pars[i] = rest
            else:
                pars.pop(i)
            break
    else:
        if pars and (prefix := _AGENCY_PREFIX.match(pars[0])) and words(pars[0]) > 6:
            pars[0] = pars[0][prefix.end() :]
    found = reported_by(pars[:2])
    if found:
        meta.sources.append(found)
    if not meta.title and pars:
        meta.title = title_from_lead(pars[0])
    meta.body = pars
    return meta
