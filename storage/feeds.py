"""Feed sources and the entries already taken from them (schema: storage.schema, feeds step).

A source's schedule and health live in its row: `next_at` (UTC stamp of the next fetch),
`failures` in a row (the backoff), the last success, the last error and the number of
articles it gave. `feed_entries` remembers every entry handled, by the entry's key and link,
so an entry is never fetched twice, across restarts and even after its source was deleted
and added again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from storage import audit, rows
from storage.db import Database

DEFAULT_INTERVAL = 600  # seconds

_COLUMNS = (
    "id, url, name, interval_s, paused, etag, last_modified, next_at, last_success,"
    " last_error, last_error_at, failures, items_taken, added_at"
)


@dataclass(frozen=True, slots=True)
class FeedSource:
    id: int
    url: str
    name: str
    interval: int  # seconds
    paused: bool
    etag: str | None
    last_modified: str | None
    next_at: str  # UTC 'YYYY-MM-DD HH:MM:SS'
    last_success: str | None
    last_error: str | None
    last_error_at: str | None
    failures: int  # consecutive
    items_taken: int  # articles added from this source
    added_at: str


def _source(row: Iterable) -> FeedSource:
    (id_, url, name, interval, paused, etag, modified, next_at, success, error, error_at,
     failures, taken, added_at) = tuple(row)
    return FeedSource(int(id_), url, name, int(interval), bool(paused), etag, modified, next_at,
                      success, error, error_at, int(failures), int(taken), added_at)


def _stamp(moment: datetime) -> str:
    return rows.utc_stamp(moment)


class FeedSources:
    """The sources repository: `FeedSources(archive.db)`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self, url: str, name: str, *, added_by: int | None = None,
        interval: int = DEFAULT_INTERVAL, now: datetime | None = None,
    ) -> tuple[FeedSource, bool]:
        """(the source, True) when new; (the existing one, False) when the URL is known.
        A new source is due at once."""
        stamp = _stamp(now or datetime.now(UTC))
        async with self.db.write() as conn:
            cur = await conn.execute(
                "INSERT INTO feed_sources(url, name, interval_s, next_at, added_by, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO NOTHING",
                (url, name, interval, stamp, added_by, stamp),
            )
            created = cur.rowcount == 1
            found = await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM feed_sources WHERE url = ?", (url,)
            )
            if created and added_by is not None:
                await audit.record_in(conn, added_by, "feed_add", None, url)
        return _source(next(iter(found))), created

    async def get(self, source_id: int) -> FeedSource | None:
        async with self.db.read() as conn:
            found = list(await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM feed_sources WHERE id = ?", (source_id,)
            ))
        return _source(found[0]) if found else None

    async def all(self) -> list[FeedSource]:
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(f"SELECT {_COLUMNS} FROM feed_sources ORDER BY id")
        return [_source(r) for r in found]

    async def due(self, now: datetime | None = None) -> list[FeedSource]:
        stamp = _stamp(now or datetime.now(UTC))
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM feed_sources WHERE paused = 0 AND next_at <= ?"
                " ORDER BY next_at, id",
                (stamp,),
            )
        return [_source(r) for r in found]

    async def delete(self, source_id: int, *, actor: int | None = None) -> FeedSource | None:
        """Remove a source (its articles stay in the archive; its seen entries stay seen)."""
        async with self.db.write() as conn:
            found = list(await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM feed_sources WHERE id = ?", (source_id,)
            ))
            if not found:
                return None
            await conn.execute("DELETE FROM feed_sources WHERE id = ?", (source_id,))
            await audit.record_in(conn, actor, "feed_del", None, found[0]["url"])
        return _source(found[0])

    async def set_paused(self, source_id: int, paused: bool, *,
                         now: datetime | None = None) -> FeedSource | None:
        """Pause, or resume (a resumed source is due at once and its backoff is forgotten)."""
        stamp = _stamp(now or datetime.now(UTC))
        async with self.db.write() as conn:
            if paused:
                cur = await conn.execute(
                    "UPDATE feed_sources SET paused = 1 WHERE id = ?", (source_id,)
                )
            else:
                cur = await conn.execute(
                    "UPDATE feed_sources SET paused = 0, failures = 0, next_at = ? WHERE id = ?",
                    (stamp, source_id),
                )
            if cur.rowcount == 0:
                return None
        return await self.get(source_id)

    async def record_success(
        self, source_id: int, *, taken: int, etag: str | None, last_modified: str | None,
        interval: int, now: datetime | None = None, keep_validators: bool = False,
    ) -> None:
        moment = now or datetime.now(UTC)
        async with self.db.write() as conn:
            await conn.execute(
                "UPDATE feed_sources SET last_success = ?, failures = 0, next_at = ?,"
                " items_taken = items_taken + ?,"
                " etag = CASE WHEN ? THEN etag ELSE ? END,"
                " last_modified = CASE WHEN ? THEN last_modified ELSE ? END"
                " WHERE id = ?",
                (_stamp(moment), _stamp(moment + timedelta(seconds=interval)), taken,
                 keep_validators, etag, keep_validators, last_modified, source_id),
            )

    async def record_failure(
        self, source_id: int, error: str, *, retry_in: float, now: datetime | None = None
    ) -> None:
        moment = now or datetime.now(UTC)
        async with self.db.write() as conn:
            await conn.execute(
                "UPDATE feed_sources SET last_error = ?, last_error_at = ?,"
                " failures = failures + 1, next_at = ? WHERE id = ?",
                (error[:500], _stamp(moment), _stamp(moment + timedelta(seconds=retry_in)),
                 source_id),
            )

    async def unseen(self, source_id: int, entries: list[tuple[str, str | None]]) -> set[str]:
        """The keys among (key, link) pairs never handled: not by this source under that key,
        and not under that link by any source."""
        if not entries:
            return set()
        seen: set[str] = set()
        async with self.db.read() as conn:
            for start in range(0, len(entries), 400):
                part = entries[start:start + 400]
                keys = [k for k, _ in part]
                links = [link for _, link in part if link]
                found = await conn.execute_fetchall(
                    "SELECT source_id, key, link FROM feed_entries WHERE (source_id = ? AND key IN"
                    f" ({','.join('?' * len(keys))}))"
                    f" OR link IN ({','.join('?' * len(links)) or 'NULL'})",
                    (source_id, *keys, *links),
                )
                seen_keys = {r[1] for r in found if r[0] == source_id}
                seen_links = {r[2] for r in found if r[2]}
                seen.update(k for k, link in part if k in seen_keys or link in seen_links)
        return {k for k, _ in entries} - seen

    async def remember(
        self, source_id: int, entries: list[tuple[str, str | None, str, int | None]]
    ) -> None:
        """Mark (key, link, outcome, article id) as handled; outcome is added/duplicate/
        rejected."""
        stamp = rows.utc_stamp()
        async with self.db.write() as conn:
            await conn.executemany(
                "INSERT OR IGNORE INTO feed_entries(source_id, key, link, outcome, article_id,"
                " seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                [(source_id, key, link, outcome, article_id, stamp)
                 for key, link, outcome, article_id in entries],
            )
