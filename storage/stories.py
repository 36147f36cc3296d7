"""Stories: the in-memory window of recent story keys that puts reports of one event into
one story, and the rebuild of signatures stored in an older format.

Loading every key of the last week from SQLite for each new article would dominate ingestion
time, so the writer keeps the keys of the days it has seen, by day. The cache is filled lazily
from the database and updated on every insert made through the same Archive; deletes and
commits by other connections (PRAGMA data_version) drop it.

A signature blob ends with the identity.SIGNATURE_VERSION it was made with (storage.rows).
One of another version (or from before the tag) compares as noise against new ones, so it is
treated as missing: such an article joins no story until `rebuild_signatures` recomputes it
from the stored title and text (`newsdigest reindex-stories`, and the bot at start).
"""

from __future__ import annotations

import asyncio
import json
import struct
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from digest import identity
from digest.card import ArticleCard, Entity, Figure, Person
from digest.identity import (
    ESTIMATE_MARGIN,
    MAX_DAYS,
    NEAR_COPY,
    NEAR_COPY_DAYS,
    NUM_PERM,
    ONLY_STORY_SCORE,
    SAME_STORY_SCORE,
    TIE_SCORE,
    StoryKey,
    candidate_text,
    contradict,
    story_score,
    tells_what_followed,
    word_overlap,
)
from storage import rows

if TYPE_CHECKING:
    from storage.db import Database

# (article_id, story_id, key) rows for one day; key None for articles without a signature
DayLoader = Callable[[str], Awaitable[list[tuple[int, int | None, StoryKey | None]]]]

# what the loader selects from an articles row to rebuild its key without parsing the text
# (the text for what the key takes from it: its words, its lead, its match score)
KEY_COLUMNS = (
    "day, signature, json_extract(card, '$.title'), json_extract(card, '$.people'),"
    " json_extract(card, '$.organizations'), json_extract(card, '$.locations'),"
    " json_extract(card, '$.figures'), source, text"
)


def stored_key(
    day: str,
    blob: bytes | None,
    title: str | None,
    people: str | None,
    organizations: str | None,
    locations: str | None,
    figures: str | None,
    source: str | None = None,
    text: str | None = None,
) -> StoryKey | None:
    """The StoryKey of a stored article from the KEY_COLUMNS of its row: the same
    identity.story_key as at ingestion, so a reloaded window decides as the live one did."""
    sig = _as_array(blob)
    if sig is None:
        return None
    card = ArticleCard(
        title=title or "",
        text=text or "",
        people=[Person(**p) for p in json.loads(people or "[]")],
        organizations=[Entity(**e) for e in json.loads(organizations or "[]")],
        locations=[Entity(**e) for e in json.loads(locations or "[]")],
        figures=[Figure(**f) for f in json.loads(figures or "[]")],
        source=source,
    )
    return replace(identity.story_key(card, date.fromisoformat(day)), signature=sig)


class _Day:
    """One day's keys, with the signatures in a matrix that grows by doubling."""

    __slots__ = ("ids", "stories", "keys", "members", "_matrix")

    def __init__(self, rows: Sequence[tuple[int, int, StoryKey]] = ()) -> None:
        self.ids = [r[0] for r in rows]
        self.stories = [r[1] for r in rows]
        self.keys = [r[2] for r in rows]
        self.members: dict[int, list[int]] = {}  # story_id → row indexes
        for i, story in enumerate(self.stories):
            self.members.setdefault(story, []).append(i)
        self._matrix = np.empty((max(16, 2 * len(rows)), NUM_PERM), dtype=np.uint32)
        if rows:
            self._matrix[: len(rows)] = np.stack([r[2].signature for r in rows])

    def move(self, i: int, story_id: int) -> None:
        self.members[self.stories[i]].remove(i)
        self.stories[i] = story_id
        self.members.setdefault(story_id, []).append(i)

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
        self.members.setdefault(story_id, []).append(n)


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

    async def find_story(self, key: StoryKey, exclude: int | None = None) -> int | None:
        """story_id of the stored report that best matches `key`, if it is the same event
        (`exclude`: the article's own id, when it is stored already).

        A story is joined if no report already in it contradicts `key` (identity.conflicts)
        and `key` is the same story as at least half of its reports: without that, a chain of
        near matches (the Kazan fire ~ a wire on fires ~ the Podolsk fire; the metro line opened
        ~ its next-day rewrite ~ the next day's breakdown on it) would put two events into one
        story. Half (one report of two) is enough only with a strong match (TIE_SCORE): the
        case opened after a gas blast recaps the blast and so matches one of its reports
        weakly. Reports more than MAX_DAYS apart are one story only as near copies, so a story
        that drifted away from its first reports takes no more followers. Where a headline
        tells what followed an event (identity.tells_what_followed: the case opened, the power
        restored), on either side, the report must be the same story as every report of the
        story: a development recaps its event and so matches some of the event's reports, and
        the half rule would put the blackout and the restored power into one story.

        A report that joins no story that way joins the only story within its reach (a report
        at the candidate floor, on its day or the next or the day before) when that story is of
        its own day: every report of it is near `key` on `key`'s day, the best of them scores at
        least ONLY_STORY_SCORE, none contradicts, and no headline of either side tells what
        followed an event (identity.tells_what_followed). A weekend column's pun headline
        («Холод как главный герой») and the premiere it reviews share few words, but nothing
        else is near either; the case opened after a fire is often the only other story near
        the fire's late report, hence the last condition. A story the half rule turned away
        can be joined so (the third wire on a blast matches one report of it weakly and the
        other barely), but not a story the report matched on another day: the chain the half
        rule stops reaches over a day.
        """
        if key.signature.shape != (NUM_PERM,):
            return None
        scores: dict[int, float] = {}
        agree: Counter[int] = Counter()  # reports of each story that `key` is the same story as
        reach: dict[int, float] = {}  # stories with a report near `key`: their best score today
        near: set[int] = set()  # the reports of `key`'s day near it
        buckets = []
        for offset in range(-NEAR_COPY_DAYS, NEAR_COPY_DAYS + 1):
            bucket = await self._day((key.day + timedelta(days=offset)).isoformat())
            if not bucket.ids:
                continue
            buckets.append(bucket)
            floor = candidate_text(abs(offset))
            estimates = (bucket.sigs == key.signature).mean(axis=1)
            for i in np.flatnonzero(estimates >= floor - ESTIMATE_MARGIN):
                if bucket.ids[i] == exclude:
                    continue
                score = story_score(key, bucket.keys[i], word_overlap(key, bucket.keys[i]))
                story = bucket.stories[i]
                if abs(offset) <= MAX_DAYS and score >= floor:
                    today = score if offset == 0 else 0.0
                    reach[story] = max(today, reach.get(story, today))
                    if offset == 0:
                        near.add(bucket.ids[i])
                if score < SAME_STORY_SCORE:
                    continue  # (a report under the candidate floor scores under it too)
                agree[story] += 1
                scores[story] = max(score, scores.get(story, 0.0))
        development = tells_what_followed(key)
        for story in sorted(scores, key=scores.__getitem__, reverse=True):
            members = self._members(buckets, story, exclude)
            if any(self._contradicts(key, b, i) for b, i in members):
                continue
            if agree[story] < len(members) and (
                development or any(tells_what_followed(b.keys[i]) for b, i in members)
            ):
                continue  # a development and its event: only a report like every one joins
            if 2 * agree[story] > len(members) or (
                2 * agree[story] == len(members) and scores[story] >= TIE_SCORE
            ):
                return story
        if development:
            return None  # a report telling what followed joins no story by reach alone
        return self._only_story(key, buckets, reach, near, set(scores), exclude)

    def _only_story(
        self,
        key: StoryKey,
        buckets: list[_Day],
        reach: dict[int, float],
        near: set[int],
        matched: set[int],
        exclude: int | None,
    ) -> int | None:
        if len(reach) != 1:
            return None
        ((story, best),) = reach.items()
        if best < ONLY_STORY_SCORE or not matched <= {story}:
            return None
        members = self._members(buckets, story, exclude)
        if any(b.ids[i] not in near or self._contradicts(key, b, i)
               or tells_what_followed(b.keys[i]) for b, i in members):
            return None
        return story

    @staticmethod
    def _members(buckets: list[_Day], story: int, exclude: int | None) -> list[tuple[_Day, int]]:
        return [(b, i) for b in buckets for i in b.members.get(story, ()) if b.ids[i] != exclude]

    @staticmethod
    def _contradicts(key: StoryKey, bucket: _Day, i: int) -> bool:
        """The report contradicts `key` (identity.conflicts), unless it is a near copy."""
        return contradict(key, bucket.keys[i]) and word_overlap(key, bucket.keys[i]) < NEAR_COPY

    def added(self, article_id: int, story_id: int, key: StoryKey) -> None:
        day = key.day.isoformat()
        if day in self._days and key.signature.shape == (NUM_PERM,):
            self._days[day].add(article_id, story_id, key)

    def moved(self, article_id: int, day: date, story_id: int) -> None:
        """An article stored earlier now belongs to `story_id`."""
        cached = self._days.get(day.isoformat())
        if cached is not None and article_id in cached.ids:
            cached.move(cached.ids.index(article_id), story_id)

    def check_version(self, data_version: int) -> None:
        """Drop the cache when PRAGMA data_version (of the writer) says others wrote."""
        if data_version != self._data_version:
            self._days.clear()
            self._data_version = data_version

    def forget(self) -> None:
        """Drop the cache (after deletes); it reloads from the database on demand."""
        self._days.clear()


def _as_array(blob: bytes | None) -> np.ndarray | None:
    values = rows.unpack_signature(blob)
    return np.asarray(values, dtype=np.uint32) if len(values) == NUM_PERM else None


# --- rebuilding signatures of an older version --------------------------------------------

_CURRENT = "length(signature) = ? AND substr(signature, -4) = ?"
_CURRENT_ARGS = (4 * (NUM_PERM + 1), struct.pack("<I", identity.SIGNATURE_VERSION))


@dataclass(frozen=True, slots=True)
class Rebuilt:
    signatures: int  # articles whose signature was recomputed
    joined: int  # of those, articles that were alone and now joined a story


async def stale_signatures(db: Database) -> int:
    """How many articles have no signature of the current version."""
    async with db.read() as conn:
        found = list(await conn.execute_fetchall(
            f"SELECT count(*) FROM articles WHERE signature IS NULL OR NOT ({_CURRENT})",
            _CURRENT_ARGS,
        ))
    return int(found[0][0])


async def rebuild_signatures(db: Database, window: StoryWindow, batch: int = 200) -> Rebuilt:
    """Recompute every signature of an older version from the stored title and text, then let
    each rebuilt article that is alone in its story join the story it belongs to, oldest first,
    as if it had been ingested now: with the articles stored after it in the window too, so a
    story that came later may be the one it joins, or the second story in its reach that keeps
    it from joining the only one (find_story). Batches of `batch` articles, each in its own
    transaction, so the bot keeps writing meanwhile; the CPU work runs off the event loop."""
    rebuilt: list[tuple[int, str]] = []
    last = 0
    while True:
        async with db.read() as conn:
            found = list(await conn.execute_fetchall(
                "SELECT id, day, json_extract(card, '$.title'), text FROM articles"
                f" WHERE id > ? AND (signature IS NULL OR NOT ({_CURRENT}))"
                " ORDER BY id LIMIT ?",
                (last, *_CURRENT_ARGS, batch),
            ))
        if not found:
            break
        last = found[-1][0]
        blobs = await asyncio.to_thread(_signatures, [(r[2], r[3]) for r in found])
        async with db.write() as conn:
            await conn.executemany(
                "UPDATE articles SET signature = ? WHERE id = ?",
                [(blob, r[0]) for blob, r in zip(blobs, found, strict=True)],
            )
        rebuilt += [(r[0], r[1]) for r in found]
    window.forget()
    joined = 0
    for article_id, _ in sorted(rebuilt, key=lambda r: (r[1], r[0])):
        joined += await _join_if_alone(db, window, article_id)
    return Rebuilt(len(rebuilt), joined)


def _signatures(stored: list[tuple[str | None, str | None]]) -> list[bytes | None]:
    # the same text as digest.analyze signs: the title, a line break, the clean text
    return [rows.pack_signature(identity.signature(f"{title or ''}\n{text or ''}"))
            for title, text in stored]


async def _join_if_alone(db: Database, window: StoryWindow, article_id: int) -> int:
    async with db.read() as conn:
        found = list(await conn.execute_fetchall(
            f"SELECT a.story_id, (SELECT count(*) FROM articles o WHERE o.story_id = a.story_id),"
            f" {KEY_COLUMNS} FROM articles a WHERE a.id = ?",
            (article_id,),
        ))
    if not found or found[0][1] > 1:
        return 0  # deleted meanwhile, or others joined its story: keep what readers saw
    key = await asyncio.to_thread(stored_key, *found[0][2:])
    if key is None:
        return 0
    story = await window.find_story(key, exclude=article_id)
    if story is None:
        return 0
    async with db.write() as conn:
        await conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story, article_id))
    window.moved(article_id, key.day, story)
    return 1
