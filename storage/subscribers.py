"""Subscribers, follows, digest deliveries and the audit log."""

from __future__ import annotations

import json
import re
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.keys import fold
from storage import rows
from storage.db import Database
from storage.models import AuditEntry, Delivery, FollowKind, Subscriber

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_SUB_COLUMNS = "chat_id, active, delivery_time, tz, created_at, blocked_at"
_DELIVERY_COLUMNS = (
    "id, chat_id, digest_date, status, attempts, message_ids, error, created_at, updated_at"
)


def validate_schedule(delivery_time: str, tz: str) -> None:
    """ValueError (Russian message) unless "HH:MM" and a known IANA zone."""
    if not _TIME.match(delivery_time):
        raise ValueError(f"время должно быть в формате ЧЧ:ММ, получено {delivery_time!r}")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"неизвестный часовой пояс {tz!r}") from exc


def _subscriber(row: tuple) -> Subscriber:
    return Subscriber(row[0], bool(row[1]), row[2], row[3], row[4], row[5])


def _delivery(row: tuple) -> Delivery:
    return Delivery(
        row[0], row[1], date.fromisoformat(row[2]), row[3], row[4], json.loads(row[5]), *row[6:]
    )


class SubscribersMixin:
    db: Database

    async def subscribe(
        self, chat_id: int, *, delivery_time: str = "08:00", tz: str = "Europe/Moscow"
    ) -> Subscriber:
        """Create the subscriber or reactivate it (keeps an existing schedule)."""
        validate_schedule(delivery_time, tz)
        async with self.db.write() as conn:
            await conn.execute(
                "INSERT INTO subscribers(chat_id, delivery_time, tz, created_at)"
                " VALUES (?, ?, ?, ?)"
                " ON CONFLICT(chat_id) DO UPDATE SET active = 1, blocked_at = NULL",
                (chat_id, delivery_time, tz, rows.utc_stamp()),
            )
        sub = await self.get_subscriber(chat_id)
        assert sub is not None
        return sub

    async def get_subscriber(self, chat_id: int) -> Subscriber | None:
        async with self.db.read() as conn:
            found_rows = await conn.execute_fetchall(
                f"SELECT {_SUB_COLUMNS} FROM subscribers WHERE chat_id = ?", (chat_id,)
            )
            row = rows.first_row(found_rows)
        return _subscriber(row) if row else None

    async def list_subscribers(self, *, active_only: bool = True) -> list[Subscriber]:
        where = " WHERE active = 1 AND blocked_at IS NULL" if active_only else ""
        async with self.db.read() as conn:
            found_rows = await conn.execute_fetchall(
                f"SELECT {_SUB_COLUMNS} FROM subscribers{where} ORDER BY chat_id"
            )
            return [_subscriber(r) for r in found_rows]

    async def subscriber_counts(self) -> tuple[int, int]:
        """(active, blocked the bot) for /stats."""
        async with self.db.read() as conn:
            found_rows = await conn.execute_fetchall(
                "SELECT COALESCE(SUM(active = 1 AND blocked_at IS NULL), 0),"
                " COALESCE(SUM(blocked_at IS NOT NULL), 0) FROM subscribers"
            )
        active, blocked = rows.first_row(found_rows)
        return int(active), int(blocked)

    async def _update_subscriber(self, chat_id: int, sql: str, params: tuple) -> bool:
        async with self.db.write() as conn:
            cur = await conn.execute(
                f"UPDATE subscribers SET {sql} WHERE chat_id = ?", (*params, chat_id)
            )
            return cur.rowcount > 0

    async def unsubscribe(self, chat_id: int) -> bool:
        return await self._update_subscriber(chat_id, "active = 0", ())

    async def set_schedule(self, chat_id: int, delivery_time: str, tz: str) -> bool:
        validate_schedule(delivery_time, tz)
        return await self._update_subscriber(
            chat_id, "delivery_time = ?, tz = ?", (delivery_time, tz)
        )

    async def mark_blocked(self, chat_id: int) -> bool:
        """The user blocked the bot (403): stop sending, keep the subscription settings."""
        return await self._update_subscriber(
            chat_id, "blocked_at = COALESCE(blocked_at, ?)", (rows.utc_stamp(),)
        )

    async def reactivate(self, chat_id: int) -> bool:
        return await self._update_subscriber(chat_id, "active = 1, blocked_at = NULL", ())

    async def follow(self, chat_id: int, kind: FollowKind, value: str) -> bool:
        """Follow a person or topic (stored folded: lower case, ё → е). False if already.

        The chat must be a subscriber (sqlite3.IntegrityError otherwise)."""
        kind = FollowKind(kind)  # ValueError for anything else
        async with self.db.write() as conn:
            cur = await conn.execute(
                "INSERT INTO follows(chat_id, kind, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (chat_id, kind, fold(value)),
            )
            return cur.rowcount > 0

    async def unfollow(self, chat_id: int, kind: FollowKind, value: str) -> bool:
        async with self.db.write() as conn:
            cur = await conn.execute(
                "DELETE FROM follows WHERE chat_id = ? AND kind = ? AND value = ?",
                (chat_id, kind, fold(value)),
            )
            return cur.rowcount > 0

    async def follows(self, chat_id: int) -> list[tuple[FollowKind, str]]:
        async with self.db.read() as conn:
            found_rows = await conn.execute_fetchall(
                "SELECT kind, value FROM follows WHERE chat_id = ? ORDER BY kind, value",
                (chat_id,),
            )
            return [(FollowKind(r[0]), r[1]) for r in found_rows]

    # --- deliveries -------------------------------------------------------------------

    async def delivery(self, chat_id: int, digest_date: date) -> Delivery:
        """The delivery row for (subscriber, date), created as "pending" if missing."""
        now = rows.utc_stamp()
        async with self.db.write() as conn:
            await conn.execute(
                "INSERT OR IGNORE INTO deliveries(chat_id, digest_date, created_at, updated_at)"
                " VALUES (?, ?, ?, ?)",
                (chat_id, digest_date.isoformat(), now, now),
            )
            found_rows = await conn.execute_fetchall(
                f"SELECT {_DELIVERY_COLUMNS} FROM deliveries WHERE chat_id = ? AND digest_date = ?",
                (chat_id, digest_date.isoformat()),
            )
            row = rows.first_row(found_rows)
        assert row is not None
        return _delivery(row)

    async def _update_delivery(self, delivery_id: int, sql: str, params: tuple) -> Delivery:
        async with self.db.write() as conn:
            found_rows = await conn.execute_fetchall(
                f"UPDATE deliveries SET {sql}, updated_at = ? WHERE id = ?"
                f" RETURNING {_DELIVERY_COLUMNS}",
                (*params, rows.utc_stamp(), delivery_id),
            )
            row = rows.first_row(found_rows)
        if row is None:
            raise KeyError(f"no delivery #{delivery_id}")
        return _delivery(row)

    async def delivery_part_sent(self, delivery_id: int, message_id: int) -> Delivery:
        """Record one message Telegram confirmed (call after the send succeeded)."""
        return await self._update_delivery(
            delivery_id,
            "message_ids = json_insert(message_ids, '$[#]', ?), status = 'partial'",
            (message_id,),
        )

    async def delivery_sent(self, delivery_id: int) -> Delivery:
        return await self._update_delivery(delivery_id, "status = 'sent', error = NULL", ())

    async def delivery_failed(self, delivery_id: int, error: str) -> Delivery:
        """A failed attempt: counted; the row stays unfinished for a retry."""
        return await self._update_delivery(
            delivery_id, "status = 'failed', attempts = attempts + 1, error = ?", (error,)
        )

    async def delivery_blocked(self, delivery_id: int, error: str | None = None) -> Delivery:
        return await self._update_delivery(
            delivery_id, "status = 'blocked', attempts = attempts + 1, error = ?", (error,)
        )

    # --- audit log --------------------------------------------------------------------

    async def audit(
        self,
        actor: int | None,
        action: str,
        article_id: int | None = None,
        detail: str | None = None,
    ) -> int:
        async with self.db.write() as conn:
            cur = await conn.execute(
                "INSERT INTO audit_log(actor, action, article_id, detail, at) VALUES (?,?,?,?,?)",
                (actor, action, article_id, detail, rows.utc_stamp()),
            )
            assert cur.lastrowid is not None
            return cur.lastrowid

    async def audit_log(
        self, *, limit: int = 50, article_id: int | None = None
    ) -> list[AuditEntry]:
        """Newest first."""
        where, params = (
            ("WHERE article_id = ?", [article_id]) if article_id is not None else ("", [])
        )
        async with self.db.read() as conn:
            found_rows = await conn.execute_fetchall(
                f"SELECT id, actor, action, article_id, detail, at FROM audit_log {where}"
                " ORDER BY id DESC LIMIT ?",
                [*params, limit],
            )
            return [AuditEntry(*r) for r in found_rows]
