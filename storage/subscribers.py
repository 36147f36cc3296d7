"""Subscribers and what they follow. Owns `subscribers` and `follows`.

Times and zones arrive checked (core.config); defaults are the caller's (core.subscriptions).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from digest.keys import fold
from storage import rows
from storage.db import Database

_COLUMNS = "chat_id, active, delivery_time, tz, created_at, blocked_at"


class FollowKind(StrEnum):
    """What a reader follows, and what a search query is: a person or a topic."""

    PERSON = "person"
    TOPIC = "topic"


@dataclass(frozen=True, slots=True)
class Subscriber:
    chat_id: int
    active: bool
    delivery_time: str  # "HH:MM"
    tz: str  # IANA zone
    created_at: str
    blocked_at: str | None

    @classmethod
    def from_row(cls, row: Any) -> Subscriber:
        return cls(row["chat_id"], bool(row["active"]), row["delivery_time"], row["tz"],
                   row["created_at"], row["blocked_at"])


class SubscriberRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def subscribe(self, chat_id: int, *, delivery_time: str, tz: str) -> Subscriber:
        """Create the subscriber or reactivate it (an existing schedule is kept)."""
        async with self.db.write() as conn:
            found = await conn.execute_fetchall(
                "INSERT INTO subscribers(chat_id, delivery_time, tz, created_at)"
                " VALUES (?, ?, ?, ?)"
                " ON CONFLICT(chat_id) DO UPDATE SET active = 1, blocked_at = NULL"
                f" RETURNING {_COLUMNS}",
                (chat_id, delivery_time, tz, rows.utc_stamp()),
            )
        row = rows.first_row(found)
        assert row is not None
        return Subscriber.from_row(row)

    async def get(self, chat_id: int) -> Subscriber | None:
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM subscribers WHERE chat_id = ?", (chat_id,)
            )
        row = rows.first_row(found)
        return Subscriber.from_row(row) if row else None

    async def all(self, *, active_only: bool = True) -> list[Subscriber]:
        where = " WHERE active = 1 AND blocked_at IS NULL" if active_only else ""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM subscribers{where} ORDER BY chat_id"
            )
        return [Subscriber.from_row(r) for r in found]

    async def counts(self) -> tuple[int, int]:
        """(active, blocked the bot) for /stats."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT COALESCE(SUM(active = 1 AND blocked_at IS NULL), 0) AS active,"
                " COALESCE(SUM(blocked_at IS NOT NULL), 0) AS blocked FROM subscribers"
            )
        row = rows.first_row(found)
        assert row is not None
        return int(row["active"]), int(row["blocked"])

    async def _update(self, chat_id: int, sql: str, params: tuple[Any, ...]) -> bool:
        async with self.db.write() as conn:
            cur = await conn.execute(
                f"UPDATE subscribers SET {sql} WHERE chat_id = ?", (*params, chat_id)
            )
            return cur.rowcount > 0

    async def unsubscribe(self, chat_id: int) -> bool:
        return await self._update(chat_id, "active = 0", ())

    async def set_schedule(self, chat_id: int, delivery_time: str, tz: str) -> bool:
        return await self._update(chat_id, "delivery_time = ?, tz = ?", (delivery_time, tz))

    async def mark_blocked(self, chat_id: int) -> bool:
        """The user blocked the bot (403): stop sending, keep the subscription settings."""
        return await self._update(
            chat_id, "blocked_at = COALESCE(blocked_at, ?)", (rows.utc_stamp(),)
        )

    async def reactivate(self, chat_id: int) -> bool:
        return await self._update(chat_id, "active = 1, blocked_at = NULL", ())

    async def follow(self, chat_id: int, kind: FollowKind, value: str) -> bool:
        """Follow a person or topic (stored folded: lower case, ё → е). False if already.

        The chat must be a subscriber (sqlite3.IntegrityError otherwise)."""
        kind = FollowKind(kind)  # ValueError for anything else
        async with self.db.write() as conn:
            cur = await conn.execute(
                "INSERT INTO follows(chat_id, kind, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (chat_id, kind.value, fold(value)),
            )
            return cur.rowcount > 0

    async def unfollow(self, chat_id: int, kind: FollowKind, value: str) -> bool:
        async with self.db.write() as conn:
            cur = await conn.execute(
                "DELETE FROM follows WHERE chat_id = ? AND kind = ? AND value = ?",
                (chat_id, FollowKind(kind).value, fold(value)),
            )
            return cur.rowcount > 0

    async def follows(self, chat_id: int) -> list[tuple[FollowKind, str]]:
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT kind, value FROM follows WHERE chat_id = ? ORDER BY kind, value",
                (chat_id,),
            )
        return [(FollowKind(r["kind"]), r["value"]) for r in found]

    async def all_follows(
        self, chat_ids: Iterable[int] | None = None
    ) -> dict[int, list[tuple[FollowKind, str]]]:
        """chat_id → [(kind, value)] for every chat (of `chat_ids`) that follows something."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT chat_id, kind, value FROM follows ORDER BY chat_id, kind, value"
            )
        wanted = set(chat_ids) if chat_ids is not None else None
        out: dict[int, list[tuple[FollowKind, str]]] = {}
        for r in found:
            if wanted is None or r["chat_id"] in wanted:
                out.setdefault(r["chat_id"], []).append((FollowKind(r["kind"]), r["value"]))
        return out
