"""In-memory window of recent signatures, to put near-duplicate articles into one story.

Loading every signature of the last week from SQLite for each new article would dominate
ingestion time, so the writer keeps the signatures of the days it has seen, by day. The
cache is filled lazily from the database and updated on every insert made through the same
Archive; deletes and commits by other connections (PRAGMA data_version) drop it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

import numpy as np

from digest.identity import NUM_PERM, SAME_STORY_THRESHOLD

WINDOW_DAYS = 7

# (article_id, story_id, signature blob) rows for one day
DayLoader = Callable[[str], Awaitable[list[tuple[int, int | None, bytes | None]]]]


class _Day:
    """One day's signatures in a matrix that grows by doubling (amortized O(1) per insert)."""

    __slots__ = ("ids", "stories", "_matrix")

    def __init__(self, rows: list[tuple[int, int, np.ndarray]] = ()) -> None:
        self.ids = [r[0] for r in rows]
        self.stories = [r[1] for r in rows]
        self._matrix = np.empty((max(16, 2 * len(rows)), NUM_PERM), dtype=np.uint32)
        if rows:
            self._matrix[: len(rows)] = np.stack([r[2] for r in rows])

    @property
    def sigs(self) -> np.ndarray:
        return self._matrix[: len(self.ids)]

    def add(self, article_id: int, story_id: int, sig: np.ndarray) -> None:
        n = len(self.ids)
        if n == len(self._matrix):
            self._matrix = np.concatenate([self._matrix, np.empty_like(self._matrix)])
        self._matrix[n] = sig
        self.ids.append(article_id)
        self.stories.append(story_id)


class StoryWindow:
    def __init__(self, loader: DayLoader) -> None:
        self._loader = loader
        self._days: dict[str, _Day] = {}
        self._data_version: int | None = None

    async def _day(self, day: str) -> _Day:
        cached = self._days.get(day)
        if cached is None:
            rows = []
            for article_id, story_id, blob in await self._loader(day):
                sig = _as_array(blob)
                if sig is not None:
                    rows.append((article_id, story_id or article_id, sig))
            cached = self._days[day] = _Day(rows)
        return cached

    async def find_story(self, day: str, signature: list[int]) -> int | None:
        """story_id of the most similar article within ±WINDOW_DAYS, if similar enough."""
        sig = _as_array(signature)
        if sig is None:
            return None
        center = date.fromisoformat(day)
        best, best_score = None, SAME_STORY_THRESHOLD
        for offset in range(-WINDOW_DAYS, WINDOW_DAYS + 1):
            bucket = await self._day((center + timedelta(days=offset)).isoformat())
            if not bucket.ids:
                continue
            scores = (bucket.sigs == sig).mean(axis=1)
            i = int(scores.argmax())
            if scores[i] >= best_score:
                best, best_score = bucket.stories[i], float(scores[i])
        return best

    def added(self, day: str, article_id: int, story_id: int, signature: list[int]) -> None:
        sig = _as_array(signature)
        if day in self._days and sig is not None:
            self._days[day].add(article_id, story_id, sig)

    def check_version(self, data_version: int) -> None:
        """Drop the cache when PRAGMA data_version (of the writer) says others wrote."""
        if data_version != self._data_version:
            self._days.clear()
            self._data_version = data_version

    def forget(self) -> None:
        """Drop the cache (after deletes); it reloads from the database on demand."""
        self._days.clear()


def _as_array(sig: list[int] | bytes | None) -> np.ndarray | None:
    if not sig:
        return None
    if isinstance(sig, bytes):
        arr = np.frombuffer(sig, dtype="<u4").astype(np.uint32)
    else:
        arr = np.asarray(sig, dtype=np.uint64).astype(np.uint32)
    return arr if arr.shape == (NUM_PERM,) else None
