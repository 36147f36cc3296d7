"""Search use cases: is a query a person or a topic, and one page of results of either.

Paging buttons cannot carry the query (callback_data holds 64 bytes), so `QueryTokens` keeps
the queries behind short stable tokens.
"""

from __future__ import annotations

import asyncio
import difflib
import hashlib
import re
from collections import OrderedDict
from enum import StrEnum

from digest import keys
from storage import Archive, FollowKind, PersonResult, TopicResult

PAGE_SIZE = 5
MAX_QUERY_CHARS = 100
MAX_PERSON_WORDS = 3  # longer text is always a topic search


async def query_kind(archive: Archive, text: str) -> FollowKind:
    """PERSON when the archive knows someone by that name (up to 3 words), else TOPIC."""
    if len(text.split()) > MAX_PERSON_WORDS:
        return FollowKind.TOPIC
    people, _ = await archive.articles.resolve_person(text)
    return FollowKind.PERSON if people else FollowKind.TOPIC


class QueryProblem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"


def query_problem(text: str | None) -> QueryProblem | None:
    """Why a query cannot be searched, or None when it can."""
    if not text or not text.strip():
        return QueryProblem.EMPTY
    if len(text) > MAX_QUERY_CHARS:
        return QueryProblem.TOO_LONG
    return None


async def search_page(
    archive: Archive, kind: FollowKind, query: str, page: int, *, page_size: int = PAGE_SIZE
) -> PersonResult | TopicResult:
    """Page `page` (from 0) of a person's articles or of a topic search."""
    offset = max(0, page) * page_size
    if kind is FollowKind.PERSON:
        found = await archive.articles.find_person(query, limit=page_size, offset=offset)
        if page == 0:
            await add_person_hints(archive, found)
        return found
    return await archive.articles.search_topic(query, limit=page_size, offset=offset)


async def add_person_hints(archive: Archive, found: PersonResult) -> None:
    """When `found` has neither articles nor candidates, fill in what to try instead: names
    close to the query, or, when none is close, an example surname from the archive."""
    if found.articles or found.candidates:
        return
    found.suggestions = await close_names(archive, found.query)
    if not found.suggestions:
        found.example = await person_example(archive, found.query)


SUGGESTIONS = 3
SIMILAR = 0.75  # difflib ratio: "лаврв" ~ "лавров" 0.91, unrelated surnames stay below


async def close_names(archive: Archive, query: str) -> list[str]:
    """Names in the archive close to a misspelt query ("Лаврв" → "Сергей Лавров"), the
    surname typed first or last ("Громв Виктор" → "Виктор Громов")."""
    names = await archive.articles.person_names()

    def match() -> list[str]:
        words = keys.likely_surnames(keys.fold(query).split())
        if not words:
            return []
        by_surname: dict[str, list[str]] = {}
        for name in names:
            by_surname.setdefault(keys.fold(name.split()[-1]), []).append(name)
        scored: dict[str, float] = {}
        for word in words:
            for surname in difflib.get_close_matches(word, by_surname, n=SUGGESTIONS,
                                                     cutoff=SIMILAR):
                ratio = difflib.SequenceMatcher(None, word, surname).ratio()
                scored[surname] = max(scored.get(surname, 0.0), ratio)
        close = sorted(scored, key=lambda s: -scored[s])
        return [name for surname in close for name in by_surname[surname]][:SUGGESTIONS]

    return await asyncio.to_thread(match)  # a large archive has many names: off the loop


async def person_example(archive: Archive, query: str) -> str | None:
    """A surname to show as an example after `query` found nothing: the person most written
    about lately, never what was typed (a reader who asked for Лавров is not told to try
    /person Лавров). None in an archive without people."""
    typed = set(keys.query_person_keys(query))
    for name in await archive.articles.prominent_people():
        surname = name.split()[-1]
        if keys.fold(surname) != keys.fold(query) and not typed & set(keys.person_keys(name)):
            return surname
    return None


class QueryTokens:
    """A bounded map token → (kind, query). Tokens are stable for the same query."""

    def __init__(self, size: int = 10_000):
        self.size = size
        self._items: OrderedDict[str, tuple[FollowKind, str]] = OrderedDict()

    def token(self, kind: FollowKind, query: str) -> str:
        token = hashlib.blake2b(f"{kind}\0{query}".encode(), digest_size=6).hexdigest()
        self._items[token] = (kind, query)
        self._items.move_to_end(token)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return token

    def get(self, token: str) -> tuple[FollowKind, str] | None:
        return self._items.get(token)


def parse_article_id(arg: str | None) -> int | None:
    """"12" or "#12" → 12. ASCII digits only ("²".isdigit() is true), at most 12 of them."""
    text = (arg or "").strip().lstrip("#")
    return int(text) if re.fullmatch(r"[0-9]{1,12}", text) else None
