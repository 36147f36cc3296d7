"""Digest SQL: article windows, the delivery outbox (rendered parts stored before sending)
and digest run statistics."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from digest.card import ArticleCard
from digest.compose import DigestArticle
from storage import rows
from storage.db import Database

_OUTBOX_COLUMNS = (
    "d.id, d.chat_id, d.digest_date, d.status, d.attempts, d.message_ids, d.parts,"
    " d.window_since, d.window_until, d.error"
)
RUN_COUNTERS = (
    "due", "resumed", "sent", "empty", "failed", "blocked", "pending", "messages", "retry_after"
)


@dataclass(slots=True)
class Outbox:
    """A delivery row with its stored parts: what to send and what Telegram confirmed."""

    id: int
    chat_id: int
    digest_date: date
    status: str
    attempts: int
    message_ids: list[int]
    parts: list[dict[str, Any]]  # {"text": html, "reply_markup": dict | None}
    window_since: datetime | None
    window_until: datetime | None
    error: str | None = None
    tz: str | None = None  # the subscriber's zone (open_outbox only)

    @property
    def remaining(self) -> list[dict[str, Any]]:
        return self.parts[len(self.message_ids):]


@dataclass(frozen=True, slots=True)
class NewDelivery:
    chat_id: int
    digest_date: date
    parts: list[dict[str, Any]]
    window_since: datetime
    window_until: datetime


@dataclass(slots=True)
class RunStats:
    """One scheduler tick's broadcast (a row of digest_runs)."""

    started_at: str = ""
    finished_at: str | None = None
    due: int = 0  # new deliveries created this run
    resumed: int = 0  # unfinished deliveries picked up again
    sent: int = 0  # deliveries completed
    empty: int = 0  # nothing new for the reader: recorded, nothing sent
    failed: int = 0
    blocked: int = 0
    pending: int = 0  # left unfinished (stopped, or failed below max attempts)
    messages: int = 0  # sendMessage calls Telegram confirmed
    retry_after: int = 0  # 429 answers
    error: str | None = None
    id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("id", "started_at", "finished_at", *RUN_COUNTERS,
                                              "error")}


def _stamp_dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None


def _outbox(row: tuple) -> Outbox:
    return Outbox(
        row[0], row[1], date.fromisoformat(row[2]), row[3], row[4], json.loads(row[5]),
        json.loads(row[6]) if row[6] else [], _stamp_dt(row[7]), _stamp_dt(row[8]), row[9],
    )


class DigestsMixin:
    db: Database

    async def articles_between(
        self, since: datetime, until: datetime, *, limit: int = 5000
    ) -> list[DigestArticle]:
        """Articles ingested in [since, until) (aware or naive-UTC datetimes), oldest first."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT id, story_id, card FROM articles WHERE ingested_at >= ?"
                " AND ingested_at < ? ORDER BY ingested_at, id LIMIT ?",
                (rows.utc_stamp(since), rows.utc_stamp(until), limit),
            )
        out = []
        for article_id, story_id, card_json in found:
            data = json.loads(card_json)
            data["text"] = ""
            out.append(DigestArticle(article_id, story_id, ArticleCard.from_dict(data)))
        return out

    async def all_follows(self, chat_ids: Iterable[int] | None = None) -> dict[int, list]:
        """chat_id → [(kind, value)] for every chat that follows something."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT chat_id, kind, value FROM follows ORDER BY chat_id, kind, value"
            )
        wanted = set(chat_ids) if chat_ids is not None else None
        out: dict[int, list] = {}
        for chat_id, kind, value in found:
            if wanted is None or chat_id in wanted:
                out.setdefault(chat_id, []).append((kind, value))
        return out

    async def last_digest_until(self, since_date: date) -> dict[int, datetime]:
        """chat_id → end of the article window of its latest sent digest dated ≥ since_date."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT chat_id, MAX(window_until) FROM deliveries WHERE status = 'sent'"
                " AND digest_date >= ? AND window_until IS NOT NULL GROUP BY chat_id",
                (since_date.isoformat(),),
            )
        return {chat_id: _stamp_dt(until) for chat_id, until in found}  # type: ignore[misc]

    async def last_digest_window(self, chat_id: int) -> tuple[datetime, datetime] | None:
        """The article window [since, until) of the chat's latest sent digest, if any."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT window_since, window_until FROM deliveries WHERE chat_id = ?"
                " AND status = 'sent' AND window_until IS NOT NULL"
                " ORDER BY window_until DESC LIMIT 1",
                (chat_id,),
            )
        row = rows.first_row(found)
        return (_stamp_dt(row[0]), _stamp_dt(row[1])) if row else None  # type: ignore[return-value]

    async def delivery_keys(self, since_date: date) -> dict[tuple[int, date], tuple[str, int]]:
        """(chat_id, digest_date) → (status, attempts) of every delivery dated ≥ since_date."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT chat_id, digest_date, status, attempts FROM deliveries"
                " WHERE digest_date >= ?",
                (since_date.isoformat(),),
            )
        return {(c, date.fromisoformat(d)): (s, a) for c, d, s, a in found}

    async def create_deliveries(self, items: list[NewDelivery]) -> list[Outbox]:
        """Create delivery rows WITH their parts (one transaction), before anything is sent.

        A row that already exists for (chat, date) is kept as it is (it may be half sent);
        a bare row made by `delivery()` without parts gets these parts. A digest without
        parts is recorded as sent right away (nothing new for that reader).
        """
        if not items:
            return []
        now = rows.utc_stamp()
        params = [
            (
                i.chat_id, i.digest_date.isoformat(), "sent" if not i.parts else "pending",
                json.dumps(i.parts, ensure_ascii=False), rows.utc_stamp(i.window_since),
                rows.utc_stamp(i.window_until), now, now,
            )
            for i in items
        ]
        async with self.db.write() as conn:
            await conn.executemany(
                "INSERT INTO deliveries(chat_id, digest_date, status, parts, window_since,"
                " window_until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(chat_id, digest_date) DO UPDATE SET parts = excluded.parts,"
                " window_since = excluded.window_since, window_until = excluded.window_until"
                " WHERE deliveries.parts IS NULL AND deliveries.message_ids = '[]'",
                params,
            )
            found = []
            for chunk in _chunks(items, 400):
                keys = " OR ".join("(d.chat_id = ? AND d.digest_date = ?)" for _ in chunk)
                args = [v for i in chunk for v in (i.chat_id, i.digest_date.isoformat())]
                found += await conn.execute_fetchall(
                    f"SELECT {_OUTBOX_COLUMNS} FROM deliveries d WHERE {keys}", args
                )
        return [_outbox(r) for r in found]

    async def open_outbox(self, since_date: date, *, max_attempts: int = 5) -> list[Outbox]:
        """Unfinished deliveries dated ≥ since_date of active subscribers (below max_attempts),
        with the subscriber's `tz` set: the caller keeps those of the reader's local today."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {_OUTBOX_COLUMNS}, s.tz FROM deliveries d"
                " JOIN subscribers s ON s.chat_id = d.chat_id"
                " WHERE d.status NOT IN ('sent', 'blocked') AND d.attempts < ?"
                " AND d.digest_date >= ? AND s.active = 1 AND s.blocked_at IS NULL"
                " ORDER BY d.digest_date, d.id",
                (max_attempts, since_date.isoformat()),
            )
        out = []
        for r in found:
            box = _outbox(r[:-1])
            box.tz = r[-1]
            out.append(box)
        return out

    async def get_outbox(self, delivery_id: int) -> Outbox | None:
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {_OUTBOX_COLUMNS} FROM deliveries d WHERE d.id = ?", (delivery_id,)
            )
        row = rows.first_row(found)
        return _outbox(row) if row else None

    async def delivery_give_up(self, delivery_id: int, error: str, max_attempts: int) -> None:
        """A failure retrying cannot fix (bad request): failed, never picked up again."""
        async with self.db.write() as conn:
            await conn.execute(
                "UPDATE deliveries SET status = 'failed', attempts = MAX(attempts + 1, ?),"
                " error = ?, updated_at = ? WHERE id = ?",
                (max_attempts, error, rows.utc_stamp(), delivery_id),
            )

    # --- run statistics ---------------------------------------------------------------

    async def start_run(self, stats: RunStats) -> int:
        async with self.db.write() as conn:
            row = await conn.execute_insert(
                "INSERT INTO digest_runs(started_at) VALUES (?)", (stats.started_at,)
            )
        assert row is not None
        stats.id = int(row[0])
        return stats.id

    async def finish_run(self, stats: RunStats) -> None:
        sets = ", ".join(f"{c} = ?" for c in RUN_COUNTERS)
        async with self.db.write() as conn:
            await conn.execute(
                f"UPDATE digest_runs SET finished_at = ?, error = ?, {sets} WHERE id = ?",
                (stats.finished_at, stats.error, *(getattr(stats, c) for c in RUN_COUNTERS),
                 stats.id),
            )

    async def digest_runs(self, limit: int = 10) -> list[RunStats]:
        """Newest first; a run without finished_at is still going (or the process died)."""
        cols = ", ".join(("id", "started_at", "finished_at", "error", *RUN_COUNTERS))
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {cols} FROM digest_runs ORDER BY id DESC LIMIT ?", (limit,)
            )
        out = []
        for r in found:
            counters = dict(zip(RUN_COUNTERS, r[4:], strict=True))
            out.append(RunStats(started_at=r[1], finished_at=r[2], error=r[3], id=r[0],
                                **counters))
        return out

    async def delivery_counts(self, digest_date: date | None = None) -> dict[str, int]:
        """Deliveries by status (all dates, or one): the backlog figure for /stats and logs."""
        where, params = ("", [])
        if digest_date is not None:
            where, params = "WHERE digest_date = ?", [digest_date.isoformat()]
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT status, COUNT(*) FROM deliveries {where} GROUP BY status", params
            )
        return {status: count for status, count in found}


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
