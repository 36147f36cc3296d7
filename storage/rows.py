"""Pure helpers: timestamps, signature blobs and the snippets stored with each mention."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from digest import identity, keys
from digest.card import ArticleCard, Person

_SENTENCE_END = re.compile(r"[.!?…](?:[»”\"')]*)\s+")
_MAX_SNIPPET = 400


def utc_stamp(moment: datetime | None = None) -> str:
    """UTC 'YYYY-MM-DD HH:MM:SS' (naive datetimes are taken as UTC)."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def finite_figure(value: float | None, upper: float | None) -> bool:
    """Whether a figure's value and upper bound are finite or absent: a figure too large for a
    float (10^400 read as inf) would be stored as `Infinity`, which SQLite's JSON functions
    reject, so such figures are not stored."""
    return all(v is None or math.isfinite(v) for v in (value, upper))


def pack_signature(sig: list[int]) -> bytes | None:
    """The MinHash values, then identity.SIGNATURE_VERSION: a blob says how it was made."""
    if not sig:
        return None
    return np.asarray([*sig, identity.SIGNATURE_VERSION], dtype="<u4").tobytes()


def unpack_signature(blob: bytes | None) -> list[int]:
    """The MinHash values of a blob of the current version; [] for none or an older one
    (a blob from before the version tag is NUM_PERM values alone)."""
    values = np.frombuffer(blob, dtype="<u4") if blob else np.empty(0, dtype="<u4")
    if len(values) != identity.NUM_PERM + 1 or values[-1] != identity.SIGNATURE_VERSION:
        return []
    return [int(v) for v in values[:-1]]


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _stem(surname: str) -> str:
    """A prefix shared by the case forms of a surname (Захарова → захаров, Зеленский → зеленск)."""
    s = surname.lower().replace("ё", "е")
    if len(s) > 4 and s.endswith(("ий", "ый", "ой", "ая")):
        return s[:-2]
    if len(s) > 4 and s.endswith(("а", "я")):
        return s[:-1]
    return s


def sentence_around(text: str, pos: int) -> str:
    """The sentence of `text` containing character `pos`, never cutting a «…» quotation."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    para = text.rfind("\n", 0, pos)
    start = max(start, para + 1)
    end = _SENTENCE_END.search(text, pos)
    stop = end.end() if end else len(text)
    nl = text.find("\n", pos)
    if nl != -1 and nl < stop:
        stop = nl
    sentence = text[start:stop]
    if sentence.count("«") > sentence.count("»"):
        close = text.find("»", stop)
        if close != -1 and close - start < 2 * _MAX_SNIPPET:
            after = _SENTENCE_END.search(text, close)
            sentence = text[start : after.end() if after else len(text)]
    sentence = " ".join(sentence.split())
    if len(sentence) > _MAX_SNIPPET:
        sentence = sentence[: _MAX_SNIPPET - 1].rstrip() + "…"
    return sentence


def person_snippet(person: Person, card: ArticleCard) -> str | None:
    """The person's own quote if there is one, else the first sentence mentioning them."""
    name_keys = set(keys.person_keys(person.name))
    for quote in card.quotes:
        if quote.speaker and name_keys & set(keys.person_keys(quote.speaker)):
            return f"«{quote.text.strip('«»')}»"
    words = keys.person_keys(person.name)
    if not words:
        return None
    surname = words[-1]
    pattern = re.compile(r"(?<![\w-])" + re.escape(_stem(surname)), re.IGNORECASE)
    text = card.text.replace("ё", "е").replace("Ё", "Е")  # same length: offsets stay valid
    m = pattern.search(text)
    return sentence_around(card.text, m.start()) if m else None


def text_snippet(text: str, lemmas: set[str]) -> str | None:
    """First sentence of `text` containing one of the lemmas (for topic search results)."""
    for m in re.finditer(r"[0-9A-Za-zА-Яа-яЁё]+", text):
        if keys.index_text(m.group()) in lemmas:
            return sentence_around(text, m.start())
    return None


def first_row(found: Iterable[Any]) -> Any | None:
    """The first row of an execute_fetchall result, or None."""
    return next(iter(found), None)
