"""In-memory window of recent story keys, to put reports of one event into one story.

Loading every key of the last week from SQLite for each new article would dominate ingestion
time, so the writer keeps the keys of the days it has seen, by day. The cache is filled lazily
from the database and updated on every insert made through the same Archive; deletes and
commits by other connections (PRAGMA data_version) drop it.

Signatures stored before the content-lemma MinHash (text bigrams) estimate ≈ 0 against new
ones, below MIN_TEXT: such articles are simply never joined, for the week they stay in window.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, timedelta

import numpy as np

from digest.card import Entity, Figure, Person
from digest.identity import (
    MAX_DAYS,
    MIN_TEXT,
    NEAR_COPY,
    NEAR_COPY_DAYS,
    NUM_PERM,
    SAME_STORY_SCORE,
    StoryKey,
    story_figures,
    story_names,
    story_score,
)

# (article_id, story_id, key) rows for one day; key None for articles without a signature
DayLoader = Callable[[str], Awaitable[list[tuple[int, int | None, StoryKey | None]]]]

# what the loader selects from an articles row to rebuild its key without parsing the text
KEY_COLUMNS = (
    "day, signature, json_extract(card, '$.people'), json_extract(card, '$.organizations'),"
    " json_extract(card, '$.figures')"
)


def stored_key(
    day: str,
    blob: bytes | None,
    people: str | None,
    organizations: str | None,
    figures: str | None,
) -> StoryKey | None:
    """The StoryKey of a stored article from the KEY_COLUMNS of its row."""
    sig = _as_array(blob)
    if sig is None:
        return None
    return StoryKey(
        day=date.fromisoformat(day),
        signature=sig,
        names=story_names(
            [Person(**p) for p in json.loads(people or "[]")],
            [Entity(**e) for e in json.loads(organizations or "[]")],
        ),
        figures=story_figures([Figure(**f) for f in json.loads(figures or "[]")]),
    )


class _Day:
    """One day's keys, with the signatures in a matrix that grows by doubling."""

    __slots__ = ("ids", "stories", "keys", "_matrix")

    def __init__(self, rows: Sequence[tuple[int, int, StoryKey]] = ()) -> None:
        self.ids = [r[0] for r in rows]
        self.stories = [r[1] for r in rows]
        self.keys = [r[2] for r in rows]
        self._matrix = np.empty((max(16, 2 * len(rows)), NUM_PERM), dtype=np.uint32)
        if rows:
            self._matrix[: len(rows)] = np.stack([r[2].signature for r in rows])

    @property
    def sigs(self) -> np.ndarray:
        return self._matrix[: len(self.ids)]

    def add(self, article_id: int, story_id: int, key: StoryKey) -> None:
        n = len(self.ids)
        if n == len(self._matrix):
            self._matrix = np.concatenate([self._matrix, np.empty_like(self._matrix)])
        self._matrix[n] = key.signature
        self.ids.append(article_id)
        self.stories.append(story_id)
        self.keys.append(key)


class StoryWindow:
    def __init__(self, loader: DayLoader) -> None:
        self._loader = loader
        self._days: dict[str, _Day] = {}
        self._data_version: int | None = None

    async def _day(self, day: str) -> _Day:
        cached = self._days.get(day)
        if cached is None:
            rows = [
                (article_id, story_id or article_id, key)
                for article_id, story_id, key in await self._loader(day)
                if key is not None and key.signature.shape == (NUM_PERM,)
            ]
            cached = self._days[day] = _Day(rows)
        return cached

    async def find_story(self, key: StoryKey) -> int | None:
        """story_id of the stored report that best matches `key`, if it is the same event."""
        if key.signature.shape != (NUM_PERM,):
            return None
        best, best_score = None, SAME_STORY_SCORE
        for offset in range(-NEAR_COPY_DAYS, NEAR_COPY_DAYS + 1):
            bucket = await self._day((key.day + timedelta(days=offset)).isoformat())
            if not bucket.ids:
                continue
            texts = (bucket.sigs == key.signature).mean(axis=1)
            floor = MIN_TEXT if abs(offset) <= MAX_DAYS else NEAR_COPY
            for i in np.flatnonzero(texts >= floor):
                score = story_score(key, bucket.keys[i], float(texts[i]))
                if score >= best_score:
                    best, best_score = bucket.stories[i], score
        return best

    def added(self, article_id: int, story_id: int, key: StoryKey) -> None:
        day = key.day.isoformat()
        if day in self._days and key.signature.shape == (NUM_PERM,):
            self._days[day].add(article_id, story_id, key)

    def check_version(self, data_version: int) -> None:
        """Drop the cache when PRAGMA data_version (of the writer) says others wrote."""
        if data_version != self._data_version:
            self._days.clear()
            self._data_version = data_version

    def forget(self) -> None:
        """Drop the cache (after deletes); it reloads from the database on demand."""
        self._days.clear()


def _as_array(blob: bytes | None) -> np.ndarray | None:
    if not blob:
        return None
    arr = np.frombuffer(blob, dtype="<u4").astype(np.uint32)
    return arr if arr.shape == (NUM_PERM,) else None
