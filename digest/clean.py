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

from digest.dates import ISO_RE, NUMERIC_RE, VERBAL_RE

_SENTENCE_END = re.compile(r"[.!?…;:»\"”)]$")
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*]|\d{1,2}[.)])\s*\S*[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")
_NORMALIZE_DROP = re.compile(r"[^a-zа-я ]+")
_URL = re.compile(
    r"(?:https?://|www\.)\S+|(?:[\w-]+\.)+(?:ru|рф|com|kz|by|uz|ua|kg|net|org|info|su|media|"
    r"news|io|tv|me|today|online)(?:/\S*)?",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(
    r"^[^\s>»/|→]+(?: [^\s>»/|→]+){0,2}(?:\s*[>»/|→]\s*[^\s>»/|→]+(?: [^\s>»/|→]+){0,2}){2,}$"
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
    paragraphs: list[str]  # story candidates in order; a headline, if any, is still first
    dates: list[str] = field(default_factory=list)  # dates from removed metadata lines
    sources: list[str] = field(default_factory=list)  # "Источник: …" lines
    sites: list[str] = field(default_factory=list)  # domains standing alone on a line


@dataclass(frozen=True, slots=True)
class _Lists:
    lines: frozenset[str]
    tail: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]


@cache
def _lists() -> _Lists:
    sections: dict[str, list[str]] = {"lines": [], "tail": [], "patterns": []}
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
        tuple(re.compile(p, re.IGNORECASE) for p in sections["patterns"]),
    )


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
        if glue and out and line[0].islower():
            prev = out[-1]
            hyphenated = prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha()
            joined = prev[:-1] + line if hyphenated else f"{prev} {line}"
            out[-1] = joined
        else:
            out.append(line)
        glue = not _SENTENCE_END.search(line)
    return out


def key(line: str) -> str:
    """Lower-case letters only: the form the [lines] and [tail] lists are written in."""
    return " ".join(_NORMALIZE_DROP.sub(" ", line.lower().replace("ё", "е")).split())


def words(line: str) -> int:
    return len(_WORD.findall(line))


def is_sentence(line: str) -> bool:
    """A paragraph that reads like prose, not a label or a headline."""
    n = words(line)
    return (n >= 8 and bool(_SENTENCE_END.search(line))) or n >= 25


def leading_date(line: str) -> tuple[str, str] | None:
    """(date stamp, the rest) of a line that starts with a date, after any "Дата:" label and
    with a time of day dropped from the rest: "27.11.2024 14:25 Политика" → (…, "Политика")."""
    rest = DATE_LABEL.sub("", line, count=1)
    for regex in (ISO_RE, NUMERIC_RE, VERBAL_RE):
        m = regex.match(rest)
        if m:
            tail = TIME_RE.sub("", rest[m.end() :].strip(" ,|")).strip(" ,|·•—–-")
            return m[0], tail
    return None


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


def line_kind(line: str) -> str | None:
    """Why a line is boilerplate ("junk", "tail", "date", "source", "site"), or None."""
    lists = _lists()
    if not _LETTERS.search(line):
        return "junk"  # counters, bullets with numbers, separators
    k = key(line)
    if k in lists.tail and len(line) <= 60:
        return "tail"
    if k in lists.lines:
        return "junk"
    if len(line) < 300:
        if metadata_date(line):
            return "date"
        if _SOURCE_LINE.match(line):
            return "source"
        if _URL.fullmatch(line.strip(" .,;")):
            return "site"
        if _BREADCRUMB.match(line):
            return "junk"
        if any(p.search(line) for p in lists.patterns):
            return "junk"
    return None


def _short_label(line: str, limit: int) -> bool:
    return words(line) <= limit and not _SENTENCE_END.search(line) and not _LIST_ITEM.match(line)


def clean(text: str) -> Cleaned:
    """Split text into paragraphs and remove boilerplate, collecting dates and sources."""
    paragraphs = split_paragraphs(text)
    result = Cleaned([])
    kept: list[str] = []
    total = sum(len(p) for p in paragraphs) or 1
    seen_chars = 0
    sentences_before = 0
    for par in paragraphs:
        kind = line_kind(par)
        seen_chars += len(par)
        if kind == "tail":
            if sentences_before >= 2 or seen_chars >= 0.5 * total:
                break
            continue
        if kind == "date":
            result.dates.append(metadata_date(par) or "")
        elif kind == "source":
            m = _SOURCE_LINE.match(par)
            result.sources.append(m[1].strip() if m else par)
        elif kind == "site":
            result.sites.append(par.strip(" .,;"))
        elif kind is None:
            kept.append(par)
            sentences_before += is_sentence(par)
    kept = _drop_short_runs(kept)
    result.paragraphs = _trim_edges(kept)
    return result


def _drop_short_runs(pars: list[str]) -> list[str]:
    """Three or more consecutive 1–3-word labels are a menu or a tag cloud."""
    out: list[str] = []
    i = 0
    while i < len(pars):
        j = i
        while j < len(pars) and _short_label(pars[j], 3):
            j += 1
        if j - i >= 3:
            i = j
            continue
        out.extend(pars[i : max(j, i + 1)])
        i = max(j, i + 1)
    return out


def _trim_edges(pars: list[str]) -> list[str]:
    """Before the first prose paragraph a one-word line is a rubric or a logo; after the last
    one, short labels without punctuation are signatures and buttons."""
    prose = [i for i, p in enumerate(pars) if is_sentence(p)]
    if not prose:
        return pars
    first, last = prose[0], prose[-1]
    head = [p for p in pars[:first] if not _short_label(p, 1)]
    tail = [p for p in pars[last + 1 :] if not _short_label(p, 6)]
    return head + pars[first : last + 1] + tail
