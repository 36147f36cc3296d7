"""The digest outbox: one delivery per (chat, local date) with its rendered parts, stored
before the first send, and the statistics of each broadcast run. Owns `deliveries` and
`digest_runs`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from storage import rows
from storage.db import Database

_FIELDS = (
    "id", "chat_id", "digest_date", "status", "attempts", "message_ids", "parts",
    "window_since", "window_until", "error", "created_at", "updated_at",
)
_COLUMNS = ", ".join(f"d.{name}" for name in _FIELDS)
RUN_COUNTERS = (
    "due", "resumed", "sent", "empty", "failed", "blocked", "pending", "messages", "retry_after"
)


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    PARTIAL = "partial"  # some parts confirmed by Telegram
    SENT = "sent"
    FAILED = "failed"  # retried by a later tick below max_attempts
    BLOCKED = "blocked"  # the reader blocked the bot


FINISHED = (DeliveryStatus.SENT, DeliveryStatus.BLOCKED)


@dataclass(slots=True)
class Delivery:
    """A row of `deliveries`: what to send and what Telegram confirmed."""

    id: int
    chat_id: int
    digest_date: date
    status: DeliveryStatus
    attempts: int
    message_ids: list[int]
    parts: list[dict[str, Any]]  # {"text": html, "reply_markup": dict | None}
    window_since: datetime | None
    window_until: datetime | None
    error: str | None = None
    created_at: str = ""
    updated_at: str = ""
    tz: str | None = None  # the subscriber's zone (Outbox.open only)

    @property
    def remaining(self) -> list[dict[str, Any]]:
        return self.parts[len(self.message_ids):]

    @classmethod
    def from_row(cls, row: Any) -> Delivery:
        return cls(
            id=row["id"],
            chat_id=row["chat_id"],
            digest_date=date.fromisoformat(row["digest_date"]),
            status=DeliveryStatus(row["status"]),
            attempts=row["attempts"],
            message_ids=json.loads(row["message_ids"]),
            parts=json.loads(row["parts"]) if row["parts"] else [],
            window_since=_stamp_dt(row["window_since"]),
            window_until=_stamp_dt(row["window_until"]),
            error=row["error"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )


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
        return {k: getattr(self, k)
                for k in ("id", "started_at", "finished_at", *RUN_COUNTERS, "error")}

    @classmethod
    def from_row(cls, row: Any) -> RunStats:
        return cls(started_at=row["started_at"], finished_at=row["finished_at"],
                   error=row["error"], id=row["id"], **{c: row[c] for c in RUN_COUNTERS})


def _stamp_dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None


def _chunks(items: list[NewDelivery], size: int) -> Iterator[list[NewDelivery]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Outbox:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- windows of earlier digests -----------------------------------------------------

    async def last_until(self, since_date: date) -> dict[int, datetime]:
        """chat_id → end of the article window of its latest sent digest dated ≥ since_date."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT chat_id, MAX(window_until) AS until FROM deliveries WHERE status = 'sent'"
                " AND digest_date >= ? AND window_until IS NOT NULL GROUP BY chat_id",
                (since_date.isoformat(),),
            )
        out: dict[int, datetime] = {}
        for r in found:
            until = _stamp_dt(r["until"])
            if until is not None:
                out[r["chat_id"]] = until
        return out

    async def last_window(self, chat_id: int) -> tuple[datetime, datetime] | None:
        """The article window [since, until) of the chat's latest sent digest, if any."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT window_since, window_until FROM deliveries WHERE chat_id = ?"
                " AND status = 'sent' AND window_until IS NOT NULL"
                " ORDER BY window_until DESC LIMIT 1",
                (chat_id,),
            )
        row = rows.first_row(found)
        if row is None:
            return None
        since, until = _stamp_dt(row["window_since"]), _stamp_dt(row["window_until"])
        if since is None or until is None:
            return None
        return since, until

    async def last_error(self, chat_id: int) -> str | None:
        """What Telegram said when the chat's latest delivery stopped (blocked or failed)."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT error FROM deliveries WHERE chat_id = ? AND error IS NOT NULL"
                " ORDER BY updated_at DESC, id DESC LIMIT 1",
                (chat_id,),
            )
        row = rows.first_row(found)
        return row["error"] if row else None

    async def keys(self, since_date: date) -> set[tuple[int, date]]:
        """(chat_id, digest_date) of every delivery dated ≥ since_date."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT chat_id, digest_date FROM deliveries WHERE digest_date >= ?",
                (since_date.isoformat(),),
            )
        return {(r["chat_id"], date.fromisoformat(r["digest_date"])) for r in found}

    # --- creating and resuming -----------------------------------------------------------

    async def create(self, items: list[NewDelivery]) -> list[Delivery]:
        """Create delivery rows WITH their parts (one transaction), before anything is sent.

        A row that already exists for (chat, date) is kept as it is (it may be half sent);
        an existing row without parts and without sent messages gets these parts. A digest
        without parts is recorded as sent right away (nothing new for that reader).
        """
        if not items:
            return []
        now = rows.utc_stamp()
        params = [
            (
                i.chat_id, i.digest_date.isoformat(),
                DeliveryStatus.SENT.value if not i.parts else DeliveryStatus.PENDING.value,
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
            found: list[Any] = []
            for chunk in _chunks(items, 400):
                where = " OR ".join("(d.chat_id = ? AND d.digest_date = ?)" for _ in chunk)
                args = [v for i in chunk for v in (i.chat_id, i.digest_date.isoformat())]
                found += await conn.execute_fetchall(
                    f"SELECT {_COLUMNS} FROM deliveries d WHERE {where}", args
                )
        return [Delivery.from_row(r) for r in found]

    async def open(self, since_date: date, *, max_attempts: int = 5) -> list[Delivery]:
        """Unfinished deliveries dated ≥ since_date of active subscribers (below max_attempts),
        with the subscriber's `tz` set: the caller keeps those of the reader's local today."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {_COLUMNS}, s.tz FROM deliveries d"
                " JOIN subscribers s ON s.chat_id = d.chat_id"
                " WHERE d.status NOT IN ('sent', 'blocked') AND d.attempts < ?"
                " AND d.digest_date >= ? AND s.active = 1 AND s.blocked_at IS NULL"
                " ORDER BY d.digest_date, d.id",
                (max_attempts, since_date.isoformat()),
            )
        out = []
        for r in found:
            box = Delivery.from_row(r)
            box.tz = r["tz"]
            out.append(box)
        return out

    # --- progress of one delivery --------------------------------------------------------

    async def _update(self, delivery_id: int, sql: str, params: tuple[Any, ...]) -> Delivery:
        async with self.db.write() as conn:
            found = await conn.execute_fetchall(
                f"UPDATE deliveries SET {sql}, updated_at = ? WHERE id = ?"
                f" RETURNING {', '.join(_FIELDS)}",
                (*params, rows.utc_stamp(), delivery_id),
            )
        row = rows.first_row(found)
        if row is None:
            raise KeyError(f"no delivery #{delivery_id}")
        return Delivery.from_row(row)

    async def part_sent(self, delivery_id: int, message_id: int) -> Delivery:
        """Record one message Telegram confirmed (call after the send succeeded)."""
        return await self._update(
            delivery_id,
            "message_ids = json_insert(message_ids, '$[#]', ?), status = 'partial'",
            (message_id,),
        )

    async def sent(self, delivery_id: int) -> Delivery:
        return await self._update(delivery_id, "status = 'sent', error = NULL", ())

    async def failed(self, delivery_id: int, error: str) -> Delivery:
        """A failed attempt: counted; the row stays unfinished for a retry."""
        return await self._update(
            delivery_id, "status = 'failed', attempts = attempts + 1, error = ?", (error,)
        )

    async def blocked(self, delivery_id: int, error: str | None = None) -> Delivery:
        return await self._update(
            delivery_id, "status = 'blocked', attempts = attempts + 1, error = ?", (error,)
        )

    async def reopen_blocked(self, chat_id: int, since_date: date) -> int:
        """The chat can be written to again (a channel attached anew): its blocked deliveries
        dated ≥ since_date are unfinished again, from their first unconfirmed part."""
        async with self.db.write() as conn:
            cur = await conn.execute(
                "UPDATE deliveries SET status = CASE WHEN message_ids = '[]' THEN 'pending'"
                " ELSE 'partial' END, error = NULL, updated_at = ? WHERE chat_id = ?"
                " AND status = 'blocked' AND digest_date >= ?",
                (rows.utc_stamp(), chat_id, since_date.isoformat()),
            )
            return cur.rowcount

    async def give_up(self, delivery_id: int, error: str, max_attempts: int) -> Delivery:
        """A failure retrying cannot fix (bad request): failed, never picked up again."""
        return await self._update(
            delivery_id, "status = 'failed', attempts = MAX(attempts + 1, ?), error = ?",
            (max_attempts, error),
        )

    async def counts(self, digest_date: date | None = None) -> dict[DeliveryStatus, int]:
        """Deliveries by status (all dates, or one): the backlog figure for /stats and logs."""
        where: str = ""
        params: list[str] = []
        if digest_date is not None:
            where, params = "WHERE digest_date = ?", [digest_date.isoformat()]
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT status, COUNT(*) AS n FROM deliveries {where} GROUP BY status", params
            )
        return {DeliveryStatus(r["status"]): r["n"] for r in found}

    # --- run statistics ------------------------------------------------------------------

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

    async def runs(self, limit: int = 10) -> list[RunStats]:
        """Newest first; a run without finished_at is still going (or the process died)."""
        cols = ", ".join(("id", "started_at", "finished_at", "error", *RUN_COUNTERS))
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {cols} FROM digest_runs ORDER BY id DESC LIMIT ?", (limit,)
            )
        return [RunStats.from_row(r) for r in found]


def unfinished(boxes: Iterable[Delivery]) -> list[Delivery]:
    """The deliveries that still have something to send."""
    return [b for b in boxes if b.remaining or b.status not in FINISHED]
